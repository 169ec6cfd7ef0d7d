"""Demo needs questionnaire (25 questions in 5 sections, German and English, every question type,
four conditions) and an open round in Landkreis München with one invitation whose link is fixed:

    /befragung/t/<DEMO_TOKEN>/        (personal invitation)
    /befragung/offen/<DEMO_OPEN_TOKEN>/   (the round's open link)

Part 2 adds an anonymous round in Landkreis Miesbach running for four weeks (200 invitations,
about 190 delivered, a few failed and opted out, one reminder, 70 submitted and 15 started
responses) and an open-link round in Landkreis Weilheim-Schongau with 20 submitted responses,
plus a small closed personalised round there whose answers the consulting demo's case in that
district can take over into its needs assessment.
The answers are invented by a seeded random generator, so every machine gets the same figures.

The demo is written in the JSON export format and built through questionnaire_import, so the
demo also shows what an export looks like.
"""

import base64
import datetime
import hashlib
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from districts.models import District, Organization
from surveys import services, tokens
from surveys.demo_languages import translations_of
from surveys.models import (
    Answer,
    AnswerChoice,
    Choice,
    Invitation,
    MatrixItem,
    OptOut,
    Question,
    Questionnaire,
    Reminder,
    Response,
    SurveyRound,
)


def _fixed_token(seed: str) -> str:
    digest = hashlib.sha256(seed.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


DEMO_TOKEN = _fixed_token("ikokmu-demo-einladung-muenchen")
DEMO_OPEN_TOKEN = _fixed_token("ikokmu-demo-offener-link-muenchen")
DEMO_NAME = "KMU-Bedarfsbefragung (Demo)"
DEMO_ROUND = "Bedarfsbefragung Landkreis München 2026 (Demo)"


def t(de: str, en: str = "") -> dict:
    texts = {"de": de, "en": en} if en else {"de": de}
    return {**texts, **translations_of(de)} if en else texts


def w(field: str, weight: float = 1) -> dict:
    return {"field": field, "weight": str(weight)}


def choice(code, de, en, *weights, exclusive=False) -> dict:
    return {"code": code, "label": t(de, en), "exclusive": exclusive, "weights": list(weights)}


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
        "breakdown": "",
        "number_min": None,
        "number_max": None,
        "number_integer": False,
        "date_precision": "day",
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

DEMO_LANGUAGES = ["de", "en", "tr", "ar", "uk", "ro"]

DEMO_QUESTIONNAIRE = {
    "format": services.EXPORT_FORMAT,
    "format_version": services.EXPORT_FORMAT_VERSION,
    "name": DEMO_NAME,
    "languages": DEMO_LANGUAGES,
    "title": t("Bedarfsbefragung interkulturelle Öffnung", "Needs survey: intercultural opening"),
    "introduction": t(
        "Ihr Landratsamt möchte wissen, wo Ihr Betrieb bei der Gewinnung und Bindung von "
        "Fachkräften mit internationaler Geschichte Unterstützung braucht. Das Ausfüllen dauert "
        "etwa zehn Minuten; Sie können jederzeit unterbrechen und später weitermachen.",
        "Your district office would like to know where your company needs support in recruiting "
        "and keeping skilled workers with an international background. It takes about ten "
        "minutes; you can stop at any time and continue later.",
    ),
    "closing_text": t(
        "Unten finden Sie Maßnahmen und Ansprechpartner, die zu Ihren Antworten passen.",
        "Below you find measures and contacts that fit your answers.",
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
                    breakdown="sector",
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
                    breakdown="size",
                    number_min="1",
                    number_max="5000",
                    number_integer=True,
                    unit=t("Beschäftigte", "employees"),
                ),
                question(
                    "q03_gruendung",
                    "date",
                    "Seit wann besteht Ihr Betrieb?",
                    "Since when has your company existed?",
                    date_precision="year",
                    help_text=t("Ein ungefähres Jahr genügt.", "An approximate year will do."),
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
                        choice(
                            "keine", "Bisher keine", "None so far", w("sprache", 1), exclusive=True
                        ),
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
                        choice(
                            "nichts",
                            "Bisher nicht",
                            "Not so far",
                            w("willkommenskultur", 1),
                            exclusive=True,
                        ),
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


# Part 2: a running round in Landkreis Miesbach and an open-link round in Weilheim-Schongau --------

MIESBACH_ROUND = "Bedarfsbefragung Landkreis Miesbach 2026 (Demo)"
OPEN_ROUND = "Offene Befragung Landkreis Weilheim-Schongau 2026 (Demo)"
PERSONAL_ROUND = "Vertiefungsbefragung Weilheim-Schongau 2026 (Demo, personenbezogen)"
INVITED = 200
FAILED = 8
OPTED_OUT = 3
SUBMITTED = 70
STARTED_ONLY = 15
OPEN_SUBMITTED = 20
OPEN_STARTED_ONLY = 4

FAILURE_REASONS = [
    "550 5.1.1 <{email}>: Recipient address rejected: User unknown in virtual mailbox table",
    "550 5.1.2 <{email}>: Recipient address rejected: Domain not found",
    "552 5.2.2 <{email}>: Mailbox full",
    "554 5.7.1 <{email}>: Message rejected as spam by the receiving server",
    "421 4.4.2 Connection timed out (3 attempts)",
]
COMPANY_WORDS = [
    "Bergblick",
    "Tegernseer",
    "Schlierachtal",
    "Wendelstein",
    "Leitzach",
    "Mangfall",
    "Alpenland",
    "Seeblick",
    "Oberland",
    "Holzkirchner",
    "Irschenberg",
    "Kreuther",
    "Rottach",
    "Valley",
    "Waakirchner",
    "Hausham",
    "Fischbachau",
    "Bayrischzeller",
]
COMPANY_TRADES = [
    "schreinerei",
    "elektro",
    "baeckerei",
    "pflege",
    "hotel",
    "gasthof",
    "metallbau",
    "spedition",
    "sanitaer",
    "autohaus",
    "zimmerei",
    "kanzlei",
    "reinigung",
    "gaertnerei",
    "brauerei",
    "software",
    "druckerei",
    "dachdecker",
]
MAILBOXES = ["info", "kontakt", "personal", "bewerbung", "buero", "verwaltung", "office"]
DOMAIN_ENDS = ["example.org", "example.com", "example.net", "test"]

OTHER_SECTOR = {
    "de": ["Landwirtschaft", "Bauunternehmen", "Forstbetrieb", "Architekturbüro", "Kfz-Werkstatt"],
    "en": ["Agriculture", "Construction", "Forestry"],
}
OTHER_WAYS = {
    "de": [
        "Ausbildungsmessen",
        "Kooperation mit der Berufsschule",
        "Personalvermittlung",
        "Aushang im Ort",
    ],
    "en": ["Job fairs", "Recruitment agency"],
}
OBSTACLES = {
    "de": [
        "Es kommen kaum Bewerbungen, und wenn, dann fehlen oft die Deutschkenntnisse für den "
        "Kundenkontakt.",
        "Die Mieten im Landkreis sind so hoch, dass Bewerberinnen und Bewerber von außerhalb "
        "wieder absagen.",
        "Die Anerkennung der Abschlüsse dauert zu lange, in der Wartezeit verlieren wir gute "
        "Leute.",
        "Uns fehlen Auszubildende. Die Schulabgänger gehen lieber nach München.",
        "Schichtdienst und Wochenendarbeit schrecken viele ab.",
        "Ohne Auto kommt man zu unserem Betrieb kaum hin, der Bus fährt nur alle zwei Stunden.",
        "Wir wissen nicht, wie wir Fachkräfte im Ausland überhaupt erreichen sollen.",
        "Der Aufwand mit Visum und Ausländerbehörde ist für einen Betrieb mit zwölf Leuten kaum zu "
        "stemmen.",
        "Die großen Firmen in der Region zahlen mehr, da können wir nicht mithalten.",
        "Im Sommer fehlen uns jedes Jahr Küchen- und Servicekräfte.",
        "In der Pflege ist der Markt leergefegt.",
        "Fachkräfte mit Meisterbrief sind praktisch nicht zu finden.",
    ],
    "en": [
        "Housing is the main problem: candidates accept and then cannot find a flat.",
        "Recognition of foreign qualifications takes far too long.",
        "We get few applications, and most lack the German needed for customer contact.",
    ],
}
SPOKEN = [
    "Deutsch, Englisch, Türkisch",
    "Deutsch, Rumänisch, Polnisch",
    "Deutsch, Ukrainisch, Russisch",
    "Deutsch, Arabisch, Englisch",
    "Deutsch, Kroatisch, Bosnisch, Serbisch",
    "Deutsch, Englisch, Spanisch, Italienisch",
    "Deutsch und Bairisch, dazu Ungarisch",
    "Deutsch, Tigrinya, Dari",
    "Deutsch, Englisch",
    "Deutsch, Vietnamesisch",
]
REMARKS = {
    "de": [
        "Eine feste Ansprechperson im Landratsamt für alle Fragen rund um ausländische Fachkräfte "
        "wäre eine große Hilfe.",
        "Gute Initiative. Bitte melden Sie die Ergebnisse auch an die Betriebe zurück.",
        "Wir wünschen uns einen Austausch mit Betrieben aus der Region, die schon Erfahrung haben.",
        "Veranstaltungen bitte nicht in die Hochsaison legen.",
        "Deutschkurse am Abend oder am Wochenende wären für unsere Leute wichtig, tagsüber klappt "
        "das nicht.",
        "Danke, dass Sie fragen!",
        "Mehrsprachige Informationen zu Wohnen, Kita und Ämtern würden uns viel Arbeit abnehmen.",
        "Alles Zeitverschwendung, lasst uns mit dem Thema in Ruhe.",
    ],
    "en": [
        "A contact person at the district office for questions about international staff would "
        "help a lot.",
        "Please share the results with the companies.",
    ],
}


def _pick(rng, weighted: dict):
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


def _scale(rng, low, high, lean=0.0, dont_know=0.0):
    """A point on a low..high scale, leaning up (lean > 0) or down; "dont_know" at the given
    rate."""
    if dont_know and rng.random() < dont_know:
        return "dont_know"
    middle = (low + high) / 2 + lean * (high - low) / 2
    return max(low, min(high, round(rng.gauss(middle, (high - low) / 4))))


def _respondent(rng, language: str, opened: datetime.date, pages: int = 5) -> dict:
    """Plausible answers of one KMU by question code, for the first `pages` sections; only
    questions shown by the conditions, every required one answered."""
    texts = "en" if language == "en" else "de"
    answers: dict = {}
    sector = _pick(
        rng,
        {
            "handwerk": 22,
            "industrie": 13,
            "handel": 12,
            "dienstleistung": 18,
            "gastro": 17,
            "pflege": 12,
            "other": 6,
        },
    )
    if rng.random() < 0.95:
        answers["q01_branche"] = sector
        if sector == "other":
            answers[("q01_branche", "other")] = rng.choice(OTHER_SECTOR[texts])
    size = _pick(rng, {(1, 9): 30, (10, 49): 45, (50, 249): 22, (250, 600): 3})
    employees = rng.randint(*size)
    answers["q02_beschaeftigte"] = employees
    if rng.random() < 0.85:
        year = rng.randint(1948, 2022)
        answers["q03_gruendung"] = datetime.date(year, rng.choice([1, 1, 1, 4, 7, 10]), 1)
    international = rng.random() < (
        0.45 + (0.2 if employees >= 10 else 0) + (0.2 if sector in ("gastro", "pflege") else 0)
    )
    answers["q04_international"] = "ja" if international else "nein"
    if international and rng.random() < 0.8:
        high = 60 if sector in ("gastro", "pflege") else 35
        answers["q05_anteil"] = rng.randint(3, high)
    if pages < 2:
        return answers

    vacancies = rng.random() < 0.75
    if rng.random() < 0.95:
        answers["q06_offene_stellen"] = "ja" if vacancies else "nein"
    else:
        vacancies = False
    if rng.random() < 0.9:
        ways = {"anzeigen": 0.8, "agentur": 0.5, "empfehlung": 0.6, "social": 0.4}
        ways["ausland"] = 0.25 if international else 0.08
        ticked = [code for code, p in ways.items() if rng.random() < p][:3]
        if len(ticked) < 3 and rng.random() < 0.08:
            ticked.append("other")
            answers[("q07_wege", "other")] = rng.choice(OTHER_WAYS[texts])
        if ticked:
            answers["q07_wege"] = set(ticked)
    lean = 0.3 + (0.3 if vacancies else -0.3) + (0.2 if international else 0)
    answers["q08_bedeutung"] = _scale(rng, 1, 5, lean=lean, dont_know=0.05)
    if rng.random() < 0.85:
        answers["q09_anerkennung"] = _pick(
            rng,
            {
                "gut": 20,
                "schwierig": 30 if international else 10,
                "interesse": 30,
                "nein": 15 if international else 35,
            },
        )
    if answers.get("q06_offene_stellen") == "ja" and rng.random() < 0.45:
        answers["q10_hindernisse"] = rng.choice(OBSTACLES[texts])
    if pages < 3:
        return answers

    if international:
        if rng.random() < 0.9:
            answers["q11_bedarf"] = {
                item: _scale(rng, 1, 5, lean=lean_item, dont_know=0.07)
                for item, lean_item in [
                    ("einarbeitung", 0.1),
                    ("deutsch", 0.5),
                    ("mehrsprachig", 0.0),
                    ("fuehrung", -0.1),
                    ("konflikte", -0.4),
                ]
            }
        if rng.random() < 0.85:
            if rng.random() < 0.3:
                answers["q12_sprachfoerderung"] = {"keine"}
            else:
                offered = {
                    code
                    for code, p in [("kurse", 0.5), ("arbeitsplatz", 0.45), ("einfach", 0.3)]
                    if rng.random() < p
                }
                answers["q12_sprachfoerderung"] = offered or {"kurse"}
        if rng.random() < 0.85:
            answers["q13_paten"] = "ja" if rng.random() < 0.4 else "nein"
        if rng.random() < 0.6:
            answers["q14_sprachen"] = rng.choice(SPOKEN)
        if rng.random() < 0.85:
            answers["q15_zufriedenheit"] = _scale(rng, 1, 7, lean=0.1)
    if pages < 4:
        return answers

    if rng.random() < 0.85:
        answers["q16_leitbild"] = "ja" if rng.random() < 0.35 else "nein"
    # Housing in the Alpine foothills is scarce and dear: most say it is hard.
    answers["q17_wohnen"] = _scale(rng, 1, 5, lean=0.6, dont_know=0.08)
    if rng.random() < 0.8:
        if rng.random() < 0.3:
            answers["q18_unterstuetzung"] = {"nichts"}
        else:
            helped = {
                code
                for code, p in [
                    ("wohnung", 0.5),
                    ("behoerden", 0.45),
                    ("kinder", 0.12),
                    ("freizeit", 0.25),
                ]
                if rng.random() < p
            }
            answers["q18_unterstuetzung"] = helped or {"behoerden"}
    if rng.random() < 0.85:
        answers["q19_kooperation"] = _pick(rng, {"regelmaessig": 20, "gelegentlich": 50, "nie": 30})
    if rng.random() < 0.85:
        answers["q20_information"] = _pick(rng, {"gut": 20, "teils": 50, "kaum": 30})
    if pages < 5:
        return answers

    topics = {
        "personalgewinnung": 5 if vacancies else 2,
        "onboarding": 3 if international else 1,
        "sprache": 4 if international else 1,
        "anerkennung": 3 if answers.get("q09_anerkennung") in ("schwierig", "interesse") else 1,
        "kultur": 1.5,
        "leben": 3 if answers["q17_wohnen"] in (4, 5) else 1,
    }
    chosen: set = set()
    for _n in range(rng.choice([1, 2, 2, 3, 3])):
        chosen.add(_pick(rng, topics))
    answers["q21_themen"] = chosen
    if rng.random() < 0.8:
        answers["q22_form"] = _pick(
            rng, {"workshop": 30, "beratung": 30, "online": 25, "material": 15}
        )
    if answers.get("q22_form") == "beratung" and rng.random() < 0.7:
        answers["q23_termin"] = opened + datetime.timedelta(days=rng.randint(30, 120))
    if rng.random() < 0.65:
        answers["q24_stunden"] = rng.choice([1, 2, 2, 3, 4, 4, 5, 8, 10, 16])
    if rng.random() < 0.25:
        answers["q25_anmerkungen"] = rng.choice(REMARKS[texts])
    return answers


class _Rows:
    """Turns answers by code into Answer and AnswerChoice rows of one version."""

    def __init__(self, version):
        self.questions = {q.code: q for q in Question.objects.filter(version=version)}
        self.choices = {
            (c.question_id, c.code): c.pk for c in Choice.objects.filter(question__version=version)
        }
        self.items = {
            (i.question_id, i.code): i.pk
            for i in MatrixItem.objects.filter(question__version=version)
        }
        self.answers: list[Answer] = []
        self.ticks: list[tuple[Answer, list[int]]] = []

    def add(self, response_id: int, values: dict) -> None:
        for code, value in values.items():
            if isinstance(code, tuple):
                continue
            question = self.questions[code]
            answer = Answer(response_id=response_id, question=question)
            other = values.get((code, "other"), "")
            match question.type:
                case Question.Type.SINGLE_CHOICE | Question.Type.YES_NO:
                    answer.choice_id = self.choices[(question.pk, value)]
                    answer.text = other
                case Question.Type.MULTIPLE_CHOICE:
                    answer.text = other
                    self.ticks.append(
                        (answer, [self.choices[(question.pk, c)] for c in sorted(value)])
                    )
                case Question.Type.MATRIX:
                    for item, point in value.items():
                        self.answers.append(
                            Answer(
                                response_id=response_id,
                                question=question,
                                item_id=self.items[(question.pk, item)],
                                number=None if point == "dont_know" else Decimal(point),
                                dont_know=point == "dont_know",
                            )
                        )
                    continue
                case Question.Type.RATING:
                    answer.dont_know = value == "dont_know"
                    answer.number = None if answer.dont_know else Decimal(value)
                case Question.Type.NUMBER:
                    answer.number = Decimal(value)
                case Question.Type.DATE:
                    answer.date = value
                case _:
                    answer.text = value
            self.answers.append(answer)

    def save(self) -> None:
        Answer.objects.bulk_create(self.answers)
        AnswerChoice.objects.bulk_create(
            AnswerChoice(answer=answer, choice_id=choice_id)
            for answer, choice_ids in self.ticks
            for choice_id in choice_ids
        )


def _office_time(rng, day: datetime.date) -> datetime.datetime:
    """A moment of a working day, 8:00 to 18:00 local time."""
    moment = datetime.datetime.combine(day, datetime.time(8)) + datetime.timedelta(
        minutes=rng.randint(0, 600)
    )
    return timezone.make_aware(moment)


def _recipients(rng, district, count: int) -> list[tuple[object, str]]:
    """(organisation or None, address): the district's KMU with an e-mail address, then invented
    companies at reserved example domains."""
    recipients = [
        (org, org.email)
        for org in Organization.objects.filter(district=district, kind=Organization.Kind.SME)
        .exclude(email="")
        .order_by("name", "pk")[:count]
    ]
    taken = {email.lower() for _org, email in recipients}
    while len(recipients) < count:
        word, trade = rng.choice(COMPANY_WORDS), rng.choice(COMPANY_TRADES)
        domain = f"{word.lower()}-{trade}.{rng.choice(DOMAIN_ENDS)}"
        email = f"{rng.choice(MAILBOXES)}@{domain}"
        if email not in taken:
            taken.add(email)
            recipients.append((None, email))
    return recipients


def _save_responses(version, rows: list[tuple[Response, dict]]) -> None:
    """Responses with their answers. Written like a respondent would: the answers while the
    response is open (a trigger refuses answers to a submitted one), then the times; bulk_create
    stamps started_at and updated_at with now, so the demo's own times are set afterwards."""
    times = [(r.started_at, r.updated_at, r.submitted_at) for r, _values in rows]
    responses = [response for response, _values in rows]
    for response in responses:
        response.submitted_at = None
    Response.objects.bulk_create(responses)
    answer_rows = _Rows(version)
    for response, values in rows:
        answer_rows.add(response.pk, values)
    answer_rows.save()
    for response, (started, updated, submitted) in zip(responses, times, strict=True):
        response.started_at, response.updated_at = started, updated
        response.submitted_at = submitted
    Response.objects.bulk_update(responses, ["started_at", "updated_at", "submitted_at"])


def _seed_miesbach(version, rng) -> SurveyRound:
    """The anonymous round: 200 invitations, about 190 delivered, 70 submitted."""
    district = District.objects.get(official_key="09182")
    staff = get_user_model().objects.filter(username="lra-oberland").first()
    today = timezone.localdate()
    opened = today - datetime.timedelta(days=28)
    opens_at = timezone.make_aware(datetime.datetime.combine(opened, datetime.time(8)))
    now = timezone.now()
    survey_round, _open = services.round_create(
        district=district,
        version=version,
        title=MIESBACH_ROUND,
        opens_at=opens_at,
        closes_at=timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=8), datetime.time(23, 59))
        ),
        access=SurveyRound.Access.INVITATION,
        anonymity=SurveyRound.Anonymity.ANONYMOUS,
        sender_name="Landratsamt Miesbach – Wirtschaftsförderung",
        reply_to="wirtschaftsfoerderung@lra-miesbach.example.org",
        created_by=staff,
    )
    reminded_at = opens_at + datetime.timedelta(days=14, hours=1)
    invitations = []
    for n, (organization, email) in enumerate(_recipients(rng, district, INVITED)):
        salt = tokens.new_salt()
        invitation = Invitation(
            round=survey_round,
            organization=organization,
            email=email,
            token_salt=salt,
            token_hash=services.token_hash(tokens.invitation_token(salt)),
            language="en" if rng.random() < 0.1 else "de",
            queued_at=opens_at,
            attempts=1,
        )
        # Sent in batches over the first three working days.
        day = opened + datetime.timedelta(days=min(n // 70, 2))
        moment = _office_time(rng, day)
        if n % (INVITED // FAILED) == 7:
            invitation.failed_at = moment
            invitation.attempts = 3
            invitation.failure_reason = rng.choice(FAILURE_REASONS).format(email=email)
        else:
            invitation.sent_at = moment
        invitations.append(invitation)
    delivered = [i for i in invitations if i.sent_at]
    rng.shuffle(delivered)
    answering = delivered[: SUBMITTED + STARTED_ONLY]
    for invitation in delivered[-OPTED_OUT:]:
        invitation.opted_out_at = invitation.sent_at + datetime.timedelta(hours=rng.randint(2, 300))
    rows = []
    for k, invitation in enumerate(answering):
        submitted = k < SUBMITTED
        # Most answer within days of the invitation, a second wave after the reminder, a few
        # at any time.
        wave = rng.random()
        if wave < 0.55:
            started = invitation.sent_at + datetime.timedelta(hours=rng.expovariate(1 / 40))
        elif wave < 0.85:
            started = reminded_at + datetime.timedelta(hours=rng.expovariate(1 / 30))
        else:
            started = invitation.sent_at + datetime.timedelta(hours=rng.uniform(72, 600))
        started = min(started, now - datetime.timedelta(hours=rng.uniform(2, 48)))
        if submitted:
            finished = started + datetime.timedelta(minutes=rng.uniform(6, 35))
            if rng.random() < 0.1:  # interrupted and resumed the next day
                finished += datetime.timedelta(hours=rng.uniform(16, 30))
            finished = min(finished, now - datetime.timedelta(minutes=30))
        else:
            finished = started + datetime.timedelta(minutes=rng.uniform(2, 12))
        pages = 5 if submitted else rng.choice([1, 2, 2, 3])
        invitation.started = True
        invitation.completed = submitted
        if invitation.sent_at < reminded_at and not (submitted and finished < reminded_at):
            invitation.reminders_sent, invitation.last_reminded_at = 1, reminded_at
        response = Response(
            round=survey_round,
            resume_token_hash=tokens.response_key(tokens.invitation_token(invitation.token_salt)),
            language=invitation.language if rng.random() < 0.95 else "de",
            consent_at=started,
            furthest_position=pages,
            submitted_at=finished if submitted else None,
            started_at=started,
            updated_at=finished,
        )
        rows.append((response, _respondent(rng, response.language, opened, pages)))
    reminded = 0
    for invitation in invitations:
        if (
            invitation.sent_at
            and not invitation.started
            and invitation.sent_at < reminded_at
            and (invitation.opted_out_at is None or invitation.opted_out_at > reminded_at)
        ):
            invitation.reminders_sent, invitation.last_reminded_at = 1, reminded_at
        reminded += invitation.reminders_sent
    # Invitations and responses are written in separate, shuffled orders, so neither the row
    # order nor the primary keys pair an anonymous response with its invitation.
    rng.shuffle(invitations)
    Invitation.objects.bulk_create(invitations)
    rng.shuffle(rows)
    _save_responses(version, rows)
    Reminder.objects.create(
        round=survey_round,
        scheduled_for=reminded_at,
        sent_at=reminded_at,
        recipients=reminded,
        created_by=staff,
    )
    for invitation in invitations:
        if invitation.opted_out_at:
            OptOut.objects.get_or_create(
                email=invitation.email, defaults={"source": OptOut.Source.LINK}
            )
    return survey_round


def _seed_open_round(version, rng) -> SurveyRound:
    """An open-link round: every respondent gets a resume link of their own, nothing else."""
    district = District.objects.get(official_key="09190")
    today = timezone.localdate()
    opened = today - datetime.timedelta(days=12)
    opens_at = timezone.make_aware(datetime.datetime.combine(opened, datetime.time(9)))
    now = timezone.now()
    survey_round, _token = services.round_create(
        district=district,
        version=version,
        title=OPEN_ROUND,
        opens_at=opens_at,
        closes_at=opens_at + datetime.timedelta(days=42),
        access=SurveyRound.Access.OPEN,
        anonymity=SurveyRound.Anonymity.ANONYMOUS,
        sender_name="Landratsamt Weilheim-Schongau",
        created_by=get_user_model().objects.filter(username="lra-oberland").first(),
    )
    rows = []
    for k in range(OPEN_SUBMITTED + OPEN_STARTED_ONLY):
        submitted = k < OPEN_SUBMITTED
        started = min(
            opens_at + datetime.timedelta(hours=rng.expovariate(1 / 90)),
            now - datetime.timedelta(hours=rng.uniform(1, 24)),
        )
        finished = started + datetime.timedelta(minutes=rng.uniform(6, 30))
        pages = 5 if submitted else rng.choice([1, 2, 3])
        language = "en" if rng.random() < 0.1 else "de"
        response = Response(
            round=survey_round,
            resume_token_hash=services.token_hash(services.new_token()),
            language=language,
            consent_at=started,
            furthest_position=pages,
            submitted_at=finished if submitted else None,
            started_at=started,
            updated_at=finished,
        )
        rows.append((response, _respondent(rng, language, opened, pages)))
    _save_responses(version, rows)
    return survey_round


def _seed_personal_round(version, rng) -> SurveyRound:
    """A small, closed, personalised round in Weilheim-Schongau: its responses belong to their
    organisations, so the consulting case of the first KMU (consulting.demo) can take its needs
    assessment over from the survey."""
    district = District.objects.get(official_key="09190")
    today = timezone.localdate()
    opened = today - datetime.timedelta(days=40)
    opens_at = timezone.make_aware(datetime.datetime.combine(opened, datetime.time(9)))
    survey_round, _open = services.round_create(
        district=district,
        version=version,
        title=PERSONAL_ROUND,
        opens_at=opens_at,
        closes_at=opens_at + datetime.timedelta(days=35),
        access=SurveyRound.Access.INVITATION,
        anonymity=SurveyRound.Anonymity.PERSONALISED,
        sender_name="Landratsamt Weilheim-Schongau",
        created_by=get_user_model().objects.filter(username="lra-oberland").first(),
    )
    organizations = Organization.objects.filter(
        district=district, kind=Organization.Kind.SME
    ).order_by("name")[:6]
    invitations = []
    for n, organization in enumerate(organizations):
        salt = tokens.new_salt()
        answered = n < 4
        invitations.append(
            Invitation(
                round=survey_round,
                organization=organization,
                email=organization.email,
                token_salt=salt,
                token_hash=services.token_hash(tokens.invitation_token(salt)),
                queued_at=opens_at,
                sent_at=opens_at + datetime.timedelta(minutes=5 + n),
                attempts=1,
                started=answered,
                completed=answered,
            )
        )
    Invitation.objects.bulk_create(invitations)
    rows = []
    for invitation in invitations[:4]:
        started = invitation.sent_at + datetime.timedelta(hours=rng.uniform(2, 200))
        finished = started + datetime.timedelta(minutes=rng.uniform(8, 30))
        response = Response(
            round=survey_round,
            invitation=invitation,
            language="de",
            consent_at=started,
            furthest_position=5,
            submitted_at=finished,
            started_at=started,
            updated_at=finished,
        )
        rows.append((response, _respondent(rng, "de", opened)))
    _save_responses(version, rows)
    return survey_round


def _mark_breakdowns(questionnaire: Questionnaire) -> None:
    """Demo versions made before questions had a breakdown get the marks of DEMO_QUESTIONNAIRE.

    The versions are frozen by their responses, and the builder refuses to change them; but a
    breakdown is evaluation metadata (how the results page may group respondents), not the
    meaning of a question or its answers, so setting it by a direct UPDATE is fine. Idempotent:
    only questions still unmarked, in versions where no other question has the mark."""
    marks = [
        (q["code"], q["breakdown"])
        for section in DEMO_QUESTIONNAIRE["sections"]
        for q in section["questions"]
        if q.get("breakdown")
    ]
    changed = 0
    for code, breakdown in marks:
        changed += (
            Question.objects.filter(
                version__questionnaire=questionnaire,
                code=code,
                breakdown="",
                type__in=Question.BREAKDOWN_TYPES[breakdown],
            )
            .exclude(version__questions__breakdown=breakdown)
            .update(breakdown=breakdown)
        )
    if changed:  # cached structures of the versions are rebuilt (surveys.queries)
        questionnaire.versions.update(structure_changed_at=timezone.now())


def _update_texts(questionnaire: Questionnaire) -> None:
    """Demo versions made before the demo spoke six languages get its translations and answering
    details. Like the breakdowns, by direct UPDATEs of frozen versions: a translation, a
    year-only date entry (the stored first of January reads as that year), an integer-only
    number and an exclusive "none so far" change how a question is asked, not what its answers
    mean. Idempotent: only what differs from DEMO_QUESTIONNAIRE is written."""
    from surveys.models import QuestionnaireVersion, Section

    data = DEMO_QUESTIONNAIRE
    versions = list(questionnaire.versions.all())
    if all(version.languages == data["languages"] for version in versions):
        return  # updated before (seed() is one transaction): seeding again stays quick
    changed = False
    for version in versions:
        if version.languages != data["languages"]:
            version.languages = list(data["languages"])
            for name in services.VERSION_TEXTS:
                setattr(version, name, {**getattr(version, name), **data[name]})
            QuestionnaireVersion.objects.filter(pk=version.pk).update(
                languages=version.languages,
                title=version.title,
                introduction=version.introduction,
                closing_text=version.closing_text,
                privacy_notice=version.privacy_notice,
                consent_label=version.consent_label,
            )
            changed = True
        sections = {s.position: s for s in Section.objects.filter(version=version)}
        for position, s_data in enumerate(data["sections"], start=1):
            section = sections.get(position)
            if section is None or section.title.get("de") != s_data["title"]["de"]:
                continue
            title = {**section.title, **s_data["title"]}
            description = {**section.description, **(s_data["description"] or {})}
            if (title, description) != (section.title, section.description):
                Section.objects.filter(pk=section.pk).update(title=title, description=description)
                changed = True
            questions = {q.code: q for q in Question.objects.filter(section=section)}
            for q_data in s_data["questions"]:
                question = questions.get(q_data["code"])
                if question is not None:
                    changed |= _update_question(question, q_data)
    if changed:  # cached structures of the versions are rebuilt (surveys.queries)
        questionnaire.versions.update(structure_changed_at=timezone.now())


def _update_question(question: Question, q_data: dict) -> bool:
    texts = ["text", "help_text", "other_label", "scale_low_label", "scale_high_label", "unit"]
    values = {name: {**getattr(question, name), **(q_data[name] or {})} for name in texts}
    if question.code == "q03_gruendung":  # the help text now asks for a year
        values["help_text"] = dict(q_data["help_text"])
    values["number_integer"] = q_data["number_integer"]
    values["date_precision"] = q_data["date_precision"]
    changed = any(getattr(question, name) != value for name, value in values.items())
    if changed:
        Question.objects.filter(pk=question.pk).update(**values)
    for rows, model in ((q_data["choices"], Choice), (q_data["items"], MatrixItem)):
        current = {row.code: row for row in model.objects.filter(question=question)}
        for row in rows:
            found = current.get(row["code"])
            if found is None:
                continue
            update = {"label": {**found.label, **row["label"]}}
            if model is Choice:
                update["exclusive"] = row.get("exclusive", False)
            if any(getattr(found, name) != value for name, value in update.items()):
                model.objects.filter(pk=found.pk).update(**update)
                changed = True
    return changed


@transaction.atomic
def seed() -> str:
    questionnaire = Questionnaire.objects.filter(name=DEMO_NAME).first()
    if questionnaire is None:
        version = services.questionnaire_import(data=DEMO_QUESTIONNAIRE)
    else:
        version = questionnaire.versions.order_by("-number").first()
        _mark_breakdowns(questionnaire)
        _update_texts(questionnaire)
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

    # A fixed seed: the same answers on every machine (the links' salts stay secret-random).
    rng = random.Random(20261106)
    miesbach = SurveyRound.objects.filter(title=MIESBACH_ROUND).first()
    if miesbach is None:
        miesbach = _seed_miesbach(version, rng)
    open_round = SurveyRound.objects.filter(title=OPEN_ROUND).first()
    if open_round is None:
        open_round = _seed_open_round(version, rng)
    if not SurveyRound.objects.filter(title=PERSONAL_ROUND).exists():
        _seed_personal_round(version, rng)
    counts = Response.objects.filter(round=miesbach, submitted_at__isnull=False).count()
    return (
        f"Fragebogen „{DEMO_NAME}“ ({len(DEMO_QUESTIONNAIRE['sections'])} Abschnitte), "
        f"Runde im Landkreis München: /befragung/t/{DEMO_TOKEN}/ "
        f"(offener Link: /befragung/offen/{DEMO_OPEN_TOKEN}/); "
        f"Runde „{MIESBACH_ROUND}“ (anonym, {miesbach.invitations.count()} Einladungen, "
        f"{counts} abgeschickte Antworten); "
        f"offener Link im Landkreis Weilheim-Schongau: "
        f"/befragung/offen/"
        f"{tokens.open_token(open_round.open_token_salt, open_round.open_token_hash)}/ "
        f"und eine abgeschlossene personenbezogene Runde (Vorlage für die Bedarfsanalyse "
        f"des Beratungsfalls dort)"
    )
