from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from catalog.models import FieldOfAction
from consulting.models import (
    Agreement,
    ConsultingCase,
    Goal,
    NextStep,
    Phase,
    Recommendation,
    Session,
    SteeringGroupMember,
)
from districts.models import Contact
from ikokmu.forms import DateInput
from ikokmu.roles import ROLE_GROUPS, Role
from ikokmu.uploads import UploadField


def adviser_choices():
    groups = [ROLE_GROUPS[Role.PROJECT_TEAM], ROLE_GROUPS[Role.INTERVIEW_TEAM]]
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=groups)
        .distinct()
        .order_by("last_name", "username")
    )


class DistrictSelect(forms.Select):
    """A select whose options name their district (data-district), so the page's script can
    narrow one list to the district chosen in another."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-district"] = instance.district_id
        return option


class OrganizationSelect(DistrictSelect):
    """The organisation list (about 160 entries): static/consulting/combobox.js turns it into a
    field that searches as one types; without script it stays a plain select."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-combobox": "", **(attrs or {})}, choices)


class CaseForm(forms.ModelForm):
    class Meta:
        model = ConsultingCase
        fields = [
            "organization",
            "title",
            "advisers",
            "start_date",
            "planned_end_date",
            "origin",
            "origin_activity",
            "origin_note",
        ]
        widgets = {
            "start_date": DateInput(),
            "planned_end_date": DateInput(),
            "advisers": forms.CheckboxSelectMultiple,
            "organization": OrganizationSelect,
            "origin_activity": DistrictSelect(attrs={"data-district-of": "id_organization"}),
        }

    def __init__(self, *args, organizations, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations.select_related("district")
        self.fields["organization"].label_from_instance = lambda o: (
            f"{o.name} ({o.city}, {o.district.name})" if o.city else f"{o.name} ({o.district.name})"
        )
        self.fields["advisers"].queryset = adviser_choices()
        self.fields["advisers"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )
        self.set_activities(activities)

    def set_activities(self, activities):
        # Equal titles recur in several districts: the district tells them apart.
        field = self.fields["origin_activity"]
        field.queryset = activities.select_related("district")
        field.label_from_instance = lambda a: f"{a.date:%d.%m.%Y} {a.title} ({a.district.name})"
        field.help_text = _("Gespräche und Veranstaltungen im Landkreis der Organisation.")

    def district_of_case(self):
        organization = self.cleaned_data.get("organization")
        return organization.district_id if organization else None

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("planned_end_date")
        if start and end and end < start:
            self.add_error("planned_end_date", _("Das geplante Ende liegt vor dem Beginn."))
        activity, district = cleaned.get("origin_activity"), self.district_of_case()
        if activity and district and activity.district_id != district:
            self.add_error(
                "origin_activity",
                _(
                    "Bitte ein Gespräch oder eine Veranstaltung im Landkreis der "
                    "Organisation wählen."
                ),
            )
        return cleaned


class CaseUpdateForm(CaseForm):
    class Meta(CaseForm.Meta):
        fields = [
            "title",
            "advisers",
            "start_date",
            "planned_end_date",
            "origin",
            "origin_activity",
            "origin_note",
            "final_report_text",
        ]
        widgets = {**CaseForm.Meta.widgets, "final_report_text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, activities, **kwargs):
        forms.ModelForm.__init__(self, *args, **kwargs)
        self.fields["advisers"].queryset = adviser_choices()
        self.fields["advisers"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )
        self.set_activities(activities.filter(district=self.instance.district_id))

    def district_of_case(self):
        return self.instance.district_id


class FinalReportForm(forms.ModelForm):
    class Meta:
        model = ConsultingCase
        fields = ["final_report_text"]
        widgets = {"final_report_text": forms.Textarea(attrs={"rows": 12})}


class CloseForm(forms.Form):
    """Closing asks once more; the page above the button names what is still open."""

    confirm = forms.BooleanField(
        label=_("Ja, den Fall abschließen. Danach kann er nur noch gelesen werden."),
        error_messages={"required": _("Bitte bestätigen, dass der Fall abgeschlossen wird.")},
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Begründung"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Bitte begründen, warum der Fall wieder geöffnet wird.")},
    )


class PhaseForm(forms.Form):
    target = forms.ChoiceField(label=_("Neue Phase"), choices=Phase.choices)
    reason = forms.CharField(
        label=_("Begründung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Nötig, wenn der Fall zurückgeht oder abgebrochen wird."),
    )


class NeedsAssessmentForm(forms.Form):
    """The assessment with two 1–5 ratings for each field of action."""

    assessed_on = forms.DateField(label=_("Datum"), widget=DateInput())
    participants = forms.CharField(
        label=_("Wer hat teilgenommen?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    findings = forms.CharField(
        label=_("Ergebnisse"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, fields_of_action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields_of_action = list(fields_of_action)
        scale = [("", "–")] + [(str(n), str(n)) for n in range(1, 6)]
        for field in self.fields_of_action:
            self.fields[f"current_{field.pk}"] = forms.TypedChoiceField(
                label=_("Ist-Stand"), choices=scale, coerce=int, empty_value=None, required=False
            )
            self.fields[f"importance_{field.pk}"] = forms.TypedChoiceField(
                label=_("Bedeutung"), choices=scale, coerce=int, empty_value=None, required=False
            )

    def rows(self):
        return [
            (field, self[f"current_{field.pk}"], self[f"importance_{field.pk}"])
            for field in self.fields_of_action
        ]

    def clean(self):
        cleaned = super().clean()
        rated = 0
        for field in self.fields_of_action:
            current = cleaned.get(f"current_{field.pk}")
            importance = cleaned.get(f"importance_{field.pk}")
            if (current is None) != (importance is None):
                self.add_error(
                    f"importance_{field.pk}" if importance is None else f"current_{field.pk}",
                    _("Bitte beide Werte angeben oder beide leer lassen."),
                )
            elif current is not None:
                rated += 1
        if rated == 0 and not self.errors:
            raise forms.ValidationError(_("Bitte mindestens ein Handlungsfeld bewerten."))
        return cleaned

    def ratings(self) -> dict:
        return {
            field: (
                self.cleaned_data.get(f"current_{field.pk}"),
                self.cleaned_data.get(f"importance_{field.pk}"),
            )
            for field in self.fields_of_action
        }


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = [
            "field_of_action",
            "text",
            "indicator",
            "target_date",
            "status",
            "progress",
            "notes",
        ]
        widgets = {
            "target_date": DateInput(),
            "text": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field_of_action"].queryset = FieldOfAction.objects.order_by("position")


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "signed_on",
            "signed_for_organization",
            "signed_for_project",
            "goals",
            "time_commitment",
            "participation",
            "scan",
        ]
        widgets = {
            "signed_on": DateInput(),
            "goals": forms.CheckboxSelectMultiple,
            "participation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = case.goals.all()
        self.fields["scan"].queryset = case.documents.all()


class SteeringMemberForm(forms.ModelForm):
    class Meta:
        model = SteeringGroupMember
        fields = ["contact", "role"]

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = Contact.objects.filter(organization=case.organization)
        self.fields["contact"].label_from_instance = lambda c: c.full_name


class NextStepForm(forms.ModelForm):
    """A row of the session's next steps. The rows are optional as a whole (no required marker),
    but a row that is begun needs all three values."""

    class Meta:
        model = NextStep
        fields = ["description", "owner", "due_on"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:  # a stored step stays required: rows are not deleted here
            for field in self.fields.values():
                field.required = False

    def clean(self):
        cleaned = super().clean()
        given = [name for name in self.Meta.fields if cleaned.get(name)]
        if given:
            for name in self.Meta.fields:
                if name not in given and name not in self.errors:
                    self.add_error(
                        name, _("Bitte auch dieses Feld ausfüllen oder die Zeile ganz leeren.")
                    )
        return cleaned


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["date", "kind", "participants", "duration_hours", "minutes"]
        widgets = {
            "date": DateInput(),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 5}),
        }


# A session records a handful of next steps. The caps keep a forged TOTAL_FORMS from making
# the server build and render thousands of forms ("steps-TOTAL_FORMS=99999999999999999999" took
# 28 s and returned 4.4 MB): Django never builds more than absolute_max forms and, with
# validate_max, refuses more than max_num with a message.
MAX_NEXT_STEPS = 30

NextStepFormSet = forms.inlineformset_factory(
    Session,
    NextStep,
    form=NextStepForm,
    fields=["description", "owner", "due_on"],
    extra=2,
    can_delete=False,
    widgets={"due_on": DateInput()},
    max_num=MAX_NEXT_STEPS,
    absolute_max=MAX_NEXT_STEPS,
    validate_max=True,
)


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["measure", "offer", "reason", "status", "outcome"]
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, measures, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = measures
        self.fields["offer"].queryset = offers.select_related("provider")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("measure") and not cleaned.get("offer"):
            raise forms.ValidationError(_("Bitte eine Maßnahme oder ein Angebot wählen."))
        return cleaned


class DocumentForm(forms.Form):
    file = UploadField(
        max_bytes=10 * 1024 * 1024,
        label=_("Datei"),
        help_text=_("PDF, Word, OpenDocument, Excel, PNG, JPEG oder Text; höchstens 10 MB."),
    )
    description = forms.CharField(label=_("Beschreibung"), max_length=300, required=False)
