from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from ikokmu.models import AuditEvent, LegalPage


class DateInput(forms.DateInput):
    """The browser's date picker; the value must be ISO for it, whatever the display locale."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker: one input, one label (ISO value, as it needs)."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def drop_empty_radio_choices(form: forms.BaseForm) -> None:
    """Required radio groups offer no empty choice.

    Django adds an empty choice ("– bitte auswählen –") to a model field with choices and no
    default; in a select it is the prompt, but as a radio button it is an answer one can pick.
    """
    for form_field in form.fields.values():
        widget = form_field.widget
        if (
            form_field.required
            and isinstance(widget, forms.RadioSelect)
            and not isinstance(widget, forms.CheckboxSelectMultiple)
            and isinstance(form_field, forms.ChoiceField)
        ):
            form_field.choices = [
                (value, label) for value, label in form_field.choices if value not in ("", None)
            ]


class LoginForm(AuthenticationForm):
    """Django's login form; its error never says whether the name or the password was wrong."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Die Anmeldung ist fehlgeschlagen: Benutzername oder Passwort stimmen nicht. "
            "Bitte achten Sie auf Groß- und Kleinschreibung."
        ),
    }

    username = forms.CharField(
        label=_("Benutzername"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class LegalPageForm(forms.ModelForm):
    class Meta:
        model = LegalPage
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Ereignis"),
        required=False,
        choices=[("", _("Alle Ereignisse")), *AuditEvent.Kind.choices],
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Die Anmeldung ist fehlgeschlagen: Benutzername oder Passwort stimmen nicht. "
            "Bitte achten Sie auf Groß- und Kleinschreibung."
        ),
    }

    username = forms.CharField(label=_("Benutzer*in"), required=False, max_length=150)
