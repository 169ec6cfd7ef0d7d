"""Pages of the needs questionnaire: the respondent's (public, the token is the key) and the
project team's builder.

Respondent pages render in the questionnaire language the respondent chose: the questionnaire's
texts come from its translations, the page's own words through gettext with that language active
(German or English; other questionnaire languages get the English interface words).
"""

import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from catalog.queries import match
from ikokmu.client import client_address
from ikokmu.models import AuditEvent
from ikokmu.outage import remember_page_language
from ikokmu.services import audit_record
from surveys import queries, services
from surveys.forms import (
    ConsentForm,
    CopyForm,
    PageForm,
    QuestionForm,
    QuestionnaireImportForm,
    SectionForm,
    VersionForm,
    initial_from_values,
)
from surveys.models import (
    LANGUAGE_NAMES,
    RTL_LANGUAGES,
    Question,
    QuestionnaireVersion,
    Section,
    language_label,
)
from surveys.reports import answer_sections, answers_pdf

LANGUAGE_PARAMETER = "sprache"
RESPONDENT_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def interface_language(language: str) -> str:
    """The page's own words in the questionnaire's language where the platform has them
    (settings.LANGUAGES), else in English."""
    return language if language in RESPONDENT_LANGUAGES else "en"


class RespondentView(View):
    """Resolves the token; unknown, closed and not yet open links, a wrong and an invalid token
    all get the same friendly page, and too many of them from one address get a pause."""

    token_kind = "personal"
    needs_response = True  # else the page also serves links not yet started

    def dispatch(self, request, *args, **kwargs):
        self.language = request.GET.get(LANGUAGE_PARAMETER) or request.POST.get(LANGUAGE_PARAMETER)
        ip = client_address(request)
        if queries.token_guessing_blocked(ip):
            return self.unavailable(status=429, too_many=True)
        self.token = kwargs["token"]
        self.entry = self.resolve(self.token)
        if self.entry is not None and self.entry.withdrawn:
            return self.withdrawn()
        if self.entry is None or not self.allowed(self.entry):
            services.token_failure_record(ip_address=ip)
            return self.unavailable()
        self.survey_round = self.entry.round
        self.version = self.survey_round.version
        self.response = self.entry.response
        languages = self.version.languages
        if self.language in languages:
            if self.response is not None and self.response.language != self.language:
                services.response_set_language(response=self.response, language=self.language)
        elif self.response is not None and self.response.language in languages:
            self.language = self.response.language
        else:
            self.language = "de"
        with translation.override(interface_language(self.language)):
            reply = super().dispatch(request, *args, **kwargs)
        # The language is stored with the response; the page shown during a database outage
        # cannot read it, so the browser keeps it too.
        remember_page_language(reply, interface_language(self.language))
        return reply

    def resolve(self, token):
        return queries.entry_for_token(token)

    def allowed(self, entry) -> bool:
        if entry.response is not None and entry.response.submitted_at is not None:
            return True  # the thank-you page and the PDF stay reachable
        return entry.is_open

    def unavailable(self, status=404, too_many=False):
        language = self.language if self.language in RESPONDENT_LANGUAGES else None
        with translation.override(language or translation.get_language()):
            return render(
                self.request,
                "surveys/respond/unavailable.html",
                {"too_many": too_many},
                status=status,
            )

    def withdrawn(self):
        """The link of an invitation the district took back: said plainly, not as an unknown
        link (the recipient did nothing wrong and should not retry)."""
        language = self.entry.invitation.language
        with translation.override(interface_language(language)):
            return render(
                self.request,
                "surveys/respond/withdrawn.html",
                {"district": self.entry.round.district},
                status=410,
            )

    def page(self, template, context, status=200):
        t = queries.text_in
        context = {
            "version": self.version,
            "questionnaire_title": t(self.version.title, self.language),
            "language": self.language,
            "rtl": self.language in RTL_LANGUAGES,
            "languages": [
                (code, LANGUAGE_NAMES.get(code, code)) for code in self.version.languages
            ],
            "token": self.token,
            "resume_url": self.resume_url(),
            **context,
        }
        return render(self.request, template, context, status=status)

    def resume_url(self) -> str | None:
        """The link an open-link respondent keeps to continue later."""
        if self.response is not None and self.entry.invitation is None:
            return self.request.build_absolute_uri(reverse("surveys:respond", args=[self.token]))
        return None

    def url(self, name, *args):
        return reverse(f"surveys:{name}", args=[self.token, *args])


def resume_position(structure, values, response) -> int | None:
    """The first shown page after the furthest one saved; None when only the review is left."""
    shown = structure.shown_sections(values)
    later = [s.position for s in shown if s.position > response.furthest_position]
    return later[0] if later else None


class EntryView(RespondentView):
    """Welcome, privacy notice and consent; with consent given, straight to where they stopped."""

    template_name = "surveys/respond/entry.html"

    def get(self, request, token):
        if self.response is not None:
            if self.response.submitted_at is not None:
                invitation = self.entry.invitation
                if invitation is not None and not invitation.completed:
                    services.invitation_mark_completed(invitation=invitation)
                return redirect(self.url("thanks"))
            structure = queries.version_structure(self.version.pk, version=self.version)
            values = queries.answer_values(self.response.pk)
            position = resume_position(structure, values, self.response)
            return redirect(self.url("page", position) if position else self.url("review"))
        return self.render_entry(ConsentForm())

    def post(self, request, token):
        if self.response is not None:
            return redirect(self.url("respond"))
        form = ConsentForm(request.POST)
        if not form.is_valid():
            return self.render_entry(form, status=400)
        response = self.start()
        return redirect(self.url_after_start(response))

    def start(self):
        return services.response_start_for_invitation(
            invitation=self.entry.invitation, language=self.language, token=self.token
        )

    def url_after_start(self, response):
        return self.url("page", 1)

    def linked_notice(self) -> str:
        """What the privacy notice adds about this link: whether answers name the organisation."""
        if self.entry.invitation is None:
            return ""
        if self.survey_round.anonymity == self.survey_round.Anonymity.PERSONALISED:
            return _(
                "In dieser Befragungsrunde werden Ihre Antworten mit Ihrer Organisation "
                "verknüpft: Der Landkreis und das Projektteam sehen, welche Antworten von Ihrer "
                "Organisation stammen."
            )
        return _(
            "Ihre Antworten werden anonym gespeichert: Nichts verbindet sie mit Ihrer "
            "Einladung oder Organisation. Wir sehen nur, ob die Einladung begonnen und "
            "abgeschlossen wurde."
        )

    def render_entry(self, form, status=200):
        t = queries.text_in
        return self.page(
            self.template_name,
            {
                "form": form,
                "introduction": t(self.version.introduction, self.language),
                "privacy_notice": t(self.version.privacy_notice, self.language),
                "consent_label": t(self.version.consent_label, self.language),
                "district": self.survey_round.district,
                "linked_notice": self.linked_notice(),
            },
            status=status,
        )


class OpenEntryView(EntryView):
    """A round's open link: each consent starts a new response with its own resume link."""

    def resolve(self, token):
        survey_round = queries.round_for_open_token(token)
        return queries.Entry(round=survey_round) if survey_round else None

    def get(self, request, token):
        return self.render_entry(ConsentForm())

    def start(self):
        response, self.resume_token = services.response_start_open(
            survey_round=self.survey_round, language=self.language
        )
        return response

    def url_after_start(self, response):
        return reverse("surveys:page", args=[self.resume_token, 1]) + "?neu=1"


class PageView(RespondentView):
    """One section: answers are saved whenever the respondent moves on or back."""

    def setup_page(self, position):
        if self.response is None:
            return redirect(self.url("respond"))
        if self.response.submitted_at is not None:
            return redirect(self.url("thanks"))
        self.structure = queries.version_structure(self.version.pk, version=self.version)
        self.values = queries.answer_values(self.response.pk)
        self.shown = self.structure.shown_sections(self.values)
        self.section = self.structure.section_at(position)
        if self.section is None or self.section not in self.shown:
            # A hidden or unknown page: the next shown one after it, else the review.
            later = [s for s in self.shown if s.position > position]
            return redirect(self.url("page", later[0].position) if later else self.url("review"))
        if position > self.response.furthest_position + 1 and not self.may_jump():
            resume = resume_position(self.structure, self.values, self.response)
            return redirect(self.url("page", resume) if resume else self.url("review"))
        self.questions = self.structure.page_questions(self.section, self.values)
        return None

    def may_jump(self) -> bool:
        # Skipping ahead past pages never saved would skip their required questions.
        earlier = [s for s in self.shown if s.position < self.section.position]
        return all(s.position <= self.response.furthest_position for s in earlier)

    def get(self, request, token, position):
        redirected = self.setup_page(position)
        if redirected:
            return redirected
        form = PageForm(
            questions=self.questions,
            language=self.language,
            initial=initial_from_values(self.questions, self.values),
        )
        return self.render_page(form)

    def post(self, request, token, position):
        redirected = self.setup_page(position)
        if redirected:
            return redirected
        action = request.POST.get("action")
        going_back = action == "back"
        # The page's script sends a draft when the respondent leaves or closes the page.
        draft = action == "draft"
        # First read what the page says, to decide the conditions among its own questions.
        probe = PageForm(
            request.POST,
            questions=self.questions,
            language=self.language,
            enforce_required=False,
        )
        probe.is_valid()
        codes = {q.code for q in self.questions}
        values = {
            key: value
            for key, value in self.values.items()
            if (key[0] if isinstance(key, tuple) else key) not in codes
        }
        values.update(probe.condition_values())
        active = [q.pk for q in self.questions if self.structure.is_shown(q, values)]
        form = PageForm(
            request.POST,
            questions=self.questions,
            language=self.language,
            enforce_required=not (going_back or draft),
            active=active,
        )
        if not form.is_valid():
            if draft:
                return HttpResponse(status=204)  # an unfinished entry waits for the next save
            return self.render_page(form, status=400)
        try:
            services.response_save_page(
                response=self.response,
                questions=self.section.questions_list,
                values=form.values(),
                position=position if not (going_back or draft) else self.response.furthest_position,
            )
        except services.AlreadySubmitted:
            return redirect(self.url("thanks"))
        if draft:
            return HttpResponse(status=204)
        # What is stored now: the earlier answers and this page's shown questions.
        inactive = {q.code for q in self.questions if q.pk not in set(active)}
        values = {
            key: value
            for key, value in values.items()
            if (key[0] if isinstance(key, tuple) else key) not in inactive
        }
        shown = self.structure.shown_sections(values)
        if going_back:
            earlier = [s for s in shown if s.position < position]
            return redirect(
                self.url("page", earlier[-1].position) if earlier else self.url("page", position)
            )
        later = [s for s in shown if s.position > position]
        return redirect(self.url("page", later[0].position) if later else self.url("review"))

    def render_page(self, form, status=200):
        t = queries.text_in
        index = self.shown.index(self.section)
        return self.page(
            "surveys/respond/page.html",
            {
                "form": form,
                "blocks": form.blocks(),
                "error_summary": form.error_summary() if form.is_bound else [],
                "section_title": t(self.section.title, self.language),
                "section_description": t(self.section.description, self.language),
                "progress": self.structure.progress(self.values, self.section),
                "is_first": index == 0,
                "new_open_response": request_is_new(self.request),
            },
            status=status,
        )


def request_is_new(request) -> bool:
    return request.GET.get("neu") == "1"


class ReviewView(RespondentView):
    """All answers at a glance, then submit once."""

    def get(self, request, token):
        if self.response is None:
            return redirect(self.url("respond"))
        if self.response.submitted_at is not None:
            return redirect(self.url("thanks"))
        return self.render_review()

    def render_review(self, status=200):
        structure = queries.version_structure(self.version.pk, version=self.version)
        values = queries.answer_values(self.response.pk)
        shown = structure.shown_sections(values)
        return self.page(
            "surveys/respond/review.html",
            {
                "sections": answer_sections(structure, values, self.language),
                "progress": structure.progress(values),
                "last_position": shown[-1].position if shown else 1,
            },
            status=status,
        )

    def post(self, request, token):
        if self.response is None:
            return redirect(self.url("respond"))
        try:
            services.response_submit(response=self.response, invitation=self.entry.invitation)
        except services.Incomplete as incomplete:
            messages.error(request, _("Bitte beantworten Sie zuerst alle Pflichtfragen."))
            return redirect(self.url("page", incomplete.position))
        except IntegrityError:
            pass  # the other request's submit won; the response is submitted either way
        return redirect(self.url("thanks"))


class SubmittedMixin:
    def submitted_context(self):
        structure = queries.version_structure(self.version.pk, version=self.version)
        values = queries.answer_values(self.response.pk)
        profile = queries.needs_profile(self.response.pk)
        result = match(
            kind="sme",
            district=self.survey_round.district,
            fields_of_action=profile.strongest(3),
            limit=5,
        )
        return {
            "profile": profile,
            "result": result,
            "sections": answer_sections(structure, values, self.language),
            "closing_text": queries.text_in(self.version.closing_text, self.language),
            "district": self.survey_round.district,
            "submitted_at": self.response.submitted_at,
        }


class ThanksView(SubmittedMixin, RespondentView):
    def get(self, request, token):
        if self.response is None or self.response.submitted_at is None:
            return redirect(self.url("respond"))
        return self.page("surveys/respond/thanks.html", self.submitted_context())


class AnswersPdfView(SubmittedMixin, RespondentView):
    def get(self, request, token):
        if self.response is None or self.response.submitted_at is None:
            return redirect(self.url("respond"))
        context = {
            **self.submitted_context(),
            "questionnaire_title": queries.text_in(self.version.title, self.language),
            "language": self.language,
        }
        pdf = answers_pdf(context)
        reply = HttpResponse(pdf, content_type="application/pdf")
        reply["Content-Disposition"] = 'attachment; filename="fragebogen-antworten.pdf"'
        reply["Cache-Control"] = "no-store"
        mark_download_done(request, reply)
        return reply


def mark_download_done(request, reply) -> None:
    """Tell the page's download script (surveys/download.js) that the file has arrived: a
    short-lived cookie named after the token the script put in the link."""
    token = request.GET.get("download", "")
    if 8 <= len(token) <= 40 and token.isalnum():
        reply.set_cookie(f"download_{token}", "1", max_age=60, samesite="Lax")


# Builder (project team) -----------------------------------------------------------------------


class QuestionnaireListView(ListView):
    template_name = "surveys/builder/questionnaire_list.html"
    context_object_name = "questionnaires"

    def get_queryset(self):
        return queries.questionnaire_list()


class VersionMixin:
    def dispatch(self, request, *args, **kwargs):
        self.version = get_object_or_404(
            QuestionnaireVersion.objects.select_related("questionnaire"), pk=kwargs["version_pk"]
        )
        return super().dispatch(request, *args, **kwargs)


class VersionDetailView(VersionMixin, TemplateView):
    template_name = "surveys/builder/version_detail.html"

    def get_context_data(self, **kwargs):
        structure = queries.version_structure(self.version.pk, with_weights=True)
        return super().get_context_data(
            version=self.version,
            structure=structure,
            versions=queries.versions_of(self.version.questionnaire),
            frozen=self.version.is_frozen,
            missing=[
                (language_label(code), where, text)
                for code, where, text in queries.missing_translations(structure)
            ],
            version_languages=[(c, language_label(c)) for c in self.version.languages],
            copy_form=CopyForm(
                initial={
                    "name": _("Kopie von %(name)s") % {"name": self.version.questionnaire.name}
                }
            ),
            **kwargs,
        )


class PreviewView(VersionMixin, View):
    """A section exactly as a respondent sees it, in any of the version's languages; nothing is
    saved."""

    def get(self, request, version_pk, position):
        language = request.GET.get(LANGUAGE_PARAMETER, "de")
        if language not in self.version.languages:
            language = "de"
        structure = queries.version_structure(self.version.pk, version=self.version)
        if position == 0:
            return self.entry_preview(request, language, structure)
        section = structure.section_at(position)
        if section is None:
            raise Http404
        with translation.override(interface_language(language)):
            form = PageForm(questions=section.questions_list, language=language)
            t = queries.text_in
            index = structure.sections.index(section)
            return render(
                request,
                "surveys/respond/page.html",
                {
                    "preview": True,
                    "version": self.version,
                    "questionnaire_title": t(self.version.title, language),
                    "language": language,
                    "rtl": language in RTL_LANGUAGES,
                    "languages": [(c, LANGUAGE_NAMES.get(c, c)) for c in self.version.languages],
                    "form": form,
                    "blocks": form.blocks(),
                    "error_summary": [],
                    "section_title": t(section.title, language),
                    "section_description": t(section.description, language),
                    "progress": queries.Progress(
                        step=index + 1, steps=len(structure.sections) + 1, certain=True
                    ),
                    "is_first": index == 0,
                    "preview_sections": structure.sections,
                    "preview_position": position,
                },
            )

    def entry_preview(self, request, language, structure):
        t = queries.text_in
        with translation.override(interface_language(language)):
            return render(
                request,
                "surveys/respond/entry.html",
                {
                    "preview": True,
                    "version": self.version,
                    "questionnaire_title": t(self.version.title, language),
                    "language": language,
                    "rtl": language in RTL_LANGUAGES,
                    "languages": [(c, LANGUAGE_NAMES.get(c, c)) for c in self.version.languages],
                    "form": ConsentForm(),
                    "introduction": t(self.version.introduction, language),
                    "privacy_notice": t(self.version.privacy_notice, language),
                    "consent_label": t(self.version.consent_label, language),
                    "preview_sections": structure.sections,
                    "preview_position": 0,
                },
            )


class ExportView(VersionMixin, View):
    def get(self, request, version_pk):
        data = services.questionnaire_export(self.version)
        audit_record(
            kind=AuditEvent.Kind.EXPORT,
            summary=f"Fragebogen als JSON exportiert: {self.version}",
            request=request,
            detail={"version": self.version.pk},
        )
        reply = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
        )
        name = f"fragebogen-{self.version.questionnaire_id}-v{self.version.number}.json"
        reply["Content-Disposition"] = f'attachment; filename="{name}"'
        return reply


class ImportView(FormView):
    template_name = "surveys/builder/form.html"
    form_class = QuestionnaireImportForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Fragebogen importieren"), multipart=True, **kwargs
        )

    def form_valid(self, form):
        try:
            version = services.questionnaire_import(data=form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        messages.success(self.request, _("Der Fragebogen wurde importiert."))
        return redirect("surveys:version_detail", version.pk)


class CopyView(VersionMixin, View):
    def post(self, request, version_pk):
        form = CopyForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Bitte geben Sie einen Namen für die Kopie an."))
            return redirect("surveys:version_detail", self.version.pk)
        copy = services.questionnaire_copy(version=self.version, name=form.cleaned_data["name"])
        messages.success(request, _("Der Fragebogen wurde kopiert."))
        return redirect("surveys:version_detail", copy.pk)


class NewVersionView(VersionMixin, View):
    def post(self, request, version_pk):
        version = services.version_create_next(version=self.version)
        messages.success(
            request,
            _("Version %(n)d wurde angelegt und kann bearbeitet werden.") % {"n": version.number},
        )
        return redirect("surveys:version_detail", version.pk)


class EditMixin(VersionMixin):
    """Builder pages that change a version; a frozen version sends the team back with the
    reason."""

    def back(self):
        return redirect("surveys:version_detail", self.version.pk)

    def refused(self, error: ValidationError):
        messages.error(self.request, " ".join(error.messages))
        return self.back()


class VersionEditView(EditMixin, FormView):
    template_name = "surveys/builder/edit_form.html"

    def get_form(self, form_class=None):
        return VersionForm(self.request.POST or None, version=self.version)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Titel, Texte und Sprachen bearbeiten"), version=self.version, **kwargs
        )

    def form_valid(self, form):
        try:
            services.version_update(
                version=self.version,
                languages=form.cleaned_data["languages"],
                texts=form.texts(),
            )
        except ValidationError as error:
            return self.refused(error)
        messages.success(self.request, _("Gespeichert."))
        return self.back()


class SectionFormView(EditMixin, FormView):
    template_name = "surveys/builder/edit_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.section = None
        if "section_pk" in kwargs:
            self.section = get_object_or_404(
                Section, pk=kwargs["section_pk"], version_id=kwargs["version_pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        position = self.section.position if self.section else 10**6
        earlier = Question.objects.filter(version=self.version, section__position__lt=position)
        return SectionForm(
            self.request.POST or None,
            languages=self.version.languages,
            section=self.section,
            earlier=earlier,
        )

    def get_context_data(self, **kwargs):
        heading = _("Abschnitt bearbeiten") if self.section else _("Abschnitt hinzufügen")
        return super().get_context_data(heading=heading, version=self.version, **kwargs)

    def form_valid(self, form):
        texts = form.texts()
        try:
            services.section_save(
                version=self.version,
                section=self.section,
                title=texts["title"],
                description=texts["description"],
                conditions=form.condition_rows,
            )
        except ValidationError as error:
            return self.refused(error)
        messages.success(self.request, _("Der Abschnitt wurde gespeichert."))
        return self.back()


class QuestionFormView(EditMixin, FormView):
    template_name = "surveys/builder/edit_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.question = None
        if "question_pk" in kwargs:
            self.question = get_object_or_404(
                Question.objects.select_related("section"),
                pk=kwargs["question_pk"],
                version_id=kwargs["version_pk"],
            )
            self.section = self.question.section
        else:
            self.section = get_object_or_404(
                Section, pk=kwargs["section_pk"], version_id=kwargs["version_pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        position = self.question.position if self.question else 10**6
        earlier = Question.objects.filter(version=self.version).filter(
            Q(section__position__lt=self.section.position)
            | Q(section=self.section, position__lt=position)
        )
        return QuestionForm(
            self.request.POST or None,
            languages=self.version.languages,
            question=self.question,
            earlier=earlier,
        )

    def get_context_data(self, **kwargs):
        heading = _("Frage bearbeiten") if self.question else _("Frage hinzufügen")
        return super().get_context_data(heading=heading, version=self.version, **kwargs)

    def form_valid(self, form):
        try:
            services.question_save(
                section=self.section,
                question=self.question,
                fields=form.question_fields(),
                choices=form.choice_rows,
                items=form.item_rows,
                weights=form.weight_rows,
                conditions=form.condition_rows,
            )
        except ValidationError as error:
            if self.version.is_frozen:
                return self.refused(error)
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(self.request, _("Die Frage wurde gespeichert."))
        return self.back()


class MoveOrDeleteView(EditMixin, View):
    """POST-only buttons of the structure list: up, down, delete."""

    kind = "section"  # or "question", set in urls.py

    def post(self, request, version_pk, pk, action):
        if self.kind == "section":
            target = get_object_or_404(Section, pk=pk, version_id=version_pk)
        else:
            target = get_object_or_404(Question, pk=pk, version_id=version_pk)
        try:
            if action in ("hoch", "runter"):
                step = -1 if action == "hoch" else 1
                if self.kind == "section":
                    services.section_move(section=target, step=step)
                else:
                    services.question_move(question=target, step=step)
            elif action == "loeschen":
                if self.kind == "section":
                    services.section_delete(section=target)
                    summary = f"Abschnitt gelöscht: {target} ({self.version})"
                else:
                    services.question_delete(question=target)
                    summary = f"Frage gelöscht: {target.code} ({self.version})"
                audit_record(
                    kind=AuditEvent.Kind.DELETION,
                    summary=summary,
                    request=request,
                    detail={"version": self.version.pk, self.kind: pk},
                )
                messages.success(request, _("Gelöscht."))
            else:
                raise Http404
        except ValidationError as error:
            return self.refused(error)
        anchor = f"#{self.kind}-{pk}" if action != "loeschen" else ""
        return redirect(reverse("surveys:version_detail", args=[version_pk]) + anchor)
