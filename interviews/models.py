"""The interview study: studies and their team, guides, companies as cases with a separate
pseudonym key, interviews with consent, transcripts, the codebook, coded segments, memos and
best-practice examples.

Data protection is built into the schema: a transcript or audio file can only be stored while
a matching consent is recorded and not withdrawn (check constraints on Interview); the real
names live in PseudonymKey, and neither the key nor the transcript text is kept in the history
tables, so a deletion really deletes. Positions of segments count Unicode code points of the
transcript (Python string indices), as REFI-QDA does.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ikokmu.validators import NameField

COLOUR_PATTERN = r"^#[0-9A-Fa-f]{6}$"


class Study(models.Model):
    title = NameField(_("Titel"), max_length=200)
    research_questions = models.TextField(_("Forschungsfragen"), blank=True)
    audio_retention_days = models.PositiveIntegerField(
        _("Audiodateien löschen nach (Tagen ab Interview)"),
        default=90,
        help_text=_("Gilt als Vorgabe für das Löschdatum neuer Audiodateien."),
    )
    transcripts_delete_on = models.DateField(_("Transkripte löschen am"), null=True, blank=True)
    key_delete_on = models.DateField(_("Pseudonymschlüssel löschen am"), null=True, blank=True)
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Interviewstudie")
        verbose_name_plural = _("Interviewstudien")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("interviews:study_detail", args=[self.pk])


class StudyMember(models.Model):
    class Role(models.TextChoices):
        READ = "read", _("Lesen")
        CODE = "code", _("Kodieren")
        MANAGE = "manage", _("Leiten")

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="study_memberships"
    )
    role = models.CharField(_("Rolle in der Studie"), max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = _("Teammitglied")
        verbose_name_plural = _("Teammitglieder")
        constraints = [
            models.UniqueConstraint(fields=["study", "user"], name="studymember_once"),
            models.CheckConstraint(
                condition=models.Q(role__in=["read", "code", "manage"]),
                name="studymember_role_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class InterviewGuide(models.Model):
    """One version of the interview guide; a new version is a new row, old ones stay."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="guides")
    version = models.PositiveSmallIntegerField(_("Version"))
    note = models.CharField(_("Was ist neu"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Interviewleitfaden")
        verbose_name_plural = _("Interviewleitfäden")
        ordering = ["study", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["study", "version"], name="guide_version_once")
        ]

    def __str__(self) -> str:
        return _("Leitfaden Version %(version)s") % {"version": self.version}


class GuideQuestion(models.Model):
    guide = models.ForeignKey(InterviewGuide, on_delete=models.CASCADE, related_name="questions")
    block = models.CharField(_("Block"), max_length=200)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"))
    text = models.TextField(_("Frage"))

    class Meta:
        ordering = ["guide", "position"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "position"], name="guidequestion_position")
        ]

    def __str__(self) -> str:
        return self.text


class Company(models.Model):
    """A company as a case of the study, known only by its pseudonym."""

    class SizeClass(models.TextChoices):
        MICRO = "1-9", _("1–9 Beschäftigte")
        SMALL = "10-49", _("10–49 Beschäftigte")
        MEDIUM = "50-249", _("50–249 Beschäftigte")
        LARGE = "250+", _("250 und mehr Beschäftigte")

    class MigrationShare(models.TextChoices):
        UNDER_10 = "0-10", _("unter 10 %")
        TEN_25 = "10-25", _("10–25 %")
        TWENTYFIVE_50 = "25-50", _("25–50 %")
        OVER_50 = "50-100", _("über 50 %")

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="companies")
    pseudonym = NameField(
        _("Pseudonym"),
        max_length=20,
        validators=[RegexValidator(r"^[A-Z]{1,3}\d{1,4}$", _("Zum Beispiel U07."))],
    )
    sector = models.CharField(_("Branche"), max_length=120)
    size_class = models.CharField(_("Größenklasse"), max_length=10, choices=SizeClass.choices)
    founding_year = models.PositiveSmallIntegerField(
        _("Gründungsjahr"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    place = models.CharField(_("Ort"), max_length=120, blank=True)
    migration_share = models.CharField(
        _("Anteil Beschäftigte mit Migrationsgeschichte"),
        max_length=10,
        choices=MigrationShare.choices,
        blank=True,
    )
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Unternehmen (Fall)")
        verbose_name_plural = _("Unternehmen (Fälle)")
        ordering = ["study", "pseudonym"]
        constraints = [
            models.UniqueConstraint(
                fields=["study", "pseudonym"],
                name="company_pseudonym_once",
                violation_error_message=_("Dieses Pseudonym gibt es in der Studie schon."),
            ),
            models.CheckConstraint(
                condition=models.Q(size_class__in=["1-9", "10-49", "50-249", "250+"]),
                name="company_size_known",
            ),
        ]

    def __str__(self) -> str:
        return self.pseudonym


class PseudonymKey(models.Model):
    """The real identity behind a pseudonym. Only study managers open it; no history is kept,
    so deleting the key (retention) leaves no copy behind."""

    company = models.OneToOneField(Company, on_delete=models.CASCADE, related_name="key")
    real_name = models.CharField(_("Echter Name des Unternehmens"), max_length=200)
    contact = models.TextField(_("Ansprechperson und Kontakt"), blank=True)
    other_names = models.TextField(
        _("Weitere Namen, die im Transkript ersetzt werden"),
        blank=True,
        help_text=_(
            "Ein Name pro Zeile, zum Beispiel Personen oder Produkte. Mit „Name = Ersatz“ "
            "wird statt des Pseudonyms der Ersatz eingesetzt."
        ),
    )

    class Meta:
        verbose_name = _("Pseudonymschlüssel")
        verbose_name_plural = _("Pseudonymschlüssel")

    def __str__(self) -> str:
        return str(self.company)


def _consent_covers(scope: str) -> models.Q:
    return models.Q(consent_date__isnull=False, consent_withdrawn_on__isnull=True, **{scope: True})


class Interview(models.Model):
    class Mode(models.TextChoices):
        ON_SITE = "on_site", _("vor Ort")
        VIDEO = "video", _("Video")
        PHONE = "phone", _("Telefon")

    class Status(models.TextChoices):
        PLANNED = "planned", _("geplant")
        CONDUCTED = "conducted", _("geführt")
        TRANSCRIBED = "transcribed", _("transkribiert")
        CODED = "coded", _("kodiert")
        RELEASED = "released", _("freigegeben")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="interviews")
    date = models.DateField(_("Datum"))
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("Interviewende")
    )
    mode = models.CharField(_("Form"), max_length=10, choices=Mode.choices)
    duration_minutes = models.PositiveSmallIntegerField(
        _("Dauer (Minuten)"), null=True, blank=True, validators=[MaxValueValidator(600)]
    )
    guide = models.ForeignKey(
        InterviewGuide,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interviews",
        verbose_name=_("Leitfadenversion"),
    )
    status = models.CharField(
        _("Stand"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    audio = models.FileField(_("Audiodatei"), upload_to="interviews/audio/", blank=True)
    audio_delete_on = models.DateField(_("Audiodatei löschen am"), null=True, blank=True)
    transcript = models.TextField(_("Transkript"), blank=True)
    # Consent, one scope per field, so that the rules below can be check constraints.
    consent_date = models.DateField(_("Einwilligung erteilt am"), null=True, blank=True)
    consent_form_version = models.CharField(_("Version des Formulars"), max_length=40, blank=True)
    consent_recording = models.BooleanField(_("Aufzeichnung"), default=False)
    consent_transcription = models.BooleanField(_("Transkription"), default=False)
    consent_scientific_use = models.BooleanField(_("Wissenschaftliche Auswertung"), default=False)
    consent_quotation = models.BooleanField(_("Zitieren (anonym)"), default=False)
    consent_publication = models.BooleanField(
        _("Veröffentlichung als namentliches Beispiel"), default=False
    )
    consent_withdrawn_on = models.DateField(_("Einwilligung widerrufen am"), null=True, blank=True)
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    history = HistoricalRecords(excluded_fields=["transcript"])

    class Meta:
        verbose_name = _("Interview")
        verbose_name_plural = _("Interviews")
        ordering = ["company__pseudonym", "date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(transcript="") | _consent_covers("consent_transcription"),
                name="interview_transcript_needs_consent",
                violation_error_message=_(
                    "Ohne Einwilligung in die Transkription kann kein Transkript gespeichert "
                    "werden."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(audio="") | _consent_covers("consent_recording"),
                name="interview_audio_needs_consent",
                violation_error_message=_(
                    "Ohne Einwilligung in die Aufzeichnung kann keine Audiodatei gespeichert "
                    "werden."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(consent_withdrawn_on__isnull=True)
                | models.Q(
                    consent_date__isnull=False, consent_withdrawn_on__gte=models.F("consent_date")
                ),
                name="interview_withdrawal_after_consent",
                violation_error_message=_(
                    "Ein Widerruf setzt eine Einwilligung voraus und liegt nicht vor ihr."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(mode__in=["on_site", "video", "phone"]),
                name="interview_mode_known",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["planned", "conducted", "transcribed", "coded", "released"]
                ),
                name="interview_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company.pseudonym} – {self.date:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("interviews:interview_detail", args=[self.pk])

    @property
    def consent_active(self) -> bool:
        return self.consent_date is not None and self.consent_withdrawn_on is None

    def consent_allows(self, scope: str) -> bool:
        return self.consent_active and getattr(self, f"consent_{scope}")


class SignedConsentForm(models.Model):
    """The signed consent form, apart from the interview: only study managers open it."""

    interview = models.OneToOneField(
        Interview, on_delete=models.CASCADE, related_name="signed_form"
    )
    file = models.FileField(_("Unterschriebenes Formular"), upload_to="interviews/consent/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Unterschriebene Einwilligung")
        verbose_name_plural = _("Unterschriebene Einwilligungen")

    def __str__(self) -> str:
        return str(self.interview)


class Code(models.Model):
    """A code or a category (not codable itself) of the codebook tree."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="codes")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("Übergeordnet"),
    )
    name = NameField(_("Name"), max_length=120)
    is_category = models.BooleanField(
        _("Nur Kategorie"),
        default=False,
        help_text=_("Kategorien gliedern, man kodiert nicht mit ihnen."),
    )
    definition = models.TextField(_("Definition"), blank=True)
    when_to_use = models.TextField(_("Anwenden, wenn"), blank=True)
    when_not_to_use = models.TextField(_("Nicht anwenden, wenn"), blank=True)
    example = models.TextField(_("Beispiel"), blank=True)
    colour = models.CharField(
        _("Farbe"),
        max_length=7,
        default="#1F77B4",
        validators=[RegexValidator(COLOUR_PATTERN, _("Bitte eine Farbe als #RRGGBB angeben."))],
    )
    fields_of_action = models.ManyToManyField(
        "catalog.FieldOfAction", blank=True, related_name="codes", verbose_name=_("Handlungsfelder")
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    history = HistoricalRecords(m2m_fields=["fields_of_action"])

    class Meta:
        verbose_name = _("Code")
        verbose_name_plural = _("Codes")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["study", "parent", "name"],
                nulls_distinct=False,
                name="code_name_once_per_parent",
                violation_error_message=_("Diesen Code gibt es an dieser Stelle schon."),
            ),
            models.CheckConstraint(
                condition=models.Q(colour__regex=COLOUR_PATTERN),
                name="code_colour_rgb",
                violation_error_message=_("Bitte eine Farbe als #RRGGBB angeben."),
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="code_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Segment(models.Model):
    """A coded passage: [start, end) in code points of the interview's transcript."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="segments")
    start = models.PositiveIntegerField(_("Beginn"))
    end = models.PositiveIntegerField(_("Ende"))
    text = models.TextField(_("Text"))
    codes = models.ManyToManyField(Code, related_name="segments", verbose_name=_("Codes"))
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("Kodiert von"),
    )
    created_at = models.DateTimeField(_("Kodiert am"), auto_now_add=True)
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("Kodierte Textstelle")
        verbose_name_plural = _("Kodierte Textstellen")
        ordering = ["interview", "start", "end"]
        indexes = [models.Index(fields=["interview", "start"], name="segment_interview_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")),
                name="segment_start_before_end",
                violation_error_message=_("Der Anfang muss vor dem Ende liegen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.interview} [{self.start}–{self.end}]"


class Memo(models.Model):
    """A note on exactly one segment, interview or code."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="memos")
    segment = models.ForeignKey(
        Segment, on_delete=models.CASCADE, null=True, blank=True, related_name="memos"
    )
    interview = models.ForeignKey(
        Interview, on_delete=models.CASCADE, null=True, blank=True, related_name="memos"
    )
    code = models.ForeignKey(
        Code, on_delete=models.CASCADE, null=True, blank=True, related_name="memos"
    )
    text = models.TextField(_("Memo"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("Memo")
        verbose_name_plural = _("Memos")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(segment__isnull=False, interview__isnull=True, code__isnull=True)
                | models.Q(segment__isnull=True, interview__isnull=False, code__isnull=True)
                | models.Q(segment__isnull=True, interview__isnull=True, code__isnull=False),
                name="memo_on_exactly_one_thing",
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]


class BestPractice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("Veröffentlicht")

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="best_practices")
    title = NameField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Adresse (Kurzname)"), max_length=220, unique=True)
    challenge = models.TextField(_("Herausforderung"))
    what_they_did = models.TextField(_("Was das Unternehmen getan hat"))
    effort = models.TextField(_("Aufwand"), blank=True)
    outcome = models.TextField(_("Ergebnis"), blank=True)
    company = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        related_name="best_practices",
        verbose_name=_("Unternehmen"),
    )
    show_company_name = models.BooleanField(
        _("Unternehmen namentlich nennen"),
        default=False,
        help_text=_("Nur möglich, wenn die Einwilligung die namentliche Veröffentlichung deckt."),
    )
    public_company_name = models.CharField(
        _("Name für die Veröffentlichung"), max_length=200, blank=True
    )
    interviews = models.ManyToManyField(
        Interview, related_name="best_practices", verbose_name=_("Verknüpfte Interviews")
    )
    quote_segment = models.ForeignKey(
        Segment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Zitat aus einer kodierten Textstelle"),
    )
    quote = models.TextField(_("Freigegebenes Zitat"), blank=True)
    codes = models.ManyToManyField(Code, blank=True, related_name="best_practices")
    fields_of_action = models.ManyToManyField(
        "catalog.FieldOfAction", blank=True, related_name="best_practices"
    )
    measures = models.ManyToManyField("catalog.Measure", blank=True, related_name="best_practices")
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(m2m_fields=["interviews", "codes", "fields_of_action", "measures"])

    class Meta:
        verbose_name = _("Good-Practice-Beispiel")
        verbose_name_plural = _("Good-Practice-Beispiele")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published"]),
                name="bestpractice_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(published_at__isnull=False),
                name="bestpractice_published_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(show_company_name=False) | ~models.Q(public_company_name=""),
                name="bestpractice_named_has_name",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("interviews:public_detail", args=[self.slug])
