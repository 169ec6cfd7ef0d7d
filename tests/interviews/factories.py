"""Factories for the interview study tests."""

import datetime

from interviews import services
from interviews.models import Code, Company, Interview, PseudonymKey, Study, StudyMember


def study_with_team(*, manager, coders=(), readers=(), title="Vielfalt im Betrieb") -> Study:
    study = services.study_create(manager=manager, title=title)
    for user in coders:
        services.member_set(study=study, user=user, role=StudyMember.Role.CODE)
    for user in readers:
        services.member_set(study=study, user=user, role=StudyMember.Role.READ)
    return study


def company(
    study, pseudonym="U07", *, real_name="Huber Feinmechanik GmbH", other_names="", **fields
) -> Company:
    defaults = {
        "sector": "Metallbau",
        "size_class": "10-49",
        "place": "Freising",
        "founding_year": 2016,
        "migration_share": "25-50",
    }
    case = Company.objects.create(study=study, pseudonym=pseudonym, **{**defaults, **fields})
    PseudonymKey.objects.create(
        company=case,
        real_name=real_name,
        other_names=other_names,
        contact="Frau Anna Huber, 0815 4711",
    )
    return case


ALL_SCOPES = {
    "recording": True,
    "transcription": True,
    "scientific_use": True,
    "quotation": True,
    "publication": True,
}


def interview(case, *, scopes=ALL_SCOPES, transcript="", date=datetime.date(2025, 3, 4)):
    item = Interview.objects.create(
        company=case, date=date, mode=Interview.Mode.ON_SITE, status=Interview.Status.CONDUCTED
    )
    if scopes is not None:
        services.interview_record_consent(
            interview=item, date=date, form_version="2025-01", scopes=scopes
        )
    if transcript:
        services.interview_set_transcript(interview=item, text=transcript)
    return item


def code(study, name, *, parent=None, colour="#1F77B4", **fields) -> Code:
    return Code.objects.create(study=study, name=name, parent=parent, colour=colour, **fields)
