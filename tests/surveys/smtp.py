"""A real SMTP server on localhost for tests and benchmarks (aiosmtpd), collecting what it
receives.

    with SmtpServer(refuse={"kaputt@example.org"}) as smtp:
        with override_settings(MAILERS=smtp.mailers):
            ...
        smtp.messages  # email.message.EmailMessage objects, in the order accepted

`refuse` addresses get "550" at RCPT, like a mailbox that does not exist. `before_accept`
(called with the message, before the server answers 250) lets a test act at a precise moment,
for example kill the worker while it waits for the answer.
"""

import email
import email.policy
import logging
import socket
import threading

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Handler:
    def __init__(self, server: "SmtpServer"):
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.server.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        if self.server.before_accept is not None:
            answer = self.server.before_accept(message)
            if answer:
                return answer
        with self.server.lock:
            # Recorded only when accepted: a message the client never got a 250 for is not
            # delivered, as with a real server.
            self.server.messages.append(message)
            self.server.envelopes.append(list(envelope.rcpt_tos))
        return "250 Message accepted"


class SmtpServer:
    def __init__(self, refuse=(), before_accept=None):
        self.refuse = {address.lower() for address in refuse}
        self.before_accept = before_accept
        self.messages: list = []
        self.envelopes: list[list[str]] = []
        self.lock = threading.Lock()
        self.port = free_port()
        # aiosmtpd logs every SMTP command at INFO.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def mailers(self) -> dict:
        """settings.MAILERS for Django's SMTP backend talking to this server."""
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": 10},
            }
        }

    @property
    def environment(self) -> dict:
        """The same as environment variables, for a worker started as a subprocess."""
        return {
            "MAIL_BACKEND": "smtp",
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(self.port),
            "SMTP_STARTTLS": "false",
        }

    def recipients(self) -> list[str]:
        with self.lock:
            return [address.lower() for rcpts in self.envelopes for address in rcpts]

    def to(self, address: str) -> list:
        with self.lock:
            return [m for m in self.messages if m["To"].addresses[0].addr_spec == address]


def run_tasks() -> int:
    """Run the queued tasks that are due, in this process and this transaction, the way
    django_tasks_db's worker runs them (its own run_task); returns how many ran. For tests in a
    TestCase, where the real worker's connection handling would end the test's transaction."""
    from django.db import transaction
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    count = 0
    while True:
        with transaction.atomic():
            result = DBTaskResult.objects.ready().get_locked()
            if result is None:
                return count
            result.claim("test")
        worker.run_task(result)
        count += 1
