"""`manage.py worker`: django_tasks_db's database worker (same options as `db_worker`). At start
it puts back on the queue the survey mail a stopped worker left half done
(surveys.mailing.mail_recover) — a worker killed mid-batch leaves its task marked as running for
good, and the invitations it had not reached would otherwise wait forever — and makes sure the
hourly clean-up of failed link attempts is queued (surveys.tasks.purge_token_failures)."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand


class Command(DatabaseWorkerCommand):
    help = "Runs the background worker; sends survey mail left over from a stopped worker first."

    def handle(self, *args, **options):
        import os

        from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

        from surveys.mailing import mail_recover
        from surveys.tasks import housekeeping_schedule

        # With --reload the command runs twice (watcher and child); recover once, in the child
        # that works (or in the only process without --reload).
        if not options.get("reload") or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            from ikokmu.worker import recover_all

            queued = mail_recover() + recover_all()  # survey mail, then the other apps' work
            housekeeping_schedule()
            if queued and options.get("verbosity", 1):
                self.stdout.write(f"{queued} Aufgaben für unterbrochenen Versand neu eingereiht.")
        return super().handle(*args, **options)
