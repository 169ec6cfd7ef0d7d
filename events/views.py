import json
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from districts.models import District, Organization
from districts.queries import districts_visible_to
from events import exports, ical, queries, reports, services
from events.forms import (
    CalendarFilterForm,
    CloseForm,
    EventForm,
    QuestionFormSet,
    RegistrationForm,
    RegistrationStatusForm,
)
from events.models import Event, Registration
from ikokmu.models import AuditEvent
from ikokmu.roles import Role, roles_of
from ikokmu.services import audit_record

# Public ---------------------------------------------------------------------------------------


class CalendarView(TemplateView):
    template_name = "events/calendar.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        form = CalendarFilterForm(self.request.GET or None)
        filters = {}
        if form.is_bound and form.is_valid():
            filters = {
                "district": form.cleaned_data["district"],
                "event_format": form.cleaned_data["format"],
                "field": form.cleaned_data["field"],
            }
        page = Paginator(queries.public_calendar(**filters), self.paginate_by).get_page(
            self.request.GET.get("page")
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            form=form,
            page_obj=page,
            events=page.object_list,
            query=query.urlencode(),
            district=filters.get("district"),
            **kwargs,
        )


class EventDetailView(View):
    """The public page of an event, with its registration form."""

    template_name = "events/event_detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.event = queries.public_event(kwargs["event_pk"])
        if self.event is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def render(self, form, status=200):
        event = self.event
        return render(
            self.request,
            self.template_name,
            {
                "event": event,
                "form": form,
                "registration_open": services.registration_open(event),
                "full": event.capacity is not None and event.registered_count >= event.capacity,
                "places_left": None
                if event.capacity is None
                else max(event.capacity - event.registered_count, 0),
                "notice": self.notice,
                "target_kinds": [Organization.Kind(kind).label for kind in event.target_kinds],
                "measures": [m for m in event.measures.all() if m.status == "published"],
                "offers": [o for o in event.offers.all() if o.status == "published"],
            },
            status=status,
        )

    def get(self, request, *args, **kwargs):
        self.notice = services.current_privacy_notice()
        form = None
        if services.registration_open(self.event):
            form = RegistrationForm(event=self.event, notice=self.notice)
        return self.render(form)

    def post(self, request, *args, **kwargs):
        self.notice = services.current_privacy_notice()
        if not services.registration_open(self.event):
            messages.error(
                request, _("Für diese Veranstaltung ist keine Anmeldung (mehr) möglich.")
            )
            return redirect("events:detail", event_pk=self.event.pk)
        form = RegistrationForm(request.POST, event=self.event, notice=self.notice)
        if not form.is_valid():
            return self.render(form, status=400)
        try:
            result = services.registration_create(
                event=self.event,
                data=form.cleaned_data,
                answers=form.answers(),
                contact_consent=form.cleaned_data["contact_consent"],
                notice=self.notice,
            )
        except services.RegistrationRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("events:detail", event_pk=self.event.pk)
        if result.duplicate:
            messages.info(
                request,
                _(
                    "Diese E-Mail-Adresse ist für die Veranstaltung schon angemeldet. Wir haben "
                    "den persönlichen Link zur Anmeldung noch einmal an sie geschickt."
                ),
            )
            return redirect("events:detail", event_pk=self.event.pk)
        if result.registration.status == Registration.Status.WAITLISTED:
            messages.info(
                request,
                _(
                    "Die Veranstaltung ist ausgebucht: Sie stehen auf der Warteliste und rücken "
                    "automatisch nach, sobald ein Platz frei wird. Wir haben Ihnen eine E-Mail "
                    "geschickt."
                ),
            )
        else:
            messages.success(
                request,
                _(
                    "Sie sind angemeldet. Die Bestätigung mit dem Termin für Ihren Kalender "
                    "kommt per E-Mail."
                ),
            )
        return redirect("events:registration", token=result.token)


class EventIcsView(View):
    def get(self, request, event_pk):
        event = queries.public_event(event_pk)
        if event is None:
            raise Http404
        response = HttpResponse(ical.calendar([event]), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="veranstaltung-{event.pk}.ics"'
        return response


class DistrictFeedView(View):
    """A district's calendar to subscribe to: its upcoming events and those for all Bavaria."""

    def get(self, request, district_pk):
        district = get_object_or_404(District, pk=district_pk)
        events = queries.district_feed(district)
        body = ical.calendar(events, name=_("Veranstaltungen – %(name)s") % {"name": district})
        return HttpResponse(body, content_type="text/calendar; charset=utf-8")


class RegistrationView(View):
    """The registrant's own page, reached by the personal link: see it, or cancel it."""

    template_name = "events/registration.html"

    def dispatch(self, request, *args, **kwargs):
        self.registration = services.registration_by_token(kwargs["token"])
        if self.registration is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def cancellable(self) -> bool:
        return (
            self.registration.status
            in (Registration.Status.REGISTERED, Registration.Status.WAITLISTED)
            and self.registration.event.start_at > timezone.now()
        )

    def get(self, request, token):
        return render(
            request,
            self.template_name,
            {
                "registration": self.registration,
                "event": self.registration.event,
                "cancellable": self.cancellable(),
            },
        )

    def post(self, request, token):
        if self.cancellable():
            services.registration_cancel(registration=self.registration)
            messages.success(request, _("Ihre Anmeldung ist storniert."))
        return redirect("events:registration", token=token)


# Staff ----------------------------------------------------------------------------------------


def _is_team(user) -> bool:
    return Role.PROJECT_TEAM in roles_of(user)


class ManageListView(TemplateView):
    template_name = "events/manage_list.html"

    def get_context_data(self, **kwargs):
        page = Paginator(queries.staff_event_list(user=self.request.user), 50).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(page_obj=page, events=page.object_list, **kwargs)


class EventEditView(View):
    template_name = "events/event_form.html"

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs.get("event_pk")
        self.event = (
            get_object_or_404(queries.events_visible_to(request.user), pk=pk) if pk else Event()
        )
        return super().dispatch(request, *args, **kwargs)

    def forms(self, data=None):
        districts = districts_visible_to(self.request.user)
        if self.event.pk:
            # Staff of one of several districts keep the others when they save.
            districts = District.objects.filter(
                Q(pk__in=districts.values("pk")) | Q(pk__in=self.event.districts.values("pk"))
            )
        form = EventForm(
            data,
            instance=self.event,
            districts=districts.order_by("name"),
            project_team=_is_team(self.request.user),
        )
        questions = QuestionFormSet(data, instance=self.event, prefix="fragen")
        return form, questions

    def render(self, form, questions, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "event": self.event,
                "form": form,
                "questions": questions,
            },
            status=status,
        )

    def get(self, request, *args, **kwargs):
        return self.render(*self.forms())

    def post(self, request, *args, **kwargs):
        form, questions = self.forms(request.POST)
        if not (form.is_valid() and questions.is_valid()):
            return self.render(form, questions, status=400)
        event = services.event_save(form=form, questions=questions, user=request.user)
        messages.success(request, _("Die Veranstaltung wurde gespeichert."))
        return redirect("events:manage", event_pk=event.pk)


class EventScopedMixin:
    def dispatch(self, request, *args, **kwargs):
        self.event = get_object_or_404(
            queries.with_counts(queries.events_visible_to(request.user)), pk=kwargs["event_pk"]
        )
        return super().dispatch(request, *args, **kwargs)


class ManageView(EventScopedMixin, TemplateView):
    """The organisers' page of an event: status, actions and the participant list."""

    template_name = "events/manage.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        if status not in Registration.Status.values:
            status = ""
        page = Paginator(queries.participants(self.event, status=status), 100).get_page(
            self.request.GET.get("page")
        )
        registrations = list(page.object_list)
        matches = queries.organization_matches(self.event, registrations)
        for registration in registrations:
            registration.matched_organization = registration.organization or matches.get(
                registration.organization_name.strip().lower()
            )
        return super().get_context_data(
            event=self.event,
            page_obj=page,
            registrations=registrations,
            query=f"status={status}" if status else "",
            counts=queries.status_counts(self.event),
            statuses=Registration.Status.choices,
            status=status,
            activities=list(self.event.activities.select_related("district")),
            may_close=self.event.status == Event.Status.PUBLISHED
            and self.event.start_at <= timezone.now(),
            **kwargs,
        )


class EventStatusView(EventScopedMixin, View):
    def post(self, request, event_pk):
        action = request.POST.get("action")
        if action == "publish":
            services.event_publish(event=self.event)
            messages.success(request, _("Die Veranstaltung ist veröffentlicht."))
        elif action == "cancel":
            told = services.event_cancel(event=self.event)
            messages.success(
                request,
                _("Die Veranstaltung ist abgesagt; %(n)s Angemeldete werden benachrichtigt.")
                % {"n": told},
            )
        else:
            messages.error(request, _("Unbekannte Aktion."))
        return redirect("events:manage", event_pk=self.event.pk)


class CheckInView(EventScopedMixin, TemplateView):
    """Check-in on the day, made for a phone: find a name, tap 'da'."""

    template_name = "events/check_in.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()[:100]
        registrations = queries.participants(self.event, query=query).filter(
            status__in=[
                Registration.Status.REGISTERED,
                Registration.Status.ATTENDED,
                Registration.Status.NO_SHOW,
            ]
        )
        page = Paginator(registrations, 50).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            event=self.event,
            page_obj=page,
            registrations=page.object_list,
            counts=queries.status_counts(self.event),
            q=query,
            query=f"q={query}" if query else "",
            **kwargs,
        )


class RegistrationStatusView(View):
    def dispatch(self, request, *args, **kwargs):
        self.registration = get_object_or_404(
            Registration.objects.filter(event__in=queries.events_visible_to(request.user)),
            pk=kwargs["registration_pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, registration_pk):
        registration = self.registration
        form = RegistrationStatusForm(request.POST)
        if form.is_valid():
            try:
                services.registration_set_status(
                    registration=registration, status=form.cleaned_data["status"]
                )
            except services.RegistrationRefused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(
                    request,
                    _("%(name)s: %(status)s")
                    % {
                        "name": registration.full_name,
                        "status": Registration.Status(form.cleaned_data["status"]).label,
                    },
                )
        else:
            messages.error(request, _("Bitte wählen Sie einen gültigen Status."))
        back = request.POST.get("next")
        if back == "check_in":
            url = reverse("events:check_in", args=[registration.event_id])
            q = request.POST.get("q", "")[:100]
            return redirect(f"{url}?{urlencode({'q': q})}" if q else url)
        return redirect("events:manage", event_pk=registration.event_id)


class RegistrationDataView(RegistrationStatusView):
    """Art. 15: everything stored about one registrant, as JSON."""

    def get(self, request, registration_pk):
        data = services.registration_personal_data(registration=self.registration)
        audit_record(
            kind=AuditEvent.Kind.EXPORT,
            request=request,
            summary=f"Auskunft (Art. 15 DSGVO): Anmeldung {self.registration.pk}",
        )
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="auskunft-anmeldung-{self.registration.pk}.json"'
        )
        return response

    post = View.http_method_not_allowed


class RegistrationEraseView(RegistrationStatusView):
    """Art. 17: erase one registration."""

    def post(self, request, registration_pk):
        event_pk = self.registration.event_id
        name = self.registration.full_name
        services.registration_erase(registration=self.registration, request=request)
        messages.success(request, _("Die Anmeldung von %(name)s ist gelöscht.") % {"name": name})
        return redirect("events:manage", event_pk=event_pk)


class ExportView(EventScopedMixin, View):
    def get(self, request, event_pk):
        file_format = request.GET.get("format", "csv")
        if file_format not in ("csv", "xlsx"):
            file_format = "csv"
        registrations = list(queries.participants(self.event))
        audit_record(
            kind=AuditEvent.Kind.EXPORT,
            request=request,
            summary=f"Teilnehmende {self.event.title} ({len(registrations)} Zeilen)",
        )
        if file_format == "xlsx":
            content = exports.xlsx_bytes(registrations)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            content = exports.csv_bytes(registrations)
            content_type = "text/csv; charset=utf-8"
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="teilnehmende-{self.event.pk}.{file_format}"'
        )
        return response


class SignInSheetView(EventScopedMixin, View):
    def get(self, request, event_pk):
        registrations = list(
            queries.participants(self.event).filter(
                status__in=[Registration.Status.REGISTERED, Registration.Status.ATTENDED]
            )
        )
        pdf = reports.sign_in_sheet_pdf(event=self.event, registrations=registrations)
        audit_record(
            kind=AuditEvent.Kind.PDF_DOWNLOAD,
            request=request,
            summary=f"Unterschriftenliste {self.event.title}",
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="unterschriftenliste-{self.event.pk}.pdf"'
        )
        return response


class CloseView(EventScopedMixin, View):
    """After the event: attendance into the districts' records, in one step."""

    template_name = "events/close.html"

    def setup_form(self, data=None):
        self.districts = [
            d
            for d in services.event_districts(self.event)
            if d in set(districts_visible_to(self.request.user))
        ]
        known, unknown = queries.organizations_for_close(self.event, self.districts)
        self.known = known
        return CloseForm(
            data, unknown_names=unknown, known_organizations=known, districts=self.districts
        )

    def refused(self):
        if self.event.status != Event.Status.PUBLISHED or self.event.start_at > timezone.now():
            messages.error(
                self.request,
                _(
                    "Nachbereiten lässt sich eine veröffentlichte Veranstaltung, sobald sie "
                    "begonnen hat."
                ),
            )
            return redirect("events:manage", event_pk=self.event.pk)
        return None

    def render(self, form, status=200):
        counts = queries.status_counts(self.event)
        return render(
            self.request,
            self.template_name,
            {
                "event": self.event,
                "form": form,
                "counts": counts,
                "known": self.known,
                "consenting": self.event.registrations.exclude(status="cancelled")
                .filter(contact_consent_at__isnull=False)
                .count(),
            },
            status=status,
        )

    def get(self, request, event_pk):
        return self.refused() or self.render(self.setup_form())

    def post(self, request, event_pk):
        refused = self.refused()
        if refused:
            return refused
        form = self.setup_form(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        with transaction.atomic():
            activities = services.event_close(
                event=self.event,
                user=request.user,
                create_organizations=form.organizations_to_create(),
                follow_up_for=form.cleaned_data["follow_up_for"],
                follow_up_on=form.cleaned_data["follow_up_on"],
            )
        messages.success(
            request,
            _("Die Veranstaltung ist abgeschlossen und in %(n)s Landkreis(en) erfasst.")
            % {"n": len(activities)},
        )
        return redirect("events:manage", event_pk=self.event.pk)
