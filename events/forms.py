from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import FieldOfAction, Measure, Offer
from districts.models import Organization
from events.models import Event, Question, Registration
from ikokmu.forms import DATETIME_INPUT_FORMATS, DateTimeInput


class EventForm(forms.ModelForm):
    target_kinds = forms.MultipleChoiceField(
        label=_("Zielgruppen"),
        choices=Organization.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "description",
            "programme",
            "districts",
            "all_bavaria",
            "start_at",
            "end_at",
            "format",
            "place_name",
            "street",
            "postal_code",
            "city",
            "online_url",
            "capacity",
            "registration_deadline",
            "target_kinds",
            "fields_of_action",
            "measures",
            "offers",
            "organized_by_project_team",
            "staff_organizers",
            "partner_organizations",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "programme": forms.Textarea(attrs={"rows": 5}),
            "districts": forms.CheckboxSelectMultiple,
            "fields_of_action": forms.CheckboxSelectMultiple,
            "staff_organizers": forms.CheckboxSelectMultiple,
            "partner_organizations": forms.CheckboxSelectMultiple,
            "start_at": DateTimeInput(),
            "end_at": DateTimeInput(),
            "registration_deadline": DateTimeInput(),
        }

    def __init__(self, *args, districts, project_team: bool, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start_at", "end_at", "registration_deadline"):
            self.fields[name].input_formats = DATETIME_INPUT_FORMATS
        self.project_team = project_team
        self.fields["districts"].queryset = districts
        self.fields["fields_of_action"].queryset = FieldOfAction.objects.order_by("position")
        self.fields["measures"].queryset = Measure.objects.order_by("title")
        self.fields["offers"].queryset = Offer.objects.order_by("title")
        self.fields["partner_organizations"].queryset = (
            Organization.objects.filter(district__in=districts)
            .exclude(kind=Organization.Kind.SME)
            .select_related("district")
            .order_by("name")
        )
        self.fields["staff_organizers"].queryset = (
            get_user_model()
            .objects.filter(district_memberships__district__in=districts, is_active=True)
            .distinct()
            .order_by("last_name", "username")
        )
        self.fields["staff_organizers"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )
        if not project_team:
            # All of Bavaria is the project team's to announce.
            del self.fields["all_bavaria"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_at"), cleaned.get("end_at")
        if start and end and end <= start:
            self.add_error("end_at", _("Das Ende muss nach dem Beginn liegen."))
        deadline = cleaned.get("registration_deadline")
        if deadline and end and deadline > end:
            self.add_error(
                "registration_deadline", _("Der Anmeldeschluss muss vor dem Ende liegen.")
            )
        event_format = cleaned.get("format")
        if event_format in (Event.Format.IN_PERSON, Event.Format.HYBRID) and not cleaned.get(
            "city"
        ):
            self.add_error("city", _("Bitte geben Sie den Ort der Veranstaltung an."))
        if event_format in (Event.Format.ONLINE, Event.Format.HYBRID) and not cleaned.get(
            "online_url"
        ):
            self.add_error("online_url", _("Bitte geben Sie den Link zur Online-Teilnahme an."))
        if not cleaned.get("districts") and not cleaned.get("all_bavaria"):
            self.add_error(
                "districts",
                _("Bitte wählen Sie mindestens einen Landkreis.")
                if not self.project_team
                else _("Bitte wählen Sie Landkreise oder „für ganz Bayern“."),
            )
        districts = set(cleaned.get("districts") or [])
        for organizer in cleaned.get("staff_organizers") or []:
            if not districts & {m.district for m in organizer.district_memberships.all()}:
                self.add_error(
                    "staff_organizers",
                    _("%(name)s arbeitet für keinen der gewählten Landkreise.")
                    % {"name": organizer.get_full_name() or organizer.get_username()},
                )
        for organization in cleaned.get("partner_organizations") or []:
            if districts and organization.district not in districts:
                self.add_error(
                    "partner_organizations",
                    _("%(name)s gehört zu keinem der gewählten Landkreise.")
                    % {"name": organization.name},
                )
        return cleaned


QuestionFormSet = forms.inlineformset_factory(
    Event,
    Question,
    fields=["label", "required", "position"],
    extra=2,
    max_num=20,
    validate_max=True,
    can_delete=True,
)


class CalendarFilterForm(forms.Form):
    district = forms.ModelChoiceField(
        label=_("Landkreis"), queryset=None, required=False, empty_label=_("alle Landkreise")
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[("", _("alle Formate")), *Event.Format.choices], required=False
    )
    field = forms.ModelChoiceField(
        label=_("Handlungsfeld"),
        queryset=FieldOfAction.objects.order_by("position"),
        required=False,
        to_field_name="slug",
        empty_label=_("alle Handlungsfelder"),
    )

    def __init__(self, *args, **kwargs):
        from districts.models import District

        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.order_by("name")
        for form_field in self.fields.values():
            # Full width: a long field of action must not widen the page on a phone.
            form_field.widget.attrs["class"] = "form-select"


class RegistrationForm(forms.ModelForm):
    privacy_consent = forms.BooleanField(
        label=_(
            "Ich habe den Datenschutzhinweis gelesen und bin mit der Verarbeitung meiner "
            "Angaben für diese Veranstaltung einverstanden."
        ),
        error_messages={"required": _("Ohne Ihre Zustimmung können wir Sie nicht anmelden.")},
    )
    contact_consent = forms.BooleanField(required=False)

    class Meta:
        model = Registration
        fields = ["first_name", "last_name", "organization_name", "function", "email", "phone"]
        labels = {"function": _("Rolle/Funktion")}
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "organization_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "function": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }

    def __init__(self, *args, event, notice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_consent"].label = notice.contact_consent_text
        self.fields["contact_consent"].help_text = _("freiwillig, jederzeit widerrufbar")
        self.questions = list(event.questions.all())
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = forms.CharField(
                label=question.label, required=question.required, max_length=500
            )
        # The consents come last, after everything they are about.
        for name in ("privacy_consent", "contact_consent"):
            self.fields[name] = self.fields.pop(name)

    def answers(self) -> dict:
        return {
            question.label: self.cleaned_data.get(f"question_{question.pk}", "")
            for question in self.questions
            if self.cleaned_data.get(f"question_{question.pk}")
        }


class RegistrationStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Registration.Status.choices)


class CloseForm(forms.Form):
    """The step after the event: which unknown organisations to create, which follow-ups."""

    follow_up_on = forms.DateField(
        label=_("Wiedervorlage am"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, unknown_names, known_organizations, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.unknown_names = unknown_names
        self.district_choices = [(d.pk, d.name) for d in districts]
        for index, name in enumerate(unknown_names):
            self.fields[f"create_{index}"] = forms.BooleanField(
                label=_("„%(name)s“ als Organisation anlegen") % {"name": name},
                required=False,
                initial=True,
            )
            self.fields[f"kind_{index}"] = forms.ChoiceField(
                label=_("Art von „%(name)s“") % {"name": name},
                choices=Organization.Kind.choices,
                initial=Organization.Kind.SME,
            )
            self.fields[f"district_{index}"] = forms.TypedChoiceField(
                label=_("Landkreis von „%(name)s“") % {"name": name},
                choices=self.district_choices,
                coerce=int,
            )
        self.fields["follow_up_for"] = forms.MultipleChoiceField(
            label=_("Wiedervorlage für diese Organisationen anlegen"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[(o.name, o.name) for o in known_organizations]
            + [(name, name) for name in unknown_names],
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("follow_up_for") and not cleaned.get("follow_up_on"):
            self.add_error(
                "follow_up_on", _("Bitte geben Sie an, wann die Wiedervorlage fällig ist.")
            )
        if cleaned.get("follow_up_on") and cleaned["follow_up_on"] < timezone.localdate():
            self.add_error(
                "follow_up_on", _("Die Wiedervorlage kann nicht in der Vergangenheit liegen.")
            )
        return cleaned

    def organizations_to_create(self) -> list[tuple[str, str, int]]:
        return [
            (name, self.cleaned_data[f"kind_{i}"], self.cleaned_data[f"district_{i}"])
            for i, name in enumerate(self.unknown_names)
            if self.cleaned_data.get(f"create_{i}")
        ]
