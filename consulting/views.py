from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from catalog.models import FieldOfAction
from catalog.queries import match, public_measures, public_offers
from consulting import queries, services
from consulting.forms import (
    AgreementForm,
    CaseForm,
    CaseUpdateForm,
    CloseForm,
    DocumentForm,
    FinalReportForm,
    GoalForm,
    NeedsAssessmentForm,
    NextStepFormSet,
    PhaseForm,
    RecommendationForm,
    ReopenForm,
    SessionForm,
    SteeringMemberForm,
    adviser_choices,
)
from consulting.models import (
    CaseDocument,
    CaseReport,
    Goal,
    NextStep,
    Phase,
    Recommendation,
    Session,
    SteeringGroupMember,
)
from consulting.reports import render_certificate, report_context
from districts.queries import activities_visible_to, districts_visible_to, organizations_visible_to
from ikokmu.models import AuditEvent
from ikokmu.params import parse_id, safe_next
from ikokmu.services import audit_record


class CaseMixin:
    """Loads the case from `case_pk` among the cases the user may see, else 404.

    A closed case is read-only: every view that changes it sends the user back to the case page
    with a message. Views that only read (or, like the final case report, are meant for the
    closed case) say so with `open_when_closed`."""

    open_when_closed = False

    def dispatch(self, request, *args, **kwargs):
        self.case = get_object_or_404(
            queries.cases_visible_to(request.user).select_related("organization", "district"),
            pk=kwargs["case_pk"],
        )
        if self.case.is_closed and not self.open_when_closed:
            messages.error(
                request,
                _(
                    "Der Fall ist abgeschlossen und kann nicht mehr geändert werden. "
                    "Das Projektteam kann ihn mit einer Begründung wieder öffnen."
                ),
            )
            return redirect(self.case_url())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(case=self.case, **kwargs)

    def case_url(self, anchor=""):
        return reverse("consulting:case_detail", args=[self.case.pk]) + anchor


class CaseListView(ListView):
    template_name = "consulting/case_list.html"
    context_object_name = "cases"
    paginate_by = 50

    def filters(self):
        get = self.request.GET
        return {
            "phase": get.get("phase", ""),
            "district": get.get("district", ""),
            "adviser": get.get("adviser", ""),
            "overdue": get.get("overdue", ""),
        }

    def get_queryset(self):
        f = self.filters()
        return queries.case_list(
            user=self.request.user,
            phase=f["phase"],
            district=parse_id(f["district"]),
            adviser=parse_id(f["adviser"]),
            overdue=bool(f["overdue"]),
        )

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filters=self.filters(),
            phases=Phase.choices,
            districts=districts_visible_to(self.request.user),
            advisers=adviser_choices(),
            querystring=query.urlencode(),
            **kwargs,
        )


class CaseCreateView(FormView):
    template_name = "consulting/form.html"
    form_class = CaseForm
    extra_context = {"heading": gettext_lazy("Beratungsfall anlegen")}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organizations": organizations_visible_to(self.request.user),
            "activities": activities_visible_to(self.request.user),
        }

    def get_initial(self):
        initial = {"start_date": timezone.localdate(), "advisers": [self.request.user]}
        organization = parse_id(self.request.GET.get("organization", ""))
        if organization:
            initial["organization"] = organization
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        case = services.case_create(
            organization=data["organization"],
            title=data["title"],
            advisers=data["advisers"],
            start_date=data["start_date"],
            planned_end_date=data["planned_end_date"],
            origin=data["origin"],
            origin_activity=data["origin_activity"],
            origin_note=data["origin_note"],
            user=self.request.user,
        )
        messages.success(self.request, _("Der Beratungsfall wurde angelegt."))
        return redirect("consulting:case_detail", case_pk=case.pk)


class CaseDetailView(CaseMixin, TemplateView):
    template_name = "consulting/case_detail.html"
    open_when_closed = True

    def suggestions(self, ratings):
        """Catalogue matches for the case's weak fields: largest gap first."""
        weak = [r.field_of_action for r in sorted(ratings, key=lambda r: -r.gap) if r.gap > 0][:3]
        if not weak:
            return None
        return match(
            kind=self.case.organization.kind,
            district=self.case.district,
            fields_of_action=weak,
            limit=5,
            user=self.request.user,
        )

    def get_context_data(self, **kwargs):
        context = report_context(self.case)
        context.pop("case")
        taken = {(r.measure_id, r.offer_id) for r in self.case.recommendations.all()}
        return super().get_context_data(
            **context,
            all_recommendations=self.case.recommendations.select_related("measure", "offer"),
            suggestions=self.suggestions(context["ratings"]),
            taken_measures={m for m, _o in taken if m},
            taken_offers={o for _m, o in taken if o},
            progress=queries.case_progress(self.case),
            editable=not self.case.is_closed,
            may_reopen=queries.may_reopen(self.request.user),
            documents=self.case.documents.select_related("uploaded_by"),
            reports=self.case.reports.defer("pdf").select_related("created_by"),
            advisers=self.case.advisers.all(),
            **kwargs,
        )


class CaseUpdateView(CaseMixin, FormView):
    template_name = "consulting/form.html"
    form_class = CaseUpdateForm
    extra_context = {"heading": gettext_lazy("Beratungsfall bearbeiten")}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": self.case,
            "activities": activities_visible_to(self.request.user),
        }

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("Der Beratungsfall wurde gespeichert."))
        return redirect(self.case_url())


class PhaseChangeView(CaseMixin, FormView):
    template_name = "consulting/form.html"
    form_class = PhaseForm
    extra_context = {"heading": gettext_lazy("Phase ändern")}

    def form_valid(self, form):
        target = form.cleaned_data["target"]
        if target == Phase.CLOSING and queries.next_phase(self.case) == Phase.CLOSING:
            # Closing makes the case read-only: it always goes through the confirmation page.
            return redirect("consulting:case_close", case_pk=self.case.pk)
        try:
            services.case_change_phase(
                case=self.case,
                target=form.cleaned_data["target"],
                user=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Die Phase wurde geändert."))
        return redirect(self.case_url())


class CaseCloseView(CaseMixin, FormView):
    """Closing asks for confirmation and names what the case leaves open (next steps, goals
    below 100 %); what closing requires (the final report text) links to its form."""

    template_name = "consulting/close.html"
    form_class = CloseForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(progress=queries.case_progress(self.case), **kwargs)

    def form_valid(self, form):
        try:
            services.case_change_phase(case=self.case, target=Phase.CLOSING, user=self.request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(self.request, _("Der Fall ist abgeschlossen."))
        return redirect(self.case_url())


class CaseReopenView(CaseMixin, FormView):
    """The project team opens a closed case again, with a reason (audited)."""

    template_name = "consulting/form.html"
    form_class = ReopenForm
    open_when_closed = True
    extra_context = {"heading": gettext_lazy("Fall wieder öffnen")}

    def get(self, request, *args, **kwargs):
        if not self.case.is_closed:
            return redirect(self.case_url())
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.case_reopen(
                case=self.case,
                user=self.request.user,
                reason=form.cleaned_data["reason"],
                request=self.request,
            )
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(self.case_url())
        messages.success(self.request, _("Der Fall ist wieder geöffnet."))
        return redirect(self.case_url())


class FinalReportView(CaseMixin, FormView):
    """The text of the final report, on its own page (closing needs it)."""

    template_name = "consulting/form.html"
    form_class = FinalReportForm
    extra_context = {"heading": gettext_lazy("Abschlussbericht")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.case}

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("Der Abschlussbericht wurde gespeichert."))
        return redirect(self.case_url())


class NeedsAssessmentView(CaseMixin, FormView):
    """The needs assessment. If the organisation answered a personalised survey round, the page
    offers its answers as a starting point: `?aus_befragung=1` fills the ratings from the
    response's needs profile (nothing is stored until the adviser saves)."""

    template_name = "consulting/needs_assessment.html"
    form_class = NeedsAssessmentForm
    prefill_parameter = "aus_befragung"
    survey_response = None  # looked up on GET only: a POST saves what the form holds
    prefilled = False

    def get(self, request, *args, **kwargs):
        self.survey_response = queries.survey_response_for(self.case)
        self.prefilled = self.survey_response is not None and self.prefill_parameter in request.GET
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "fields_of_action": FieldOfAction.objects.order_by("position"),
        }

    def get_initial(self):
        assessment = getattr(self.case, "needs_assessment", None)
        if assessment is None:
            initial = {"assessed_on": timezone.localdate()}
        else:
            initial = {
                "assessed_on": assessment.assessed_on,
                "participants": assessment.participants,
                "findings": assessment.findings,
            }
            for rating in assessment.ratings.all():
                initial[f"current_{rating.field_of_action_id}"] = rating.current_state
                initial[f"importance_{rating.field_of_action_id}"] = rating.importance
        if self.prefilled:
            ratings = queries.ratings_from_survey(self.survey_response)
            for field_id, (current, importance) in ratings.items():
                initial[f"current_{field_id}"] = current
                initial[f"importance_{field_id}"] = importance
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            survey_response=self.survey_response,
            prefilled=self.prefilled,
            prefill_parameter=self.prefill_parameter,
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        services.needs_assessment_save(
            case=self.case,
            assessed_on=data["assessed_on"],
            participants=data["participants"],
            findings=data["findings"],
            ratings=form.ratings(),
        )
        messages.success(self.request, _("Die Bedarfsanalyse wurde gespeichert."))
        return redirect(self.case_url("#bedarfsanalyse"))


class CaseObjectFormView(CaseMixin, FormView):
    """Create or edit one part of a case (goal, session, …) with a model form."""

    template_name = "consulting/form.html"
    model = None
    object_kwarg = None
    anchor = ""
    saved_message = gettext_lazy("Gespeichert.")

    def get_object(self):
        if self.object_kwarg and self.object_kwarg in self.kwargs:
            return get_object_or_404(self.model, case=self.case, pk=self.kwargs[self.object_kwarg])
        return None

    def get_form_kwargs(self):
        self.object = self.get_object()
        return {**super().get_form_kwargs(), "instance": self.object}

    def form_valid(self, form):
        form.instance.case = self.case
        form.save()
        messages.success(self.request, self.saved_message)
        return redirect(self.case_url(self.anchor))


class GoalFormView(CaseObjectFormView):
    form_class = GoalForm
    model = Goal
    object_kwarg = "goal_pk"
    anchor = "#ziele"
    extra_context = {"heading": gettext_lazy("Ziel")}
    saved_message = gettext_lazy("Das Ziel wurde gespeichert.")


class AgreementView(CaseMixin, FormView):
    template_name = "consulting/form.html"
    form_class = AgreementForm
    extra_context = {"heading": gettext_lazy("Zielvereinbarung")}

    def get(self, request, *args, **kwargs):
        missing = services.agreement_allowed(self.case)
        if missing:
            for text in missing:
                messages.error(request, text)
            return redirect(self.case_url("#zielvereinbarung"))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if services.agreement_allowed(self.case):
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "case": self.case,
            "instance": getattr(self.case, "agreement", None),
        }

    def form_valid(self, form):
        form.instance.case = self.case
        form.save()
        messages.success(self.request, _("Die Zielvereinbarung wurde gespeichert."))
        return redirect(self.case_url("#zielvereinbarung"))


class SteeringMemberView(CaseObjectFormView):
    form_class = SteeringMemberForm
    model = SteeringGroupMember
    anchor = "#steuerungsgruppe"
    extra_context = {"heading": gettext_lazy("Mitglied der Steuerungsgruppe")}
    saved_message = gettext_lazy("Die Steuerungsgruppe wurde ergänzt.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.case}

    def form_valid(self, form):
        if SteeringGroupMember.objects.filter(
            case=self.case, contact=form.cleaned_data["contact"]
        ).exists():
            form.add_error("contact", _("Diese Person gehört schon zur Steuerungsgruppe."))
            return self.form_invalid(form)
        return super().form_valid(form)


class SessionFormView(CaseObjectFormView):
    template_name = "consulting/session_form.html"
    form_class = SessionForm
    model = Session
    object_kwarg = "session_pk"
    anchor = "#termine"
    extra_context = {"heading": gettext_lazy("Termin")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "steps" not in context:
            context["steps"] = NextStepFormSet(
                instance=self.object or Session(case=self.case), prefix="steps"
            )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        steps = NextStepFormSet(
            request.POST, instance=self.object or Session(case=self.case), prefix="steps"
        )
        if form.is_valid() and steps.is_valid():
            form.instance.case = self.case
            session = form.save()
            for step in steps.save(commit=False):
                step.session, step.case = session, self.case
                step.save()
            messages.success(request, _("Der Termin wurde gespeichert."))
            return redirect(self.case_url(self.anchor))
        return self.render_to_response(self.get_context_data(form=form, steps=steps))


class NextStepDoneView(CaseMixin, View):
    def post(self, request, case_pk, step_pk):
        step = get_object_or_404(NextStep, case=self.case, pk=step_pk)
        step.done = True
        step.save(update_fields=["done"])
        messages.success(request, _("„%(step)s“ ist erledigt.") % {"step": step.description})
        return redirect(safe_next(request, self.case_url("#naechste-schritte")))


class RecommendationFormView(CaseObjectFormView):
    form_class = RecommendationForm
    model = Recommendation
    object_kwarg = "recommendation_pk"
    anchor = "#empfehlungen"
    extra_context = {"heading": gettext_lazy("Empfehlung")}
    saved_message = gettext_lazy("Die Empfehlung wurde gespeichert.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "measures": public_measures(),
            "offers": public_offers(),
        }


class RecommendationAcceptView(CaseMixin, View):
    """Take one of the catalogue's suggestions into the case."""

    def post(self, request, case_pk):
        kind, pk = request.POST.get("kind"), parse_id(request.POST.get("pk", ""))
        if pk is None or kind not in ("measure", "offer"):
            raise Http404
        source = public_measures() if kind == "measure" else public_offers()
        item = get_object_or_404(source, pk=pk)
        services.recommendation_accept_suggestion(
            case=self.case, **{kind: item}, reasons=request.POST.getlist("reason")
        )
        messages.success(request, _("„%(item)s“ wurde als Empfehlung übernommen.") % {"item": item})
        return redirect(self.case_url("#empfehlungen"))


class DocumentUploadView(CaseMixin, FormView):
    template_name = "consulting/form.html"
    form_class = DocumentForm
    extra_context = {"heading": gettext_lazy("Dokument hochladen"), "multipart": True}

    def form_valid(self, form):
        try:
            services.document_add(
                case=self.case,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
                user=self.request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        messages.success(self.request, _("Das Dokument wurde gespeichert."))
        return redirect(self.case_url("#dokumente"))


class DocumentDownloadView(CaseMixin, View):
    """Files live outside the static and media paths; only this view hands them out."""

    open_when_closed = True

    def get(self, request, case_pk, document_pk):
        document = get_object_or_404(CaseDocument, case=self.case, pk=document_pk)
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )


class DocumentDeleteView(CaseMixin, View):
    def post(self, request, case_pk, document_pk):
        document = get_object_or_404(CaseDocument, case=self.case, pk=document_pk)
        services.document_delete(document=document, request=request)
        messages.success(request, _("Das Dokument wurde gelöscht."))
        return redirect(self.case_url("#dokumente"))


class ReportCreateView(CaseMixin, View):
    """Creates the next version and hands it out at once; it stays in the list of versions.
    Open for a closed case: that is when the final (non-draft) report is made."""

    open_when_closed = True

    def post(self, request, case_pk):
        report = services.report_create(case=self.case, user=request.user, request=request)
        return report_response(report)


def report_response(report) -> HttpResponse:
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="fallbericht-{report.case_id}-v{report.version}.pdf"'
    )
    return response


class ReportDownloadView(CaseMixin, View):
    open_when_closed = True

    def get(self, request, case_pk, version):
        report = get_object_or_404(CaseReport, case=self.case, version=version)
        audit_record(
            kind=AuditEvent.Kind.PDF_DOWNLOAD,
            request=request,
            summary=f"Fallbericht {self.case.pk} v{version}",
        )
        return report_response(report)


class CertificateView(CaseMixin, View):
    open_when_closed = True

    def get(self, request, case_pk):
        if not self.case.is_closed:
            messages.error(
                request, _("Ein Zertifikat gibt es erst für einen abgeschlossenen Fall.")
            )
            return redirect(self.case_url())
        audit_record(
            kind=AuditEvent.Kind.PDF_DOWNLOAD,
            request=request,
            summary=f"Zertifikat Beratungsfall {self.case.pk}",
        )
        response = HttpResponse(render_certificate(self.case), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="zertifikat-{self.case.pk}.pdf"'
        return response


class NextStepListView(TemplateView):
    template_name = "consulting/next_steps.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            steps=queries.next_steps_for(self.request.user), today=timezone.localdate(), **kwargs
        )
