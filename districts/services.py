"""Writes of the districts app."""

import json
from datetime import date

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from districts.models import Activity, Contact, District, StageChange
from ikokmu.models import AuditEvent
from ikokmu.services import audit_record


@transaction.atomic
def district_change_stage(*, district: District, stage: str, user, note: str = "") -> District:
    """Move a district to another project stage and record the step."""
    if district.stage != stage:
        district.stage = stage
        district.save(update_fields=["stage"])
    StageChange.objects.create(district=district, stage=stage, changed_by=user, note=note)
    return district


def contact_personal_data(*, contact: Contact) -> dict:
    """Everything stored about one person (DSGVO Art. 15), as plain data, with what other apps
    hold about the person (districts.sections.register_personal_data)."""
    from districts.sections import personal_data_sources

    organization = contact.organization
    return {
        "exported_at": timezone.now(),
        "person": {
            "first_name": contact.first_name,
            "last_name": contact.last_name,
            "function": contact.function,
            "email": contact.email,
            "phone": contact.phone,
            "organization": organization.name,
            "district": organization.district.name,
            "legal_basis": contact.get_legal_basis_display(),
            "legal_basis_date": contact.legal_basis_date,
            "legal_basis_note": contact.legal_basis_note,
            "delete_after": contact.delete_after,
            "created_at": contact.created_at,
        },
        "activities": [
            {
                "date": activity.date,
                "kind": activity.get_kind_display(),
                "title": activity.title,
                "summary": activity.summary,
                "outcome": activity.outcome,
            }
            for activity in contact.activities.order_by("date")
        ],
        "history": [
            {
                "changed_at": record.history_date,
                "change": record.get_history_type_display(),
                "by": record.history_user.get_username() if record.history_user else "",
                "last_name": record.last_name,
                "email": record.email,
                "phone": record.phone,
                "function": record.function,
            }
            for record in contact.history.select_related("history_user").order_by("history_date")
        ],
        **{source.key: source.export(contact) for source in personal_data_sources()},
    }


def contact_export_personal_data(*, contact: Contact, request=None) -> bytes:
    data = contact_personal_data(contact=contact)
    audit_record(
        kind=AuditEvent.Kind.EXPORT,
        summary=f"Auskunft (Art. 15 DSGVO): Ansprechperson {contact.pk}",
        request=request,
        detail={"contact": contact.pk},
    )
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


@transaction.atomic
def contact_erase(*, contact: Contact, request=None, reason: str = "") -> None:
    """Erase a person (DSGVO Art. 17) everywhere.

    The contact row goes, with it the links from activities (their summaries stay, without the
    person), the stored history of the contact, which would otherwise keep the old values, and
    what other apps hold about the person (districts.sections.register_personal_data).
    """
    from districts.sections import personal_data_sources

    contact_id = contact.pk
    for source in personal_data_sources():
        source.erase(contact)
    contact.activities.clear()
    contact.delete()
    Contact.history.filter(id=contact_id).delete()
    audit_record(
        kind=AuditEvent.Kind.DELETION,
        summary=f"Ansprechperson {contact_id} gelöscht (Art. 17 DSGVO) {reason}".strip(),
        request=request,
        detail={"contact": contact_id, "reason": reason},
    )


def contacts_erase_expired(*, today: date | None = None) -> int:
    """Erase every contact whose deletion date has passed; returns how many."""
    today = today or timezone.localdate()
    expired = list(Contact.objects.filter(delete_after__lt=today))
    for contact in expired:
        contact_erase(contact=contact, reason="Löschdatum erreicht")
    return len(expired)


@transaction.atomic
def activity_mark_follow_up_done(*, activity: Activity) -> Activity:
    activity.follow_up_done = True
    activity.save(update_fields=["follow_up_done"])
    return activity
