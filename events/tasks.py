"""Background work of events, run by the platform's task worker (`manage.py worker`)."""

from django.tasks import task

from events import mailing, services


@task
def send_event_mail(mail_id: int) -> bool:
    return mailing.mail_send(mail_id=mail_id)


@task
def send_event_reminders(event_id: int) -> int:
    """Queue the reminders of an event, the day before (enqueued with run_after)."""
    return services.event_reminders_queue(event_id=event_id)
