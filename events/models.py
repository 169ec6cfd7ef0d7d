"""Public events of the districts: announcements, registrations and the mail they send.

An event is the project's second step in a district (information evenings, employer breakfasts,
workshops with MigraNet partners). Registrations are personal data of people without an account:
they are found only through a personal link whose hash is stored (events.tokens), and those
without consent to later contact are deleted a fixed time after the event (events.services).
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from districts.models import Organization


class Event(models.Model):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("vor Ort")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("veröffentlicht")
        CANCELLED = "cancelled", _("abgesagt")
        COMPLETED = "completed", _("abgeschlossen")

    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"))
    programme = models.TextField(
        _("Programm"),
        blank=True,
        help_text=_("Eine Zeile je Programmpunkt, zum Beispiel „18:00 Begrüßung“."),
    )
    districts = models.ManyToManyField(
        "districts.District", blank=True, related_name="events", verbose_name=_("Landkreise")
    )
    all_bavaria = models.BooleanField(
        _("für ganz Bayern"),
        default=False,
        help_text=_("Die Veranstaltung richtet sich an alle Landkreise."),
    )
    start_at = models.DateTimeField(_("Beginn"))
    end_at = models.DateTimeField(_("Ende"))
    format = models.CharField(_("Format"), max_length=20, choices=Format.choices)
    place_name = models.CharField(_("Ort (Name)"), max_length=200, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("PLZ"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    online_url = models.URLField(
        _("Online-Link"),
        blank=True,
        help_text=_("Wird nur angemeldeten Teilnehmenden in den E-Mails mitgeteilt."),
    )
    capacity = models.PositiveIntegerField(
        _("Plätze"), null=True, blank=True, help_text=_("Leer lassen, wenn die Zahl offen ist.")
    )
    registration_deadline = models.DateTimeField(
        _("Anmeldeschluss"),
        null=True,
        blank=True,
        help_text=_("Leer lassen: Anmeldung bis zum Beginn."),
    )
    target_kinds = ArrayField(
        models.CharField(max_length=30, choices=Organization.Kind.choices),
        verbose_name=_("Zielgruppen"),
        default=list,
        blank=True,
    )
    fields_of_action = models.ManyToManyField(
        "catalog.FieldOfAction",
        blank=True,
        related_name="events",
        verbose_name=_("Handlungsfelder"),
    )
    measures = models.ManyToManyField(
        "catalog.Measure", blank=True, related_name="events", verbose_name=_("Maßnahmen")
    )
    offers = models.ManyToManyField(
        "catalog.Offer", blank=True, related_name="events", verbose_name=_("MigraNet-Angebote")
    )
    organized_by_project_team = models.BooleanField(_("Projektteam veranstaltet mit"), default=True)
    staff_organizers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organized_events",
        verbose_name=_("Veranstaltende im Landratsamt"),
    )
    partner_organizations = models.ManyToManyField(
        "districts.Organization",
        blank=True,
        related_name="partnered_events",
        verbose_name=_("Partnerorganisationen"),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    activities = models.ManyToManyField(
        "districts.Activity",
        blank=True,
        related_name="events",
        verbose_name=_("Aktivitäten im Landkreis"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Angelegt von"),
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    history = HistoricalRecords(
        m2m_fields=["districts", "fields_of_action", "partner_organizations", "staff_organizers"]
    )

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["start_at", "pk"]
        indexes = [models.Index(fields=["status", "start_at"], name="event_status_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_at__gt=F("start_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published", "cancelled", "completed"]),
                name="event_status_known",
            ),
            models.CheckConstraint(
                condition=Q(format__in=["in_person", "online", "hybrid"]), name="event_format_known"
            ),
            # Someone who registers must learn where to go: a place for vor Ort and hybrid, a
            # link for online and hybrid.
            models.CheckConstraint(
                condition=Q(format="online") | ~Q(city=""), name="event_place_unless_online"
            ),
            models.CheckConstraint(
                condition=Q(format="in_person") | ~Q(online_url=""),
                name="event_link_unless_in_person",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="event_capacity_positive",
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__isnull=True)
                | Q(registration_deadline__lte=F("end_at")),
                name="event_deadline_before_end",
            ),
            models.CheckConstraint(
                condition=Q(postal_code="") | Q(postal_code__regex=r"^[0-9]{5}$"),
                name="event_postal_code_five_digits",
            ),
            models.CheckConstraint(
                condition=Q(target_kinds__contained_by=list(Organization.Kind.values)),
                name="event_target_kinds_known",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def address(self) -> str:
        locality = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.place_name, self.street, locality) if part)

    @property
    def places_left(self) -> int | None:
        """Free places, for an event read with events.queries.with_counts; None: no limit."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.registered_count, 0)

    @property
    def programme_lines(self) -> list[str]:
        return [line.strip() for line in self.programme.splitlines() if line.strip()]


class Question(models.Model):
    """A question the organiser adds to the registration form (dietary needs, accessibility…)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("Frage"), max_length=200)
    required = models.BooleanField(_("Pflichtangabe"), default=False)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Frage zur Anmeldung")
        verbose_name_plural = _("Fragen zur Anmeldung")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label


class PrivacyNotice(models.Model):
    """A version of the privacy notice of event registrations. A registration points at the
    version its registrant agreed to, so a later change of the text never rewrites what
    somebody consented to; a new text is a new row."""

    version = models.CharField(_("Version"), max_length=40, unique=True)
    text = models.TextField(_("Datenschutzhinweis"))
    contact_consent_text = models.TextField(_("Text der Einwilligung in spätere Kontaktaufnahme"))
    valid_from = models.DateTimeField(_("gilt ab"))

    class Meta:
        verbose_name = _("Datenschutzhinweis zur Anmeldung")
        verbose_name_plural = _("Datenschutzhinweise zur Anmeldung")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return self.version


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("angemeldet")
        WAITLISTED = "waitlisted", _("Warteliste")
        CANCELLED = "cancelled", _("abgesagt")
        ATTENDED = "attended", _("teilgenommen")
        NO_SHOW = "no_show", _("nicht erschienen")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices)
    first_name = models.CharField(_("Vorname"), max_length=100)
    last_name = models.CharField(_("Nachname"), max_length=100)
    organization_name = models.CharField(_("Organisation"), max_length=200, blank=True)
    function = models.CharField(_("Funktion"), max_length=150, blank=True)
    email = models.EmailField(_("E-Mail"))
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    answers = models.JSONField(_("Antworten"), default=dict, blank=True)
    privacy_notice = models.ForeignKey(
        PrivacyNotice,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("Datenschutzhinweis"),
    )
    privacy_consent_at = models.DateTimeField(_("Datenschutzhinweis bestätigt am"))
    contact_consent_at = models.DateTimeField(
        _("Einwilligung in spätere Kontaktaufnahme am"), null=True, blank=True
    )
    # Matched on the staff side: the organisation of the district the registrant belongs to.
    organization = models.ForeignKey(
        "districts.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("Organisation im Landkreis"),
    )
    contact = models.ForeignKey(
        "districts.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("Ansprechperson"),
    )
    token_salt = models.CharField(max_length=32)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("Angemeldet am"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("Abgesagt am"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("Eingecheckt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["event", "status", "created_at"], name="registration_queue")
        ]
        constraints = [
            # A second registration from the same address is recognised, not stored twice;
            # after a cancellation the address may register again.
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~Q(status="cancelled"),
                name="registration_one_active_per_address",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=["registered", "waitlisted", "cancelled", "attended", "no_show"]
                ),
                name="registration_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | Q(cancelled_at__isnull=False),
                name="registration_cancelled_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="attended") | Q(checked_in_at__isnull=False),
                name="registration_attended_checked_in",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def holds_place(self) -> bool:
        return self.status in (self.Status.REGISTERED, self.Status.ATTENDED, self.Status.NO_SHOW)


class Mail(models.Model):
    """One mail to one registrant, written when it is decided and sent by the task worker.

    The row is the queue: the worker claims it under a row lock, so a task queued twice or run
    after a restart sends it once. Reminders, move-up and cancellation notices exist at most
    once per registration (constraint), whatever runs twice."""

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("Anmeldebestätigung")
        WAITLIST = "waitlist", _("Platz auf der Warteliste")
        LINK_AGAIN = "link_again", _("Link erneut gesendet")
        MOVED_UP = "moved_up", _("Nachgerückt")
        REMINDER = "reminder", _("Erinnerung")
        EVENT_CANCELLED = "event_cancelled", _("Absage der Veranstaltung")
        CANCELLED = "cancelled", _("Abmeldung bestätigt")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="mails")
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    failure_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("E-Mail zur Anmeldung")
        verbose_name_plural = _("E-Mails zu Anmeldungen")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind"],
                condition=Q(kind__in=["moved_up", "reminder", "event_cancelled"]),
                name="mail_once_per_registration",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} an {self.registration_id}"
