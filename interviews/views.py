"""Pages of the interview study. The access policy lets only the interview and project team in;
each view then asks interviews.queries for the study with the right it needs (404 otherwise)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from ikokmu.models import AuditEvent
from ikokmu.params import parse_ids
from ikokmu.services import audit_record
from ikokmu.spreadsheets import dataset_response
from interviews import forms, queries, refi, services
from interviews.models import BestPractice, Code, Company, Interview, StudyMember
from interviews.transcripts import (
    TranscriptFileError,
    pieces,
    text_from_upload,
    transcript_html,
)

READ, CODE, MANAGE = StudyMember.Role.READ, StudyMember.Role.CODE, StudyMember.Role.MANAGE


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, problems in error.error_dict.items():
            for problem in problems:
                form.add_error(field if field in form.fields else None, problem)
    else:
        for message in error.messages:
            form.add_error(None, message)


class StudyMixin:
    """Loads self.study from `study_pk` with the right `needed` (or 404)."""

    needed = READ

    def load(self, **kwargs):
        self.study = queries.study_for(self.request.user, kwargs["study_pk"], self.needed)

    def dispatch(self, request, *args, **kwargs):
        self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        role = queries.study_role(self.request.user, self.study)
        return super().get_context_data(
            study=self.study,
            may_code=queries.LEVELS[role] >= queries.LEVELS[CODE],
            may_manage=role == MANAGE,
            **kwargs,
        )


class InterviewMixin(StudyMixin):
    def load(self, **kwargs):
        self.interview = queries.interview_for(
            self.request.user, kwargs["interview_pk"], self.needed
        )
        self.study = self.interview.company.study

    def get_context_data(self, **kwargs):
        return super().get_context_data(interview=self.interview, **kwargs)


class StudyListView(ListView):
    template_name = "interviews/study_list.html"
    context_object_name = "studies"

    def get_queryset(self):
        return queries.study_list(self.request.user)


class StudyCreateView(FormView):
    form_class = forms.StudyForm
    template_name = "interviews/form.html"
    extra_context = {"heading": gettext_lazy("Interviewstudie anlegen")}

    def form_valid(self, form):
        study = services.study_create(manager=self.request.user, **form.cleaned_data)
        return redirect(study)


class StudyDetailView(StudyMixin, TemplateView):
    template_name = "interviews/study_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**queries.study_overview(self.study), **kwargs)


class StudyEditView(StudyMixin, FormView):
    needed = MANAGE
    form_class = forms.StudyForm
    template_name = "interviews/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.study}

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=_("Studie bearbeiten"), **kwargs)

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("Die Studie wurde gespeichert."))
        return redirect(self.study)


class MemberView(StudyMixin, FormView):
    needed = MANAGE
    form_class = forms.MemberForm
    template_name = "interviews/form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=_("Teammitglied hinzufügen oder ändern"), **kwargs)

    def form_valid(self, form):
        services.member_set(
            study=self.study, user=form.cleaned_data["username"], role=form.cleaned_data["role"]
        )
        messages.success(self.request, _("Das Team wurde geändert."))
        return redirect(self.study)


class GuideView(StudyMixin, FormView):
    form_class = forms.GuideForm
    template_name = "interviews/guide.html"

    def get_initial(self):
        guide = self.study.guides.prefetch_related("questions").first()
        if guide is None:
            return {}
        lines, block = [], None
        for question in guide.questions.all():
            if question.block != block:
                block = question.block
                lines.append(f"# {block}")
            lines.append(question.text)
        return {"outline": "\n".join(lines)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            guides=self.study.guides.prefetch_related("questions"), **kwargs
        )

    def post(self, request, *args, **kwargs):
        if not queries.may(request.user, self.study, MANAGE):
            raise Http404
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            guide = services.guide_create_version(study=self.study, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Version %(v)s des Leitfadens gespeichert.") % {"v": guide.version}
        )
        return redirect("interviews:guide", study_pk=self.study.pk)


class CompanyEditView(StudyMixin, FormView):
    needed = MANAGE
    form_class = forms.CompanyForm
    template_name = "interviews/form.html"

    def load(self, **kwargs):
        self.company = None
        if "company_pk" in kwargs:
            self.company = get_object_or_404(
                Company.objects.select_related("study"), pk=kwargs["company_pk"]
            )
            kwargs["study_pk"] = self.company.study_id
        super().load(**kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.company or Company(study=self.study)
        return kwargs

    def get_context_data(self, **kwargs):
        heading = (
            _("Fall %(p)s bearbeiten") % {"p": self.company}
            if self.company
            else _("Unternehmen (Fall) anlegen")
        )
        return super().get_context_data(heading=heading, **kwargs)

    def form_valid(self, form):
        company = form.save()
        messages.success(self.request, _("Der Fall %(p)s wurde gespeichert.") % {"p": company})
        if self.company is None:
            return redirect("interviews:company_key", company_pk=company.pk)
        return redirect(self.study)


class KeyView(StudyMixin, FormView):
    """The pseudonym key: managers only, every opening goes to the audit trail."""

    needed = MANAGE
    form_class = forms.KeyForm
    template_name = "interviews/key.html"

    def load(self, **kwargs):
        self.company = get_object_or_404(Company, pk=kwargs["company_pk"])
        super().load(study_pk=self.company.study_id)

    def get(self, request, *args, **kwargs):
        audit_record(
            kind=AuditEvent.Kind.EXPORT,
            summary=f"Pseudonymschlüssel eingesehen: Fall {self.company.pseudonym} "
            f"({self.study.title})",
            request=request,
            detail={"study": self.study.pk, "company": self.company.pk},
        )
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        key = getattr(self.company, "key", None) if hasattr(self.company, "key") else None
        if key is None:
            return {}
        return {"real_name": key.real_name, "contact": key.contact, "other_names": key.other_names}

    def get_context_data(self, **kwargs):
        return super().get_context_data(company=self.company, **kwargs)

    def form_valid(self, form):
        services.key_save(company=self.company, **form.cleaned_data)
        messages.success(self.request, _("Der Pseudonymschlüssel wurde gespeichert."))
        return redirect(self.study)


class InterviewEditView(StudyMixin, FormView):
    needed = CODE
    form_class = forms.InterviewForm
    template_name = "interviews/form.html"

    def load(self, **kwargs):
        self.interview = None
        if "interview_pk" in kwargs:
            self.interview = queries.interview_for(
                self.request.user, kwargs["interview_pk"], self.needed
            )
            kwargs["study_pk"] = self.interview.company.study_id
        super().load(**kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "study": self.study,
            "instance": self.interview or Interview(),
        }

    def get_context_data(self, **kwargs):
        heading = _("Interview bearbeiten") if self.interview else _("Interview anlegen")
        return super().get_context_data(heading=heading, **kwargs)

    def form_valid(self, form):
        interview = form.save()
        messages.success(self.request, _("Das Interview wurde gespeichert."))
        return redirect(interview)


class InterviewDetailView(InterviewMixin, TemplateView):
    template_name = "interviews/interview_detail.html"

    def get_context_data(self, **kwargs):
        interview = self.interview
        return super().get_context_data(
            memos=interview.memos.select_related("author"),
            segment_count=interview.segments.count(),
            has_signed_form=hasattr(interview, "signed_form"),
            memo_form=forms.MemoForm(),
            **kwargs,
        )


class ConsentView(InterviewMixin, FormView):
    needed = MANAGE
    form_class = forms.ConsentForm
    template_name = "interviews/form.html"

    def get_initial(self):
        i = self.interview
        initial = {"date": i.consent_date, "form_version": i.consent_form_version}
        for scope in services.CONSENT_SCOPES:
            initial[scope] = getattr(i, f"consent_{scope}")
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Einwilligung erfassen"),
            explanation=_(
                "Wird ein Bereich abgewählt, wird das Material gelöscht, das er "
                "nicht mehr deckt (zum Beispiel das Transkript ohne Transkription)."
            ),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.interview_record_consent(
                interview=self.interview,
                date=data["date"],
                form_version=data["form_version"],
                scopes=data,
                signed_form=data.get("signed_form"),
            )
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Die Einwilligung wurde gespeichert."))
        return redirect(self.interview)


class WithdrawView(InterviewMixin, FormView):
    needed = MANAGE
    form_class = forms.WithdrawForm
    template_name = "interviews/form.html"

    def get_initial(self):
        return {"on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=_("Widerruf der Einwilligung erfassen"), **kwargs)

    def form_valid(self, form):
        try:
            services.interview_withdraw_consent(
                interview=self.interview, on=form.cleaned_data["on"], request=self.request
            )
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Der Widerruf ist erfasst; das Material ist gelöscht."))
        return redirect(self.interview)


class SignedFormView(InterviewMixin, View):
    needed = MANAGE

    def get(self, request, *args, **kwargs):
        signed = (
            getattr(self.interview, "signed_form", None)
            if hasattr(self.interview, "signed_form")
            else None
        )
        if signed is None:
            raise Http404
        audit_record(
            kind=AuditEvent.Kind.EXPORT,
            summary=f"Unterschriebene Einwilligung geöffnet: Interview {self.interview}",
            request=request,
            detail={"interview": self.interview.pk},
        )
        return FileResponse(
            signed.file.open("rb"), as_attachment=True, filename=signed.file.name.rsplit("/", 1)[-1]
        )


class TranscriptView(InterviewMixin, FormView):
    needed = CODE
    form_class = forms.TranscriptForm
    template_name = "interviews/transcript_form.html"

    def get_initial(self):
        return {"text": self.interview.transcript}

    def form_valid(self, form):
        text = form.cleaned_data["text"]
        upload = form.cleaned_data.get("file")
        try:
            if upload:
                text = text_from_upload(upload.name, upload.read())
            _interview, count = services.interview_set_transcript(
                interview=self.interview, text=text, user=self.request.user
            )
        except TranscriptFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Das Transkript wurde gespeichert; %(n)s Namen durch das Pseudonym ersetzt.")
            % {"n": count},
        )
        return redirect("interviews:coding", interview_pk=self.interview.pk)


class AudioView(InterviewMixin, FormView):
    needed = MANAGE
    form_class = forms.AudioForm
    template_name = "interviews/form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=_("Audiodatei hochladen"), **kwargs)

    def form_valid(self, form):
        interview = self.interview
        if not interview.consent_allows("recording"):
            form.add_error("audio", _("Ohne Einwilligung in die Aufzeichnung geht das nicht."))
            return self.form_invalid(form)
        interview.audio = form.cleaned_data["audio"]
        if interview.audio_delete_on is None:
            interview.audio_delete_on = interview.date + timezone.timedelta(
                days=self.study.audio_retention_days
            )
        interview.save()
        messages.success(self.request, _("Die Audiodatei wurde gespeichert."))
        return redirect(interview)


class CodingView(InterviewMixin, TemplateView):
    """Transcript and codebook side by side; codings are added and changed via htmx."""

    template_name = "interviews/coding.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            coding_context(
                self.interview, self.study, context["may_code"], undo=undo_offer(self.request)
            )
        )
        context["segment_form"] = forms.SegmentForm(study=self.study)
        return context


# The last removal or change of codes, kept in the session so that it can be undone (one step,
# as long as the coder stays signed in); a new coding replaces the offer.
UNDO_SESSION_KEY = "interviews_undo"


def undo_remember(request, segment, done: str) -> None:
    request.session[UNDO_SESSION_KEY] = {
        "snapshot": services.segment_snapshot(segment),
        "done": done,
    }


def undo_offer(request) -> dict | None:
    """What the coding page offers to undo, if the last change was made in this session."""
    entry = request.session.get(UNDO_SESSION_KEY)
    if not entry:
        return None
    interview_pk = entry["snapshot"]["interview"]
    return {
        "done": entry["done"],
        "interview": interview_pk,
        "url": reverse("interviews:coding_undo", args=[interview_pk]),
    }


def coding_context(interview, study, may_code, checked=frozenset(), undo=None) -> dict:
    data = queries.coding_page(interview)
    # One reverse() per kind instead of one per row: 300 rows would cost ~100 ms otherwise.
    edit_url = reverse("interviews:segment_edit", args=[0])
    delete_url = reverse("interviews:segment_delete", args=[0])
    edit_label, delete_label = _("Codes ändern"), _("Entfernen")
    for segment in data["segments"]:
        segment.edit_url = edit_url.replace("/0/", f"/{segment.pk}/")
        segment.delete_url = delete_url.replace("/0/", f"/{segment.pk}/")
        span = f"({segment.start}–{segment.end})"
        segment.edit_label, segment.delete_label = f"{edit_label} {span}", f"{delete_label} {span}"
        segment.excerpt = segment.text if len(segment.text) <= 90 else segment.text[:89] + "…"
    return {
        "checked_codes": checked,
        "undo": undo if undo and undo["interview"] == interview.pk else None,
        "interview": interview,
        "study": study,
        "may_code": may_code,
        "transcript_html": transcript_html(pieces(interview.transcript, data["segments"])),
        "segments": data["segments"],
        "memos": data["memos"],
        "codebook": queries.codebook(study),
    }


class SegmentCreateView(InterviewMixin, View):
    needed = CODE

    def post(self, request, *args, **kwargs):
        form = forms.SegmentForm(request.POST, study=self.study)
        if form.is_valid():
            try:
                services.segment_code(
                    interview=self.interview,
                    codes=form.cleaned_data["codes"],
                    coder=request.user,
                    start=form.cleaned_data["start"],
                    end=form.cleaned_data["end"],
                    phrase=form.cleaned_data["phrase"],
                )
                form = forms.SegmentForm(study=self.study)
                status = _("Die Textstelle wurde kodiert.")
                request.session.pop(UNDO_SESSION_KEY, None)
            except ValidationError as error:
                _form_errors(form, error)
                status = _("Die Textstelle wurde nicht kodiert.")
        else:
            status = _("Die Textstelle wurde nicht kodiert.")
        if not request.htmx:
            if form.errors:
                messages.error(request, status)
            return redirect("interviews:coding", interview_pk=self.interview.pk)
        checked = set()
        if form.errors:
            checked = set(parse_ids(request.POST.getlist("codes")))
        context = coding_context(self.interview, self.study, True, checked, undo_offer(request))
        context.update(segment_form=form, status=status)
        return render(request, "interviews/partials/workspace.html", context)


class SegmentMixin(StudyMixin):
    needed = CODE

    def load(self, **kwargs):
        self.segment = queries.segment_for(self.request.user, kwargs["segment_pk"], self.needed)
        self.interview = self.segment.interview
        self.study = self.interview.company.study

    def workspace(self, status):
        if not self.request.htmx:
            messages.success(self.request, status)
            return redirect("interviews:coding", interview_pk=self.interview.pk)
        context = coding_context(self.interview, self.study, True, undo=undo_offer(self.request))
        context.update(segment_form=forms.SegmentForm(study=self.study), status=status)
        return render(self.request, "interviews/partials/workspace.html", context)

    def remember(self, done: str) -> None:
        span = f"{self.segment.start}–{self.segment.end}"
        undo_remember(self.request, self.segment, done.format(span=span))


class SegmentEditView(SegmentMixin, View):
    def get(self, request, *args, **kwargs):
        form = forms.SegmentCodesForm(
            study=self.study, initial={"codes": list(self.segment.codes.all())}
        )
        current = {code.pk for code in form.initial["codes"]}
        template = "interviews/partials/segment_edit.html"
        if not request.htmx:
            template = "interviews/segment_edit.html"
        return render(
            request,
            template,
            {
                "segment": self.segment,
                "form": form,
                "codebook": queries.codebook(self.study),
                "current_codes": current,
                "id_prefix": f"segment-{self.segment.pk}-code-",
                "study": self.study,
                "interview": self.interview,
            },
        )

    def post(self, request, *args, **kwargs):
        form = forms.SegmentCodesForm(request.POST, study=self.study)
        if not form.is_valid():
            raise Http404
        self.remember(_("Codes der Textstelle {span} geändert"))
        services.segment_change_codes(segment=self.segment, codes=form.cleaned_data["codes"])
        return self.workspace(_("Die Codes der Textstelle wurden geändert."))


class SegmentDeleteView(SegmentMixin, View):
    def post(self, request, *args, **kwargs):
        self.remember(_("Kodierung {span} entfernt"))
        services.segment_delete(segment=self.segment)
        return self.workspace(_("Die Kodierung wurde entfernt."))


class CodingUndoView(InterviewMixin, View):
    """Takes back the last removal or change of codes made in this session."""

    needed = CODE

    def post(self, request, *args, **kwargs):
        entry = request.session.get(UNDO_SESSION_KEY)
        if not entry or entry["snapshot"]["interview"] != self.interview.pk:
            status = _("Es gibt nichts rückgängig zu machen.")
        else:
            del request.session[UNDO_SESSION_KEY]
            try:
                services.segment_restore(interview=self.interview, snapshot=entry["snapshot"])
                status = _("Rückgängig gemacht: %(done)s.") % {"done": entry["done"]}
            except ValidationError as error:
                status = " ".join(error.messages)
        if not request.htmx:
            messages.info(request, status)
            return redirect("interviews:coding", interview_pk=self.interview.pk)
        context = coding_context(self.interview, self.study, True)
        context.update(segment_form=forms.SegmentForm(study=self.study), status=status)
        return render(request, "interviews/partials/workspace.html", context)


class MemoCreateView(StudyMixin, View):
    needed = CODE

    def post(self, request, *args, **kwargs):
        form = forms.MemoForm(request.POST)
        targets = {}
        back = self.study.get_absolute_url()
        if request.POST.get("segment"):
            segment = queries.segment_for(request.user, request.POST["segment"], CODE)
            targets["segment"] = segment
            back = reverse("interviews:coding", args=[segment.interview_id])
        elif request.POST.get("interview"):
            targets["interview"] = queries.interview_for(request.user, request.POST["interview"])
            back = targets["interview"].get_absolute_url()
        elif request.POST.get("code"):
            targets["code"] = get_object_or_404(Code, pk=request.POST["code"], study=self.study)
            back = reverse("interviews:retrieval", args=[targets["code"].pk])
        if not targets or any(
            getattr(t, "study_id", None) not in (None, self.study.pk) for t in targets.values()
        ):
            raise Http404
        if form.is_valid():
            services.memo_create(
                study=self.study, author=request.user, text=form.cleaned_data["text"], **targets
            )
            messages.success(request, _("Das Memo wurde gespeichert."))
        else:
            messages.error(request, _("Ein leeres Memo wurde nicht gespeichert."))
        return redirect(back)


class MemoMixin:
    """Loads self.memo (its author or a study manager only, see queries.memo_for)."""

    def dispatch(self, request, *args, **kwargs):
        self.memo = queries.memo_for(request.user, kwargs["memo_pk"])
        self.study = self.memo.study
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            memo=self.memo,
            study=self.study,
            back_url=queries.memo_target_url(self.memo),
            **kwargs,
        )


class MemoEditView(MemoMixin, FormView):
    template_name = "interviews/memo_edit.html"
    form_class = forms.MemoForm

    def get_initial(self):
        return {"text": self.memo.text}

    def form_valid(self, form):
        services.memo_update(memo=self.memo, text=form.cleaned_data["text"])
        messages.success(self.request, _("Das Memo wurde geändert."))
        return redirect(queries.memo_target_url(self.memo))


class MemoDeleteView(MemoMixin, TemplateView):
    """Asks first: a memo is often the only record of a thought."""

    template_name = "interviews/memo_delete.html"

    def post(self, request, *args, **kwargs):
        back = queries.memo_target_url(self.memo)
        services.memo_delete(memo=self.memo)
        messages.success(request, _("Das Memo wurde gelöscht."))
        return redirect(back)


class CodebookView(StudyMixin, TemplateView):
    template_name = "interviews/codebook.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            codebook=queries.codebook(self.study), import_form=forms.CodebookImportForm(), **kwargs
        )


class CodeEditView(StudyMixin, FormView):
    needed = MANAGE
    form_class = forms.CodeForm
    template_name = "interviews/form.html"

    def load(self, **kwargs):
        self.code = None
        if "code_pk" in kwargs:
            self.code = get_object_or_404(Code, pk=kwargs["code_pk"])
            kwargs["study_pk"] = self.code.study_id
        super().load(**kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "study": self.study,
            "instance": self.code or Code(study=self.study),
        }

    def get_context_data(self, **kwargs):
        heading = _("Code bearbeiten") if self.code else _("Code anlegen")
        return super().get_context_data(heading=heading, **kwargs)

    def form_valid(self, form):
        try:
            services.code_save(
                code=form.save(commit=False), fields_of_action=form.cleaned_data["fields_of_action"]
            )
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Der Code wurde gespeichert."))
        return redirect("interviews:codebook", study_pk=self.study.pk)


class CodebookImportView(StudyMixin, FormView):
    needed = MANAGE
    form_class = forms.CodebookImportForm
    template_name = "interviews/form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=_("Kodesystem importieren"), **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        raw = upload.read()
        try:
            if upload.name.lower().endswith(".csv"):
                from ikokmu.spreadsheets import decode_text

                count = refi.codebook_import_csv(self.study, decode_text(raw))
            else:
                count = refi.codebook_import_qdc(self.study, raw)
        except refi.CodebookImportError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("%(n)s Codes übernommen.") % {"n": count})
        return redirect("interviews:codebook", study_pk=self.study.pk)


class CodebookExportView(StudyMixin, View):
    def get(self, request, *args, file_format, **kwargs):
        stem = f"kodesystem-{self.study.pk}"
        if file_format == "qdc":
            try:
                content = refi.codebook_qdc(self.study)
            except ValidationError:
                raise Http404 from None
            response = HttpResponse(content, content_type="application/xml; charset=utf-8")
        elif file_format == "csv":
            response = HttpResponse(
                refi.codebook_csv(self.study), content_type="text/csv; charset=utf-8"
            )
        else:
            raise Http404
        response["Content-Disposition"] = f'attachment; filename="{stem}.{file_format}"'
        return response


class CodeMixin(StudyMixin):
    def load(self, **kwargs):
        self.code = get_object_or_404(Code, pk=kwargs["code_pk"])
        super().load(study_pk=self.code.study_id)

    def filter_form(self):
        form = forms.RetrievalFilterForm(self.request.GET or None, study=self.study)
        filters = form.cleaned_data if form.is_valid() else {}
        return form, filters


class RetrievalView(CodeMixin, TemplateView):
    template_name = "interviews/retrieval.html"

    def get_context_data(self, **kwargs):
        form, filters = self.filter_form()
        segments = list(queries.segments_of_code(self.code, filters)[:500])
        query = self.request.GET.urlencode()
        return super().get_context_data(
            code=self.code,
            filter_form=form,
            segments=segments,
            subcodes=list(self.code.children.order_by("position", "name")),
            querystring=query,
            memos=self.code.memos.select_related("author"),
            memo_form=forms.MemoForm(),
            **kwargs,
        )


class RetrievalExportView(CodeMixin, View):
    def get(self, request, *args, file_format, **kwargs):
        if file_format not in ("csv", "xlsx"):
            raise Http404
        import tablib

        _form, filters = self.filter_form()
        paths = queries.code_paths(self.study)
        dataset = tablib.Dataset(
            headers=[
                "Fall",
                "Branche",
                "Größenklasse",
                "Gründungsjahr",
                "Ort",
                "Anteil mit Migrationsgeschichte",
                "Interview",
                "Von",
                "Bis",
                "Codes (Pfad)",
                "Text",
            ]
        )
        for segment in queries.segments_of_code(self.code, filters):
            company = segment.interview.company
            dataset.append(
                [
                    company.pseudonym,
                    company.sector,
                    company.get_size_class_display(),
                    company.founding_year or "",
                    company.place,
                    company.get_migration_share_display(),
                    segment.interview.date.isoformat(),
                    segment.start,
                    segment.end,
                    " | ".join(paths[c.pk] for c in segment.codes.all()),
                    segment.text,
                ]
            )
        audit_record(
            kind=AuditEvent.Kind.EXPORT,
            request=request,
            summary=f"Textstellen zu Code „{self.code.name}“ ({len(dataset)} Zeilen)",
        )
        return dataset_response(
            dataset, filename_stem=f"textstellen-{self.code.pk}", file_format=file_format
        )


class AnalysisView(StudyMixin, TemplateView):
    template_name = "interviews/analysis.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            frequencies=queries.code_frequencies(self.study),
            matrix=queries.company_code_matrix(self.study),
            **kwargs,
        )


class StudyExportView(StudyMixin, View):
    needed = MANAGE

    def get(self, request, *args, **kwargs):
        content = refi.study_qdpx(self.study)
        audit_record(
            kind=AuditEvent.Kind.EXPORT,
            request=request,
            summary=f"Interviewstudie als REFI-QDA exportiert: {self.study.title}",
            detail={"study": self.study.pk},
        )
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="studie-{self.study.pk}.qdpx"'
        return response


class BestPracticeEditView(StudyMixin, FormView):
    needed = MANAGE
    form_class = forms.BestPracticeForm
    template_name = "interviews/example_form.html"

    def load(self, **kwargs):
        self.example = None
        if "example_pk" in kwargs:
            self.example = get_object_or_404(BestPractice, pk=kwargs["example_pk"])
            kwargs["study_pk"] = self.example.study_id
        super().load(**kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "study": self.study,
            "instance": self.example or BestPractice(study=self.study),
        }

    def get_context_data(self, **kwargs):
        problems = services.publication_problems(self.example) if self.example else []
        return super().get_context_data(example=self.example, problems=problems, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        example = services.best_practice_save(
            example=form.save(commit=False),
            interviews=data["interviews"],
            codes=data["codes"],
            fields_of_action=data["fields_of_action"],
            measures=data["measures"],
        )
        messages.success(self.request, _("Das Beispiel wurde gespeichert."))
        return redirect("interviews:example_edit", example_pk=example.pk)


class BestPracticePublishView(StudyMixin, View):
    needed = MANAGE

    def load(self, **kwargs):
        self.example = get_object_or_404(BestPractice, pk=kwargs["example_pk"])
        super().load(study_pk=self.example.study_id)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "unpublish":
            services.best_practice_unpublish(example=self.example)
            messages.success(request, _("Das Beispiel ist nicht mehr öffentlich."))
        else:
            try:
                services.best_practice_publish(example=self.example)
                messages.success(request, _("Das Beispiel ist veröffentlicht."))
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
        return redirect("interviews:example_edit", example_pk=self.example.pk)


class PublicListView(ListView):
    template_name = "interviews/public_list.html"
    context_object_name = "examples"

    def get_queryset(self):
        return queries.published_examples()


class PublicDetailView(DetailView):
    template_name = "interviews/public_detail.html"
    context_object_name = "example"

    def get_queryset(self):
        return queries.published_examples().prefetch_related("codes")
