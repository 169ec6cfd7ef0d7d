from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AuditKind(models.TextChoices):
    LOGIN = "login", _("Anmeldung")
    LOGIN_FAILED = "login_failed", _("Fehlgeschlagene Anmeldung")
    LOGOUT = "logout", _("Abmeldung")
    PASSWORD_CHANGE = "password_change", _("Passwort geändert")
    EXPORT = "export", _("Export")
    PDF_DOWNLOAD = "pdf_download", _("PDF-Download")
    DELETION = "deletion", _("Löschung")
    PERMISSION_CHANGE = "permission_change", _("Rechteänderung")
    # Survey mail: sending confirmed, test mails, invitations removed or withdrawn.
    MAILING = "mailing", _("Befragungs-E-Mails")


class AuditEvent(models.Model):
    """One security-relevant event. Append-only: a database trigger refuses UPDATE and DELETE.

    The actor is kept as a user name, not a foreign key, so that deleting a user neither
    rewrites nor loses the trail.
    """

    Kind = AuditKind

    occurred_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("Ereignis"), max_length=32, choices=Kind.choices)
    actor_id = models.BigIntegerField(_("Benutzer-ID"), null=True, blank=True)
    actor_username = models.CharField(_("Benutzer*in"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-Adresse"), null=True, blank=True)
    summary = models.CharField(_("Beschreibung"), max_length=500)
    detail = models.JSONField(_("Details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Sicherheitsprotokoll")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["kind", "-occurred_at"])]
        constraints = [
            # An unknown kind would be an event nobody can read; refuse it at the source.
            models.CheckConstraint(
                condition=models.Q(kind__in=AuditKind.values), name="auditevent_kind_known"
            )
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.get_kind_display()}: {self.summary}"


class LegalPage(models.Model):
    """Impressum, privacy statement and accessibility statement: text the project team edits."""

    class Slug(models.TextChoices):
        IMPRINT = "impressum", _("Impressum")
        PRIVACY = "datenschutz", _("Datenschutzerklärung")
        ACCESSIBILITY = "barrierefreiheit", _("Erklärung zur Barrierefreiheit")

    slug = models.SlugField(_("Kennung"), max_length=40, unique=True, choices=Slug.choices)
    title = models.CharField(_("Titel"), max_length=200)
    body = models.TextField(
        _("Text"),
        help_text=_("Absätze durch eine Leerzeile trennen. HTML wird nicht ausgewertet."),
    )
    updated_at = models.DateTimeField(_("Zuletzt geändert"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Rechtstext")
        verbose_name_plural = _("Rechtstexte")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title


class PendingImport(models.Model):
    """An uploaded spreadsheet waiting for the user to confirm its preview.

    The rows live here, not in the target tables, so that nothing is stored until the user
    confirms; a cancelled or abandoned import leaves nothing behind but this row, which is
    removed on confirmation, cancellation, or after a day.
    """

    id = models.UUIDField(primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Benutzer*in"),
    )
    import_name = models.CharField(_("Import"), max_length=100)
    filename = models.CharField(_("Dateiname"), max_length=255)
    headers = models.JSONField(_("Spalten"))
    rows = models.JSONField(_("Zeilen"))
    created_at = models.DateTimeField(_("Hochgeladen am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Offener Import")
        verbose_name_plural = _("Offene Importe")

    def __str__(self) -> str:
        return f"{self.import_name}: {self.filename}"
