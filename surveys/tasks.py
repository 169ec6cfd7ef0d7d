"""Background work of the questionnaire, run by django_tasks_db's worker (`manage.py worker`,
started by `make run`; see README "Der Hintergrunddienst").

The tasks only name a round or a reminder; which invitations they send is decided when they run,
under row locks (surveys.mailing), so a task queued twice or run after a restart never sends an
invitation twice.
"""

from django.tasks import task

from surveys import mailing


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
