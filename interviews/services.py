"""Writes of the interview study. Consent and publication rules live here and, where the
database can say them, in constraints on the models as well."""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ikokmu.models import AuditEvent
from ikokmu.services import audit_record
from interviews.models import (
    BestPractice,
    Code,
    Company,
    GuideQuestion,
    Interview,
    InterviewGuide,
    Memo,
    PseudonymKey,
    Segment,
    Study,
    StudyMember,
)
from interviews.transcripts import normalise, pseudonymise, replacements_from_key

CONSENT_SCOPES = ("recording", "transcription", "scientific_use", "quotation", "publication")


@transaction.atomic
def study_create(*, manager, **fields) -> Study:
    """A new study; whoever creates it leads it."""
    study = Study.objects.create(**fields)
    StudyMember.objects.create(study=study, user=manager, role=StudyMember.Role.MANAGE)
    return study


@transaction.atomic
def member_set(*, study: Study, user, role: str) -> StudyMember:
    member, _created = StudyMember.objects.update_or_create(
        study=study, user=user, defaults={"role": role}
    )
    return member


@transaction.atomic
def guide_create_version(*, study: Study, outline: str, note: str = "") -> InterviewGuide:
    """A new guide version from an outline: lines starting with '#' open a block, every other
    non-empty line is a question."""
    latest = study.guides.order_by("-version").first()
    guide = InterviewGuide.objects.create(
        study=study, version=(latest.version + 1 if latest else 1), note=note
    )
    block = _("Allgemein")
    questions = []
    for line in outline.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            block = line.lstrip("#").strip() or block
            continue
        questions.append(
            GuideQuestion(guide=guide, block=block, position=len(questions) + 1, text=line)
        )
    if not questions:
        raise ValidationError({"outline": _("Der Leitfaden braucht mindestens eine Frage.")})
    GuideQuestion.objects.bulk_create(questions)
    return guide


@transaction.atomic
def key_save(*, company: Company, real_name: str, contact: str, other_names: str) -> PseudonymKey:
    key, _created = PseudonymKey.objects.update_or_create(
        company=company,
        defaults={"real_name": real_name, "contact": contact, "other_names": other_names},
    )
    return key


@transaction.atomic
def interview_record_consent(
    *, interview: Interview, date, form_version: str, scopes: dict, signed_form=None
) -> Interview:
    """Record (or change) the consent. Narrowing a scope removes what it no longer covers,
    exactly like a withdrawal of that scope."""
    interview.consent_date = date
    interview.consent_form_version = form_version
    for scope in CONSENT_SCOPES:
        setattr(interview, f"consent_{scope}", bool(scopes.get(scope)))
    _remove_uncovered_material(interview)
    interview.full_clean(exclude=["transcript", "audio"])
    interview.save()
    if signed_form is not None:
        from interviews.models import SignedConsentForm

        SignedConsentForm.objects.update_or_create(
            interview=interview, defaults={"file": signed_form}
        )
    return interview


@transaction.atomic
def interview_withdraw_consent(*, interview: Interview, on: datetime.date, request=None) -> dict:
    """The interviewee withdraws consent: the transcript, its codings, the audio file and the
    signed form's effect end; best-practice examples built on the interview go back to draft."""
    if interview.consent_date is None:
        raise ValidationError(_("Für dieses Interview ist keine Einwilligung erfasst."))
    interview.consent_withdrawn_on = max(on, interview.consent_date)
    removed = _remove_uncovered_material(interview)
    interview.save()
    audit_record(
        kind=AuditEvent.Kind.DELETION,
        summary=f"Einwilligung widerrufen: Interview {interview.company.pseudonym} "
        f"vom {interview.date:%d.%m.%Y}, Material entfernt",
        request=request,
        detail={"interview": interview.pk, **removed},
    )
    return removed


def _remove_uncovered_material(interview: Interview) -> dict:
    """Delete what the current consent does not cover (on the unsaved instance and in the
    database). Returns counts for the log."""
    removed = {"segments": 0, "transcript": False, "audio": False, "best_practices": 0}
    if interview.transcript and not interview.consent_allows("transcription"):
        removed["segments"] = interview.segments.count()
        interview.segments.all().delete()
        interview.transcript = ""
        removed["transcript"] = True
        if interview.status in (
            Interview.Status.TRANSCRIBED,
            Interview.Status.CODED,
            Interview.Status.RELEASED,
        ):
            interview.status = Interview.Status.CONDUCTED
    if interview.audio and not interview.consent_allows("recording"):
        interview.audio.delete(save=False)
        interview.audio = ""
        removed["audio"] = True
    if interview.pk:
        for example in interview.best_practices.filter(status=BestPractice.Status.PUBLISHED):
            if publication_problems(example, changed=interview):
                example.status = BestPractice.Status.DRAFT
                example.published_at = None
                example.save(update_fields=["status", "published_at"])
                removed["best_practices"] += 1
    return removed


@transaction.atomic
def interview_set_transcript(
    *, interview: Interview, text: str, user=None
) -> tuple[Interview, int]:
    """Store a transcript after replacing the company's real name and the listed other names
    by the pseudonym. Refused without consent to transcription. Existing codings are kept
    only if the text is unchanged."""
    if not interview.consent_allows("transcription"):
        raise ValidationError(
            _("Ohne Einwilligung in die Transkription kann kein Transkript gespeichert werden.")
        )
    company = interview.company
    key = PseudonymKey.objects.filter(company=company).first()
    text, count = pseudonymise(normalise(text), replacements_from_key(key, company.pseudonym))
    if text != interview.transcript:
        interview.segments.all().delete()
    interview.transcript = text
    if text and interview.status in (Interview.Status.PLANNED, Interview.Status.CONDUCTED):
        interview.status = Interview.Status.TRANSCRIBED
    interview.save()
    return interview, count


def _locate(*, interview: Interview, start, end, phrase: str) -> tuple[int, int]:
    text = interview.transcript
    if phrase and (start is None or end is None):
        found = text.find(normalise(phrase))
        if found < 0:
            raise ValidationError({"phrase": _("Diese Textstelle steht nicht im Transkript.")})
        return found, found + len(normalise(phrase))
    if start is None or end is None:
        raise ValidationError(
            {"start": _("Bitte eine Textstelle markieren oder ihren Wortlaut eingeben.")}
        )
    if not 0 <= start < end <= len(text):
        raise ValidationError(
            {"start": _("Die Textstelle liegt nicht (vollständig) im Transkript.")}
        )
    return start, end


@transaction.atomic
def segment_code(
    *, interview: Interview, codes, coder, start=None, end=None, phrase: str = ""
) -> Segment:
    """Code a passage. The same passage coded again gets the new codes added."""
    codes = [code for code in codes if not code.is_category]
    if not codes:
        raise ValidationError({"codes": _("Bitte mindestens einen Code wählen.")})
    if any(code.study_id != interview.company.study_id for code in codes):
        raise ValidationError({"codes": _("Der Code gehört zu einer anderen Studie.")})
    start, end = _locate(interview=interview, start=start, end=end, phrase=phrase)
    segment, _created = Segment.objects.get_or_create(
        interview=interview,
        start=start,
        end=end,
        defaults={"text": interview.transcript[start:end], "coder": coder},
    )
    segment.codes.add(*codes)
    if interview.status == Interview.Status.TRANSCRIBED:
        interview.status = Interview.Status.CODED
        interview.save(update_fields=["status"])
    return segment


@transaction.atomic
def segment_change_codes(*, segment: Segment, codes) -> Segment | None:
    """Set a segment's codes; with none left the segment is removed."""
    codes = [code for code in codes if not code.is_category]
    if not codes:
        segment.delete()
        return None
    segment.codes.set(codes)
    return segment


@transaction.atomic
def segment_delete(*, segment: Segment) -> None:
    segment.delete()


def segment_snapshot(segment: Segment) -> dict:
    """What undoing a removal or a change of codes needs, as JSON for the session.

    The guid and dates come along so that an undone removal is the same coding again (the
    REFI-QDA export names segments and memos by guid), memos included (they go with it).
    """
    return {
        "interview": segment.interview_id,
        "start": segment.start,
        "end": segment.end,
        "text": segment.text,
        "coder": segment.coder_id,
        "created_at": segment.created_at.isoformat(),
        "guid": str(segment.guid),
        "codes": sorted(segment.codes.values_list("pk", flat=True)),
        "memos": [
            {
                "text": memo.text,
                "author": memo.author_id,
                "created_at": memo.created_at.isoformat(),
                "guid": str(memo.guid),
            }
            for memo in segment.memos.all()
        ],
    }


def _existing_user(pk):
    # A person removed since the snapshot is named no more, as SET_NULL would have done.
    return pk if pk and get_user_model().objects.filter(pk=pk).exists() else None


@transaction.atomic
def segment_restore(*, interview: Interview, snapshot: dict) -> Segment:
    """Undo a removal or a change of codes: the segment gets exactly the snapshot's codes back.

    Refused when the transcript changed under the passage or none of its codes exists any more;
    codes deleted in the meantime are left out.
    """
    if interview.transcript[snapshot["start"] : snapshot["end"]] != snapshot["text"]:
        raise ValidationError(_("Das Transkript wurde inzwischen geändert; nichts rückgängig."))
    codes = list(
        Code.objects.filter(
            study_id=interview.company.study_id, pk__in=snapshot["codes"], is_category=False
        )
    )
    if not codes:
        raise ValidationError(_("Die Codes der Textstelle gibt es nicht mehr."))
    segment = Segment.objects.filter(guid=snapshot["guid"], interview=interview).first()
    if segment is None:
        segment = Segment.objects.create(
            interview=interview,
            start=snapshot["start"],
            end=snapshot["end"],
            text=snapshot["text"],
            coder_id=_existing_user(snapshot["coder"]),
            guid=snapshot["guid"],
        )
        # auto_now_add sets the moment of the undo; the coding keeps the day it was made.
        Segment.objects.filter(pk=segment.pk).update(
            created_at=datetime.datetime.fromisoformat(snapshot["created_at"])
        )
        guids = [memo["guid"] for memo in snapshot["memos"]]
        known = set(Memo.objects.filter(guid__in=guids).values_list("guid", flat=True))
        for memo in snapshot["memos"]:
            if uuid.UUID(memo["guid"]) in known:
                continue
            restored = Memo.objects.create(
                study_id=interview.company.study_id,
                segment=segment,
                text=memo["text"],
                author_id=_existing_user(memo["author"]),
                guid=memo["guid"],
            )
            Memo.objects.filter(pk=restored.pk).update(
                created_at=datetime.datetime.fromisoformat(memo["created_at"])
            )
    segment.codes.set(codes)
    return segment


@transaction.atomic
def memo_create(
    *, study: Study, author, text: str, segment=None, interview=None, code=None
) -> Memo:
    return Memo.objects.create(
        study=study, author=author, text=text, segment=segment, interview=interview, code=code
    )


@transaction.atomic
def memo_update(*, memo: Memo, text: str) -> Memo:
    memo.text = text
    memo.save(update_fields=["text"])
    return memo


@transaction.atomic
def memo_delete(*, memo: Memo) -> None:
    memo.delete()


def publication_problems(example: BestPractice, changed: Interview | None = None) -> list[str]:
    """Why `example` may not be public (empty if it may). Every linked interview's consent
    must cover scientific use; a quote needs consent to quotation, naming the company consent
    to publication as a named example."""
    problems = []
    interviews = list(example.interviews.all()) if example.pk else []
    if changed is not None:
        interviews = [changed if i.pk == changed.pk else i for i in interviews]
    if not interviews:
        problems.append(_("Das Beispiel ist mit keinem Interview verknüpft."))
    for interview in interviews:
        label = str(interview)
        if not interview.consent_allows("scientific_use"):
            problems.append(
                _("%(interview)s: keine gültige Einwilligung in die wissenschaftliche Nutzung.")
                % {"interview": label}
            )
        if example.quote and not interview.consent_allows("quotation"):
            problems.append(
                _("%(interview)s: keine Einwilligung in Zitate.") % {"interview": label}
            )
        if example.show_company_name and not interview.consent_allows("publication"):
            problems.append(
                _("%(interview)s: keine Einwilligung in die namentliche Veröffentlichung.")
                % {"interview": label}
            )
    if example.quote_segment_id and not any(
        i.pk == example.quote_segment.interview_id for i in interviews
    ):
        problems.append(_("Das Zitat stammt aus einem nicht verknüpften Interview."))
    return problems


def _unique_slug(title: str, exclude_pk=None) -> str:
    base = slugify(title)[:200] or "beispiel"
    slug, n = base, 2
    while BestPractice.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def best_practice_save(
    *, example: BestPractice, interviews, codes, fields_of_action, measures
) -> BestPractice:
    """Save an example; a published one whose links no longer allow publication goes back
    to draft."""
    if not example.slug:
        example.slug = _unique_slug(example.title, example.pk)
    if example.quote_segment_id and not example.quote:
        example.quote = example.quote_segment.text
    example.save()
    example.interviews.set(interviews)
    example.codes.set(codes)
    example.fields_of_action.set(fields_of_action)
    example.measures.set(measures)
    if example.status == BestPractice.Status.PUBLISHED and publication_problems(example):
        example.status = BestPractice.Status.DRAFT
        example.published_at = None
        example.save(update_fields=["status", "published_at"])
    return example


@transaction.atomic
def best_practice_publish(*, example: BestPractice) -> BestPractice:
    problems = publication_problems(example)
    if problems:
        raise ValidationError(problems)
    example.status = BestPractice.Status.PUBLISHED
    example.published_at = timezone.now()
    example.save(update_fields=["status", "published_at"])
    return example


@transaction.atomic
def best_practice_unpublish(*, example: BestPractice) -> BestPractice:
    example.status = BestPractice.Status.DRAFT
    example.published_at = None
    example.save(update_fields=["status", "published_at"])
    return example


@transaction.atomic
def code_save(*, code: Code, fields_of_action=None) -> Code:
    if code.parent_id and code.parent.study_id != code.study_id:
        raise ValidationError(
            {"parent": _("Der übergeordnete Code gehört zu einer anderen Studie.")}
        )
    ancestor = code.parent
    while ancestor is not None and code.pk:
        if ancestor.pk == code.pk:
            raise ValidationError({"parent": _("Ein Code kann nicht unter sich selbst stehen.")})
        ancestor = ancestor.parent
    code.save()
    if fields_of_action is not None:
        code.fields_of_action.set(fields_of_action)
    return code


@transaction.atomic
def retention_apply(*, today: datetime.date, actor=None) -> list[str]:
    """Delete what the retention rules say is due on `today`: audio files past their date,
    transcripts (with codings) and pseudonym keys of studies past theirs. Each deletion goes to
    the audit trail; returns one line per deletion for the command's log."""
    log = []
    due_audio = (
        Interview.objects.select_related("company")
        .filter(audio_delete_on__lte=today)
        .exclude(audio="")
    )
    for interview in due_audio:
        interview.audio.delete(save=False)
        interview.audio = ""
        interview.save(update_fields=["audio"])
        log.append(f"Audiodatei gelöscht: Interview {interview}")
    due_transcripts = (
        Interview.objects.select_related("company")
        .filter(company__study__transcripts_delete_on__lte=today)
        .exclude(transcript="")
    )
    for interview in due_transcripts:
        segments = interview.segments.count()
        interview.segments.all().delete()
        interview.transcript = ""
        interview.save(update_fields=["transcript"])
        log.append(f"Transkript gelöscht ({segments} Kodierungen): Interview {interview}")
    due_keys = PseudonymKey.objects.select_related("company").filter(
        company__study__key_delete_on__lte=today
    )
    for key in due_keys:
        log.append(f"Pseudonymschlüssel gelöscht: Fall {key.company.pseudonym}")
        key.delete()
    for line in log:
        audit_record(
            kind=AuditEvent.Kind.DELETION,
            summary=line,
            actor=actor,
            detail={"retention_date": today.isoformat()},
        )
    return log
