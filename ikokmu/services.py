"""Writes of the platform core: the audit trail and the legal pages."""

from django.db import transaction

from ikokmu.client import client_address
from ikokmu.models import AuditEvent, LegalPage


def audit_record(
    *,
    kind: AuditEvent.Kind,
    summary: str,
    actor=None,
    request=None,
    detail: dict | None = None,
) -> AuditEvent:
    """Append one event to the audit trail.

    Other apps call this for exports, PDF downloads and deletions. `actor` defaults to the
    request's user; an anonymous actor is stored with an empty name.
    """
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    signed_in = actor is not None and actor.is_authenticated
    return AuditEvent.objects.create(
        kind=kind,
        summary=summary[:500],
        actor_id=actor.pk if signed_in else None,
        actor_username=actor.get_username() if signed_in else "",
        ip_address=client_address(request),
        detail=detail or {},
    )


@transaction.atomic
def legal_page_update(*, page: LegalPage, title: str, body: str) -> LegalPage:
    """Save new text for a legal page; simple_history keeps the earlier versions."""
    page.title = title
    page.body = body
    page.save(update_fields=["title", "body", "updated_at"])
    return page
