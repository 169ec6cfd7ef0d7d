"""The district report PDF of a round: cover, facts and response rate, a page per section with
the same SVG charts as the results page, the needs profile, and the measures and MigraNet offers
(with contacts) that match the district's strongest needs. WeasyPrint through ikokmu.pdf."""

from django.utils import timezone

from catalog.queries import match
from ikokmu.pdf import render_pdf
from surveys import disclosure
from surveys.models import SurveyRound
from surveys.results import NO_FILTERS, Filters, round_results

TEXTS_IN_REPORT = 20
FIELDS_FOR_MATCHING = 3


def report_context(survey_round: SurveyRound, filters: Filters = NO_FILTERS) -> dict:
    # The report is handed on to the district: free texts of anonymous rounds only where the team
    # released them, whoever downloads it.
    results = round_results(
        survey_round,
        filters,
        texts=TEXTS_IN_REPORT,
        released_only=disclosure.is_anonymous(survey_round),
    )
    fields = []
    if not results.suppressed:
        from catalog.models import FieldOfAction

        chosen = [row.field_id for row in results.profile.rows[:FIELDS_FOR_MATCHING]]
        found = FieldOfAction.objects.in_bulk(chosen)
        fields = [found[pk] for pk in chosen if pk in found]
    # Contact persons only if they agreed to be named: the report is handed on.
    matched = match(kind="sme", district=survey_round.district, fields_of_action=fields, limit=8)
    return {
        "survey_round": survey_round,
        "district": survey_round.district,
        "results": results,
        "matched": matched,
        "created": timezone.localtime(),
    }


def render_district_report(survey_round: SurveyRound, filters: Filters = NO_FILTERS) -> bytes:
    return render_pdf("surveys/pdf/district_report.html", report_context(survey_round, filters))
