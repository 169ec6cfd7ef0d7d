"""Import and export of organisations and contact persons (django-import-export)."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields

from districts.models import Contact, District, Organization
from ikokmu.imports import CachedForeignKeyWidget, ChoiceWidget, GermanDateWidget, ImportResource


class OrganizationResource(ImportResource):
    """Organisations of one district. Matched by name and postal code (case-insensitive)."""

    name = fields.Field(attribute="name", column_name="Name")
    kind = fields.Field(
        attribute="kind", column_name="Art", widget=ChoiceWidget(Organization.Kind.choices)
    )
    street = fields.Field(attribute="street", column_name="Straße")
    postal_code = fields.Field(attribute="postal_code", column_name="PLZ")
    city = fields.Field(attribute="city", column_name="Ort")
    website = fields.Field(attribute="website", column_name="Website")
    email = fields.Field(attribute="email", column_name="E-Mail")
    phone = fields.Field(attribute="phone", column_name="Telefon")
    sector = fields.Field(
        attribute="sector", column_name="Branche", widget=ChoiceWidget(Organization.Sector.choices)
    )
    size_class = fields.Field(
        attribute="size_class",
        column_name="Größenklasse",
        widget=ChoiceWidget(Organization.SizeClass.choices),
    )

    natural_key_fields = ("district", "name", "postal_code")

    class Meta(ImportResource.Meta):
        model = Organization
        fields = (
            "name",
            "kind",
            "street",
            "postal_code",
            "city",
            "website",
            "email",
            "phone",
            "sector",
            "size_class",
        )
        import_id_fields = ()

    def __init__(self, *, district: District | None = None, queryset=None):
        super().__init__()
        self.district = district
        self._queryset = queryset

    def get_queryset(self):
        if self._queryset is not None:
            return self._queryset
        return Organization.objects.filter(district=self.district)

    def key_field_has_default(self, name):
        return name == "district"

    def init_instance(self, row=None):
        return Organization(district=self.district)

    def import_instance(self, instance, row, **kwargs):
        # A KMU list often leaves the kind out: an organisation in it is a KMU.
        if not row.get("Art"):
            row = {**row, "Art": Organization.Kind.SME}
        super().import_instance(instance, row, **kwargs)
        if instance.kind != Organization.Kind.SME and (instance.sector or instance.size_class):
            raise ValidationError({"sector": _("Branche und Größenklasse gibt es nur für KMU.")})

    def get_import_fields(self):
        return [self.fields[name] for name in self._meta.fields]


class ContactResource(ImportResource):
    """Contact persons of one district's organisations. Matched by organisation and e-mail."""

    organization = fields.Field(
        attribute="organization",
        column_name="Organisation",
        widget=CachedForeignKeyWidget(Organization, field="name"),
    )
    first_name = fields.Field(attribute="first_name", column_name="Vorname")
    last_name = fields.Field(attribute="last_name", column_name="Nachname")
    function = fields.Field(attribute="function", column_name="Funktion")
    email = fields.Field(attribute="email", column_name="E-Mail")
    phone = fields.Field(attribute="phone", column_name="Telefon")
    legal_basis = fields.Field(
        attribute="legal_basis",
        column_name="Rechtsgrundlage",
        widget=ChoiceWidget(Contact.LegalBasis.choices),
    )
    legal_basis_date = fields.Field(
        attribute="legal_basis_date", column_name="Rechtsgrundlage seit", widget=GermanDateWidget()
    )
    delete_after = fields.Field(
        attribute="delete_after", column_name="Löschen nach", widget=GermanDateWidget()
    )

    natural_key_fields = ("organization", "email")

    class Meta(ImportResource.Meta):
        model = Contact
        fields = (
            "organization",
            "first_name",
            "last_name",
            "function",
            "email",
            "phone",
            "legal_basis",
            "legal_basis_date",
            "delete_after",
        )
        import_id_fields = ()

    def __init__(self, *, district: District | None = None, queryset=None):
        super().__init__()
        self.district = district
        self._queryset = queryset
        self.fields["organization"].widget.reset(
            Organization.objects.filter(district=district) if district else None
        )

    def get_queryset(self):
        if self._queryset is not None:
            return self._queryset.select_related("organization")
        return Contact.objects.filter(organization__district=self.district)

    def import_instance(self, instance, row, **kwargs):
        if not row.get("Rechtsgrundlage"):
            row = {**row, "Rechtsgrundlage": Contact.LegalBasis.LEGITIMATE_INTEREST}
        super().import_instance(instance, row, **kwargs)
        if not instance.email:
            raise ValidationError(
                {
                    "email": _(
                        "Für den Import braucht jede Person eine "
                        "E-Mail-Adresse (sie erkennt die Person wieder)."
                    )
                }
            )
        if instance.legal_basis_date is None:
            instance.legal_basis_date = timezone.localdate()

    def get_import_fields(self):
        return [self.fields[name] for name in self._meta.fields]
