"""A district membership grants access to a district's data, so changes go to the audit trail."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from districts.models import DistrictMembership
from ikokmu.models import AuditEvent
from ikokmu.services import audit_record


@receiver(post_save, sender=DistrictMembership)
def record_membership_added(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        _record(instance, "added")


@receiver(post_delete, sender=DistrictMembership)
def record_membership_removed(sender, instance, **kwargs):
    _record(instance, "removed")


# The audit log speaks German; the detail keeps the machine-readable action.
_ACTION_WORDS = {"added": "zugeordnet", "removed": "entzogen"}


def _record(membership: DistrictMembership, action: str) -> None:
    username = membership.user.get_username()
    audit_record(
        kind=AuditEvent.Kind.PERMISSION_CHANGE,
        summary=f"{username}: Landkreis {membership.district.official_key} "
        f"({membership.district.name}) {_ACTION_WORDS[action]}",
        detail={"user": username, "district": membership.district.name, "action": action},
    )
