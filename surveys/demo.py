"""Demo needs questionnaire (25 questions in 5 sections, German and English, every question type,
four conditions) and an open round in Landkreis München with one invitation whose link is fixed:

    /befragung/t/<DEMO_TOKEN>/        (personal invitation)
    /befragung/offen/<DEMO_OPEN_TOKEN>/   (the round's open link)

The demo is written in the JSON export format and built through questionnaire_import, so the
demo also shows what an export looks like.
"""

import base64
import datetime
import hashlib

from django.db import transaction
from django.utils import timezone

from districts.models import District
from surveys import services
from surveys.models import Invitation, Questionnaire, SurveyRound


def _fixed_token(seed: str) -> str:
    digest = hashlib.sha256(seed.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


DEMO_TOKEN = _fixed_token("ikokmu-demo-einladung-muenchen")
DEMO_OPEN_TOKEN = _fixed_token("ikokmu-demo-offener-link-muenchen")
DEMO_NAME = "KMU-Bedarfsbefragung (Demo)"
DEMO_ROUND = "Bedarfsbefragung Landkreis München 2026 (Demo)"


def t(de: str, en: str = "") -> dict:
    return {"de": de, "en": en} if en else {"de": de}


def w(field: str, weight: float = 1) -> dict:
    return {"field": field, "weight": str(weight)}


def choice(code, de, en, *weights) -> dict:
    return {"code": code, "label": t(de, en), "weights": list(weights)}


def question(code, type_, de, en, **extra) -> dict:
    base = {
        "code": code,
        "type": type_,
        "text": t(de, en),
        "help_text": {},
        "required": False,
        "display": "radio",
        "has_other": False,
        "other_label": {},
        "min_choices": None,
        "max_choices": None,
        "scale_points": None,
        "scale_low_label": {},
        "scale_high_label": {},
        "allow_dont_know": False,
        "unit": {},
        "number_min": None,
        "number_max": None,
        "weights": [],
        "choices": [],
        "items": [],
        "conditions": [],
    }
    return {**base, **extra}


YES_NO = [choice("ja", "Ja", "Yes"), choice("nein", "Nein", "No")]


def yes_no(code, de, en, yes=(), no=(), **extra) -> dict:
    return question(
        code,
        "yes_no",
        de,
        en,
        choices=[choice("ja", "Ja", "Yes", *yes), choice("nein", "Nein", "No", *no)],
        **extra,
    )


def when(source, operator, *values) -> dict:
    return {"source": source, "operator": operator, "values": list(values)}


OTHER = choice("other", "Sonstiges", "Other")
NEED_SCALE = {
    "scale_points": 5,
    "scale_low_label": t("kein Bedarf", "no need"),
    "scale_high_label": t("sehr großer Bedarf", "very great need"),
    "allow_dont_know": True,
}

DEMO_QUESTIONNAIRE = {
    "format": services.EXPORT_FORMAT,
    "format_version": services.EXPORT_FORMAT_VERSION,
    "name": DEMO_NAME,
    "languages": ["de", "en"],
    "title": t("Bedarfsbefragung interkulturelle Öffnung", "Needs survey: intercultural opening"),
    "introduction": t(
        "Ihr Landratsamt möchte wissen, wo Ihr Betrieb bei der Gewinnung und Bindung von "
        "Fachkräften mit internationaler Geschichte Unterstützung braucht. Das Ausfüllen dauert "
        "etwa zehn Minuten; Sie können jederzeit unterbrechen und mit demselben Link weitermachen.",
        "Your district office would like to know where your company needs support in recruiting "
        "and keeping skilled workers with an international background. It takes about ten "
        "minutes; you can stop at any time and continue with the same link.",
    ),
    "closing_text": t(
        "Vielen Dank! Unten finden Sie Maßnahmen und Ansprechpartner, die zu Ihren Antworten "
        "passen.",
        "Thank you! Below you find measures and contacts that fit your answers.",
    ),
    "privacy_notice": t(
        "Ihre Antworten werden vom Projekt IKÖKMU im Auftrag Ihres Landratsamts ausgewertet. "
        "Ergebnisse werden nur zusammengefasst gezeigt, nie für Gruppen unter fünf Betrieben. "
        "Sie können Ihre Einwilligung jederzeit widerrufen.",
        "Your answers are analysed by the IKÖKMU project on behalf of your district office. "
        "Results are shown only in aggregate, never for groups of fewer than five companies. "
        "You may withdraw your consent at any time.",
    ),
    "consent_label": t(
        "Ich habe den Datenschutzhinweis gelesen und bin mit der Verarbeitung meiner Antworten "
        "einverstanden.",
        "I have read the privacy notice and agree to the processing of my answers.",
    ),
    "sections": [
        {
            "title": t("Ihr Unternehmen", "Your company"),
            "description": t("Einige Angaben zu Ihrem Betrieb.", "A few facts about your company."),
            "conditions": [],
            "questions": [
                question(
                    "q01_branche",
                    "single_choice",
                    "In welcher Branche ist Ihr Betrieb tätig?",
                    "Which sector is your company in?",
                    display="dropdown",
                    has_other=True,
                    other_label=t("Andere Branche, und zwar:", "Other sector, namely:"),
                    choices=[
                        choice("handwerk", "Handwerk", "Crafts"),
                        choice("industrie", "Industrie und Produktion", "Industry"),
                        choice("handel", "Handel", "Trade"),
                        choice("dienstleistung", "Dienstleistung", "Services"),
                        choice("gastro", "Gastronomie und Tourismus", "Hospitality and tourism"),
                        choice("pflege", "Pflege und Gesundheit", "Care and health"),
                        OTHER,
                    ],
                ),
                question(
                    "q02_beschaeftigte",
                    "number",
                    "Wie viele Beschäftigte hat Ihr Betrieb?",
                    "How many people does your company employ?",
                    required=True,
                    number_min="1",
                    number_max="5000",
                    unit=t("Beschäftigte", "employees"),
                ),
                question(
                    "q03_gruendung",
                    "date",
                    "Seit wann besteht Ihr Betrieb?",
                    "Since when has your company existed?",
                    help_text=t("Ein ungefähres Datum genügt.", "An approximate date will do."),
                ),
                yes_no(
                    "q04_international",
                    "Beschäftigen Sie Menschen, die im Ausland geboren oder aufgewachsen sind?",
                    "Do you employ people who were born or grew up abroad?",
                    required=True,
                ),
                question(
                    "q05_anteil",
                    "number",
                    "Wie hoch ist ungefähr ihr Anteil an der Belegschaft?",
                    "Roughly what share of your staff are they?",
                    number_min="0",
                    number_max="100",
                    unit=t("Prozent", "percent"),
                    conditions=[when("q04_international", "equals", "ja")],
                ),
            ],
        },
        {
            "title": t("Fachkräfte gewinnen", "Recruiting skilled workers"),
            "description": {},
            "conditions": [],
            "questions": [
                yes_no(
                    "q06_offene_stellen",
                    "Haben Sie offene Stellen, die Sie schwer besetzen können?",
                    "Do you have vacancies that are hard to fill?",
                    yes=[w("personalgewinnung", 1)],
                ),
                question(
                    "q07_wege",
                    "multiple_choice",
                    "Wie suchen Sie neue Beschäftigte?",
                    "How do you look for new staff?",
                    has_other=True,
                    max_choices=3,
                    other_label=t("Anderer Weg, und zwar:", "Another way, namely:"),
                    help_text=t("Höchstens drei Antworten.", "At most three answers."),
                    choices=[
                        choice("anzeigen", "Stellenanzeigen", "Job advertisements"),
                        choice(
                            "agentur",
                            "Agentur für Arbeit oder Jobcenter",
                            "Employment agency or job centre",
                        ),
                        choice(
                            "empfehlung",
                            "Empfehlungen von Beschäftigten",
                            "Recommendations by staff",
                        ),
                        choice("social", "Soziale Medien", "Social media"),
                        choice(
                            "ausland",
                            "Anwerbung im Ausland",
                            "Recruiting abroad",
                            w("anerkennung", 1),
                        ),
                        OTHER,
                    ],
                ),
                question(
                    "q08_bedeutung",
                    "rating",
                    "Wie wichtig ist für Sie die Gewinnung internationaler Fachkräfte?",
                    "How important is recruiting international skilled workers for you?",
                    required=True,
                    scale_points=5,
                    allow_dont_know=True,
                    scale_low_label=t("unwichtig", "not important"),
                    scale_high_label=t("sehr wichtig", "very important"),
                    weights=[w("personalgewinnung", 2)],
                ),
                question(
                    "q09_anerkennung",
                    "single_choice",
                    "Haben Sie Erfahrung mit der Anerkennung ausländischer Berufsabschlüsse?",
                    "Do you have experience with the recognition of foreign qualifications?",
                    choices=[
                        choice("gut", "Ja, gute Erfahrungen", "Yes, good experiences"),
                        choice(
                            "schwierig",
                            "Ja, es war schwierig",
                            "Yes, it was difficult",
                            w("anerkennung", 2),
                        ),
                        choice(
                            "interesse",
                            "Nein, aber es interessiert uns",
                            "No, but we are interested",
                            w("anerkennung", 1.5),
                        ),
                        choice("nein", "Nein, kein Thema", "No, not relevant"),
                    ],
                ),
                question(
                    "q10_hindernisse",
                    "long_text",
                    "Was erschwert die Besetzung Ihrer offenen Stellen am meisten?",
                    "What makes filling your vacancies hardest?",
                    conditions=[when("q06_offene_stellen", "equals", "ja")],
                ),
            ],
        },
        {
            "title": t("Einarbeitung und Sprache", "Onboarding and language"),
            "description": t(
                "Dieser Teil erscheint, weil Sie internationale Beschäftigte haben.",
                "This part appears because you employ international staff.",
            ),
            "conditions": [when("q04_international", "equals", "ja")],
            "questions": [
                question(
                    "q11_bedarf",
                    "matrix",
                    "Wie groß ist Ihr Unterstützungsbedarf bei …",
                    "How much support do you need with …",
                    **NEED_SCALE,
                    items=[
                        {
                            "code": "einarbeitung",
                            "label": t("der Einarbeitung", "onboarding"),
                            "weights": [w("onboarding", 2)],
                        },
                        {
                            "code": "deutsch",
                            "label": t("der Deutschförderung", "German language support"),
                            "weights": [w("sprache", 2)],
                        },
                        {
                            "code": "mehrsprachig",
                            "label": t("mehrsprachigen Informationen", "multilingual information"),
                            "weights": [w("sprache", 1)],
                        },
                        {
                            "code": "fuehrung",
                            "label": t("der Schulung von Führungskräften", "training managers"),
                            "weights": [w("personalentwicklung", 2)],
                        },
                        {
                            "code": "konflikte",
                            "label": t(
                                "Missverständnissen im Team", "misunderstandings in the team"
                            ),
                            "weights": [w("organisationskultur", 2)],
                        },
                    ],
                ),
                question(
                    "q12_sprachfoerderung",
                    "multiple_choice",
                    "Welche Sprachförderung bieten Sie an?",
                    "What language support do you offer?",
                    choices=[
                        choice("kurse", "Deutschkurse", "German courses"),
                        choice(
                            "arbeitsplatz", "Deutsch am Arbeitsplatz", "German at the workplace"
                        ),
                        choice(
                            "einfach",
                            "Informationen in einfacher Sprache",
                            "Information in plain language",
                        ),
                        choice("keine", "Bisher keine", "None so far", w("sprache", 1)),
                    ],
                ),
                yes_no(
                    "q13_paten",
                    "Gibt es Patinnen oder Paten für neue Beschäftigte?",
                    "Are there mentors for new staff?",
                    no=[w("onboarding", 1)],
                ),
                question(
                    "q14_sprachen",
                    "short_text",
                    "Welche Sprachen werden in Ihrem Betrieb gesprochen?",
                    "Which languages are spoken in your company?",
                ),
                question(
                    "q15_zufriedenheit",
                    "rating",
                    "Wie zufrieden sind Sie mit der Einarbeitung neuer Beschäftigter?",
                    "How satisfied are you with how new staff are onboarded?",
                    scale_points=7,
                    scale_low_label=t("gar nicht", "not at all"),
                    scale_high_label=t("voll und ganz", "completely"),
                ),
            ],
        },
        {
            "title": t("Betriebskultur und Leben vor Ort", "Company culture and local life"),
            "description": {},
            "conditions": [],
            "questions": [
                yes_no(
                    "q16_leitbild",
                    "Spricht Ihr Leitbild Vielfalt ausdrücklich an?",
                    "Does your mission statement address diversity explicitly?",
                    no=[w("organisationskultur", 1)],
                ),
                question(
                    "q17_wohnen",
                    "rating",
                    "Wie schwer ist es für neue Beschäftigte, eine Wohnung zu finden?",
                    "How hard is it for new staff to find housing?",
                    scale_points=5,
                    allow_dont_know=True,
                    scale_low_label=t("leicht", "easy"),
                    scale_high_label=t("sehr schwer", "very hard"),
                    weights=[w("willkommenskultur", 2)],
                ),
                question(
                    "q18_unterstuetzung",
                    "multiple_choice",
                    "Wobei unterstützen Sie neue Beschäftigte außerhalb der Arbeit?",
                    "How do you support new staff outside work?",
                    choices=[
                        choice("wohnung", "Wohnungssuche", "Finding housing"),
                        choice("behoerden", "Behördengänge", "Dealing with authorities"),
                        choice("kinder", "Kinderbetreuung", "Childcare"),
                        choice("freizeit", "Freizeit und Vereine", "Leisure and clubs"),
                        choice("nichts", "Bisher nicht", "Not so far", w("willkommenskultur", 1)),
                    ],
                ),
                question(
                    "q19_kooperation",
                    "single_choice",
                    "Arbeiten Sie mit Kommune, Kammern oder Arbeitsagentur zusammen, um Fachkräfte "
                    "zu gewinnen?",
                    "Do you work with the municipality, chambers or employment agency to recruit?",
                    choices=[
                        choice("regelmaessig", "Regelmäßig", "Regularly"),
                        choice("gelegentlich", "Gelegentlich", "Occasionally", w("netzwerke", 0.5)),
                        choice("nie", "Nie", "Never", w("netzwerke", 1.5)),
                    ],
                ),
                question(
                    "q20_information",
                    "single_choice",
                    "Wie gut fühlen Sie sich über Angebote in der Region informiert?",
                    "How well informed do you feel about support in the region?",
                    display="dropdown",
                    choices=[
                        choice("gut", "Gut", "Well"),
                        choice("teils", "Teilweise", "Partly", w("standortmarketing", 0.5)),
                        choice("kaum", "Kaum", "Hardly", w("standortmarketing", 1.5)),
                    ],
                ),
            ],
        },
        {
            "title": t("Unterstützung und Ausblick", "Support and outlook"),
            "description": {},
            "conditions": [],
            "questions": [
                question(
                    "q21_themen",
                    "multiple_choice",
                    "Zu welchen Themen wünschen Sie sich Unterstützung?",
                    "On which topics would you like support?",
                    required=True,
                    min_choices=1,
                    max_choices=3,
                    help_text=t("Bitte bis zu drei Themen wählen.", "Please choose up to three."),
                    choices=[
                        choice(
                            "personalgewinnung",
                            "Personalgewinnung und Ausbildung",
                            "Recruiting and training",
                            w("personalgewinnung", 2),
                        ),
                        choice("onboarding", "Einarbeitung", "Onboarding", w("onboarding", 2)),
                        choice(
                            "sprache",
                            "Sprache und Kommunikation",
                            "Language and communication",
                            w("sprache", 2),
                        ),
                        choice(
                            "anerkennung",
                            "Anerkennung von Abschlüssen",
                            "Recognition of qualifications",
                            w("anerkennung", 2),
                        ),
                        choice(
                            "kultur",
                            "Betriebskultur",
                            "Company culture",
                            w("organisationskultur", 2),
                        ),
                        choice(
                            "leben",
                            "Wohnen und Leben vor Ort",
                            "Housing and local life",
                            w("willkommenskultur", 2),
                        ),
                    ],
                ),
                question(
                    "q22_form",
                    "single_choice",
                    "Welche Form der Unterstützung passt am besten?",
                    "Which kind of support suits you best?",
                    choices=[
                        choice("workshop", "Workshop", "Workshop"),
                        choice("beratung", "Persönliche Beratung", "Personal consultation"),
                        choice("online", "Online-Angebote", "Online offers"),
                        choice("material", "Arbeitshilfen zum Nachlesen", "Guides to read"),
                    ],
                ),
                question(
                    "q23_termin",
                    "date",
                    "Ab wann hätten Sie Zeit für ein Beratungsgespräch?",
                    "From when would you have time for a consultation?",
                    conditions=[when("q22_form", "equals", "beratung")],
                ),
                question(
                    "q24_stunden",
                    "number",
                    "Wie viele Stunden im Monat könnten Sie dafür einsetzen?",
                    "How many hours a month could you invest?",
                    number_min="0",
                    number_max="200",
                    unit=t("Stunden", "hours"),
                ),
                question(
                    "q25_anmerkungen",
                    "long_text",
                    "Möchten Sie uns noch etwas mitteilen?",
                    "Is there anything else you would like to tell us?",
                ),
            ],
        },
    ],
}


@transaction.atomic
def seed() -> str:
    questionnaire = Questionnaire.objects.filter(name=DEMO_NAME).first()
    if questionnaire is None:
        version = services.questionnaire_import(data=DEMO_QUESTIONNAIRE)
    else:
        version = questionnaire.versions.order_by("-number").first()
    district = District.objects.get(official_key="09184")
    survey_round = SurveyRound.objects.filter(title=DEMO_ROUND).first()
    if survey_round is None:
        now = timezone.now()
        survey_round, _open = services.round_create(
            district=district,
            version=version,
            title=DEMO_ROUND,
            opens_at=now - datetime.timedelta(days=7),
            closes_at=now + datetime.timedelta(days=365),
            access=SurveyRound.Access.BOTH,
            open_token=DEMO_OPEN_TOKEN,
        )
    if not Invitation.objects.filter(token_hash=services.token_hash(DEMO_TOKEN)).exists():
        services.invitation_create(survey_round=survey_round, token=DEMO_TOKEN)
    return (
        f"Fragebogen „{DEMO_NAME}“ ({len(DEMO_QUESTIONNAIRE['sections'])} Abschnitte), "
        f"Runde im Landkreis München: /befragung/t/{DEMO_TOKEN}/ "
        f"(offener Link: /befragung/offen/{DEMO_OPEN_TOKEN}/)"
    )
