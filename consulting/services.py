"""Writes of the consulting app: the phase rules live here."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from consulting.models import (
    PHASE_ORDER,
    Agreement,
    CaseDocument,
    CaseReport,
    ConsultingCase,
    Goal,
    NeedsAssessment,
    NeedsRating,
    Phase,
    PhaseChange,
    Recommendation,
)
from ikokmu.models import AuditEvent
from ikokmu.services import audit_record

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
ALLOWED_DOCUMENTS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".txt": "text/plain",
}
# The first bytes each type must start with, so a renamed executable is not taken for a PDF.
SIGNATURES = {
    ".pdf": [b"%PDF"],
    ".docx": [b"PK\x03\x04"],
    ".odt": [b"PK\x03\x04"],
    ".xlsx": [b"PK\x03\x04"],
    ".png": [b"\x89PNG"],
    ".jpg": [b"\xff\xd8\xff"],
    ".jpeg": [b"\xff\xd8\xff"],
}


@transaction.atomic
def case_create(
    *,
    organization,
    title,
    advisers,
    start_date,
    user,
    planned_end_date=None,
    origin=ConsultingCase.Origin.OTHER,
    origin_activity=None,
    origin_note="",
):
    """Open a case for an organisation; its district and case type follow the organisation."""
    kinds = {"sme", "municipality", "district_office"}
    case = ConsultingCase.objects.create(
        organization=organization,
        district=organization.district,
        title=title,
        case_type=organization.kind if organization.kind in kinds else "sme",
        start_date=start_date,
        planned_end_date=planned_end_date,
        origin=origin,
        origin_activity=origin_activity,
        origin_note=origin_note,
    )
    case.advisers.set(advisers)
    PhaseChange.objects.create(
        case=case,
        from_phase=Phase.REQUEST,
        to_phase=Phase.REQUEST,
        reason=_("Fall angelegt"),
        changed_by=user,
    )
    return case


def phase_requirements_missing(case: ConsultingCase, target: str) -> list[str]:
    """What a case still lacks before it may enter `target` (German, for the user)."""
    missing = []
    if target == Phase.GOAL_AGREEMENT:
        assessment = NeedsAssessment.objects.filter(case=case).first()
        if assessment is None or not assessment.ratings.exists():
            missing.append(_("Zuerst die Bedarfsanalyse mit mindestens einer Bewertung erfassen."))
    if (
        target == Phase.IMPLEMENTATION
        and not Agreement.objects.filter(case=case, goals__isnull=False).exists()
    ):
        missing.append(_("Zuerst die Zielvereinbarung mit mindestens einem Ziel erfassen."))
    if target == Phase.CLOSING and not case.final_report_text.strip():
        missing.append(_("Zum Abschluss fehlt der Text des Abschlussberichts."))
    return missing


@transaction.atomic
def case_change_phase(*, case: ConsultingCase, target: str, user, reason: str = ""):
    """Move a case to another phase, following the rules of the consulting process.

    Forward: one phase at a time, each with what it requires. Back: to any earlier phase, with
    a reason. Cancel: from any open phase, with a reason. Raises ValidationError (German).
    """
    case = ConsultingCase.objects.select_for_update().get(pk=case.pk)
    current = case.phase
    reason = reason.strip()
    if target == current:
        raise ValidationError(_("Der Fall ist bereits in dieser Phase."))
    if current == Phase.CANCELLED:
        raise ValidationError(_("Ein abgebrochener Fall kann nicht fortgesetzt werden."))
    if target == Phase.CANCELLED:
        if current == Phase.CLOSING:
            raise ValidationError(_("Ein abgeschlossener Fall kann nicht abgebrochen werden."))
        if not reason:
            raise ValidationError({"reason": _("Bitte den Grund für den Abbruch angeben.")})
        case.cancel_reason = reason
    else:
        here, there = PHASE_ORDER.index(current), PHASE_ORDER.index(target)
        if there > here + 1:
            raise ValidationError(
                _("Phasen werden der Reihe nach durchlaufen; als Nächstes kommt „%(next)s“.")
                % {"next": PHASE_ORDER[here + 1].label}
            )
        if there < here and not reason:
            raise ValidationError(
                {"reason": _("Bitte begründen, warum der Fall in eine frühere Phase zurückgeht.")}
            )
        if there > here:
            missing = phase_requirements_missing(case, target)
            if missing:
                raise ValidationError(missing)
        case.closed_on = timezone.localdate() if target == Phase.CLOSING else None
    PhaseChange.objects.create(
        case=case, from_phase=current, to_phase=target, reason=reason, changed_by=user
    )
    case.phase = target
    case.save()
    return case


@transaction.atomic
def case_reopen(*, case: ConsultingCase, user, reason: str, request=None):
    """Open a closed case again, back in implementation: the project team's decision, with a
    reason, kept in the case's history and in the audit trail (a closed case is read-only, so
    reopening gives back the right to change it)."""
    reason = reason.strip()
    if not case.is_closed:
        raise ValidationError(_("Nur ein abgeschlossener Fall kann wieder geöffnet werden."))
    if not reason:
        raise ValidationError(
            {"reason": _("Bitte begründen, warum der Fall wieder geöffnet wird.")}
        )
    case = case_change_phase(case=case, target=Phase.IMPLEMENTATION, user=user, reason=reason)
    audit_record(
        kind=AuditEvent.Kind.PERMISSION_CHANGE,
        request=request,
        actor=user,
        summary=f"Beratungsfall {case.pk} wieder geöffnet: {reason}",
        detail={"case": case.pk, "reason": reason},
    )
    return case


@transaction.atomic
def needs_assessment_save(*, case, assessed_on, participants, findings, ratings):
    """Record the needs assessment; `ratings` maps field of action → (current, importance),
    with None for fields that were not assessed."""
    assessment, _created = NeedsAssessment.objects.update_or_create(
        case=case,
        defaults={"assessed_on": assessed_on, "participants": participants, "findings": findings},
    )
    assessment.ratings.all().delete()
    NeedsRating.objects.bulk_create(
        NeedsRating(
            assessment=assessment,
            field_of_action=field,
            current_state=current,
            importance=importance,
        )
        for field, (current, importance) in ratings.items()
        if current is not None and importance is not None
    )
    return assessment


def agreement_allowed(case) -> list[str]:
    return phase_requirements_missing(case, Phase.GOAL_AGREEMENT)


@transaction.atomic
def recommendation_accept_suggestion(*, case, measure=None, offer=None, reasons=()):
    """Take a suggestion of the catalogue's matching into the case, with its reasons. It starts
    as proposed: the organisation has not accepted anything yet."""
    existing = Recommendation.objects.filter(case=case, measure=measure, offer=offer).first()
    if existing:
        return existing
    return Recommendation.objects.create(
        case=case,
        measure=measure,
        offer=offer,
        status=Recommendation.Status.PROPOSED,
        reason="; ".join(reasons) or _("aus dem Maßnahmenkatalog übernommen"),
    )


def document_check(upload) -> str:
    """Validate an upload (type, content, size); returns the safe original name."""
    name = Path(upload.name.replace("\\", "/")).name  # drops any folder, "../" included
    suffix = Path(name).suffix.lower()
    if not name or name.startswith(".") or suffix not in ALLOWED_DOCUMENTS:
        raise ValidationError(
            _(
                "Erlaubt sind PDF, Word (.docx), OpenDocument (.odt), Excel "
                "(.xlsx), PNG, JPEG und Text."
            )
        )
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("Die Datei ist größer als 10 MB."))
    head = upload.read(8)
    upload.seek(0)
    if suffix in SIGNATURES and not any(head.startswith(s) for s in SIGNATURES[suffix]):
        raise ValidationError(_("Der Inhalt der Datei passt nicht zu ihrer Endung."))
    return name


@transaction.atomic
def document_add(*, case, upload, description, user) -> CaseDocument:
    name = document_check(upload)
    return CaseDocument.objects.create(
        case=case,
        file=upload,
        original_name=name,
        content_type=ALLOWED_DOCUMENTS[Path(name).suffix.lower()],
        size=upload.size,
        description=description,
        uploaded_by=user,
    )


@transaction.atomic
def document_delete(*, document: CaseDocument, request=None) -> None:
    name, case = document.original_name, document.case
    document.file.delete(save=False)
    document.delete()
    audit_record(
        kind=AuditEvent.Kind.DELETION,
        request=request,
        summary=f"Dokument „{name}“ aus Beratungsfall {case.pk}",
    )


@transaction.atomic
def report_create(*, case, user, request=None) -> CaseReport:
    """Render the case report and keep it as the next version."""
    from consulting.reports import render_case_report

    ConsultingCase.objects.select_for_update().get(pk=case.pk)
    version = (case.reports.aggregate(v=Max("version"))["v"] or 0) + 1
    pdf = render_case_report(case, version=version, author=user)
    report = CaseReport.objects.create(
        case=case, version=version, pdf=pdf, is_draft=not case.is_closed, created_by=user
    )
    audit_record(
        kind=AuditEvent.Kind.PDF_DOWNLOAD,
        request=request,
        summary=f"Fallbericht {case.pk} v{version} erstellt",
    )
    return report


def goal_progress_summary(case) -> dict:
    goals = list(Goal.objects.filter(case=case))
    return {
        "total": len(goals),
        "achieved": sum(1 for g in goals if g.status == Goal.Status.ACHIEVED),
    }
