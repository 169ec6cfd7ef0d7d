"""Pages of a round's results: the results page with its filters, hiding a free text, adopting
needs, the exports, the district report PDF, and the comparison of districts.

District staff reach only their own districts' rounds (surveys.results.rounds_visible_to: other
districts' rounds are 404); hiding texts and adopting needs are the project team's, as the
districts' needs are (districts.access).
"""

from django.contrib import messages
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from districts.models import Organization
from districts.queries import districts_visible_to
from ikokmu.models import AuditEvent
from ikokmu.params import parse_ids
from ikokmu.roles import Role, roles_of
from ikokmu.services import audit_record
from surveys import disclosure, exports, result_services, results
from surveys.models import Answer, SurveyRound
from surveys.result_reports import render_district_report

ADOPT_DEFAULT = 3


def is_team(user) -> bool:
    return Role.PROJECT_TEAM in roles_of(user)


class RoundResultsMixin:
    """Loads the round from `round_pk` among the rounds the user may see, or 404."""

    def dispatch(self, request, *args, **kwargs):
        self.survey_round = get_object_or_404(
            results.rounds_visible_to(request.user).select_related(
                "district", "version__questionnaire"
            ),
            pk=kwargs["round_pk"],
        )
        self.personalised = self.survey_round.anonymity == SurveyRound.Anonymity.PERSONALISED
        return super().dispatch(request, *args, **kwargs)

    def breakdown(self) -> results.Breakdown:
        if not hasattr(self, "_breakdown"):
            self._breakdown = results.breakdown_of(self.survey_round)
        return self._breakdown

    def filters(self) -> results.Filters:
        # The respondents' own answers, where the version has breakdown questions: the same in
        # anonymous and personalised rounds. Otherwise the invited organisation's sector and
        # size class, which anonymous rounds don't know: no filter, whatever the address says.
        if self.breakdown():
            return self.breakdown().filters(self.request.GET)
        if not self.personalised:
            return results.Filters()
        return results.Filters.from_query(self.request.GET)

    def results_url(self) -> str:
        return reverse("surveys:round_results", args=[self.survey_round.pk])


class RoundResultsView(RoundResultsMixin, TemplateView):
    template_name = "surveys/results/round_results.html"

    def get_context_data(self, **kwargs):
        filters = self.filters()
        outcome = results.round_results(
            self.survey_round,
            filters,
            released_only=disclosure.released_only(self.survey_round, self.request.user),
        )
        team = is_team(self.request.user)
        breakdown = self.breakdown()
        if breakdown:
            sectors = [(option.value, option.label) for option in breakdown.sector]
            size_classes = [(option.value, option.label) for option in breakdown.size]
        elif self.personalised:
            sectors, size_classes = Organization.Sector.choices, Organization.SizeClass.choices
        else:
            sectors, size_classes = [], []
        return super().get_context_data(
            survey_round=self.survey_round,
            district=self.survey_round.district,
            results=outcome,
            filters=filters,
            personalised=self.personalised,
            breakdown=breakdown,
            sectors=sectors,
            size_classes=size_classes,
            # A breakdown of fewer responses than the whole round's minimum shows nothing.
            offer_filters=bool(sectors or size_classes) and outcome.submitted >= results.MIN_GROUP,
            selected_sector=filters.selected("sector"),
            selected_size=filters.selected("size"),
            is_team=team,
            anonymous=disclosure.is_anonymous(self.survey_round),
            min_group=results.MIN_GROUP,
            adopt_default=ADOPT_DEFAULT,
            query=self.request.GET.urlencode(),
            may_export=outcome.submitted >= results.MIN_GROUP,
            **kwargs,
        )


class AnswerHideView(View):
    """Hide a free text (or show it again): the project team, from the results page."""

    def post(self, request, answer_pk):
        answer = get_object_or_404(
            Answer.objects.filter(
                response__round__in=results.rounds_visible_to(request.user)
            ).select_related("response"),
            pk=answer_pk,
        )
        if request.POST.get("action") == "show":
            result_services.answer_show(answer=answer)
            messages.success(request, _("Die Antwort wird wieder angezeigt."))
        else:
            result_services.answer_hide(answer=answer, user=request.user)
            messages.success(
                request,
                _("Die Antwort ist ausgeblendet: Sie fehlt in Ergebnissen, Bericht und Exporten."),
            )
        url = reverse("surveys:round_results", args=[answer.response.round_id])
        return redirect(f"{url}#q-{answer.question_id}")


class TextReviewView(RoundResultsMixin, TemplateView):
    """The team's review of the round's free texts: those waiting for release to district staff
    and those released, each with its button."""

    template_name = "surveys/results/text_review.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            survey_round=self.survey_round,
            review=disclosure.text_review(self.survey_round),
            **kwargs,
        )


class AnswerReleaseView(View):
    """Release a free text for district staff (or withdraw the release): the project team, from
    the review page or the results page."""

    def post(self, request, answer_pk):
        answer = get_object_or_404(
            Answer.objects.filter(
                response__round__in=results.rounds_visible_to(request.user)
            ).select_related("response"),
            pk=answer_pk,
        )
        if request.POST.get("action") == "withdraw":
            result_services.answer_release_withdraw(answer=answer)
            messages.success(request, _("Die Freigabe ist zurückgenommen."))
        else:
            result_services.answer_release(answer=answer, user=request.user)
            messages.success(request, _("Der Text ist für den Landkreis freigegeben."))
        if request.POST.get("back") == "results":
            url = reverse("surveys:round_results", args=[answer.response.round_id])
            return redirect(f"{url}#q-{answer.question_id}")
        return redirect(reverse("surveys:round_text_review", args=[answer.response.round_id]))


class HiddenTextsView(RoundResultsMixin, TemplateView):
    """The round's hidden free texts, for the team to show one again."""

    template_name = "surveys/results/hidden_texts.html"

    def get_context_data(self, **kwargs):
        answers = (
            Answer.objects.filter(response__round=self.survey_round, hidden__isnull=False)
            .select_related("question", "hidden__hidden_by")
            .order_by("question__section__position", "question__position", "pk")
        )
        return super().get_context_data(
            survey_round=self.survey_round, answers=list(answers), **kwargs
        )


class NeedsAdoptView(RoundResultsMixin, View):
    """Turn the round's strongest needs (or the ticked fields) into district needs."""

    def post(self, request, round_pk):
        chosen = request.POST.getlist("field")
        profile_fields = results.strongest_fields(self.survey_round, 100)
        if not profile_fields:
            messages.error(
                request,
                _("Es gibt noch kein Bedarfsprofil (weniger als %(n)s Antworten).")
                % {"n": results.MIN_GROUP},
            )
            return redirect(self.results_url())
        if chosen:
            wanted = set(parse_ids(chosen))
            fields = [f for f in profile_fields if f.pk in wanted]
        else:
            try:
                count = max(1, min(int(request.POST.get("count", ADOPT_DEFAULT)), 20))
            except ValueError:
                count = ADOPT_DEFAULT
            fields = profile_fields[:count]
        if not fields:
            messages.error(request, _("Bitte wählen Sie mindestens ein Handlungsfeld."))
            return redirect(self.results_url() + "#profile")
        outcome = result_services.needs_adopt_from_round(
            survey_round=self.survey_round, fields_of_action=fields
        )
        if outcome.created:
            messages.success(
                request,
                _("Als Bedarfe des Landkreises übernommen: %(names)s.")
                % {"names": ", ".join(n.field_of_action.name for n in outcome.created)},
            )
        if outcome.existing:
            messages.info(
                request,
                _("Schon als Bedarf des Landkreises erfasst, nicht doppelt angelegt: %(names)s.")
                % {"names": ", ".join(f.name for f in outcome.existing)},
            )
        return redirect(self.results_url() + "#profile")


class ExportMixin(RoundResultsMixin):
    file_format = ""

    def get(self, request, round_pk):
        count = exports.row_count(self.survey_round)
        if count < results.MIN_GROUP:
            messages.error(
                request,
                _(
                    "Exporte gibt es erst ab %(n)s abgeschickten Antworten, damit niemand "
                    "einzeln erkennbar ist."
                )
                % {"n": results.MIN_GROUP},
            )
            return redirect(self.results_url())
        # District staff get anonymous rounds coarsened (surveys.disclosure); the team the full
        # data, which the audit trail records as such.
        self.coarse = disclosure.released_only(self.survey_round, request.user)
        audit_record(
            kind=AuditEvent.Kind.EXPORT,
            request=request,
            summary=f"Befragungsergebnisse {self.survey_round.title} "
            f"({self.file_format}, {count} Antwortbögen, "
            f"{'vergröbert' if self.coarse else 'vollständig'})",
            detail={
                "round": self.survey_round.pk,
                "format": self.file_format,
                "rows": count,
                "coarsened": self.coarse,
            },
        )
        return self.reply()

    def filename(self, suffix: str) -> str:
        stem = slugify(self.survey_round.title) or "befragung"
        return f"{stem}-{suffix}"


class ExportCsvView(ExportMixin, View):
    file_format = "csv"

    def reply(self):
        reply = StreamingHttpResponse(
            (
                line.encode("utf-8")
                for line in exports.csv_lines(self.survey_round, coarse=self.coarse)
            ),
            content_type="text/csv; charset=utf-8",
        )
        reply["Content-Disposition"] = f'attachment; filename="{self.filename("antworten.csv")}"'
        return reply


class CodebookCsvView(ExportMixin, View):
    file_format = "codebook-csv"

    def reply(self):
        reply = HttpResponse(
            exports.codebook_csv(self.survey_round, coarse=self.coarse),
            content_type="text/csv; charset=utf-8",
        )
        reply["Content-Disposition"] = f'attachment; filename="{self.filename("codebuch.csv")}"'
        return reply


class ExportXlsxView(ExportMixin, View):
    file_format = "xlsx"

    def reply(self):
        return FileResponse(
            exports.xlsx_file(self.survey_round, coarse=self.coarse),
            as_attachment=True,
            filename=self.filename("antworten.xlsx"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )


class ExportSavView(ExportMixin, View):
    file_format = "sav"

    def reply(self):
        return FileResponse(
            exports.sav_file(self.survey_round, coarse=self.coarse),
            as_attachment=True,
            filename=self.filename("antworten.sav"),
            content_type="application/x-spss-sav",
        )


class DistrictReportView(RoundResultsMixin, View):
    def get(self, request, round_pk):
        filters = self.filters()
        pdf = render_district_report(self.survey_round, filters)
        audit_record(
            kind=AuditEvent.Kind.PDF_DOWNLOAD,
            request=request,
            summary=f"Landkreisbericht {self.survey_round.title}",
            detail={"round": self.survey_round.pk},
        )
        reply = HttpResponse(pdf, content_type="application/pdf")
        name = slugify(f"bericht {self.survey_round.title}")
        reply["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        reply["Cache-Control"] = "no-store"
        return reply


class ComparisonView(TemplateView):
    """The team: every district side by side. District staff: their own districts against the
    average of all districts, no other district named."""

    template_name = "surveys/results/comparison.html"

    def get_context_data(self, **kwargs):
        team = is_team(self.request.user)
        own = None if team else list(districts_visible_to(self.request.user))
        comparison = results.district_comparison(own=own)
        return super().get_context_data(
            comparison=comparison,
            is_team=team,
            min_group=results.MIN_GROUP,
            min_districts=results.MIN_DISTRICTS_FOR_AVERAGE,
            rounds=list(
                results.rounds_visible_to(self.request.user)
                .select_related("district")
                .order_by("district__name", "-opens_at")
            ),
            **kwargs,
        )
