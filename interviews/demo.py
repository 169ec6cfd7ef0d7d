"""Demo data of the interview study: one study led by the demo user "interviewteam", a guide of
12 questions, six invented companies with invented interviews (our own words), a codebook of
23 codes, the coded passages and three published best-practice examples.

Transcripts are assembled from answer sentences; sentences tagged with codes become coded
segments, so every position is exact. Natural keys (title, pseudonym, date, code path, slug)
make the seed idempotent.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from catalog.models import FieldOfAction, Measure
from interviews import services
from interviews.models import (
    BestPractice,
    Code,
    Company,
    GuideQuestion,
    Interview,
    InterviewGuide,
    PseudonymKey,
    Segment,
    Study,
    StudyMember,
)

TITLE = "Interkulturelle Öffnung in innovativen jungen Unternehmen"

GUIDE = [
    ("Einstieg", "Erzählen Sie bitte kurz, wie Ihr Unternehmen entstanden ist."),
    ("Einstieg", "Wie setzt sich Ihre Belegschaft heute zusammen?"),
    ("Gewinnung", "Wie finden Sie neue Mitarbeitende?"),
    ("Gewinnung", "Welche Rolle spielen Abschlüsse aus dem Ausland?"),
    ("Ankommen", "Wie läuft die Einarbeitung neuer Kolleginnen und Kollegen?"),
    ("Ankommen", "Wie verständigen Sie sich im Arbeitsalltag?"),
    ("Zusammenarbeit", "Was hat sich in der Zusammenarbeit im Team verändert?"),
    ("Zusammenarbeit", "Wie gehen Sie mit Konflikten oder Vorurteilen um?"),
    ("Umfeld", "Welche Unterstützung haben Sie von außen bekommen?"),
    ("Umfeld", "Was brauchen Ihre Beschäftigten außerhalb der Arbeit?"),
    ("Bilanz", "Was hat die Öffnung Ihrem Unternehmen gebracht?"),
    ("Bilanz", "Was würden Sie anderen kleinen Betrieben raten?"),
]

# (category, code, colour, definition, fields of action)
CODEBOOK = [
    ("Gewinnung", None, "#1F77B4", "Wie Betriebe Personal finden und auswählen.", []),
    (
        "Gewinnung",
        "Mehrsprachige Ansprache",
        "#1F77B4",
        "Stellenangebote oder Informationen in mehreren Sprachen.",
        ["personalgewinnung"],
    ),
    (
        "Gewinnung",
        "Kooperation mit Arbeitsagentur und Jobcenter",
        "#1F77B4",
        "Vermittlung, Praktika oder Förderung über die Arbeitsverwaltung.",
        ["netzwerke"],
    ),
    (
        "Gewinnung",
        "Anerkennung von Abschlüssen",
        "#1F77B4",
        "Verfahren zur Anerkennung ausländischer Qualifikationen.",
        ["anerkennung"],
    ),
    (
        "Gewinnung",
        "Empfehlung durch Beschäftigte",
        "#1F77B4",
        "Neue Leute kommen über Kontakte der Belegschaft.",
        ["personalgewinnung"],
    ),
    ("Ankommen", None, "#2CA02C", "Die ersten Wochen und Monate im Betrieb.", []),
    (
        "Ankommen",
        "Patenschaften",
        "#2CA02C",
        "Erfahrene Beschäftigte begleiten Neue.",
        ["onboarding"],
    ),
    (
        "Ankommen",
        "Visuelle Anleitungen",
        "#2CA02C",
        "Bilder, Piktogramme oder Videos statt langer Texte.",
        ["sprache", "onboarding"],
    ),
    (
        "Ankommen",
        "Sprachförderung im Betrieb",
        "#2CA02C",
        "Deutschkurse oder Sprachlernzeit während der Arbeit.",
        ["sprache"],
    ),
    ("Kultur", None, "#9467BD", "Haltungen, Regeln und Gewohnheiten im Betrieb.", []),
    (
        "Kultur",
        "Haltung der Geschäftsführung",
        "#9467BD",
        "Die Leitung zeigt sichtbar, dass Vielfalt gewollt ist.",
        ["organisationskultur"],
    ),
    (
        "Kultur",
        "Umgang mit Konflikten",
        "#9467BD",
        "Wie Missverständnisse und Streit geklärt werden.",
        ["personalentwicklung"],
    ),
    (
        "Kultur",
        "Feiertage und Rituale",
        "#9467BD",
        "Gemeinsame Feste, Rücksicht auf religiöse Feiertage, Essen.",
        ["organisationskultur"],
    ),
    (
        "Kultur",
        "Schutz vor Diskriminierung",
        "#9467BD",
        "Regeln und Anlaufstellen gegen Abwertung.",
        ["organisationskultur"],
    ),
    ("Umfeld", None, "#8C564B", "Unterstützung und Bedarfe außerhalb des Betriebs.", []),
    (
        "Umfeld",
        "Wohnraum",
        "#8C564B",
        "Suche nach Wohnungen für Beschäftigte.",
        ["willkommenskultur"],
    ),
    (
        "Umfeld",
        "Behördengänge",
        "#8C564B",
        "Begleitung bei Ämtern und Aufenthaltsfragen.",
        ["willkommenskultur"],
    ),
    (
        "Umfeld",
        "Beratungsnetzwerke",
        "#8C564B",
        "Kammern, MigraNet-Beratung, Landratsamt und andere Partner.",
        ["netzwerke"],
    ),
    ("Wirkung", None, "#D62728", "Was die Öffnung bewirkt hat.", []),
    ("Wirkung", "Fachkräftesicherung", "#D62728", "Stellen werden besetzt, Leute bleiben.", []),
    (
        "Wirkung",
        "Neue Ideen durch Vielfalt",
        "#D62728",
        "Andere Sichtweisen führen zu neuen Lösungen.",
        [],
    ),
    ("Hemmnisse", None, "#7F7F7F", "Was die Öffnung schwer macht.", []),
    ("Hemmnisse", "Zeitmangel", "#7F7F7F", "Im Alltag fehlt die Zeit für Begleitung.", []),
    ("Hemmnisse", "Bürokratie", "#7F7F7F", "Lange Verfahren und unklare Zuständigkeiten.", []),
]

COMPANIES = [
    # pseudonym, invented real name, sector, size, founded, place, share, trade, product
    (
        "U01",
        "Lechtal Solartechnik GmbH",
        "Elektrotechnik",
        "10-49",
        2017,
        "Landsberg am Lech",
        "25-50",
        "Montage",
        "Solaranlagen",
    ),
    (
        "U02",
        "Brotzeit & Co. Manufaktur",
        "Lebensmittelhandwerk",
        "10-49",
        2019,
        "Kaufering",
        "50-100",
        "Backstube",
        "Brot und Feinkost",
    ),
    (
        "U03",
        "Ammersee Pflegeteam GmbH",
        "Pflege",
        "50-249",
        2015,
        "Dießen",
        "25-50",
        "Pflege",
        "ambulante Pflege",
    ),
    (
        "U04",
        "Holzwerk Oberland eG",
        "Holzbau",
        "10-49",
        2018,
        "Miesbach",
        "10-25",
        "Werkstatt",
        "Holzmodule",
    ),
    (
        "U05",
        "Digitalwerkstatt Isar GmbH",
        "Software",
        "1-9",
        2021,
        "Unterhaching",
        "25-50",
        "Entwicklung",
        "Apps für Handwerksbetriebe",
    ),
    (
        "U06",
        "Gästehaus am Weiher KG",
        "Gastgewerbe",
        "10-49",
        2016,
        "Tegernsee",
        "50-100",
        "Küche",
        "Übernachtungen und Küche",
    ),
]

# Answers per guide question: (text, codes). {trade} and {product} are filled per company.
ANSWERS = [
    [
        ("Wir haben klein angefangen, mit drei Leuten und viel Idealismus für {product}.", []),
        ("Am Anfang haben wir gar nicht an Vielfalt gedacht, wir brauchten einfach Hände.", []),
        (
            "Die Chefin hat von Anfang an gesagt, dass bei uns jeder willkommen ist, der mit "
            "anpacken will.",
            ["Haltung der Geschäftsführung"],
        ),
    ],
    [
        ("Heute arbeiten bei uns Menschen aus neun Ländern, die meisten in der {trade}.", []),
        ("Manche sind seit Jahren hier, andere erst seit ein paar Monaten in Deutschland.", []),
    ],
    [
        (
            "Die meisten neuen Leute kommen über Empfehlungen aus dem Team, das funktioniert "
            "besser als jede Anzeige.",
            ["Empfehlung durch Beschäftigte"],
        ),
        (
            "Unsere Stellenanzeige gibt es inzwischen auf Deutsch, Englisch und Arabisch.",
            ["Mehrsprachige Ansprache"],
        ),
        (
            "Mit dem Arbeitgeberservice vom Jobcenter machen wir Probearbeitstage, "
            "das nimmt beiden Seiten die Angst.",
            ["Kooperation mit Arbeitsagentur und Jobcenter"],
        ),
    ],
    [
        (
            "Ein Kollege hatte einen Abschluss als Techniker, aber die Anerkennung "
            "hat fast ein Jahr gedauert.",
            ["Anerkennung von Abschlüssen", "Bürokratie"],
        ),
        (
            "Wir haben ihn in der Zeit als Helfer beschäftigt und die Anpassungsqualifizierung "
            "mitfinanziert.",
            ["Anerkennung von Abschlüssen"],
        ),
    ],
    [
        (
            "Jede neue Person bekommt eine Patin oder einen Paten aus dem Team für die ersten drei "
            "Monate.",
            ["Patenschaften"],
        ),
        (
            "Die Arbeitsschritte in der {trade} haben wir fotografiert und als Bildkarten an die "
            "Wand gehängt.",
            ["Visuelle Anleitungen"],
        ),
        (
            "Ehrlich gesagt fehlt uns oft die Zeit, neue Leute so zu begleiten, wie wir es gern "
            "würden.",
            ["Zeitmangel"],
        ),
    ],
    [
        (
            "Im Alltag sprechen wir Deutsch, aber einfach und langsam, "
            "und keiner lacht über Fehler.",
            ["Sprachförderung im Betrieb"],
        ),
        (
            "Zweimal pro Woche gibt es eine Stunde Deutsch während der Arbeitszeit, bezahlt.",
            ["Sprachförderung im Betrieb"],
        ),
        ("Wenn es schwierig wird, hilft die Übersetzungs-App auf dem Handy. 📱", []),
    ],
    [
        ("Die Teams sind gemischter, und die Leute erklären sich gegenseitig mehr als früher.", []),
        (
            "Ein Kollege aus Eritrea hatte die Idee, die Materialliste mit Symbolen zu ordnen, das "
            "nutzen jetzt alle.",
            ["Neue Ideen durch Vielfalt", "Visuelle Anleitungen"],
        ),
    ],
    [
        (
            "Es gab einmal einen abfälligen Spruch, da haben wir sofort ein Gespräch mit allen "
            "geführt.",
            ["Umgang mit Konflikten", "Schutz vor Diskriminierung"],
        ),
        (
            "Seitdem hängt ein Aushang, an wen man sich wenden kann, wenn man sich schlecht "
            "behandelt fühlt.",
            ["Schutz vor Diskriminierung"],
        ),
        (
            "Im Ramadan planen wir die Schichten gemeinsam, und am Ende feiern alle zusammen.",
            ["Feiertage und Rituale"],
        ),
    ],
    [
        (
            "Die Beratung der Handwerkskammer und das MigraNet-Projekt haben uns bei Fragen zum "
            "Aufenthalt sehr geholfen.",
            ["Beratungsnetzwerke"],
        ),
        (
            "Das Landratsamt hat uns eine feste Ansprechperson genannt, das spart viele Wege.",
            ["Beratungsnetzwerke", "Behördengänge"],
        ),
    ],
    [
        (
            "Das größte Problem ist Wohnraum, wir haben zwei Zimmer über der Werkstatt ausgebaut.",
            ["Wohnraum"],
        ),
        ("Bei Terminen auf dem Amt fährt oft jemand aus dem Büro mit.", ["Behördengänge"]),
    ],
    [
        (
            "Wir können heute Aufträge annehmen, die wir ohne unsere neuen "
            "Kolleginnen und Kollegen ablehnen müssten.",
            ["Fachkräftesicherung"],
        ),
        (
            "Die Leute bleiben, weil sie merken, dass wir uns um sie kümmern.",
            ["Fachkräftesicherung"],
        ),
    ],
    [
        (
            "Einfach anfangen, klein, mit einer Person, und nicht auf die perfekte Lösung warten.",
            [],
        ),
        (
            "Und sich Hilfe holen: Man muss nicht alles allein herausfinden. 🙂",
            ["Beratungsnetzwerke"],
        ),
    ],
]

# (pseudonym, title, challenge, what they did, effort, outcome, code of the quote, fields of
# action, slugs of the catalogue's demo measures the example puts into practice)
EXAMPLES = [
    (
        "U01",
        "Bildkarten statt Handbuch in der Montage",
        "Neue Monteurinnen und Monteure verstanden die schriftlichen Arbeitsanweisungen kaum.",
        "Der Betrieb fotografierte jeden Arbeitsschritt und hängte Bildkarten an die Wand; eine "
        "Idee aus dem Team ordnete das Material mit Symbolen.",
        "Zwei Tage Fotografieren und Drucken, danach wenig Pflege.",
        "Weniger Fehler, schnellere Einarbeitung, alle nutzen die Karten.",
        "Visuelle Anleitungen",
        ["sprache", "onboarding"],
        ["mehrsprachige-arbeitsschutz-unterweisung", "glossar-der-fachbegriffe"],
    ),
    (
        "U02",
        "Deutsch in der Arbeitszeit",
        "Viele Beschäftigte hatten nach der Schicht keine Kraft mehr für einen Abendkurs.",
        "Die Manufaktur bietet zweimal pro Woche eine bezahlte Stunde Deutsch im Betrieb an.",
        "Zwei Stunden pro Woche und Person, ein Teil über ein Förderprogramm finanziert.",
        "Die Verständigung im Team ist sicherer geworden, zwei Beschäftigte haben die B1-Prüfung "
        "bestanden.",
        "Sprachförderung im Betrieb",
        ["sprache"],
        ["deutsch-am-arbeitsplatz", "sprachtandems-im-team"],
    ),
    (
        "U03",
        "Patenschaften für die ersten drei Monate",
        "Neue Pflegekräfte fühlten sich in den ersten Wochen allein gelassen.",
        "Jede neue Person bekommt eine Patin oder einen Paten aus dem Team, mit festen "
        "Gesprächen nach zwei Wochen und nach drei Monaten.",
        "Etwa eine Stunde pro Woche für die Patin oder den Paten.",
        "Deutlich weniger Kündigungen in der Probezeit.",
        "Patenschaften",
        ["onboarding"],
        ["patenschaften-fuer-neue-kolleginnen", "einarbeitungsplan-mit-meilensteinen"],
    ),
]


def _build_transcript(company_index: int, trade: str, product: str):
    """The transcript text and the (start, end, code names) of its tagged sentences."""
    parts, tagged = [], []
    position = 0

    def add(text):
        nonlocal position
        parts.append(text)
        position += len(text)

    for number, ((_block, question), answers) in enumerate(zip(GUIDE, ANSWERS, strict=True)):
        add(f"I: {question}\n")
        add("B: ")
        # Each company leaves out a different sentence, so that the interviews differ.
        for index, (sentence, codes) in enumerate(answers):
            if len(answers) > 2 and (number + company_index) % len(answers) == index and codes:
                continue
            text = sentence.format(trade=trade, product=product)
            if codes:
                tagged.append((position, position + len(text), codes))
            add(text + " ")
        add("\n")
    return "".join(parts).rstrip() + "\n", tagged


@transaction.atomic
def seed() -> str:
    user = get_user_model().objects.filter(username="interviewteam").first()
    study, _created = Study.objects.get_or_create(
        title=TITLE,
        defaults={
            "research_questions": "Wie öffnen sich junge, innovative KMU für Beschäftigte mit "
            "Migrationsgeschichte? Was davon können andere Betriebe übernehmen?",
            "transcripts_delete_on": datetime.date(2028, 12, 31),
            "key_delete_on": datetime.date(2027, 12, 31),
        },
    )
    if user is not None:
        StudyMember.objects.update_or_create(
            study=study, user=user, defaults={"role": StudyMember.Role.MANAGE}
        )
    guide, _created = InterviewGuide.objects.get_or_create(
        study=study, version=1, defaults={"note": "Erste Fassung"}
    )
    for position, (block, text) in enumerate(GUIDE, start=1):
        GuideQuestion.objects.update_or_create(
            guide=guide, position=position, defaults={"block": block, "text": text}
        )
    fields = {f.slug: f for f in FieldOfAction.objects.all()}
    categories, codes = {}, {}
    for position, (category, name, colour, definition, slugs) in enumerate(CODEBOOK):
        parent = None if name is None else categories[category]
        code, _created = Code.objects.update_or_create(
            study=study,
            parent=parent,
            name=name or category,
            defaults={
                "colour": colour,
                "definition": definition,
                "position": position,
                "is_category": name is None,
            },
        )
        code.fields_of_action.set([fields[s] for s in slugs if s in fields])
        if name is None:
            categories[category] = code
        else:
            codes[name] = code
    interviews = {}
    for index, (
        pseudonym,
        real_name,
        sector,
        size,
        founded,
        place,
        share,
        trade,
        product,
    ) in enumerate(COMPANIES):
        company, _created = Company.objects.update_or_create(
            study=study,
            pseudonym=pseudonym,
            defaults={
                "sector": sector,
                "size_class": size,
                "founding_year": founded,
                "place": place,
                "migration_share": share,
            },
        )
        PseudonymKey.objects.update_or_create(
            company=company,
            defaults={"real_name": real_name, "contact": "Geschäftsführung (erfunden)"},
        )
        date = datetime.date(2025, 3, 3) + datetime.timedelta(days=9 * index)
        interview, _created = Interview.objects.update_or_create(
            company=company,
            date=date,
            defaults={
                "mode": [Interview.Mode.ON_SITE, Interview.Mode.VIDEO, Interview.Mode.PHONE][
                    index % 3
                ],
                "duration_minutes": 55 + 5 * index,
                "guide": guide,
                "consent_date": date,
                "consent_form_version": "2025-02",
                "consent_recording": True,
                "consent_transcription": True,
                "consent_scientific_use": True,
                "consent_quotation": True,
                "consent_publication": index == 0,
            },
        )
        if user is not None:
            interview.interviewers.set([user])
        text, tagged = _build_transcript(index, trade, product)
        if interview.transcript != text:
            services.interview_set_transcript(interview=interview, text=text)
        for start, end, names in tagged:
            segment, _created = Segment.objects.get_or_create(
                interview=interview,
                start=start,
                end=end,
                defaults={"text": text[start:end], "coder": user},
            )
            segment.codes.set([codes[n] for n in names])
        interview.status = Interview.Status.CODED
        interview.save(update_fields=["status"])
        interviews[pseudonym] = interview
    # The catalogue's demo measures (catalog.demo) each example puts into practice, by slug;
    # a measure missing from the catalogue is left out.
    measures = Measure.objects.in_bulk(
        [slug for *_rest, measure_slugs in EXAMPLES for slug in measure_slugs], field_name="slug"
    )
    published = 0
    for number, example_values in enumerate(EXAMPLES):
        (pseudonym, title, challenge, did, effort, outcome, code_name, slugs, measure_slugs) = (
            example_values
        )
        interview = interviews[pseudonym]
        quote = interview.segments.filter(codes=codes[code_name]).order_by("start").first()
        example = BestPractice.objects.filter(slug=f"demo-{number + 1}").first() or BestPractice(
            slug=f"demo-{number + 1}", study=study
        )
        example.title, example.company = title, interview.company
        example.challenge, example.what_they_did = challenge, did
        example.effort, example.outcome = effort, outcome
        example.quote_segment = quote
        example.quote = quote.text if quote else ""
        services.best_practice_save(
            example=example,
            interviews=[interview],
            codes=[codes[code_name]],
            fields_of_action=[fields[s] for s in slugs if s in fields],
            measures=[measures[slug] for slug in measure_slugs if slug in measures],
        )
        if example.status != BestPractice.Status.PUBLISHED:
            services.best_practice_publish(example=example)
        published += 1
    segment_count = Segment.objects.filter(interview__company__study=study).count()
    return (
        f"1 Interviewstudie, {len(GUIDE)} Leitfadenfragen, {len(interviews)} Interviews, "
        f"{len(codes) + len(categories)} Codes, {segment_count} kodierte Textstellen, "
        f"{published} veröffentlichte Beispiele"
    )
