"""Reads of the interview study: who may do what in a study, lists, retrieval and counts.

Rights inside a study come from the membership (read < code < manage). Project team members
who are not members read every study: they oversee the project. The pseudonym key and signed
consent forms are for managers only, whatever else a person may do.
"""

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from ikokmu.roles import Role, roles_of
from interviews.models import (
    BestPractice,
    Code,
    Company,
    Interview,
    Memo,
    Segment,
    Study,
    StudyMember,
)

LEVELS = {StudyMember.Role.READ: 1, StudyMember.Role.CODE: 2, StudyMember.Role.MANAGE: 3}


def study_role(user, study: Study) -> str | None:
    """The user's role in `study`: 'read', 'code', 'manage' or None."""
    if not user.is_authenticated:
        return None
    cache = getattr(user, "_study_roles", None)
    if cache is None:
        cache = dict(StudyMember.objects.filter(user=user).values_list("study_id", "role"))
        user._study_roles = cache
    role = cache.get(study.pk)
    if role is None and Role.PROJECT_TEAM in roles_of(user):
        return StudyMember.Role.READ
    return role


def may(user, study: Study, needed: str) -> bool:
    role = study_role(user, study)
    return role is not None and LEVELS[role] >= LEVELS[needed]


def studies_visible_to(user):
    if Role.PROJECT_TEAM in roles_of(user):
        return Study.objects.all()
    return Study.objects.filter(members__user=user)


def study_for(user, pk, needed: str = StudyMember.Role.READ) -> Study:
    """The study, or 404 if the user lacks the right (404, not 403: the study's existence is
    itself confidential)."""
    study = Study.objects.filter(pk=pk).first()
    if study is None or not may(user, study, needed):
        raise Http404
    return study


def study_list(user):
    return studies_visible_to(user).annotate(
        company_count=Count("companies", distinct=True),
        interview_count=Count("companies__interviews", distinct=True),
    )


def study_overview(study: Study) -> dict:
    interviews = (
        Interview.objects.filter(company__study=study)
        .select_related("company", "guide")
        .annotate(segment_count=Count("segments"))
        .order_by("company__pseudonym", "date")
    )
    companies = study.companies.annotate(interview_count=Count("interviews"))
    return {
        "interviews": interviews,
        "companies": companies,
        "members": study.members.select_related("user").order_by("user__username"),
        "guide": study.guides.prefetch_related("questions").first(),
        "examples": study.best_practices.select_related("company").order_by("title"),
        "code_count": study.codes.count(),
    }


def interview_for(user, pk, needed: str = StudyMember.Role.READ) -> Interview:
    interview = Interview.objects.select_related("company__study", "guide").filter(pk=pk).first()
    if interview is None or not may(user, interview.company.study, needed):
        raise Http404
    return interview


def codebook(study: Study) -> list[tuple[Code, int]]:
    """The code tree in reading order as (code, depth) pairs, with segment counts."""
    codes = list(
        study.codes.annotate(segment_count=Count("segments")).prefetch_related("fields_of_action")
    )
    children: dict = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    ordered = []

    def walk(parent_id, depth):
        for code in children.get(parent_id, []):
            ordered.append((code, depth))
            walk(code.pk, depth + 1)

    walk(None, 0)
    return ordered


def code_paths(study: Study) -> dict[int, str]:
    """Each code's path from the root, 'Kategorie / Code'."""
    codes = {code.pk: code for code in study.codes.all()}
    paths = {}
    for pk, code in codes.items():
        names, node = [], code
        while node is not None:
            names.append(node.name)
            node = codes.get(node.parent_id)
        paths[pk] = " / ".join(reversed(names))
    return paths


def coding_page(interview: Interview) -> dict:
    segments = list(
        interview.segments.select_related("coder")
        .prefetch_related(Prefetch("codes", queryset=Code.objects.order_by("position", "name")))
        .order_by("start", "end")
    )
    memos = Memo.objects.filter(
        Q(interview=interview) | Q(segment__interview=interview)
    ).select_related("author", "segment")
    return {"segments": segments, "memos": memos}


def segment_for(user, pk, needed: str = StudyMember.Role.CODE) -> Segment:
    segment = Segment.objects.select_related("interview__company__study").filter(pk=pk).first()
    if segment is None or not may(user, segment.interview.company.study, needed):
        raise Http404
    return segment


def memo_for(user, pk) -> Memo:
    """A memo its author may change, or a manager of its study; anyone else gets 404 (a
    team's notes are the team's, but one coder does not rewrite another's)."""
    memo = (
        Memo.objects.select_related("study", "segment", "interview", "code").filter(pk=pk).first()
    )
    if memo is None or not may(user, memo.study, StudyMember.Role.CODE):
        raise Http404
    if memo.author_id != user.pk and not may(user, memo.study, StudyMember.Role.MANAGE):
        raise Http404
    return memo


def memo_target_url(memo: Memo) -> str:
    """Where the memo is shown: the coding page of its segment, its interview, or its code."""
    from django.urls import reverse

    if memo.segment_id:
        return reverse("interviews:coding", args=[memo.segment.interview_id])
    if memo.interview_id:
        return memo.interview.get_absolute_url()
    if memo.code_id:
        return reverse("interviews:retrieval", args=[memo.code_id])
    return memo.study.get_absolute_url()


ATTRIBUTE_FILTERS = ("sector", "size_class", "migration_share")


def segments_of_code(code: Code, filters: dict):
    """All segments coded with `code` or any code below it, with the company's attributes."""
    descendant_ids = [code.pk]
    frontier = [code.pk]
    while frontier:
        frontier = list(Code.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        descendant_ids += frontier
    segments = (
        Segment.objects.filter(codes__in=descendant_ids)
        .distinct()
        .select_related("interview__company", "coder")
        .prefetch_related("codes")
        .order_by("interview__company__pseudonym", "interview__date", "start")
    )
    for name in ATTRIBUTE_FILTERS:
        if filters.get(name):
            segments = segments.filter(**{f"interview__company__{name}": filters[name]})
    if filters.get("company"):
        segments = segments.filter(interview__company=filters["company"])
    return segments


def code_frequencies(study: Study):
    """Per code: number of segments and of companies, one SQL aggregation."""
    return study.codes.annotate(
        segment_count=Count("segments", distinct=True),
        company_count=Count("segments__interview__company", distinct=True),
    ).order_by("position", "name")


HEAT_LEVELS = 5


def heat_level(share: float) -> int:
    """0 for an empty cell, else 1–5 by the cell's share of the company's codings."""
    if share <= 0:
        return 0
    return min(HEAT_LEVELS, 1 + int(share * HEAT_LEVELS))


def company_code_matrix(study: Study) -> dict:
    """Companies × codes with the number of segments in each cell, counted in SQL.

    Each cell also carries its share of the company's coded segments and a heat level, so a
    company with one long interview does not outshine one with a short talk.
    """
    through = Segment.codes.through
    cells = (
        through.objects.filter(code__study=study)
        .values("segment__interview__company_id", "code_id")
        .annotate(n=Count("segment_id"))
    )
    counts = {(row["segment__interview__company_id"], row["code_id"]): row["n"] for row in cells}
    companies = list(study.companies.order_by("pseudonym"))
    codes = [code for code in study.codes.order_by("position", "name") if not code.is_category]
    totals = dict(
        Segment.objects.filter(interview__company__study=study)
        .values("interview__company_id")
        .annotate(n=Count("pk"))
        .values_list("interview__company_id", "n")
    )
    rows = []
    for company in companies:
        cells = []
        for code in codes:
            n = counts.get((company.pk, code.pk), 0)
            share = n / totals[company.pk] if n else 0.0
            cells.append({"code": code, "n": n, "share": share, "level": heat_level(share)})
        rows.append({"company": company, "cells": cells})
    return {"codes": codes, "rows": rows}


def published_examples():
    return (
        BestPractice.objects.filter(status=BestPractice.Status.PUBLISHED)
        .select_related("company")
        .prefetch_related("fields_of_action", "measures")
        .order_by("-published_at", "title")
    )


def published_examples_for_measure(measure):
    """For the catalogue's measure page: the published examples linked to `measure`."""
    return published_examples().filter(measures=measure)


def companies_for_filters(study: Study):
    return Company.objects.filter(study=study)


def panel_figures(user) -> dict:
    studies = list(
        studies_visible_to(user).annotate(
            planned=Count(
                "companies__interviews",
                filter=Q(companies__interviews__status=Interview.Status.PLANNED),
                distinct=True,
            ),
            open_transcripts=Count(
                "companies__interviews",
                filter=Q(companies__interviews__status=Interview.Status.CONDUCTED),
                distinct=True,
            ),
            interview_count=Count("companies__interviews", distinct=True),
            segment_count=Count("companies__interviews__segments", distinct=True),
        )[:5]
    )
    return {"studies": studies}
