"""Shared set-up of the questionnaire tests: the demo questionnaire in an open round."""

import datetime

from django.urls import reverse
from django.utils import timezone

from catalog.models import FieldOfAction
from surveys import services
from surveys.demo import DEMO_QUESTIONNAIRE
from surveys.models import SurveyRound
from tests.factories import DistrictFactory

FIELD_SLUGS = [
    "personalgewinnung",
    "onboarding",
    "sprache",
    "personalentwicklung",
    "organisationskultur",
    "anerkennung",
    "willkommenskultur",
    "netzwerke",
    "standortmarketing",
]


def ensure_fields() -> None:
    """Transactional tests empty the fields of action the migration made."""
    for position, slug in enumerate(FIELD_SLUGS, start=1):
        FieldOfAction.objects.get_or_create(
            slug=slug, defaults={"name": slug.capitalize(), "position": position}
        )


def demo_version():
    ensure_fields()
    return services.questionnaire_import(data=DEMO_QUESTIONNAIRE)


def open_round(version, district=None, access=SurveyRound.Access.BOTH, **times):
    now = timezone.now()
    survey_round, open_token = services.round_create(
        district=district or DistrictFactory(),
        version=version,
        title="Testrunde",
        opens_at=times.get("opens_at", now - datetime.timedelta(days=1)),
        closes_at=times.get("closes_at", now + datetime.timedelta(days=30)),
        access=access,
    )
    return survey_round, open_token


def url(name, token, *args):
    return reverse(f"surveys:{name}", args=[token, *args])


def consent(client, token, language="de"):
    return client.post(url("respond", token), {"consent": "on", "sprache": language})


# Answers that pass every page of the demo questionnaire, page by page.
PAGE_ANSWERS = {
    1: {
        "q_q01_branche": "handwerk",
        "q_q02_beschaeftigte": "25",
        "q_q03_gruendung": "1998",
        "q_q04_international": "ja",
        "q_q05_anteil": "20",
    },
    2: {
        "q_q06_offene_stellen": "ja",
        "q_q07_wege": ["anzeigen", "agentur"],
        "q_q08_bedeutung": "5",
        "q_q09_anerkennung": "interesse",
        "q_q10_hindernisse": "Wenige Bewerbungen.",
    },
    3: {
        "q_q11_bedarf__einarbeitung": "4",
        "q_q11_bedarf__deutsch": "5",
        "q_q11_bedarf__mehrsprachig": "3",
        "q_q11_bedarf__fuehrung": "dont_know",
        "q_q11_bedarf__konflikte": "2",
        "q_q12_sprachfoerderung": ["keine"],
        "q_q13_paten": "nein",
        "q_q14_sprachen": "Deutsch, Rumänisch, Arabisch",
        "q_q15_zufriedenheit": "3",
    },
    4: {
        "q_q16_leitbild": "nein",
        "q_q17_wohnen": "5",
        "q_q18_unterstuetzung": ["wohnung"],
        "q_q19_kooperation": "nie",
        "q_q20_information": "kaum",
    },
    5: {
        "q_q21_themen": ["sprache", "onboarding"],
        "q_q22_form": "beratung",
        "q_q23_termin": "2026-12-01",
        "q_q24_stunden": "4,5",
        "q_q25_anmerkungen": "",
    },
}


def answer_page(client, token, position, data=None, action="next"):
    payload = dict(PAGE_ANSWERS[position] if data is None else data)
    payload["action"] = action
    return client.post(url("page", token, position), payload)


def answer_all(client, token):
    consent(client, token)
    for position in PAGE_ANSWERS:
        response = answer_page(client, token, position)
        assert response.status_code == 302, response.content.decode()[:2000]
    return client.post(url("review", token))
