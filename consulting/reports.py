"""PDF case report and certificate (WeasyPrint through ikokmu.pdf, local files only)."""

from django.utils import timezone

from consulting.charts import needs_profile_svg
from consulting.models import ConsultingCase, Goal, Recommendation
from consulting.queries import timeline
from ikokmu.pdf import render_pdf


def report_context(case: ConsultingCase) -> dict:
    """What the case page and the report share."""
    assessment = getattr(case, "needs_assessment", None)
    ratings = list(assessment.ratings.select_related("field_of_action")) if assessment else []
    recommendations = list(
        case.recommendations.select_related("measure", "offer", "offer__provider").prefetch_related(
            "offer__contacts__organization"
        )
    )
    return {
        "case": case,
        "assessment": assessment,
        "ratings": ratings,
        "chart": needs_profile_svg(ratings),
        "goals": list(case.goals.select_related("field_of_action")),
        "agreement": getattr(case, "agreement", None),
        "steering_group": list(case.steering_group.select_related("contact")),
        "sessions": list(case.sessions.all()),
        "recommendations": [
            r for r in recommendations if r.status != Recommendation.Status.DISCARDED
        ],
        "next_steps": list(case.next_steps.filter(done=False)),
        "timeline": timeline(case),
    }


def render_case_report(case: ConsultingCase, *, version: int, author) -> bytes:
    context = report_context(case)
    context.update(
        {
            "version": version,
            "author": author,
            "created": timezone.localtime(),
            "draft": not case.is_closed,
        }
    )
    return render_pdf("consulting/pdf/report.html", context)


def render_certificate(case: ConsultingCase) -> bytes:
    fields = sorted(
        {
            goal.field_of_action
            for goal in case.goals.select_related("field_of_action")
            if goal.status != Goal.Status.DROPPED
        },
        key=lambda f: f.position,
    )
    return render_pdf(
        "consulting/pdf/certificate.html",
        {
            "case": case,
            "fields": fields,
            "today": timezone.localdate(),
            # Two signature lines fit side by side on the page.
            "advisers": list(case.advisers.order_by("last_name", "username")[:2]),
        },
    )
