"""Reads of the platform core."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone

from ikokmu.models import AuditEvent
from ikokmu.roles import ROLE_GROUPS, Role


def audit_events(*, kind: str | None = None, username: str | None = None):
    events = AuditEvent.objects.all()
    if kind:
        events = events.filter(kind=kind)
    if username:
        events = events.filter(actor_username__iexact=username)
    return events


def platform_figures() -> dict:
    """Users per role and security events of the last seven days, in two queries."""
    since = timezone.now() - timedelta(days=7)
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .aggregate(
            total=Count("pk", distinct=True),
            **{
                role.value: Count("pk", filter=Q(groups__name=group), distinct=True)
                for role, group in ROLE_GROUPS.items()
            },
        )
    )
    events = AuditEvent.objects.filter(occurred_at__gte=since).aggregate(
        logins=Count("pk", filter=Q(kind=AuditEvent.Kind.LOGIN)),
        failed_logins=Count("pk", filter=Q(kind=AuditEvent.Kind.LOGIN_FAILED)),
        permission_changes=Count("pk", filter=Q(kind=AuditEvent.Kind.PERMISSION_CHANGE)),
    )
    return {
        "users_total": users["total"],
        "users_project_team": users[Role.PROJECT_TEAM.value],
        "users_interview_team": users[Role.INTERVIEW_TEAM.value],
        "users_district_staff": users[Role.DISTRICT_STAFF.value],
        **events,
    }
