"""Pages of survey rounds for district staff (their own districts) and the project team:
list, create and edit with e-mail texts and preview, the round page with figures, recipients,
sending, retries and reminders; and the public unsubscribe page of a mail's link."""

import datetime
import re
import smtplib
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, ListView, TemplateView

from districts.models import Organization
from districts.queries import districts_visible_to
from ikokmu.client import client_address
from ikokmu.params import parse_ids
from surveys import mailing, queries, round_queries, round_services, tokens
from surveys.models import Invitation, Reminder, SurveyRound, language_label
from surveys.round_forms import (
    OrganizationFilterForm,
    RecipientUploadForm,
    ReminderForm,
    RoundForm,
)


class RoundMixin:
    """Loads the round from `round_pk` among the rounds the user may see; else 404. A view
    whose `refusal()` names a reason goes back to the round page with it instead."""

    refusal_anchor = ""

    def dispatch(self, request, *args, **kwargs):
        try:
            self.survey_round = round_queries.round_for(user=request.user, pk=kwargs["round_pk"])
        except SurveyRound.DoesNotExist:
            raise Http404 from None
        refusal = self.refusal()
        if refusal:
            messages.error(request, refusal)
            return self.back(self.refusal_anchor)
        return super().dispatch(request, *args, **kwargs)

    def refusal(self) -> str:
        return ""

    def back(self, anchor=""):
        return redirect(reverse("surveys:round_detail", args=[self.survey_round.pk]) + anchor)

    def get_context_data(self, **kwargs):
        return super().get_context_data(survey_round=self.survey_round, **kwargs)


class InvitationsMixin(RoundMixin):
    """Adding and sending personal invitations: only in a round that has them and has not
    ended (the round page offers the buttons only then; this holds for a typed address too)."""

    def refusal(self) -> str:
        if self.survey_round.access == SurveyRound.Access.OPEN:
            return _(
                "Diese Runde hat nur einen offenen Link; persönliche Einladungen gibt es nicht."
            )
        if self.survey_round.phase == SurveyRound.CLOSED:
            return _("Die Runde ist beendet; es wird nichts mehr versandt.")
        return ""


class RoundListView(ListView):
    template_name = "surveys/rounds/round_list.html"
    context_object_name = "rounds"
    paginate_by = 50

    def get_queryset(self):
        return round_queries.round_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for survey_round in context["rounds"]:
            survey_round.rate = round_queries.response_rate(survey_round)
        return context


class RoundFormView(FormView):
    """Create (no round_pk) or edit a round; the "Vorschau" button shows the e-mails as a
    recipient reads them and saves nothing."""

    template_name = "surveys/rounds/round_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.survey_round = None
        if "round_pk" in kwargs:
            self.survey_round = get_object_or_404(
                round_queries.rounds_visible_to(request.user), pk=kwargs["round_pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        districts = districts_visible_to(self.request.user).order_by("name")
        initial = {}
        if self.survey_round is None:
            now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
            initial = {
                "opens_at": now,
                "closes_at": now + datetime.timedelta(days=28),
                "anonymity": SurveyRound.Anonymity.ANONYMOUS,
                "access": SurveyRound.Access.INVITATION,
            }
            if districts.count() == 1:
                initial["district"] = districts.first()
                initial["sender_name"] = _("Landratsamt %(name)s") % {
                    "name": districts.first().name
                }
        return RoundForm(
            self.request.POST or None,
            instance=self.survey_round,
            initial=initial,
            districts=districts,
            locked=bool(
                self.survey_round and round_services.round_has_responses(self.survey_round)
            ),
        )

    def get_context_data(self, **kwargs):
        heading = (
            _("Befragungsrunde bearbeiten") if self.survey_round else _("Neue Befragungsrunde")
        )
        form = kwargs.get("form") or self.get_form()
        return super().get_context_data(
            heading=heading,
            survey_round=self.survey_round,
            placeholders=[
                ("{" + name + "}", label) for name, label in mailing.PLACEHOLDERS.items()
            ],
            text_groups=[
                (kind, label, code, language, form[subject], form[body])
                for kind, label, code, language, subject, body in form.text_groups
            ],
            **kwargs,
        )

    def form_valid(self, form):
        fields = form.round_fields()
        if "preview" in self.request.POST:
            draft = SurveyRound(**fields)
            previews = []
            for kind, label in (
                (mailing.INVITATION, _("Einladung")),
                (mailing.REMINDER, _("Erinnerung")),
            ):
                for code in fields["version"].languages:
                    subject, body = mailing.preview(survey_round=draft, kind=kind, language=code)
                    previews.append(
                        {
                            "label": label,
                            "language": language_label(code),
                            "sender": mailing.sender_display(draft),
                            "reply_to": draft.reply_to,
                            "subject": subject,
                            "body": body,
                        }
                    )
            return self.render_to_response(self.get_context_data(form=form, previews=previews))
        survey_round = round_services.round_save(
            survey_round=self.survey_round, fields=fields, user=self.request.user
        )
        messages.success(self.request, _("Die Befragungsrunde wurde gespeichert."))
        return redirect("surveys:round_detail", survey_round.pk)


class RoundDetailView(RoundMixin, TemplateView):
    template_name = "surveys/rounds/round_detail.html"

    def get_context_data(self, **kwargs):
        survey_round = self.survey_round
        status = self.request.GET.get("status", "")
        if status not in round_queries.INVITATION_FILTERS:
            status = ""
        paginator = Paginator(
            round_queries.invitation_list(survey_round=survey_round, status=status),
            round_queries.INVITATIONS_PER_PAGE,
        )
        page = paginator.get_page(self.request.GET.get("page"))
        open_link = None
        if survey_round.access != SurveyRound.Access.INVITATION and survey_round.open_token_salt:
            open_link = mailing.absolute(
                reverse(
                    "surveys:open_entry", args=[tokens.open_token(survey_round.open_token_salt)]
                )
            )
        days = round_queries.completions_per_day(survey_round)
        return super().get_context_data(
            rate=round_queries.response_rate(survey_round),
            open_link=open_link,
            chart=completions_chart(days),
            days=days,
            page_obj=page,
            invitations=page.object_list,
            paginator=paginator,
            is_paginated=page.has_other_pages(),
            querystring=f"status={status}" if status else "",
            status=status,
            status_choices=[
                ("", _("alle")),
                ("offen", _("noch nicht versandt")),
                ("versandt", _("versandt")),
                ("fehlgeschlagen", _("fehlgeschlagen")),
                ("abgemeldet", _("abgemeldet")),
                ("abgeschlossen", _("abgeschlossen")),
                ("zurueckgezogen", _("zurückgezogen")),
            ],
            failed=[
                (invitation, failure_hint(invitation.failure_reason))
                for invitation in round_queries.failed_invitations(survey_round)[:50]
            ],
            reminders=round_queries.reminders_of(survey_round),
            reminder_form=kwargs.pop("reminder_form", None)
            or ReminderForm(survey_round=survey_round),
            anonymous=survey_round.anonymity == SurveyRound.Anonymity.ANONYMOUS,
            **kwargs,
        )


def _local(value: datetime.datetime) -> str:
    return date_format(timezone.localtime(value), "d.m.Y H:i")


# The mail server's reason is in English; its enhanced status code (RFC 3463) says what to do.
_STATUS_CODE = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")


def failure_hint(reason: str) -> str:
    """What a failed invitation's reason means for the district staff, in plain German ("" if
    the reason has no status code we know)."""
    match = _STATUS_CODE.search(reason or "")
    if not match:
        return ""
    code = ".".join(match.groups())
    if code.startswith("4."):
        return _("Vorübergehendes Problem beim Empfänger – später erneut versuchen.")
    hints = {
        "5.1.1": _("Diese Adresse gibt es beim Empfänger nicht – bitte die Adresse prüfen."),
        "5.1.2": _("Die Domain der Adresse gibt es nicht – vermutlich ein Tippfehler."),
        "5.1.10": _("Die Domain der Adresse nimmt keine E-Mails an."),
        "5.2.2": _("Das Postfach ist voll – später erneut versuchen."),
        "5.7.1": _("Der Empfänger hat die E-Mail abgelehnt (z. B. als Spam)."),
    }
    return hints.get(code, "")


def completions_chart(days, *, width=640, height=200) -> dict:
    """Bar geometry of completions per day for the SVG in the round page's template."""
    if not days:
        return {}
    left, bottom, top = 36, 30, 12
    plot_width, plot_height = width - left - 8, height - bottom - top
    highest = max(day.completed for day in days) or 1
    step = plot_width / len(days)
    bar = max(min(step * 0.8, 40), 1)
    bars = []
    label_every = max(1, len(days) // 8)
    for index, day in enumerate(days):
        bar_height = plot_height * day.completed / highest
        bars.append(
            {
                "x": round(left + index * step + (step - bar) / 2, 1),
                "y": round(top + plot_height - bar_height, 1),
                "width": round(bar, 1),
                "height": round(bar_height, 1),
                "day": day.day,
                "completed": day.completed,
                "label": index % label_every == 0,
                "label_x": round(left + index * step + step / 2, 1),
            }
        )
    return {
        "width": width,
        "height": height,
        "left": left,
        "baseline": top + plot_height,
        "top": top,
        "highest": highest,
        "bars": bars,
        "total": sum(day.completed for day in days),
        "first": days[0].day,
        "last": days[-1].day,
    }


class RecipientsFromOrganizationsView(InvitationsMixin, TemplateView):
    """The district's organisations, filtered; the ticked ones are invited (not yet sent)."""

    template_name = "surveys/rounds/recipients_organizations.html"

    def get_context_data(self, **kwargs):
        # The questionnaire is for KMUs: they are offered first; "alle Arten" shows the rest.
        form = OrganizationFilterForm(self.request.GET or {"kind": Organization.Kind.SME})
        filters = form.cleaned_data if form.is_valid() else {}
        candidates = round_queries.mark_shared_addresses(
            round_queries.recipient_candidates(survey_round=self.survey_round, **filters)
        )
        querystring = "&".join(f"{key}={value}" for key, value in filters.items() if value)
        return super().get_context_data(
            form=form,
            candidates=candidates,
            invitable=sum(1 for o in candidates if o.invitable),
            without_email=sum(1 for o in candidates if not o.email),
            querystring=querystring,
            **kwargs,
        )

    def post(self, request, round_pk):
        ids = parse_ids(request.POST.getlist("organization"))
        if not ids:
            messages.error(request, _("Bitte wählen Sie mindestens eine Organisation."))
            return redirect(request.get_full_path())
        created, left_out = round_services.invitations_from_organizations(
            survey_round=self.survey_round, organization_ids=ids
        )
        messages.success(
            request,
            ngettext(
                "%(n)d Einladung angelegt (noch nicht versandt).",
                "%(n)d Einladungen angelegt (noch nicht versandt).",
                created,
            )
            % {"n": created},
        )
        if left_out:
            messages.warning(
                request,
                _(
                    "Ohne E-Mail-Adresse, schon eingeladen, abgemeldet oder mit der Adresse einer "
                    "anderen Organisation und daher nicht "
                    "eingeladen: %(names)s"
                )
                % {"names": ", ".join(left_out[:30]) + (" …" if len(left_out) > 30 else "")},
            )
        if created:
            # Next step: the confirmation page, which says what goes out; nothing is sent yet.
            return redirect("surveys:round_send", self.survey_round.pk)
        return self.back("#einladungen")


class RecipientsImportView(InvitationsMixin, TemplateView):
    """Upload (GET form, POST file) → preview → confirm or cancel. Nothing is stored before the
    confirmation."""

    template_name = "surveys/rounds/recipients_import.html"

    def get(self, request, round_pk):
        return self.render_to_response(self.get_context_data(form=RecipientUploadForm()))

    def post(self, request, round_pk):
        if "pending" in request.POST:
            pending = request.POST["pending"]
            if "confirm" not in request.POST:
                round_services.recipients_cancel(
                    survey_round=self.survey_round, pending_id=pending, user=request.user
                )
                messages.info(request, _("Import abgebrochen. Es wurde nichts gespeichert."))
                return redirect(request.path)
            try:
                created = round_services.recipients_confirm(
                    survey_round=self.survey_round, pending_id=pending, user=request.user
                )
            except round_services.PendingExpired:
                messages.error(
                    request,
                    _("Diese Vorschau ist abgelaufen. Bitte laden Sie die Datei noch einmal hoch."),
                )
                return redirect(request.path)
            messages.success(
                request,
                ngettext(
                    "%(n)d Einladung angelegt (noch nicht versandt).",
                    "%(n)d Einladungen angelegt (noch nicht versandt).",
                    created,
                )
                % {"n": created},
            )
            return self.back("#einladungen")
        form = RecipientUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                preview = round_services.recipients_preview(
                    survey_round=self.survey_round,
                    dataset=form.dataset,
                    filename=form.cleaned_data["file"].name,
                    user=request.user,
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                return self.render_to_response(self.get_context_data(preview=preview))
        return self.render_to_response(self.get_context_data(form=form), status=400)


def mails_by_language(survey_round, kind: str, invitations, audience) -> list[dict]:
    """The mail of `kind` per language of the audience, as its first recipient in that language
    reads it (with a sample link: see mailing.preview); German alone when nobody is named."""
    languages = audience.languages or [("de", 0)]
    mails = []
    for code, count in languages:
        first = (
            invitations.filter(language=code)
            .select_related("organization")
            .order_by("email", "pk")
            .first()
        )
        subject, body = mailing.preview(
            survey_round=survey_round,
            kind=kind,
            language=code,
            organization_name=first.name if first else None,
        )
        mails.append(
            {
                "language": language_label(code),
                "count": count,
                "subject": subject,
                "body": body,
                "first": first,
            }
        )
    return mails


class ConfirmationMixin:
    """What a confirmation page of a mailing shows: the audience and the mails."""

    kind = mailing.INVITATION

    def confirmation_context(self, invitations) -> dict:
        audience = round_queries.audience(invitations)
        return {
            "audience": audience,
            "mails": mails_by_language(self.survey_round, self.kind, invitations, audience),
            "sender": mailing.sender_display(self.survey_round),
            "user_email": self.request.user.email,
        }


class RoundSendView(ConfirmationMixin, InvitationsMixin, TemplateView):
    """Step one (GET): how many e-mails go out, to whom, with which text, when; a test mail to
    oneself. Step two (POST with the page's fingerprint of the recipients): queue them."""

    template_name = "surveys/rounds/send_confirm.html"

    def get(self, request, round_pk):
        invitations = round_queries.send_audience(self.survey_round)
        if not invitations.exists():
            messages.info(request, _("Es gibt keine Einladung, die noch versandt werden muss."))
            return self.back("#einladungen")
        return self.render_to_response(
            self.get_context_data(**self.confirmation_context(invitations))
        )

    def post(self, request, round_pk):
        digest = request.POST.get("digest", "")
        if not digest:
            # A send without the confirmation page (an old form, a stray request): show it.
            return redirect("surveys:round_send", round_pk)
        try:
            queued = mailing.invitations_queue(
                survey_round=self.survey_round, digest=digest, user=request.user, request=request
            )
        except mailing.AudienceChanged:
            messages.error(
                request,
                _(
                    "Seit Sie diese Seite geöffnet haben, haben sich die Empfänger geändert. "
                    "Bitte prüfen Sie die Angaben noch einmal; es wurde nichts versandt."
                ),
            )
            return redirect("surveys:round_send", round_pk)
        if queued and self.survey_round.phase == SurveyRound.PLANNED:
            messages.success(
                request,
                ngettext(
                    "%(n)d Einladung geht zu Beginn der Runde am %(opens)s hinaus.",
                    "%(n)d Einladungen gehen zu Beginn der Runde am %(opens)s hinaus.",
                    queued,
                )
                % {"n": queued, "opens": _local(self.survey_round.opens_at)},
            )
        elif queued:
            messages.success(
                request,
                ngettext(
                    "%(n)d Einladung wird im Hintergrund versandt.",
                    "%(n)d Einladungen werden im Hintergrund versandt.",
                    queued,
                )
                % {"n": queued},
            )
        else:
            messages.info(request, _("Es gibt keine Einladung, die noch versandt werden muss."))
        return self.back()


class TrialMailView(RoundMixin, View):
    """'Testmail an mich': the mail of the confirmation page to the signed-in user, now, with a
    test link that stores nothing; back to the confirmation page."""

    kind = mailing.INVITATION

    def refusal(self) -> str:
        if self.kind == mailing.INVITATION:
            return InvitationsMixin.refusal(self)
        return reminder_refusal(self.survey_round, now=False)

    def post(self, request, round_pk):
        if self.kind == mailing.INVITATION:
            back = reverse("surveys:round_send", args=[round_pk])
        else:
            back = reverse("surveys:reminder_confirm", args=[round_pk])
            if request.POST.get("scheduled_for"):
                back += "?" + urlencode({"scheduled_for": request.POST["scheduled_for"]})
        try:
            languages = mailing.trial_mail_send(
                survey_round=self.survey_round, kind=self.kind, user=request.user, request=request
            )
        except mailing.NoAddress:
            messages.error(
                request,
                _(
                    "Ihr Benutzerkonto hat keine E-Mail-Adresse. Bitte lassen Sie sie vom "
                    "Projektteam eintragen."
                ),
            )
        except (smtplib.SMTPException, OSError) as error:
            messages.error(
                request,
                _("Die Testmail konnte nicht versandt werden: %(reason)s")
                % {"reason": mailing.failure_text(error)},
            )
        else:
            messages.success(
                request,
                ngettext(
                    "Die Testmail ist an %(address)s unterwegs (%(languages)s).",
                    "%(n)d Testmails sind an %(address)s unterwegs (%(languages)s).",
                    len(languages),
                )
                % {
                    "n": len(languages),
                    "address": request.user.email,
                    "languages": ", ".join(language_label(code) for code in languages),
                },
            )
        return redirect(back)


class InvitationRemoveView(RoundMixin, View):
    """Remove one unsent invitation (invitation_pk) or all of the round's unsent ones."""

    def post(self, request, round_pk, invitation_pk=None):
        invitation = None
        if invitation_pk is not None:
            invitation = get_object_or_404(Invitation, pk=invitation_pk, round=self.survey_round)
            if invitation.started and invitation.sent_at is None:
                messages.error(
                    request,
                    _("Über den Link dieser Einladung wurde schon geantwortet; sie bleibt."),
                )
                return self.back("#einladungen")
            if invitation.sent_at is not None:
                messages.error(
                    request,
                    _(
                        "Diese Einladung ist schon versandt und lässt sich nicht mehr entfernen; "
                        "Sie können sie zurückziehen."
                    ),
                )
                return self.back("#einladungen")
        removed = round_services.invitations_remove(
            survey_round=self.survey_round,
            invitation=invitation,
            user=request.user,
            request=request,
        )
        messages.success(
            request,
            ngettext(
                "%(n)d nicht versandte Einladung entfernt.",
                "%(n)d nicht versandte Einladungen entfernt.",
                removed,
            )
            % {"n": removed},
        )
        return self.back("#einladungen")


class InvitationWithdrawView(RoundMixin, TemplateView):
    """GET asks (what withdrawing does), POST withdraws a sent invitation."""

    template_name = "surveys/rounds/withdraw_confirm.html"

    def invitation(self, invitation_pk):
        return get_object_or_404(
            Invitation.objects.select_related("organization"),
            pk=invitation_pk,
            round=self.survey_round,
        )

    def not_withdrawable(self, invitation) -> str:
        if invitation.withdrawn_at is not None:
            return _("Diese Einladung ist schon zurückgezogen.")
        if invitation.sent_at is None:
            return _("Diese Einladung ist noch nicht versandt; Sie können sie entfernen.")
        if invitation.completed:
            return _(
                "Diese Einladung ist schon abgeschlossen; ihre Antwort zählt und lässt sich "
                "nicht zurückziehen."
            )
        return ""

    def get(self, request, round_pk, invitation_pk):
        invitation = self.invitation(invitation_pk)
        reason = self.not_withdrawable(invitation)
        if reason:
            messages.error(request, reason)
            return self.back("#einladungen")
        return self.render_to_response(self.get_context_data(invitation=invitation))

    def post(self, request, round_pk, invitation_pk):
        invitation = self.invitation(invitation_pk)
        try:
            round_services.invitation_withdraw(
                survey_round=self.survey_round,
                invitation=invitation,
                user=request.user,
                request=request,
            )
        except round_services.NotWithdrawable:
            messages.error(
                request,
                self.not_withdrawable(invitation)
                or _("Diese Einladung lässt sich nicht zurückziehen."),
            )
            return self.back("#einladungen")
        messages.success(
            request,
            _(
                "Die Einladung an %(address)s ist zurückgezogen: Ihr Link führt nicht mehr zum "
                "Fragebogen, und sie bekommt keine Erinnerung."
            )
            % {"address": invitation.email},
        )
        return self.back("#einladungen")


class RetryView(InvitationsMixin, View):
    """Queue failed invitations again: one (invitation_pk) or all of the round."""

    refusal_anchor = "#fehlgeschlagen"

    def post(self, request, round_pk, invitation_pk=None):
        invitation = None
        if invitation_pk is not None:
            invitation = get_object_or_404(Invitation, pk=invitation_pk, round=self.survey_round)
        count = mailing.invitations_retry(survey_round=self.survey_round, invitation=invitation)
        messages.success(
            request,
            ngettext(
                "%(n)d Einladung wird erneut versandt.",
                "%(n)d Einladungen werden erneut versandt.",
                count,
            )
            % {"n": count},
        )
        return self.back("#fehlgeschlagen")


def reminder_refusal(survey_round, *, now: bool) -> str:
    """Why no reminder can be made now ("" if one can)."""
    if survey_round.access == SurveyRound.Access.OPEN:
        return _("Diese Runde hat nur einen offenen Link; Erinnerungen gibt es nicht.")
    if survey_round.phase == SurveyRound.CLOSED:
        return _("Die Runde ist beendet; Erinnerungen werden nicht mehr versandt.")
    if now and survey_round.phase == SurveyRound.PLANNED:
        return _("Die Runde hat noch nicht begonnen; bitte planen Sie die Erinnerung.")
    if now and not round_queries.reminder_audience(survey_round):
        return _("Keine versandte Einladung ist noch offen: Die Erinnerung ginge an niemanden.")
    return ""


class ReminderMixin(RoundMixin):
    refusal_anchor = "#erinnerungen"

    def form_errors_page(self, form):
        """The round page with the reminder form's errors, as it was filled in."""
        view = RoundDetailView()
        view.setup(self.request, round_pk=self.survey_round.pk)
        view.survey_round = self.survey_round
        context = view.get_context_data(reminder_form=form)
        return render(self.request, RoundDetailView.template_name, context, status=400)


class ReminderConfirmView(ConfirmationMixin, ReminderMixin, TemplateView):
    """Step one of a reminder (now, or planned with ?scheduled_for=…): who it reaches as things
    stand, with which text, when; a test mail to oneself."""

    template_name = "surveys/rounds/reminder_confirm.html"
    kind = mailing.REMINDER

    def get(self, request, round_pk):
        scheduled_for = None
        if "scheduled_for" in request.GET:
            form = ReminderForm(request.GET, survey_round=self.survey_round)
            refusal = reminder_refusal(self.survey_round, now=False)
            if not refusal and not form.is_valid():
                return self.form_errors_page(form)
            scheduled_for = form.cleaned_data["scheduled_for"] if not refusal else None
        else:
            refusal = reminder_refusal(self.survey_round, now=True)
        if refusal:
            messages.error(request, refusal)
            return self.back("#erinnerungen")
        invitations = round_queries.reminder_audience_list(self.survey_round)
        return self.render_to_response(
            self.get_context_data(
                scheduled_for=scheduled_for,
                scheduled_value=request.GET.get("scheduled_for", ""),
                **self.confirmation_context(invitations),
            )
        )


class ReminderView(ReminderMixin, View):
    """Step two of a reminder: 'Erinnerung jetzt senden' (no date) or planned for a date, as
    the confirmation page showed it."""

    def post(self, request, round_pk):
        now = "scheduled_for" not in request.POST
        confirm = reverse("surveys:reminder_confirm", args=[round_pk])
        if "confirm" not in request.POST:
            # Never with one click: the confirmation page first.
            if not now:
                confirm += "?" + urlencode({"scheduled_for": request.POST["scheduled_for"]})
            return redirect(confirm)
        refusal = reminder_refusal(self.survey_round, now=now)
        if refusal:
            messages.error(request, refusal)
            return self.back("#erinnerungen")
        if now:
            try:
                mailing.reminder_create(
                    survey_round=self.survey_round,
                    user=request.user,
                    digest=request.POST.get("digest", ""),
                    request=request,
                )
            except mailing.AudienceChanged:
                messages.error(
                    request,
                    _(
                        "Seit Sie diese Seite geöffnet haben, hat sich geändert, wen die "
                        "Erinnerung erreicht. Bitte prüfen Sie die Angaben noch einmal; es "
                        "wurde nichts versandt."
                    ),
                )
                return redirect(confirm)
            messages.success(
                request,
                _(
                    "Die Erinnerung wird im Hintergrund an alle versandt, die eingeladen sind, "
                    "aber noch nicht abgeschlossen und sich nicht abgemeldet haben."
                ),
            )
            return self.back("#erinnerungen")
        form = ReminderForm(request.POST, survey_round=self.survey_round)
        if not form.is_valid():
            return self.form_errors_page(form)
        mailing.reminder_create(
            survey_round=self.survey_round,
            scheduled_for=form.cleaned_data["scheduled_for"],
            user=request.user,
            request=request,
        )
        messages.success(request, _("Die Erinnerung ist geplant."))
        return self.back("#erinnerungen")


class ReminderDeleteView(RoundMixin, View):
    def post(self, request, round_pk, reminder_pk):
        reminder = get_object_or_404(
            Reminder, pk=reminder_pk, round=self.survey_round, sent_at__isnull=True
        )
        reminder.delete()
        messages.success(request, _("Die geplante Erinnerung wurde gelöscht."))
        return self.back("#erinnerungen")


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """The unsubscribe link of a mail: GET asks, POST unsubscribes (also the one-click POST of
    mail programs, RFC 8058, which carries no CSRF token; the secret link is the authority)."""

    template_name = "surveys/mail/unsubscribe.html"

    def dispatch(self, request, token, invitation_pk=None):
        ip = client_address(request)
        if queries.token_guessing_blocked(ip):
            return render(request, self.template_name, {"unknown": True}, status=429)
        from surveys.services import token_failure_record, token_hash

        self.invitation = None
        if queries.TOKEN_PATTERN.fullmatch(token or ""):
            invitations = Invitation.objects.select_related("round__district")
            if invitation_pk is not None:
                found = invitations.filter(pk=invitation_pk).first()
                if found is not None and tokens.unsubscribe_matches(found.token_salt, token):
                    self.invitation = found
            else:  # a mail sent before unsubscribe links had their own token
                self.invitation = invitations.filter(token_hash=token_hash(token)).first()
        if self.invitation is None:
            token_failure_record(ip_address=ip)
            return render(request, self.template_name, {"unknown": True}, status=404)
        # In the language the mail was written in (German or English interface words).
        with translation.override("de" if self.invitation.language == "de" else "en"):
            return super().dispatch(request, token)

    def get(self, request, token):
        return render(
            request,
            self.template_name,
            {"invitation": self.invitation, "done": self.invitation.opted_out_at is not None},
        )

    def post(self, request, token):
        mailing.opt_out(invitation=self.invitation)
        return render(request, self.template_name, {"invitation": self.invitation, "done": True})
