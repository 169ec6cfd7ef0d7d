from django import forms
from django.utils.translation import gettext_lazy as _

from districts.models import Activity, Contact, District, Need, Organization
from ikokmu.forms import DateInput


class DistrictForm(forms.ModelForm):
    class Meta:
        model = District
        fields = [
            "name",
            "kind",
            "federal_state",
            "official_key",
            "population",
            "population_year",
            "projected_change_percent",
            "projection_period",
            "demography_type",
            "notes",
            "figures_are_demo",
        ]


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Neuer Projektstand"), choices=District.Stage.choices)
    note = forms.CharField(label=_("Anmerkung"), max_length=300, required=False)


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "name",
            "kind",
            "district",
            "street",
            "postal_code",
            "city",
            "website",
            "email",
            "phone",
            "sector",
            "size_class",
            "notes",
        ]

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        if districts.count() == 1:
            self.fields["district"].initial = districts.first()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") != Organization.Kind.SME:
            for name in ("sector", "size_class"):
                if cleaned.get(name):
                    self.add_error(name, _("Branche und Größenklasse gibt es nur für KMU."))
        return cleaned


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = [
            "organization",
            "first_name",
            "last_name",
            "function",
            "email",
            "phone",
            "legal_basis",
            "legal_basis_date",
            "legal_basis_note",
            "delete_after",
        ]
        widgets = {"legal_basis_date": DateInput(), "delete_after": DateInput()}

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations.select_related("district")


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "kind",
            "date",
            "title",
            "organizations",
            "contacts",
            "summary",
            "outcome",
            "follow_up_on",
            "follow_up_owner",
            "follow_up_done",
            "place",
            "format",
            "participants",
        ]
        widgets = {
            "date": DateInput(),
            "follow_up_on": DateInput(),
            "organizations": forms.CheckboxSelectMultiple,
            "contacts": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, district, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].queryset = district.organizations.order_by("name")
        self.fields["contacts"].queryset = Contact.objects.filter(
            organization__district=district
        ).select_related("organization")
        self.fields["follow_up_owner"].queryset = owners

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") != Activity.Kind.EVENT:
            for name in ("place", "format", "participants"):
                if cleaned.get(name) not in (None, ""):
                    self.add_error(
                        name, _("Ort, Format und Teilnehmende gibt es nur bei Veranstaltungen.")
                    )
        if cleaned.get("follow_up_owner") and not cleaned.get("follow_up_on"):
            self.add_error("follow_up_on", _("Bitte ein Datum für die Wiedervorlage angeben."))
        return cleaned


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["field_of_action", "organization", "description", "priority", "source"]

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = district.organizations.order_by("name")


class ErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "Ich habe die Auskunft gegebenenfalls exportiert und will die Person endgültig löschen."
        ),
    )
    reason = forms.CharField(label=_("Anlass"), max_length=200, required=False)
