"""The test mail's link ("Testmail an mich"): the round's questionnaire as an invited
respondent sees it, page by page, in the mail's language, storing nothing.

It is no invitation's link and writes no response, so a test never shows in the round's
figures, results, exports or response rate. The link is signed (surveys.tokens.trial_token) and
names only the round and the language. Answers typed in are checked like real ones (so the
district sees the messages respondents get) and then forgotten; so every section is shown,
also one that only certain answers open.
"""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views import View

from surveys import queries, tokens
from surveys.forms import ConsentForm, PageForm
from surveys.models import LANGUAGE_NAMES, RTL_LANGUAGES, SurveyRound
from surveys.views import LANGUAGE_PARAMETER, interface_language


class TrialView(View):
    """Resolves the signed link; an invalid or expired one gets the respondents' "not
    available" page."""

    def dispatch(self, request, *args, **kwargs):
        self.token = kwargs["token"]
        parts = tokens.trial_parts(self.token)
        survey_round = None
        if parts is not None:
            survey_round = (
                SurveyRound.objects.select_related("version__questionnaire", "district")
                .filter(pk=parts[0])
                .first()
            )
        if survey_round is None:
            return render(request, "surveys/respond/unavailable.html", {}, status=404)
        self.survey_round = survey_round
        self.version = survey_round.version
        self.structure = queries.version_structure(self.version.pk, version=self.version)
        wanted = request.GET.get(LANGUAGE_PARAMETER) or request.POST.get(LANGUAGE_PARAMETER)
        languages = self.version.languages
        self.language = next((code for code in (wanted, parts[1]) if code in languages), "de")
        with translation.override(interface_language(self.language)):
            return super().dispatch(request, *args, **kwargs)

    def url(self, name, *args) -> str:
        path = reverse(f"surveys:{name}", args=[self.token, *args])
        return f"{path}?{LANGUAGE_PARAMETER}={self.language}"

    def page(self, template, context, status=200, position=0):
        t = queries.text_in
        return render(
            self.request,
            template,
            {
                "trial": True,
                "trial_sections": self.structure.sections,
                "trial_position": position,
                "token": self.token,
                "version": self.version,
                "questionnaire_title": t(self.version.title, self.language),
                "language": self.language,
                "rtl": self.language in RTL_LANGUAGES,
                "languages": [(c, LANGUAGE_NAMES.get(c, c)) for c in self.version.languages],
                **context,
            },
            status=status,
        )


class TrialEntryView(TrialView):
    def get(self, request, token):
        return self.render_entry(ConsentForm())

    def post(self, request, token):
        form = ConsentForm(request.POST)
        if not form.is_valid():
            return self.render_entry(form, status=400)
        sections = self.structure.sections
        return redirect(
            self.url("trial_page", sections[0].position) if sections else self.url("trial_end")
        )

    def render_entry(self, form, status=200):
        t = queries.text_in
        return self.page(
            "surveys/respond/entry.html",
            {
                "form": form,
                "introduction": t(self.version.introduction, self.language),
                "privacy_notice": t(self.version.privacy_notice, self.language),
                "consent_label": t(self.version.consent_label, self.language),
                "district": self.survey_round.district,
            },
            status=status,
        )


class TrialPageView(TrialView):
    def get(self, request, token, position):
        section = self.structure.section_at(position)
        if section is None:
            return redirect(self.url("trial_end"))
        form = PageForm(questions=section.questions_list, language=self.language)
        return self.render_page(section, form)

    def post(self, request, token, position):
        section = self.structure.section_at(position)
        if section is None:
            return redirect(self.url("trial_end"))
        action = request.POST.get("action")
        if action == "draft":
            return HttpResponse(status=204)  # the page's autosave: nothing to keep
        sections = self.structure.sections
        index = sections.index(section)
        if action == "back":
            earlier = sections[index - 1] if index else section
            return redirect(self.url("trial_page", earlier.position))
        # Checked like a real page, required questions aside: which of them apply would depend
        # on answers the walk does not keep.
        form = PageForm(
            request.POST,
            questions=section.questions_list,
            language=self.language,
            enforce_required=False,
        )
        if not form.is_valid():
            return self.render_page(section, form, status=400)
        later = sections[index + 1 :]
        return redirect(
            self.url("trial_page", later[0].position) if later else self.url("trial_end")
        )

    def render_page(self, section, form, status=200):
        t = queries.text_in
        sections = self.structure.sections
        index = sections.index(section)
        return self.page(
            "surveys/respond/page.html",
            {
                "form": form,
                "blocks": form.blocks(),
                "error_summary": form.error_summary() if form.is_bound else [],
                "section_title": t(section.title, self.language),
                "section_description": t(section.description, self.language),
                # Every section is shown in a trial: the count is certain.
                "progress": queries.Progress(step=index + 1, steps=len(sections) + 1, certain=True),
                "is_first": index == 0,
            },
            status=status,
            position=section.position,
        )


class TrialEndView(TrialView):
    def get(self, request, token):
        sections = self.structure.sections
        return self.page(
            "surveys/respond/trial_end.html",
            {"last_url": self.url("trial_page", sections[-1].position) if sections else ""},
            position=-1,
        )


class TrialUnsubscribeView(TrialView):
    """The test mail's unsubscribe link: says what the real one does, unsubscribes nobody."""

    def get(self, request, token):
        return self.page("surveys/respond/trial_unsubscribe.html", {}, position=-2)
