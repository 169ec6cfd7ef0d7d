from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from ikokmu.models import AuditEvent, LegalPage


class DateInput(forms.DateInput):
    """The browser's date picker; the value must be ISO for it, whatever the display locale."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


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
