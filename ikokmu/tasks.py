"""The worker's heartbeat: a task that runs every minute and queues its own next run.

`/gesundheit/` (ikokmu.views.HealthView) reads when it last ran. Because it goes through the
queue like the survey mail, a fresh heartbeat proves that a worker takes tasks and finishes them,
not only that its process exists. `manage.py worker` queues the first one at start.
"""

import datetime

from django.tasks import TaskResultStatus, task
from django.utils import timezone

HEARTBEAT_INTERVAL = datetime.timedelta(minutes=1)
# Longer than a batch of survey mail takes, so a busy worker does not look dead.
HEARTBEAT_MAX_AGE = datetime.timedelta(minutes=5)
_KEEP = datetime.timedelta(minutes=30)


@task
def worker_heartbeat() -> str:
    """Record that a worker is alive (the result's finish time is the heartbeat); forget old
    heartbeats and queue the next one."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    DBTaskResult.objects.filter(
        task_path=worker_heartbeat.module_path,
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=now - _KEEP,
    ).delete()
    heartbeat_schedule(after=HEARTBEAT_INTERVAL)
    return now.isoformat()


def heartbeat_schedule(*, after: datetime.timedelta = datetime.timedelta(0)) -> bool:
    """Queue the next heartbeat unless one is waiting (several workers, or a restart, must not
    start a second chain). Returns whether one was queued."""
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.filter(
        task_path=worker_heartbeat.module_path, status=TaskResultStatus.READY
    ).exists():
        return False
    worker_heartbeat.using(run_after=timezone.now() + after).enqueue()
    return True


def last_heartbeat() -> datetime.datetime | None:
    """When a worker last finished a heartbeat (None if never)."""
    from django.db.models import Max
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=worker_heartbeat.module_path, status=TaskResultStatus.SUCCESSFUL
    ).aggregate(last=Max("finished_at"))["last"]
