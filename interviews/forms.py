from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from catalog.models import FieldOfAction, Measure
from ikokmu.params import parse_id
from interviews.models import BestPractice, Code, Company, Interview, Segment, Study, StudyMember

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StudyForm(forms.ModelForm):
    class Meta:
        model = Study
        fields = [
            "title",
            "research_questions",
            "audio_retention_days",
            "transcripts_delete_on",
            "key_delete_on",
        ]
        widgets = {"transcripts_delete_on": DATE, "key_delete_on": DATE}


class MemberForm(forms.Form):
    username = forms.CharField(label=_("Benutzername"), max_length=150)
    role = forms.ChoiceField(label=_("Rolle in der Studie"), choices=StudyMember.Role.choices)

    def clean_username(self):
        user = (
            get_user_model()
            .objects.filter(username=self.cleaned_data["username"], is_active=True)
            .first()
        )
        if user is None:
            raise forms.ValidationError(_("Diesen Benutzernamen gibt es nicht."))
        return user


class GuideForm(forms.Form):
    outline = forms.CharField(
        label=_("Fragen"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Eine Frage pro Zeile; eine Zeile mit # beginnt einen neuen Block."),
    )
    note = forms.CharField(label=_("Was ist neu"), max_length=300, required=False)


class CompanyForm(forms.ModelForm):
    class Meta:
        model = Company
        fields = ["pseudonym", "sector", "size_class", "founding_year", "place", "migration_share"]


class KeyForm(forms.Form):
    real_name = forms.CharField(label=_("Echter Name des Unternehmens"), max_length=200)
    contact = forms.CharField(
        label=_("Ansprechperson und Kontakt"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    other_names = forms.CharField(
        label=_("Weitere Namen, die im Transkript ersetzt werden"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Ein Name pro Zeile; „Name = Ersatz“ setzt einen eigenen Ersatz ein."),
    )


class InterviewForm(forms.ModelForm):
    class Meta:
        model = Interview
        fields = [
            "company",
            "date",
            "interviewers",
            "mode",
            "duration_minutes",
            "guide",
            "status",
            "audio_delete_on",
        ]
        widgets = {"date": DATE, "audio_delete_on": DATE}

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = study.companies.all()
        self.fields["guide"].queryset = study.guides.all()
        self.fields["interviewers"].queryset = get_user_model().objects.filter(
            study_memberships__study=study
        )


class ConsentForm(forms.Form):
    date = forms.DateField(label=_("Einwilligung erteilt am"), widget=DATE)
    form_version = forms.CharField(label=_("Version des Formulars"), max_length=40)
    recording = forms.BooleanField(label=_("Aufzeichnung"), required=False)
    transcription = forms.BooleanField(label=_("Transkription"), required=False)
    scientific_use = forms.BooleanField(label=_("Wissenschaftliche Auswertung"), required=False)
    quotation = forms.BooleanField(label=_("Zitieren (anonym)"), required=False)
    publication = forms.BooleanField(
        label=_("Veröffentlichung als namentliches Beispiel"), required=False
    )
    signed_form = forms.FileField(
        label=_("Unterschriebenes Formular (PDF oder Bild)"), required=False
    )


class WithdrawForm(forms.Form):
    on = forms.DateField(label=_("Widerrufen am"), widget=DATE)
    confirm = forms.BooleanField(
        label=_("Ich weiß: Transkript, Kodierungen und Audiodatei werden gelöscht.")
    )


class TranscriptForm(forms.Form):
    text = forms.CharField(
        label=_("Transkript (Text einfügen)"),
        widget=forms.Textarea(attrs={"rows": 18}),
        required=False,
        help_text=_("Sprecher am Zeilenanfang markieren, zum Beispiel „I:“ und „B:“."),
    )
    file = forms.FileField(label=_("oder Datei hochladen (.txt, .docx, .odt)"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("text") and not data.get("file"):
            raise forms.ValidationError(_("Bitte Text einfügen oder eine Datei hochladen."))
        return data


class AudioForm(forms.Form):
    audio = forms.FileField(label=_("Audiodatei"))


class CodeForm(forms.ModelForm):
    class Meta:
        model = Code
        fields = [
            "name",
            "parent",
            "is_category",
            "definition",
            "when_to_use",
            "when_not_to_use",
            "example",
            "colour",
            "fields_of_action",
            "position",
        ]
        widgets = {
            "colour": forms.TextInput(attrs={"type": "color"}),
            "fields_of_action": forms.CheckboxSelectMultiple,
            "definition": forms.Textarea(attrs={"rows": 3}),
            "when_to_use": forms.Textarea(attrs={"rows": 2}),
            "when_not_to_use": forms.Textarea(attrs={"rows": 2}),
            "example": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)
        parents = study.codes.all()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["fields_of_action"].queryset = FieldOfAction.objects.all()


class CodebookImportForm(forms.Form):
    file = forms.FileField(label=_("Kodesystem-Datei (.qdc oder .csv)"))


class SegmentForm(forms.Form):
    start = forms.IntegerField(label=_("Von Zeichen"), min_value=0, required=False)
    end = forms.IntegerField(label=_("Bis Zeichen"), min_value=1, required=False)
    phrase = forms.CharField(
        label=_("oder Wortlaut der Textstelle"),
        required=False,
        help_text=_("Tastatur: Wortlaut eingeben, die erste Fundstelle wird kodiert."),
    )
    codes = forms.ModelMultipleChoiceField(
        label=_("Codes"), queryset=Code.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codes"].queryset = study.codes.filter(is_category=False)


class SegmentCodesForm(forms.Form):
    codes = forms.ModelMultipleChoiceField(
        label=_("Codes"),
        queryset=Code.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codes"].queryset = study.codes.filter(is_category=False)


class MemoForm(forms.Form):
    text = forms.CharField(label=_("Memo"), widget=forms.Textarea(attrs={"rows": 3}))


class QuoteSegmentSelect(forms.Select):
    """Each coded passage as an option that carries its company and its whole text, so the
    quote picker (interviews/quote-picker.js) can narrow the list to the example's company and
    copy the chosen passage into the quote field."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        segment = getattr(value, "instance", None)
        if segment is not None:
            option["attrs"]["data-company"] = segment.interview.company_id
            option["attrs"]["data-text"] = segment.text
        return option


def quote_label(segment) -> str:
    """'U01 · Sprache, Onboarding: „Wir haben …“': whose words, coded how, and the words."""
    text = " ".join(segment.text.split())
    if len(text) > 160:
        text = text[:159].rstrip() + "…"
    codes = ", ".join(code.name for code in segment.codes.all())
    who = segment.interview.company.pseudonym
    return f"{who} · {codes}: „{text}“" if codes else f"{who}: „{text}“"


class BestPracticeForm(forms.ModelForm):
    interviews = forms.ModelMultipleChoiceField(
        label=_("Verknüpfte Interviews"),
        queryset=Interview.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    codes = forms.ModelMultipleChoiceField(
        label=_("Codes"),
        queryset=Code.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    fields_of_action = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=FieldOfAction.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    measures = forms.ModelMultipleChoiceField(
        label=_("Maßnahmen im Katalog"),
        queryset=Measure.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = BestPractice
        fields = [
            "title",
            "company",
            "challenge",
            "what_they_did",
            "effort",
            "outcome",
            "show_company_name",
            "public_company_name",
            "quote_segment",
            "quote",
        ]

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = study.companies.all()
        self.fields["interviews"].queryset = Interview.objects.filter(
            company__study=study
        ).select_related("company")
        self.fields["codes"].queryset = study.codes.all()
        # The example's company narrows the passages on the server too (no JavaScript needed).
        company_id = parse_id(self.data.get("company")) or self.instance.company_id
        segments = Segment.objects.filter(interview__company__study=study)
        if company_id:
            segments = segments.filter(interview__company_id=company_id)
        quote = self.fields["quote_segment"]
        quote.queryset = (
            segments.select_related("interview__company")
            .prefetch_related("codes")
            .order_by("interview__company__pseudonym", "interview__date", "start")
        )
        quote.label_from_instance = quote_label
        quote.widget = QuoteSegmentSelect(attrs={"class": "form-select quote-picker"})
        quote.widget.choices = quote.choices
        quote.help_text = _(
            "Die gewählte Textstelle wird in das Feld „Freigegebenes Zitat“ übernommen und kann "
            "dort vor der Freigabe gekürzt werden."
        )
        if self.instance.pk:
            for name in ("interviews", "codes", "fields_of_action", "measures"):
                self.initial[name] = list(getattr(self.instance, name).all())

    def clean(self):
        data = super().clean()
        if data.get("show_company_name") and not data.get("public_company_name"):
            self.add_error(
                "public_company_name",
                _("Bitte den Namen angeben, unter dem das Unternehmen genannt wird."),
            )
        company = data.get("company")
        interviews = data.get("interviews") or []
        if company and any(i.company_id != company.pk for i in interviews):
            self.add_error("interviews", _("Bitte nur Interviews dieses Unternehmens verknüpfen."))
        segment = data.get("quote_segment")
        if segment and segment.interview not in interviews:
            self.add_error(
                "quote_segment", _("Das Zitat muss aus einem verknüpften Interview stammen.")
            )
        return data


class RetrievalFilterForm(forms.Form):
    company = forms.ModelChoiceField(
        label=_("Fall"), queryset=Company.objects.none(), required=False, empty_label=_("Alle")
    )
    sector = forms.ChoiceField(label=_("Branche"), required=False)
    size_class = forms.ChoiceField(
        label=_("Größenklasse"),
        required=False,
        choices=[("", _("Alle"))] + list(Company.SizeClass.choices),
    )
    migration_share = forms.ChoiceField(
        label=_("Anteil mit Migrationsgeschichte"),
        required=False,
        choices=[("", _("Alle"))] + list(Company.MigrationShare.choices),
    )

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)
        sectors = study.companies.order_by("sector").values_list("sector", flat=True).distinct()
        self.fields["sector"].choices = [("", _("Alle"))] + [(s, s) for s in sectors]
        self.fields["company"].queryset = study.companies.order_by("pseudonym")
        self.fields["company"].label_from_instance = lambda company: company.pseudonym
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"
