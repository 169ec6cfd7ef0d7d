"""Feeds the audit trail from Django's authentication and permission signals, and starts the
session clocks of a sign-in (ikokmu.middleware.StaffSessionTimeoutMiddleware)."""

from axes.signals import user_locked_out
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from ikokmu.middleware import start_session_clock
from ikokmu.models import AuditEvent
from ikokmu.roles import forget_roles
from ikokmu.services import audit_record

User = get_user_model()


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    audit_record(
        kind=AuditEvent.Kind.LOGIN, summary=user.get_username(), actor=user, request=request
    )


@receiver(user_logged_in)
def start_idle_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        start_session_clock(request.session)


@receiver(user_logged_out)
def record_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(
            kind=AuditEvent.Kind.LOGOUT, summary=user.get_username(), actor=user, request=request
        )


@receiver(user_login_failed)
def record_failed_login(sender, credentials, request=None, **kwargs):
    attempted = str(credentials.get("username", ""))[:150]
    audit_record(
        kind=AuditEvent.Kind.LOGIN_FAILED,
        summary=attempted,
        request=request,
        detail={"username": attempted},
    )


@receiver(user_locked_out)
def record_lockout(sender, request, username, ip_address, **kwargs):
    audit_record(
        kind=AuditEvent.Kind.LOGIN_FAILED,
        summary=f"{username or ''} (gesperrt)",
        request=request,
        detail={"username": username or "", "locked_out": True},
    )


# The audit log is read by the project team: its lines speak German, whatever the code calls it.
_RELATION_WORDS = {
    "groups": {
        "post_add": "Rolle hinzugefügt",
        "post_remove": "Rolle entzogen",
        "post_clear": "alle Rollen entzogen",
    },
    "permissions": {
        "post_add": "Einzelrecht hinzugefügt",
        "post_remove": "Einzelrecht entzogen",
        "post_clear": "alle Einzelrechte entzogen",
    },
}
_FLAG_WORDS = {
    "is_superuser": ("Superuser-Rechte erteilt", "Superuser-Rechte entzogen"),
    "is_staff": ("Zugang zur Verwaltung erteilt", "Zugang zur Verwaltung entzogen"),
    "is_active": ("Zugang aktiviert", "Zugang deaktiviert"),
}


def _record_m2m_change(relation: str, instance, action: str, model, pk_set) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, User):
        users, names = [instance], sorted(str(o) for o in model.objects.filter(pk__in=pk_set or []))
    else:  # changed from the group's or permission's side
        users, names = list(User.objects.filter(pk__in=pk_set or [])), [str(instance)]
    what = _RELATION_WORDS[relation][action]
    for user in users:
        forget_roles(user)
        audit_record(
            kind=AuditEvent.Kind.PERMISSION_CHANGE,
            summary=f"{user.get_username()}: {what}" + (f" ({', '.join(names)})" if names else ""),
            detail={"user": user.get_username(), relation: names, "action": action},
        )


@receiver(m2m_changed, sender=User.groups.through)
def record_group_change(sender, instance, action, model, pk_set, **kwargs):
    _record_m2m_change("groups", instance, action, model, pk_set)


@receiver(m2m_changed, sender=User.user_permissions.through)
def record_permission_change(sender, instance, action, model, pk_set, **kwargs):
    _record_m2m_change("permissions", instance, action, model, pk_set)


_WATCHED_FLAGS = ("is_superuser", "is_staff", "is_active")


@receiver(pre_save, sender=User)
def record_flag_change(sender, instance, raw=False, **kwargs):
    """Granting or revoking superuser, admin access or the account itself is a permission change."""
    if raw or instance.pk is None:
        return
    before = User.objects.filter(pk=instance.pk).values(*_WATCHED_FLAGS).first()
    if before is None:
        return
    changed = {
        flag: getattr(instance, flag)
        for flag in _WATCHED_FLAGS
        if before[flag] != getattr(instance, flag)
    }
    if changed:
        forget_roles(instance)
        audit_record(
            kind=AuditEvent.Kind.PERMISSION_CHANGE,
            summary=f"{instance.get_username()}: "
            + ", ".join(_FLAG_WORDS[flag][0 if value else 1] for flag, value in changed.items()),
            detail={"user": instance.get_username(), **changed},
        )


@receiver(post_save, sender=LogEntry)
def record_admin_deletion(sender, instance, created, raw=False, **kwargs):
    """Deletions made in the admin; the apps record their own deletions through audit_record."""
    if created and not raw and instance.action_flag == DELETION:
        audit_record(
            kind=AuditEvent.Kind.DELETION,
            summary=f"{instance.content_type.name}: {instance.object_repr}"[:500],
            actor=instance.user,
            detail={"model": instance.content_type.model, "object_id": instance.object_id},
        )
