from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    """A Landkreis or kreisfreie Stadt. The districts workbench issue extends this model."""

    class Kind(models.TextChoices):
        RURAL_DISTRICT = "landkreis", _("Landkreis")
        CITY = "kreisfreie_stadt", _("Kreisfreie Stadt")

    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(
        _("Art"), max_length=20, choices=Kind.choices, default=Kind.RURAL_DISTRICT
    )
    official_key = models.CharField(
        _("Amtlicher Gemeindeschlüssel (AGS)"),
        max_length=5,
        unique=True,
        help_text=_("Fünf Ziffern, zum Beispiel 09184 für den Landkreis München."),
    )

    class Meta:
        verbose_name = _("Landkreis")
        verbose_name_plural = _("Landkreise")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(official_key__regex=r"^[0-9]{5}$"),
                name="district_official_key_five_digits",
            ),
        ]

    def __str__(self) -> str:
        return self.name


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
