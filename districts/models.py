from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ikokmu.validators import NameField


class District(models.Model):
    """A Landkreis or kreisfreie Stadt and where the project stands with it."""

    class Kind(models.TextChoices):
        RURAL_DISTRICT = "landkreis", _("Landkreis")
        CITY = "kreisfreie_stadt", _("Kreisfreie Stadt")

    class Stage(models.TextChoices):
        FIRST_CONTACT = "first_contact", _("Erstkontakt")
        TALK_HELD = "talk_held", _("Gespräch geführt")
        EVENT_PLANNED = "event_planned", _("Veranstaltung geplant")
        EVENT_HELD = "event_held", _("Veranstaltung durchgeführt")
        SURVEY_RUNNING = "survey_running", _("Befragung läuft")
        CONSULTING_RUNNING = "consulting_running", _("Beratung läuft")

    class DemographyType(models.TextChoices):
        # The demography types of the Bertelsmann "Wegweiser Kommune" classification.
        GROWING_PROSPEROUS = "growing_prosperous", _("Wachsende, wohlhabende Kommune")
        STABLE_RURAL = "stable_rural", _("Stabile ländliche Kommune")
        AGEING_RURAL = "ageing_rural", _("Alternde ländliche Kommune")
        SUBURBAN = "suburban", _("Wohlhabende Umlandkommune")
        URBAN_CENTRE = "urban_centre", _("Städtisches Zentrum")
        SHRINKING = "shrinking", _("Schrumpfende Kommune mit Anpassungsdruck")

    name = NameField(_("Name"), max_length=200)
    kind = models.CharField(
        _("Art"), max_length=20, choices=Kind.choices, default=Kind.RURAL_DISTRICT
    )
    federal_state = models.CharField(_("Bundesland"), max_length=60, default="Bayern")
    official_key = models.CharField(
        _("Amtlicher Gemeindeschlüssel (AGS)"),
        max_length=5,
        unique=True,
        validators=[RegexValidator(r"^[0-9]{5}$", _("Der AGS besteht aus fünf Ziffern."))],
        help_text=_("Fünf Ziffern, zum Beispiel 09184 für den Landkreis München."),
    )
    population = models.PositiveIntegerField(_("Einwohnerzahl"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("Stand der Einwohnerzahl (Jahr)"), null=True, blank=True
    )
    projected_change_percent = models.DecimalField(
        _("Prognostizierte Bevölkerungsentwicklung (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
    )
    projection_period = models.CharField(
        _("Prognosezeitraum"), max_length=20, blank=True, help_text=_("zum Beispiel 2020–2040")
    )
    demography_type = models.CharField(
        _("Demografietyp"), max_length=30, choices=DemographyType.choices, blank=True
    )
    stage = models.CharField(
        _("Projektstand"), max_length=30, choices=Stage.choices, default=Stage.FIRST_CONTACT
    )
    notes = models.TextField(_("Notizen"), blank=True)
    figures_are_demo = models.BooleanField(
        _("Kennzahlen sind Demowerte"),
        default=False,
        help_text=_("Gesetzt, wenn Zahlen erfunden und nicht aus einer Quelle übernommen sind."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Landkreis")
        verbose_name_plural = _("Landkreise")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(official_key__regex=r"^[0-9]{5}$"),
                name="district_official_key_five_digits",
            ),
            models.CheckConstraint(
                condition=models.Q(projected_change_percent__gte=-100)
                | models.Q(projected_change_percent__isnull=True),
                name="district_projected_change_above_minus_100",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StageChange(models.Model):
    """One step in a district's project stage, kept so the district page shows the path."""

    district = models.ForeignKey(
        District,
        on_delete=models.CASCADE,
        related_name="stage_changes",
        verbose_name=_("Landkreis"),
    )
    stage = models.CharField(_("Projektstand"), max_length=30, choices=District.Stage.choices)
    changed_at = models.DateTimeField(_("Geändert am"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Geändert von"),
    )
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Änderung des Projektstands")
        verbose_name_plural = _("Änderungen des Projektstands")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.district}: {self.get_stage_display()}"


class DistrictMembership(models.Model):
    """Says which districts a member of district staff works for, and so may see."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="district_memberships",
        verbose_name=_("Benutzer*in"),
    )
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Landkreis")
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Landkreis-Zugehörigkeit")
        verbose_name_plural = _("Landkreis-Zugehörigkeiten")
        constraints = [
            models.UniqueConstraint(fields=["user", "district"], name="districtmembership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.district}"


class Organization(models.Model):
    class Kind(models.TextChoices):
        DISTRICT_OFFICE = "district_office", _("Landratsamt")
        MUNICIPALITY = "municipality", _("Kommune")
        SME = "sme", _("KMU")
        CHAMBER = "chamber", _("Kammer")
        JOBCENTER = "jobcenter", _("Jobcenter")
        EMPLOYMENT_AGENCY = "employment_agency", _("Agentur für Arbeit")
        EDUCATION_PROVIDER = "education_provider", _("Bildungsträger")
        ECONOMIC_DEVELOPMENT = "economic_development", _("Wirtschaftsförderung")
        NETWORK = "network", _("Verband/Netzwerk")
        MIGRANT_ORGANIZATION = "migrant_organization", _("Migrant*innenorganisation")
        MIGRANET_PARTNER = "migranet_partner", _("MigraNet-Partner")
        OTHER = "other", _("Sonstige")

    class Sector(models.TextChoices):
        # WZ 2008 sections (Klassifikation der Wirtschaftszweige).
        A = "A", _("A – Land- und Forstwirtschaft, Fischerei")
        B = "B", _("B – Bergbau und Gewinnung von Steinen und Erden")
        C = "C", _("C – Verarbeitendes Gewerbe")
        D = "D", _("D – Energieversorgung")
        E = "E", _("E – Wasserversorgung, Entsorgung")
        F = "F", _("F – Baugewerbe")
        G = "G", _("G – Handel; Instandhaltung und Reparatur von Kfz")
        H = "H", _("H – Verkehr und Lagerei")
        I = "I", _("I – Gastgewerbe")  # noqa: E741
        J = "J", _("J – Information und Kommunikation")
        K = "K", _("K – Finanz- und Versicherungsdienstleistungen")
        L = "L", _("L – Grundstücks- und Wohnungswesen")
        M = "M", _("M – Freiberufliche, wissenschaftliche und technische Dienstleistungen")
        N = "N", _("N – Sonstige wirtschaftliche Dienstleistungen")
        O = "O", _("O – Öffentliche Verwaltung, Verteidigung, Sozialversicherung")  # noqa: E741
        P = "P", _("P – Erziehung und Unterricht")
        Q = "Q", _("Q – Gesundheits- und Sozialwesen")
        R = "R", _("R – Kunst, Unterhaltung und Erholung")
        S = "S", _("S – Sonstige Dienstleistungen")
        T = "T", _("T – Private Haushalte")
        U = "U", _("U – Exterritoriale Organisationen")

    class SizeClass(models.TextChoices):
        MICRO = "1-9", _("1–9 Beschäftigte")
        SMALL = "10-49", _("10–49 Beschäftigte")
        MEDIUM = "50-249", _("50–249 Beschäftigte")
        LARGE = "250+", _("250 und mehr Beschäftigte")

    name = NameField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="organizations",
        verbose_name=_("Landkreis"),
    )
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("PLZ"),
        max_length=5,
        blank=True,
        validators=[
            RegexValidator(r"^[0-9]{5}$", _("Bitte eine fünfstellige Postleitzahl angeben."))
        ],
    )
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    website = models.URLField(_("Website"), blank=True)
    email = models.EmailField(_("E-Mail (allgemein)"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    sector = models.CharField(
        _("Branche (WZ 2008)"), max_length=1, choices=Sector.choices, blank=True
    )
    size_class = models.CharField(
        _("Größenklasse"), max_length=10, choices=SizeClass.choices, blank=True
    )
    notes = models.TextField(_("Notizen"), blank=True)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]
        constraints = [
            # The stable key for imports: one organisation per name and postal code in a district.
            models.UniqueConstraint(
                "district", Lower("name"), "postal_code", name="organization_unique_in_district"
            ),
            models.CheckConstraint(
                condition=models.Q(kind="sme") | models.Q(sector="", size_class=""),
                name="organization_sector_and_size_only_for_sme",
            ),
            models.CheckConstraint(
                condition=models.Q(postal_code="") | models.Q(postal_code__regex=r"^[0-9]{5}$"),
                name="organization_postal_code_five_digits",
            ),
        ]
        indexes = [models.Index(fields=["district", "kind"])]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    """Ansprechperson. Personal data: kept only on a recorded legal basis, deleted on time."""

    class LegalBasis(models.TextChoices):
        CONSENT = "consent", _("Einwilligung")
        LEGITIMATE_INTEREST = "legitimate_interest", _("Berechtigtes Interesse")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("Organisation"),
    )
    first_name = NameField(_("Vorname"), max_length=100, blank=True)
    last_name = NameField(_("Nachname"), max_length=100)
    function = models.CharField(_("Funktion"), max_length=150, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    legal_basis = models.CharField(
        _("Rechtsgrundlage"),
        max_length=30,
        choices=LegalBasis.choices,
        default=LegalBasis.LEGITIMATE_INTEREST,
    )
    legal_basis_date = models.DateField(_("Rechtsgrundlage seit"))
    legal_basis_note = models.CharField(
        _("Anmerkung zur Rechtsgrundlage"), max_length=300, blank=True
    )
    delete_after = models.DateField(
        _("Löschen nach"),
        null=True,
        blank=True,
        help_text=_("Nach diesem Tag werden die Daten der Person automatisch gelöscht."),
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Ansprechperson")
        verbose_name_plural = _("Ansprechpersonen")
        ordering = ["last_name", "first_name"]
        constraints = [
            # The stable key for imports: an e-mail address once per organisation.
            models.UniqueConstraint(
                "organization",
                Lower("email"),
                condition=~models.Q(email=""),
                name="contact_email_unique_in_organization",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Activity(models.Model):
    """A talk, call, e-mail, meeting or public event in a district, with its follow-up."""

    class Kind(models.TextChoices):
        TALK = "talk", _("Gespräch")
        CALL = "call", _("Telefonat")
        EMAIL = "email", _("E-Mail")
        MEETING = "meeting", _("Termin/Sitzung")
        EVENT = "event", _("Veranstaltung")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("Präsenz")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="activities", verbose_name=_("Landkreis")
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("Datum"))
    title = NameField(_("Titel"), max_length=200)
    organizations = models.ManyToManyField(
        Organization, blank=True, related_name="activities", verbose_name=_("Organisationen")
    )
    contacts = models.ManyToManyField(
        Contact, blank=True, related_name="activities", verbose_name=_("Ansprechpersonen")
    )
    summary = models.TextField(_("Zusammenfassung"), blank=True)
    outcome = models.TextField(_("Ergebnis"), blank=True)
    follow_up_on = models.DateField(_("Wiedervorlage am"), null=True, blank=True)
    follow_up_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("Wiedervorlage für"),
    )
    follow_up_done = models.BooleanField(_("Wiedervorlage erledigt"), default=False)
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    format = models.CharField(_("Format"), max_length=20, choices=Format.choices, blank=True)
    participants = models.PositiveIntegerField(_("Teilnehmende"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Erfasst von"),
    )
    created_at = models.DateTimeField(_("Erfasst am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Aktivität")
        verbose_name_plural = _("Aktivitäten")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["district", "-date"]),
            models.Index(
                fields=["follow_up_on"],
                condition=models.Q(follow_up_done=False),
                name="activity_open_follow_up",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="event")
                | models.Q(place="", format="", participants__isnull=True),
                name="activity_event_details_only_for_events",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.title}"


class Need(models.Model):
    """What a district, or one organisation in it, needs, by field of action."""

    class Priority(models.IntegerChoices):
        HIGH = 1, _("hoch")
        MEDIUM = 2, _("mittel")
        LOW = 3, _("niedrig")

    class Source(models.TextChoices):
        TALK = "talk", _("Gespräch")
        EVENT = "event", _("Veranstaltung")
        SURVEY = "survey", _("Befragung")
        CONSULTING_CASE = "consulting_case", _("Beratungsfall")

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="needs", verbose_name=_("Landkreis")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("Organisation"),
        help_text=_("Leer lassen, wenn der Bedarf den ganzen Landkreis betrifft."),
    )
    field_of_action = models.ForeignKey(
        "catalog.FieldOfAction",
        on_delete=models.PROTECT,
        related_name="needs",
        verbose_name=_("Handlungsfeld"),
    )
    description = models.TextField(_("Beschreibung"))
    priority = models.PositiveSmallIntegerField(
        _("Priorität"), choices=Priority.choices, default=Priority.MEDIUM
    )
    source = models.CharField(_("Quelle"), max_length=20, choices=Source.choices)
    created_at = models.DateTimeField(_("Erfasst am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Bedarf")
        verbose_name_plural = _("Bedarfe")
        ordering = ["priority", "field_of_action__position"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(priority__in=[1, 2, 3]), name="need_priority_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.field_of_action}: {self.description[:60]}"
