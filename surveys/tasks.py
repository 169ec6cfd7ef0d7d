"""Background work of the questionnaire, run by django_tasks_db's worker (`manage.py worker`,
started by `make run`; see README "Der Hintergrunddienst").

The tasks only name a round or a reminder; which invitations they send is decided when they run,
under row locks (surveys.mailing), so a task queued twice or run after a restart never sends an
invitation twice.
"""

import datetime

from django.tasks import task
from django.utils import timezone

from surveys import mailing, services

HOUSEKEEPING_INTERVAL = datetime.timedelta(hours=1)


@task
def send_invitations(round_id: int) -> int:
    """Send up to one batch of the round's queued invitations."""
    return mailing.invitations_send_batch(round_id=round_id)


@task
def start_reminder(reminder_id: int) -> int:
    """Start a reminder when it is due (enqueued with run_after = its date)."""
    return mailing.reminder_start(reminder_id=reminder_id)


@task
def send_reminders(reminder_id: int) -> int:
    """Send up to one batch of a started reminder."""
    return mailing.reminders_send_batch(reminder_id=reminder_id)


@task
def purge_token_failures() -> int:
    """Hourly: forget the client addresses of failed link attempts once outside the rate-limit
    window; the task queues its next run itself."""
    deleted = services.token_failures_purge()
    housekeeping_schedule(after=HOUSEKEEPING_INTERVAL)
    return deleted


def housekeeping_schedule(*, after: datetime.timedelta = datetime.timedelta(0)) -> bool:
    """Queue the next clean-up unless one is waiting already (a worker restart must not start a
    second chain). Returns whether one was queued."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=purge_token_failures.module_path, status="READY"
    ).exists()
    if waiting:
        return False
    purge_token_failures.using(run_after=timezone.now() + after).enqueue()
    return True
