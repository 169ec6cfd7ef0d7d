"""The KMU needs questionnaire: questionnaires in versions, their sections, questions, choices,
conditions and field-of-action weights; survey rounds, invitations, responses and answers.

Texts a respondent reads are translations: a JSON object per text, keyed by language code
("de" always present, enforced by a check constraint), like SurveyJS's localizable strings. The
answers themselves are plain typed columns (one Answer row per response, question and matrix
item; one AnswerChoice row per ticked box), so results can be counted in SQL.

A version's structure is frozen as soon as a response exists (see `is_frozen`); the services
refuse to change a frozen version, and editing makes a new version.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import FieldOfAction
from districts.models import District, Organization
from ikokmu.validators import NameField

# The languages a questionnaire may offer; German always. Names in their own language, since the
# respondent picks the one they read.
LANGUAGE_NAMES = {
    "de": "Deutsch",
    "en": "English",
    "tr": "Türkçe",
    "ar": "العربية",
    "uk": "Українська",
    "ru": "Русский",
    "pl": "Polski",
    "ro": "Română",
    "fr": "Français",
    "es": "Español",
}
RTL_LANGUAGES = {"ar"}

# The same languages named in the interface's language, for the staff's pages (respondents
# choose from LANGUAGE_NAMES, each language in its own words).
LANGUAGE_LABELS = {
    "de": _("Deutsch"),
    "en": _("Englisch"),
    "tr": _("Türkisch"),
    "ar": _("Arabisch"),
    "uk": _("Ukrainisch"),
    "ru": _("Russisch"),
    "pl": _("Polnisch"),
    "ro": _("Rumänisch"),
    "fr": _("Französisch"),
    "es": _("Spanisch"),
}


def language_label(code: str) -> str:
    """A questionnaire language as the staff's interface names it ("Englisch")."""
    return str(LANGUAGE_LABELS.get(code, code))


def _text_field(verbose_name, blank=False):
    return models.JSONField(verbose_name, default=dict, blank=blank)


def _has_german(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__has_key": "de"}), name=name)


class Questionnaire(models.Model):
    """A questionnaire as the team knows it; its content lives in versions."""

    name = NameField(_("Name"), max_length=200)
    copied_from = models.ForeignKey(
        "QuestionnaireVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("kopiert aus"),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Fragebogen")
        verbose_name_plural = _("Fragebögen")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class QuestionnaireVersion(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("Version"))
    languages = models.JSONField(
        _("Sprachen"), default=list, help_text=_("Sprachcodes, Deutsch immer zuerst")
    )
    title = _text_field(_("Titel"))
    introduction = _text_field(_("Einleitung"), blank=True)
    closing_text = _text_field(_("Schlusstext"), blank=True)
    privacy_notice = _text_field(_("Datenschutzhinweis"))
    consent_label = _text_field(_("Einwilligung"))
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    # Bumped by every change of sections, questions, choices or conditions: the key under which
    # answering pages cache the structure (surveys.queries.version_structure).
    structure_changed_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("Fragebogen-Version")
        verbose_name_plural = _("Fragebogen-Versionen")
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="questionnaire_version_unique"
            ),
            _has_german("title", "version_title_german"),
            _has_german("privacy_notice", "version_privacy_german"),
            _has_german("consent_label", "version_consent_german"),
            models.CheckConstraint(
                condition=Q(languages__contains=["de"]), name="version_languages_german"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire.name} (Version {self.number})"

    @property
    def is_frozen(self) -> bool:
        return Response.objects.filter(round__version=self).exists()


class Condition(models.Model):
    """Shows a section or question only if an earlier answer matches. Several conditions on
    the same target must all hold."""

    class Operator(models.TextChoices):
        EQUALS = "equals", _("ist gleich")
        ONE_OF = "one_of", _("ist einer von")
        CONTAINS = "contains", _("enthält")
        GREATER = "greater", _("ist größer als")
        LESS = "less", _("ist kleiner als")

    section = models.ForeignKey(
        "Section", on_delete=models.CASCADE, null=True, blank=True, related_name="conditions"
    )
    question = models.ForeignKey(
        "Question", on_delete=models.CASCADE, null=True, blank=True, related_name="conditions"
    )
    source = models.ForeignKey(
        "Question",
        on_delete=models.CASCADE,
        related_name="dependent_conditions",
        verbose_name=_("Frage"),
    )
    operator = models.CharField(_("Regel"), max_length=10, choices=Operator.choices)
    values = models.JSONField(
        _("Werte"), default=list, help_text=_("Codes der Antwortmöglichkeiten oder eine Zahl")
    )

    class Meta:
        verbose_name = _("Bedingung")
        verbose_name_plural = _("Bedingungen")
        constraints = [
            models.CheckConstraint(
                condition=(Q(section__isnull=False) & Q(question__isnull=True))
                | (Q(section__isnull=True) & Q(question__isnull=False)),
                name="condition_one_target",
            ),
            models.CheckConstraint(
                condition=Q(operator__in=["equals", "one_of", "contains", "greater", "less"]),
                name="condition_operator_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.code} {self.operator} {self.values}"


class Section(models.Model):
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveIntegerField(_("Reihenfolge"))
    title = _text_field(_("Titel"))
    description = _text_field(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Abschnitt")
        verbose_name_plural = _("Abschnitte")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"],
                name="section_position_unique",
                deferrable=models.Deferrable.DEFERRED,
            ),
            _has_german("title", "section_title_german"),
        ]

    def __str__(self) -> str:
        return self.title.get("de", "")


QUESTION_TYPES = [
    "single_choice",
    "multiple_choice",
    "rating",
    "matrix",
    "yes_no",
    "short_text",
    "long_text",
    "number",
    "date",
]


class DatePrecision(models.TextChoices):
    # A year-only or month answer is stored as the first day of that year or month.
    DAY = "day", _("Tag, Monat und Jahr")
    MONTH = "month", _("Monat und Jahr")
    YEAR = "year", _("nur Jahr")


class Question(models.Model):
    DatePrecision = DatePrecision

    class Type(models.TextChoices):
        SINGLE_CHOICE = "single_choice", _("Einfachauswahl")
        MULTIPLE_CHOICE = "multiple_choice", _("Mehrfachauswahl")
        RATING = "rating", _("Bewertungsskala")
        MATRIX = "matrix", _("Matrix")
        YES_NO = "yes_no", _("Ja/Nein")
        SHORT_TEXT = "short_text", _("Kurzer Text")
        LONG_TEXT = "long_text", _("Langer Text")
        NUMBER = "number", _("Zahl")
        DATE = "date", _("Datum")

    class Display(models.TextChoices):
        RADIO = "radio", _("Optionsfelder")
        DROPDOWN = "dropdown", _("Auswahlliste")

    class Breakdown(models.TextChoices):
        # Results can be broken down by the respondents' own answer to this question.
        NONE = "", _("keine")
        SECTOR = "sector", _("Branche")
        SIZE = "size", _("Betriebsgröße")

    CHOICE_TYPES = {Type.SINGLE_CHOICE, Type.MULTIPLE_CHOICE, Type.YES_NO}
    SCALE_TYPES = {Type.RATING, Type.MATRIX}
    # Which question types a breakdown may use: one answer per respondent, a choice or a number.
    BREAKDOWN_TYPES = {
        Breakdown.SECTOR: {Type.SINGLE_CHOICE},
        Breakdown.SIZE: {Type.NUMBER, Type.SINGLE_CHOICE},
    }

    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="questions"
    )
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(_("Reihenfolge"))
    code = models.SlugField(
        _("Code"), max_length=40, help_text=_("Stabiler Kurzname für Exporte, z. B. q01_branche")
    )
    type = models.CharField(_("Fragetyp"), max_length=20, choices=Type.choices)
    text = _text_field(_("Fragetext"))
    help_text = _text_field(_("Hilfetext"), blank=True)
    required = models.BooleanField(_("Pflichtfrage"), default=False)
    display = models.CharField(
        _("Darstellung"), max_length=10, choices=Display.choices, default=Display.RADIO
    )
    has_other = models.BooleanField(_("mit „Sonstiges“"), default=False)
    other_label = _text_field(_("Beschriftung „Sonstiges“"), blank=True)
    min_choices = models.PositiveSmallIntegerField(_("mindestens"), null=True, blank=True)
    max_choices = models.PositiveSmallIntegerField(_("höchstens"), null=True, blank=True)
    scale_points = models.PositiveSmallIntegerField(_("Skalenpunkte"), null=True, blank=True)
    scale_low_label = _text_field(_("Beschriftung unteres Ende"), blank=True)
    scale_high_label = _text_field(_("Beschriftung oberes Ende"), blank=True)
    allow_dont_know = models.BooleanField(_("mit „weiß nicht“"), default=False)
    number_min = models.DecimalField(
        _("kleinster Wert"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    number_max = models.DecimalField(
        _("größter Wert"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit = _text_field(_("Einheit"), blank=True)
    number_integer = models.BooleanField(
        _("nur ganze Zahlen"), default=False, help_text=_("Keine Nachkommastellen zulassen.")
    )
    date_precision = models.CharField(
        _("Genauigkeit des Datums"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    breakdown = models.CharField(
        _("Auswertung nach"),
        max_length=8,
        choices=Breakdown.choices,
        blank=True,
        default="",
        help_text=_(
            "Die Ergebnisse lassen sich nach der Antwort auf diese Frage aufschlüsseln: "
            "Branche (Einfachauswahl) oder Betriebsgröße (Zahl der Beschäftigten oder "
            "Einfachauswahl). Je Fragebogen höchstens eine Frage für jede Auswertung."
        ),
    )

    class Meta:
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")
        ordering = ["section__position", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"],
                name="question_code_unique",
                violation_error_message=_("Diesen Code gibt es in diesem Fragebogen schon."),
            ),
            models.UniqueConstraint(
                fields=["section", "position"],
                name="question_position_unique",
                deferrable=models.Deferrable.DEFERRED,
            ),
            _has_german("text", "question_text_german"),
            models.CheckConstraint(
                condition=Q(type__in=QUESTION_TYPES), name="question_type_known"
            ),
            models.CheckConstraint(
                condition=~Q(type__in=["rating", "matrix"]) | Q(scale_points__in=[5, 7]),
                name="question_scale_five_or_seven",
            ),
            models.CheckConstraint(
                condition=Q(min_choices__isnull=True)
                | Q(max_choices__isnull=True)
                | Q(min_choices__lte=models.F("max_choices")),
                name="question_min_choices_not_above_max",
            ),
            models.CheckConstraint(
                condition=Q(number_min__isnull=True)
                | Q(number_max__isnull=True)
                | Q(number_min__lte=models.F("number_max")),
                name="question_number_min_not_above_max",
            ),
            models.CheckConstraint(
                condition=Q(breakdown__in=["", "sector", "size"]), name="question_breakdown_known"
            ),
            models.CheckConstraint(
                condition=Q(date_precision__in=["day", "month", "year"]),
                name="question_date_precision_known",
            ),
            models.CheckConstraint(
                condition=~Q(breakdown="sector") | Q(type="single_choice"),
                name="question_sector_breakdown_single_choice",
                violation_error_message=_(
                    "Die Auswertung nach Branche braucht eine Frage mit Einfachauswahl."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(breakdown="size") | Q(type__in=["number", "single_choice"]),
                name="question_size_breakdown_number_or_choice",
                violation_error_message=_(
                    "Die Auswertung nach Betriebsgröße braucht eine Zahl oder eine Einfachauswahl."
                ),
            ),
            models.UniqueConstraint(
                fields=["version", "breakdown"],
                condition=~Q(breakdown=""),
                name="question_breakdown_once_per_version",
                violation_error_message=_(
                    "Eine andere Frage dieses Fragebogens ist schon für diese Auswertung "
                    "vorgesehen."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text.get('de', '')}"


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveIntegerField(_("Reihenfolge"))
    code = models.SlugField(_("Code"), max_length=40)
    label = _text_field(_("Beschriftung"))
    # "keine davon": ticking it unticks the others of a multiple choice, and the other way round.
    exclusive = models.BooleanField(_("schließt andere aus"), default=False)

    class Meta:
        verbose_name = _("Antwortmöglichkeit")
        verbose_name_plural = _("Antwortmöglichkeiten")
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="choice_code_unique"),
            models.UniqueConstraint(
                fields=["question", "position"],
                name="choice_position_unique",
                deferrable=models.Deferrable.DEFERRED,
            ),
            _has_german("label", "choice_label_german"),
        ]

    def __str__(self) -> str:
        return self.label.get("de", self.code)


class MatrixItem(models.Model):
    """A row of a matrix question; every row is answered on the question's scale."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("Reihenfolge"))
    code = models.SlugField(_("Code"), max_length=40)
    label = _text_field(_("Beschriftung"))

    class Meta:
        verbose_name = _("Matrixzeile")
        verbose_name_plural = _("Matrixzeilen")
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="item_code_unique"),
            models.UniqueConstraint(
                fields=["question", "position"],
                name="item_position_unique",
                deferrable=models.Deferrable.DEFERRED,
            ),
            _has_german("label", "item_label_german"),
        ]

    def __str__(self) -> str:
        return self.label.get("de", self.code)


class Weight(models.Model):
    """How strongly an answer points to a field of action.

    On a choice: counts `weight` when the choice is ticked. On a rating question or a matrix
    item: counts `weight` times the answer's position on the scale (0 at the low end, 1 at the
    high end), so a high rating means a strong need.
    """

    field_of_action = models.ForeignKey(
        FieldOfAction, on_delete=models.CASCADE, related_name="+", verbose_name=_("Handlungsfeld")
    )
    weight = models.DecimalField(_("Gewicht"), max_digits=5, decimal_places=2, default=1)
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="weights"
    )
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="weights"
    )
    item = models.ForeignKey(
        MatrixItem, on_delete=models.CASCADE, null=True, blank=True, related_name="weights"
    )

    class Meta:
        verbose_name = _("Gewicht")
        verbose_name_plural = _("Gewichte")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(question__isnull=False, choice__isnull=True, item__isnull=True)
                    | Q(question__isnull=True, choice__isnull=False, item__isnull=True)
                    | Q(question__isnull=True, choice__isnull=True, item__isnull=False)
                ),
                name="weight_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.field_of_action} ({self.weight})"


# Rounds and responses -------------------------------------------------------------------------


class SurveyRound(models.Model):
    """A questionnaire version sent in one district over a period (issue 6 builds the rest)."""

    class Access(models.TextChoices):
        INVITATION = "invitation", _("nur persönliche Einladungen")
        OPEN = "open", _("nur offener Link")
        BOTH = "both", _("Einladungen und offener Link")

    class Anonymity(models.TextChoices):
        ANONYMOUS = "anonymous", _("anonym")
        PERSONALISED = "personalised", _("personenbezogen")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="survey_rounds")
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="rounds"
    )
    title = NameField(_("Titel"), max_length=200)
    opens_at = models.DateTimeField(_("beginnt am"))
    closes_at = models.DateTimeField(_("endet am"))
    access = models.CharField(
        _("Zugang"), max_length=12, choices=Access.choices, default=Access.INVITATION
    )
    open_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # The open link is derived from this salt and the server's key (surveys.tokens), so the
    # round page can show it again; the database alone holds only its hash.
    open_token_salt = models.CharField(max_length=32, blank=True, default="")
    anonymity = models.CharField(
        _("Anonymität"), max_length=14, choices=Anonymity.choices, default=Anonymity.ANONYMOUS
    )
    sender_name = NameField(_("Absendername"), max_length=200, blank=True)
    reply_to = models.EmailField(_("Antwortadresse"), blank=True)
    # {"de": {"subject": "…", "body": "…"}, "en": {…}}; placeholders see surveys.mailing.
    invitation_texts = models.JSONField(_("Einladungstext"), default=dict, blank=True)
    reminder_texts = models.JSONField(_("Erinnerungstext"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Befragungsrunde")
        verbose_name_plural = _("Befragungsrunden")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="round_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(access__in=["invitation", "open", "both"]), name="round_access_known"
            ),
            models.CheckConstraint(
                condition=Q(access="invitation") | Q(open_token_hash__isnull=False),
                name="round_open_link_has_token",
            ),
            models.CheckConstraint(
                condition=Q(anonymity__in=["anonymous", "personalised"]),
                name="round_anonymity_known",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    PLANNED, RUNNING, CLOSED = "planned", "running", "closed"

    @property
    def phase(self) -> str:
        """Where the round stands now: before its opening, running, or over."""
        now = timezone.now()
        if now < self.opens_at:
            return self.PLANNED
        return self.RUNNING if now < self.closes_at else self.CLOSED


class Invitation(models.Model):
    """A personal link: only the SHA-256 of its secret token is stored."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="invitations")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_invitations",
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    # The name a recipient list gave, for addresses of no organisation in the address book: the
    # mail greets them by it instead of "Ihr Unternehmen".
    recipient_name = models.CharField(
        _("Name laut Empfängerliste"), max_length=200, blank=True, db_default=""
    )
    token_hash = models.CharField(max_length=64, unique=True)
    # The personal link is derived from this salt and the server's key (surveys.tokens): a
    # reminder carries the same link, and a resend after a worker restart too.
    token_salt = models.CharField(max_length=32, blank=True, default="")
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    created_at = models.DateTimeField(auto_now_add=True)
    # Delivery: queued → sent, or failed with its reason (retry queues it again).
    queued_at = models.DateTimeField(_("eingereiht am"), null=True, blank=True)
    sent_at = models.DateTimeField(_("versandt am"), null=True, blank=True)
    failed_at = models.DateTimeField(_("fehlgeschlagen am"), null=True, blank=True)
    failure_reason = models.TextField(_("Fehlergrund"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    reminders_sent = models.PositiveSmallIntegerField(_("Erinnerungen"), default=0)
    last_reminded_at = models.DateTimeField(_("zuletzt erinnert am"), null=True, blank=True)
    opted_out_at = models.DateTimeField(_("abgemeldet am"), null=True, blank=True)
    # A sent invitation the district took back (wrong address, wrong firm): its link leads to a
    # notice instead of the questionnaire. Only this row changes, never a response: touching an
    # anonymous round's response at the same moment would pair the two (see _invitation_mark).
    withdrawn_at = models.DateTimeField(_("zurückgezogen am"), null=True, blank=True)
    # Flags without a time: in an anonymous round a timestamp here could be matched against a
    # response's times, which would link the two.
    started = models.BooleanField(_("begonnen"), default=False)
    completed = models.BooleanField(_("abgeschlossen"), default=False)

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "round",
                condition=~Q(email=""),
                name="invitation_email_once_per_round",
            ),
            models.CheckConstraint(
                condition=Q(completed=False) | Q(started=True), name="invitation_completed_started"
            ),
            # Only a mail that went out can be taken back; an unsent one is removed instead.
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(sent_at__isnull=False),
                name="invitation_withdrawn_was_sent",
            ),
        ]
        indexes = [models.Index(fields=["round", "sent_at"], name="invitation_round_sent")]

    def __str__(self) -> str:
        return f"{self.round} #{self.pk}"

    @property
    def name(self) -> str:
        """Who the invitation goes to: the organisation, else the name from the list."""
        return self.organization.name if self.organization_id else self.recipient_name

    @property
    def language_label(self) -> str:
        return language_label(self.language)


class Response(models.Model):
    """One respondent's answers. A personal invitation has at most one response; an open-link
    response gets its own secret token (the resume link), stored as a hash."""

    round = models.ForeignKey(SurveyRound, on_delete=models.PROTECT, related_name="responses")
    invitation = models.ForeignKey(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="responses"
    )
    resume_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    consent_at = models.DateTimeField(_("eingewilligt am"))
    furthest_position = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("abgeschickt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Antwortbogen")
        verbose_name_plural = _("Antwortbögen")
        constraints = [
            models.UniqueConstraint(
                fields=["invitation"],
                condition=Q(invitation__isnull=False),
                name="response_one_per_invitation",
            ),
            models.CheckConstraint(
                condition=Q(invitation__isnull=False) | Q(resume_token_hash__isnull=False),
                name="response_has_a_way_back",
            ),
        ]
        indexes = [models.Index(fields=["round", "submitted_at"], name="response_round_done")]

    def __str__(self) -> str:
        return f"{self.round} #{self.pk}"


class Answer(models.Model):
    """One answer: the value of a question (and matrix item) in typed columns.

    single choice / yes-no: `choice`; multiple choice: AnswerChoice rows (and `text` for
    "Sonstiges"); rating and matrix: `number` (or `dont_know`); number: `number`; texts: `text`;
    date: `date`.
    """

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    item = models.ForeignKey(
        MatrixItem, on_delete=models.PROTECT, null=True, blank=True, related_name="answers"
    )
    choice = models.ForeignKey(
        Choice, on_delete=models.PROTECT, null=True, blank=True, related_name="answers"
    )
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True)
    dont_know = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "item"],
                nulls_distinct=False,
                name="answer_once_per_question_item",
            ),
            models.CheckConstraint(
                condition=Q(dont_know=False) | Q(number__isnull=True), name="answer_dont_know_empty"
            ),
        ]
        indexes = [models.Index(fields=["question", "choice"], name="answer_question_choice")]

    def __str__(self) -> str:
        return f"{self.question.code} #{self.pk}"


class AnswerChoice(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="ticked")
    choice = models.ForeignKey(Choice, on_delete=models.PROTECT, related_name="ticks")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "choice"], name="answer_choice_unique")
        ]
        indexes = [models.Index(fields=["choice"], name="answerchoice_choice")]

    def __str__(self) -> str:
        return f"{self.answer_id}: {self.choice_id}"


class Reminder(models.Model):
    """A reminder to a round's invitations not yet completed and not opted out: sent now (by
    hand) or at a date set for the round."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="reminders")
    scheduled_for = models.DateTimeField(_("geplant für"))
    sent_at = models.DateTimeField(_("versandt am"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("Empfänger"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Erinnerung")
        verbose_name_plural = _("Erinnerungen")
        ordering = ["scheduled_for"]

    def __str__(self) -> str:
        return f"{self.round}: {self.scheduled_for:%d.%m.%Y}"


class OptOut(models.Model):
    """An address that wants no more survey e-mails (unsubscribe link, or entered by staff)."""

    class Source(models.TextChoices):
        LINK = "link", _("Abmeldelink")
        STAFF = "staff", _("eingetragen")

    email = models.EmailField(_("E-Mail"))
    source = models.CharField(_("Herkunft"), max_length=8, choices=Source.choices)
    created_at = models.DateTimeField(_("abgemeldet am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Abmeldung")
        verbose_name_plural = _("Abmeldungen")
        constraints = [models.UniqueConstraint(Lower("email"), name="optout_email_unique")]

    def __str__(self) -> str:
        return self.email


class HiddenText(models.Model):
    """A free-text answer the team took out of the results (answers themselves never change
    after submission, so hiding is a row of its own)."""

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="hidden")
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    hidden_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ausgeblendete Antwort")
        verbose_name_plural = _("ausgeblendete Antworten")

    def __str__(self) -> str:
        return f"{self.answer_id}"


class TextRelease(models.Model):
    """A free-text answer of an anonymous round the project team read and released for district
    staff. Until then staff see only how many texts wait: a text ("Landwirtschaft" as the only
    other sector, a named colleague) can name the business that wrote it, which no count can."""

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="release")
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    released_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("freigegebene Antwort")
        verbose_name_plural = _("freigegebene Antworten")

    def __str__(self) -> str:
        return f"{self.answer_id}"


class TokenFailure(models.Model):
    """A link that led nowhere, per client address: the rate limit of token guessing."""

    ip_address = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["ip_address", "at"], name="tokenfailure_ip_at")]

    def __str__(self) -> str:
        return f"{self.ip_address} {self.at}"
