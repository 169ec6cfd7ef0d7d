import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ikokmu.validators import MaxValueValidator, MinValueValidator, NameField


class Phase(models.TextChoices):
    REQUEST = "request", _("Anfrage")
    NEEDS_ANALYSIS = "needs_analysis", _("Bedarfsanalyse")
    GOAL_AGREEMENT = "goal_agreement", _("Zielvereinbarung")
    IMPLEMENTATION = "implementation", _("Umsetzung")
    CLOSING = "closing", _("Abschluss")
    CANCELLED = "cancelled", _("Abgebrochen")


#: The phases in their order; CANCELLED stands outside it.
PHASE_ORDER = [
    Phase.REQUEST,
    Phase.NEEDS_ANALYSIS,
    Phase.GOAL_AGREEMENT,
    Phase.IMPLEMENTATION,
    Phase.CLOSING,
]

RATING = [MinValueValidator(1), MaxValueValidator(5)]


class ConsultingCase(models.Model):
    """A pilot consulting case with one organisation (flow 3 in design.md)."""

    class CaseType(models.TextChoices):
        SME = "sme", _("KMU")
        MUNICIPALITY = "municipality", _("Kommune")
        DISTRICT_OFFICE = "district_office", _("Landratsamt")

    class Origin(models.TextChoices):
        EVENT = "event", _("Veranstaltung")
        TALK = "talk", _("Gespräch")
        SURVEY_RESPONSE = "survey_response", _("Antwort in der Befragung")
        OTHER = "other", _("Sonstiges")

    organization = models.ForeignKey(
        "districts.Organization",
        on_delete=models.PROTECT,
        related_name="consulting_cases",
        verbose_name=_("Organisation"),
    )
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="consulting_cases",
        verbose_name=_("Landkreis"),
    )
    title = NameField(_("Titel"), max_length=200)
    advisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="consulting_cases",
        verbose_name=_("Beratende"),
    )
    case_type = models.CharField(_("Fallart"), max_length=20, choices=CaseType.choices)
    phase = models.CharField(
        _("Phase"), max_length=20, choices=Phase.choices, default=Phase.REQUEST
    )
    cancel_reason = models.TextField(_("Grund des Abbruchs"), blank=True)
    start_date = models.DateField(_("Beginn"))
    planned_end_date = models.DateField(_("Geplantes Ende"), null=True, blank=True)
    origin = models.CharField(
        _("Entstanden aus"), max_length=20, choices=Origin.choices, default=Origin.OTHER
    )
    origin_activity = models.ForeignKey(
        "districts.Activity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Ausgangspunkt (Gespräch oder Veranstaltung)"),
    )
    origin_note = models.CharField(_("Anmerkung zum Ausgangspunkt"), max_length=300, blank=True)
    final_report_text = models.TextField(
        _("Abschlussbericht"),
        blank=True,
        help_text=_("Zusammenfassung für den Bericht; nötig, um den Fall abzuschließen."),
    )
    closed_on = models.DateField(_("Abgeschlossen am"), null=True, blank=True)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["final_report_text"])

    class Meta:
        verbose_name = _("Beratungsfall")
        verbose_name_plural = _("Beratungsfälle")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(phase="cancelled") | ~models.Q(cancel_reason=""),
                name="case_cancelled_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(phase="closing") | ~models.Q(final_report_text=""),
                name="case_closing_has_final_report",
            ),
            models.CheckConstraint(
                condition=models.Q(planned_end_date__isnull=True)
                | models.Q(planned_end_date__gte=models.F("start_date")),
                name="case_planned_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["district", "phase"])]

    def __str__(self) -> str:
        return f"{self.organization} – {self.title}"

    @property
    def is_closed(self) -> bool:
        return self.phase == Phase.CLOSING


class PhaseChange(models.Model):
    case = models.ForeignKey(
        ConsultingCase,
        on_delete=models.CASCADE,
        related_name="phase_changes",
        verbose_name=_("Fall"),
    )
    from_phase = models.CharField(_("Vorherige Phase"), max_length=20, choices=Phase.choices)
    to_phase = models.CharField(_("Neue Phase"), max_length=20, choices=Phase.choices)
    reason = models.TextField(_("Begründung"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("Geändert von"),
    )
    changed_at = models.DateTimeField(_("Geändert am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Phasenwechsel")
        verbose_name_plural = _("Phasenwechsel")
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_from_phase_display()} → {self.get_to_phase_display()}"


class NeedsAssessment(models.Model):
    case = models.OneToOneField(
        ConsultingCase,
        on_delete=models.CASCADE,
        related_name="needs_assessment",
        verbose_name=_("Fall"),
    )
    assessed_on = models.DateField(_("Datum"))
    participants = models.TextField(_("Wer hat teilgenommen?"), blank=True)
    findings = models.TextField(_("Ergebnisse"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Bedarfsanalyse")
        verbose_name_plural = _("Bedarfsanalysen")

    def __str__(self) -> str:
        return f"{self.case}: {self.assessed_on:%d.%m.%Y}"


class NeedsRating(models.Model):
    """Current state and importance of one field of action, each from 1 to 5."""

    assessment = models.ForeignKey(
        NeedsAssessment,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("Bedarfsanalyse"),
    )
    field_of_action = models.ForeignKey(
        "catalog.FieldOfAction",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Handlungsfeld"),
    )
    current_state = models.PositiveSmallIntegerField(_("Ist-Stand (1–5)"), validators=RATING)
    importance = models.PositiveSmallIntegerField(_("Bedeutung (1–5)"), validators=RATING)

    class Meta:
        verbose_name = _("Bewertung")
        verbose_name_plural = _("Bewertungen")
        ordering = ["field_of_action__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "field_of_action"], name="rating_once_per_field"
            ),
            models.CheckConstraint(
                condition=models.Q(current_state__range=(1, 5), importance__range=(1, 5)),
                name="rating_between_1_and_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.field_of_action}: {self.current_state}/{self.importance}"

    @property
    def gap(self) -> int:
        return self.importance - self.current_state


class Goal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        IN_PROGRESS = "in_progress", _("in Arbeit")
        ACHIEVED = "achieved", _("erreicht")
        DROPPED = "dropped", _("verworfen")

    case = models.ForeignKey(
        ConsultingCase, on_delete=models.CASCADE, related_name="goals", verbose_name=_("Fall")
    )
    field_of_action = models.ForeignKey(
        "catalog.FieldOfAction",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Handlungsfeld"),
    )
    text = models.TextField(_("Ziel"))
    indicator = models.CharField(_("Indikator"), max_length=300, blank=True)
    target_date = models.DateField(_("Zieldatum"), null=True, blank=True)
    status = models.CharField(
        _("Stand"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    progress = models.PositiveSmallIntegerField(
        _("Fortschritt (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    notes = models.TextField(_("Notizen"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Ziel")
        verbose_name_plural = _("Ziele")
        ordering = ["field_of_action__position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="goal_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


def _private_upload_path(instance, filename: str) -> str:
    # Random names: the user's file name (which may contain "../") is kept only as data.
    return f"consulting/{instance.case_id}/{uuid.uuid4().hex}"


class Agreement(models.Model):
    case = models.OneToOneField(
        ConsultingCase, on_delete=models.CASCADE, related_name="agreement", verbose_name=_("Fall")
    )
    signed_on = models.DateField(_("Unterzeichnet am"))
    signed_for_organization = models.CharField(
        _("Unterzeichnet für die Organisation von"), max_length=200
    )
    signed_for_project = models.CharField(_("Unterzeichnet für das Projekt von"), max_length=200)
    goals = models.ManyToManyField(Goal, related_name="agreements", verbose_name=_("Ziele"))
    time_commitment = models.CharField(
        _("Zeit, die die Organisation einräumt"), max_length=300, blank=True
    )
    participation = models.TextField(_("Zusagen zur Beteiligung"), blank=True)
    scan = models.ForeignKey(
        "consulting.CaseDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Unterschriebene Fassung (Scan)"),
        help_text=_("Zuerst unter „Dokumente“ hochladen, dann hier auswählen."),
    )
    history = HistoricalRecords(m2m_fields=[goals])

    class Meta:
        verbose_name = _("Zielvereinbarung")
        verbose_name_plural = _("Zielvereinbarungen")

    def __str__(self) -> str:
        return f"{self.case}: {self.signed_on:%d.%m.%Y}"


class SteeringGroupMember(models.Model):
    case = models.ForeignKey(
        ConsultingCase,
        on_delete=models.CASCADE,
        related_name="steering_group",
        verbose_name=_("Fall"),
    )
    contact = models.ForeignKey(
        "districts.Contact",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Ansprechperson"),
    )
    role = models.CharField(_("Rolle in der Steuerungsgruppe"), max_length=150)

    class Meta:
        verbose_name = _("Mitglied der Steuerungsgruppe")
        verbose_name_plural = _("Steuerungsgruppe")
        constraints = [
            models.UniqueConstraint(fields=["case", "contact"], name="steering_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.contact}: {self.role}"


class Session(models.Model):
    class Kind(models.TextChoices):
        FIRST_MEETING = "first_meeting", _("Erstgespräch")
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Schulung")
        COACHING = "coaching", _("Coaching")
        REFLECTION = "reflection", _("Reflexion")
        FINAL_MEETING = "final_meeting", _("Abschlussgespräch")

    case = models.ForeignKey(
        ConsultingCase, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("Fall")
    )
    date = models.DateField(_("Datum"))
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    participants = models.TextField(_("Teilnehmende"), blank=True)
    duration_hours = models.DecimalField(
        _("Dauer (Stunden)"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0.5)]
    )
    minutes = models.TextField(_("Protokoll"), blank=True)

    class Meta:
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_hours__gt=0), name="session_duration_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.get_kind_display()}"


class NextStep(models.Model):
    case = models.ForeignKey(
        ConsultingCase, on_delete=models.CASCADE, related_name="next_steps", verbose_name=_("Fall")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_steps",
        verbose_name=_("vereinbart im Termin"),
    )
    description = models.CharField(_("Nächster Schritt"), max_length=300)
    owner = models.CharField(_("Wer?"), max_length=150)
    due_on = models.DateField(_("Bis wann?"))
    done = models.BooleanField(_("erledigt"), default=False)

    class Meta:
        verbose_name = _("Nächster Schritt")
        verbose_name_plural = _("Nächste Schritte")
        ordering = ["done", "due_on", "id"]
        indexes = [
            models.Index(
                fields=["due_on"], condition=models.Q(done=False), name="nextstep_open_due"
            )
        ]

    def __str__(self) -> str:
        return self.description


class Recommendation(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("vorgeschlagen")
        ACCEPTED = "accepted", _("angenommen")
        IMPLEMENTED = "implemented", _("umgesetzt")
        DISCARDED = "discarded", _("verworfen")

    case = models.ForeignKey(
        ConsultingCase,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("Fall"),
    )
    measure = models.ForeignKey(
        "catalog.Measure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Maßnahme"),
    )
    offer = models.ForeignKey(
        "catalog.Offer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("MigraNet-Angebot"),
    )
    reason = models.TextField(_("Begründung"))
    status = models.CharField(
        _("Stand"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    outcome = models.TextField(_("Ergebnis"), blank=True)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Empfehlung")
        verbose_name_plural = _("Empfehlungen")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(measure__isnull=False) | models.Q(offer__isnull=False),
                name="recommendation_names_measure_or_offer",
            ),
        ]

    def __str__(self) -> str:
        return str(self.measure or self.offer)


class CaseDocument(models.Model):
    case = models.ForeignKey(
        ConsultingCase, on_delete=models.CASCADE, related_name="documents", verbose_name=_("Fall")
    )
    file = models.FileField(_("Datei"), upload_to=_private_upload_path)
    original_name = models.CharField(_("Dateiname"), max_length=255)
    content_type = models.CharField(_("Dateityp"), max_length=100)
    size = models.PositiveIntegerField(_("Größe (Bytes)"))
    description = models.CharField(_("Beschreibung"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("Hochgeladen am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class CaseReport(models.Model):
    """A generated case report PDF, kept so every earlier version can be downloaded again."""

    case = models.ForeignKey(
        ConsultingCase, on_delete=models.CASCADE, related_name="reports", verbose_name=_("Fall")
    )
    version = models.PositiveIntegerField(_("Version"))
    pdf = models.BinaryField(_("PDF"))
    is_draft = models.BooleanField(_("Entwurf"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("erstellt von"),
    )
    created_at = models.DateTimeField(_("erstellt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Fallbericht")
        verbose_name_plural = _("Fallberichte")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="report_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.case} v{self.version}"
