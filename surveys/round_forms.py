"""Forms of the round pages: the round itself with its e-mail texts, recipients, reminders."""

from django import forms
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from districts.models import Organization
from ikokmu.uploads import UploadField
from surveys import mailing
from surveys.models import QuestionnaireVersion, SurveyRound, language_label

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker: one input, one label."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def _datetime_field(label):
    return forms.DateTimeField(
        label=label,
        widget=DateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M", "%d.%m.%Y"],
    )


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, version):
        return _("%(name)s (Version %(number)s)") % {
            "name": version.questionnaire.name,
            "number": version.number,
        }


TEXT_KINDS = [
    (mailing.INVITATION, gettext_lazy("Einladung")),
    (mailing.REMINDER, gettext_lazy("Erinnerung")),
]


class RoundForm(forms.ModelForm):
    """A round with its e-mail texts per language. District staff are offered only their own
    districts; version and anonymity are fixed once the round has responses."""

    opens_at = _datetime_field(gettext_lazy("beginnt am"))
    closes_at = _datetime_field(gettext_lazy("endet am"))

    class Meta:
        model = SurveyRound
        fields = [
            "district",
            "version",
            "title",
            "opens_at",
            "closes_at",
            "access",
            "anonymity",
            "sender_name",
            "reply_to",
        ]
        widgets = {"access": forms.RadioSelect, "anonymity": forms.RadioSelect}
        # The model field has no German name; without this the form says "District".
        labels = {"district": gettext_lazy("Landkreis")}
        help_texts = {
            "anonymity": gettext_lazy(
                "Anonym: Eine Antwort lässt sich nie einer Einladung oder Organisation "
                "zuordnen; sichtbar ist nur, ob eine Einladung abgeschlossen wurde. "
                "Personenbezogen: Antworten sind mit der Organisation verknüpft; der "
                "Datenschutzhinweis sagt das den Befragten."
            ),
            "sender_name": gettext_lazy("z. B. „Landratsamt Miesbach – Wirtschaftsförderung“"),
            "reply_to": gettext_lazy("Antworten auf die E-Mail gehen an diese Adresse."),
        }

    def __init__(self, *args, districts, locked=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        self.fields["district"].empty_label = None if districts.count() == 1 else "---------"
        versions = QuestionnaireVersion.objects.select_related("questionnaire").order_by(
            "questionnaire__name", "-number"
        )
        self.fields["version"] = VersionChoiceField(
            queryset=versions, label=_("Fragebogen"), empty_label=None
        )
        self.fields["sender_name"].required = True
        if locked:
            # The district too: its responses and invitations belong to that district.
            for name in ("district", "version", "anonymity"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Zu dieser Runde gibt es schon Antworten; das lässt sich nicht mehr ändern."
                )
        self.languages = ["de"]
        for version in versions:
            for code in version.languages:
                if code not in self.languages:
                    self.languages.append(code)
        self.text_groups = []
        instance = kwargs.get("instance")
        for kind, kind_label in TEXT_KINDS:
            stored = (
                (
                    instance.invitation_texts
                    if kind == mailing.INVITATION
                    else instance.reminder_texts
                )
                if instance is not None and instance.pk
                else {}
            )
            defaults = mailing.default_texts(kind, self.languages)
            for code in self.languages:
                language = language_label(code)
                entry = stored.get(code) or ({} if stored else defaults.get(code, {}))
                subject = f"{kind}_{code}_subject"
                body = f"{kind}_{code}_body"
                self.fields[subject] = forms.CharField(
                    label=_("Betreff (%(language)s)") % {"language": language},
                    required=code == "de",
                    max_length=300,
                    initial=entry.get("subject", ""),
                )
                self.fields[body] = forms.CharField(
                    label=_("Text (%(language)s)") % {"language": language},
                    required=code == "de",
                    widget=forms.Textarea(attrs={"rows": 14}),
                    initial=entry.get("body", ""),
                    help_text=""
                    if code == "de"
                    else _(
                        "Leer lassen: Empfänger*innen dieser Sprache bekommen den deutschen Text."
                    ),
                )
                self.text_groups.append((kind, kind_label, code, language, subject, body))

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Das Ende muss nach dem Beginn liegen."))
        for _kind, _label, code, _language, subject, body in self.text_groups:
            # What was typed, not cleaned_data: a field with an error is gone from cleaned_data,
            # and its partner must not be told it stands alone.
            typed = {
                name: (self.data.get(self.add_prefix(name)) or "").strip()
                for name in (subject, body)
            }
            for name in (subject, body):
                for message in mailing.placeholder_errors(typed[name]):
                    self.add_error(name, message)
            if typed[body]:
                for message in mailing.missing_placeholders(typed[body]):
                    self.add_error(body, message)
            if bool(typed[subject]) != bool(typed[body]) and code != "de":
                missing = body if typed[subject] else subject
                self.add_error(missing, _("Bitte Betreff und Text zusammen angeben."))
        access = cleaned.get("access")
        if access is not None and access not in SurveyRound.Access.values:
            self.add_error("access", _("Bitte wählen Sie einen Zugang."))
        return cleaned

    def texts(self, kind: str) -> dict:
        """{"de": {"subject", "body"}, …} of the chosen version's languages."""
        version = self.cleaned_data.get("version")
        languages = version.languages if version else ["de"]
        texts = {}
        for text_kind, _label, code, _language, subject, body in self.text_groups:
            if text_kind != kind or code not in languages:
                continue
            if self.cleaned_data.get(subject) and self.cleaned_data.get(body):
                texts[code] = {
                    "subject": self.cleaned_data[subject],
                    "body": self.cleaned_data[body],
                }
        return texts

    def round_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        fields["invitation_texts"] = self.texts(mailing.INVITATION)
        fields["reminder_texts"] = self.texts(mailing.REMINDER)
        return fields


class OrganizationFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Art"),
        required=False,
        choices=[("", gettext_lazy("alle Arten")), *Organization.Kind.choices],
    )
    sector = forms.ChoiceField(
        label=gettext_lazy("Branche (WZ 2008)"),
        required=False,
        choices=[("", gettext_lazy("alle Branchen")), *Organization.Sector.choices],
    )
    size_class = forms.ChoiceField(
        label=gettext_lazy("Größenklasse"),
        required=False,
        choices=[("", gettext_lazy("alle Größen")), *Organization.SizeClass.choices],
    )


# A district's KMUs are a few thousand; more rows than this are a mistake, and the preview of
# millions of rows would take minutes and a page of hundreds of megabytes.
MAX_RECIPIENT_ROWS = 20_000
MAX_RECIPIENT_FILE_MB = 5


class RecipientUploadForm(forms.Form):
    file = UploadField(
        max_bytes=MAX_RECIPIENT_FILE_MB * 1024 * 1024,
        label=gettext_lazy("Empfängerliste (CSV oder Excel)"),
        help_text=gettext_lazy(
            "Spalten: „E-Mail“ (Pflicht), „Organisation“ und „Sprache“ (freiwillig). CSV mit "
            "Semikolon oder Komma, UTF-8 oder Windows-1252, oder .xlsx."
        ),
    )

    def clean_file(self):
        from ikokmu.spreadsheets import SpreadsheetError, read_table

        upload = self.cleaned_data["file"]
        if upload.size > MAX_RECIPIENT_FILE_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("Die Datei ist größer als %(mb)s MB. Bitte teilen Sie die Liste auf.")
                % {"mb": MAX_RECIPIENT_FILE_MB}
            )
        try:
            self.dataset = read_table(upload)
        except SpreadsheetError as error:
            raise forms.ValidationError(str(error)) from error
        if not len(self.dataset):
            raise forms.ValidationError(_("Die Datei enthält nur Überschriften und keine Zeilen."))
        if len(self.dataset) > MAX_RECIPIENT_ROWS:
            raise forms.ValidationError(
                _(
                    "Die Liste hat %(rows)s Zeilen; auf einmal lassen sich höchstens %(max)s "
                    "einlesen. Bitte teilen Sie die Liste auf."
                )
                % {
                    "rows": number_format(len(self.dataset), force_grouping=True),
                    "max": number_format(MAX_RECIPIENT_ROWS, force_grouping=True),
                }
            )
        return upload


class ReminderForm(forms.Form):
    scheduled_for = forms.DateTimeField(
        label=gettext_lazy("Erinnerung planen für"),
        widget=DateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%d.%m.%Y %H:%M"],
    )

    def __init__(self, *args, survey_round, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey_round = survey_round

    def clean_scheduled_for(self):
        value = self.cleaned_data["scheduled_for"]
        if value <= timezone.now():
            raise forms.ValidationError(_("Der Zeitpunkt muss in der Zukunft liegen."))
        if value >= self.survey_round.closes_at:
            raise forms.ValidationError(_("Der Zeitpunkt muss vor dem Ende der Runde liegen."))
        if value <= self.survey_round.opens_at:
            # Before the opening no invitation has gone out, so it would reach nobody.
            raise forms.ValidationError(_("Der Zeitpunkt muss nach dem Beginn der Runde liegen."))
        return value
