"""Demo catalogue: literature, MigraNet providers with fictional contact persons, offers and
measures in all nine fields of action.

All texts are written for this demo; providers, offers and people are invented. The literature
references are real publications (titles, authors and years are facts and are cited as such).
`seed()` is idempotent: everything is found again by its natural key and brought up to date.
"""

import datetime
import unicodedata
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from catalog.demo_languages import measure_translations
from catalog.models import (
    FieldOfAction,
    LiteratureReference,
    Measure,
    Offer,
    Provider,
    Status,
)
from districts.models import Contact, District, Organization

MUNICH, LANDSBERG, WEILHEIM, MIESBACH = "09184", "09181", "09190", "09182"

# key: (authors, year, title, publisher or journal, web address)
REFERENCES = {
    "bosch2020": (
        "Robert Bosch Stiftung (Hg.)",
        2020,
        "Wechselwirkungen, Steuerungsmaßnahmen und Handlungsempfehlungen: Vielfalt von "
        "Zuwanderung und Entwicklung ländlicher Räume (Kurz-Expertise)",
        "Robert Bosch Stiftung",
        "https://www.bosch-stiftung.de",
    ),
    "kgst2017": (
        "Kommunale Gemeinschaftsstelle für Verwaltungsmanagement (KGSt) (Hg.)",
        2017,
        "Kommunales Integrationsmanagement Teil 2: Handlungsfelder und Erfolgsfaktoren gestalten",
        "KGSt",
        "https://www.kgst.de",
    ),
    "schader2011": (
        "Schader-Stiftung (Hg.)",
        2011,
        "Integrationspotenziale in kleinen Städten und Landkreisen. Ergebnisse des "
        "Forschungs-Praxis-Projekts",
        "Schader-Stiftung",
        "https://www.schader-stiftung.de",
    ),
    "iq_d17": (
        "Förderprogramm „Integration durch Qualifizierung (IQ)“ (Hg.)",
        None,
        "Kommunen als Partnerinnen von Unternehmen (Handbuchblatt D17)",
        "Netzwerk IQ",
        "",
    ),
    "handschuck2012": (
        "Handschuck, Sabine; Schröer, Hubertus",
        2012,
        "Interkulturelle Orientierung und Öffnung. Theoretische Grundlagen und 50 Aktivitäten "
        "zur Umsetzung",
        "Augsburg: ZIEL",
        "",
    ),
    "griese2012": (
        "Griese, Christiane; Marburger, Helga (Hg.)",
        2012,
        "Interkulturelle Öffnung. Ein Lehrbuch",
        "München: Oldenbourg",
        "",
    ),
    "thomas2003": (
        "Thomas, Alexander; Kinast, Eva-Ulrike; Schroll-Machl, Sylvia (Hg.)",
        2003,
        "Handbuch Interkulturelle Kommunikation und Kooperation. Band 1: Grundlagen und "
        "Praxisfelder",
        "Göttingen: Vandenhoeck & Ruprecht",
        "",
    ),
    "bolten2012": (
        "Bolten, Jürgen",
        2012,
        "Interkulturelle Kompetenz",
        "Erfurt: Landeszentrale für politische Bildung Thüringen",
        "",
    ),
    "deardorff2006": (
        "Deardorff, Darla K.",
        2006,
        "Identification and Assessment of Intercultural Competence as a Student Outcome of "
        "Internationalization",
        "Journal of Studies in International Education 10 (3), 241–266",
        "",
    ),
    "cox1991": (
        "Cox, Taylor",
        1991,
        "The Multicultural Organization",
        "Academy of Management Executive 5 (2), 34–47",
        "",
    ),
    "ely2001": (
        "Ely, Robin J.; Thomas, David A.",
        2001,
        "Cultural Diversity at Work: The Effects of Diversity Perspectives on Work Group "
        "Processes and Outcomes",
        "Administrative Science Quarterly 46 (2), 229–273",
        "",
    ),
    "thomas1990": (
        "Thomas, R. Roosevelt",
        1990,
        "From Affirmative Action to Affirming Diversity",
        "Harvard Business Review 68 (2), 107–117",
        "",
    ),
    "hofstede2010": (
        "Hofstede, Geert; Hofstede, Gert Jan; Minkov, Michael",
        2010,
        "Cultures and Organizations: Software of the Mind (3. Auflage)",
        "New York: McGraw-Hill",
        "",
    ),
    "oecd2013": (
        "OECD",
        2013,
        "Recruiting Immigrant Workers: Germany 2013",
        "Paris: OECD Publishing",
        "",
    ),
    "bmbf2019": (
        "Bundesministerium für Bildung und Forschung (Hg.)",
        2019,
        "Bericht zum Anerkennungsgesetz 2019",
        "Berlin: BMBF",
        "",
    ),
    "svr2018": (
        "Sachverständigenrat deutscher Stiftungen für Integration und Migration (Hg.)",
        2018,
        "Steuern, was zu steuern ist: Was können Einwanderungs- und Integrationsgesetze "
        "leisten? Jahresgutachten 2018",
        "Berlin: SVR",
        "",
    ),
}

# name: (kind, description, website, district keys (empty: all of Bavaria),
#        [(first name, last name, function, consented to be listed)])
PROVIDERS = {
    "Fachstelle Anerkennung Oberbayern": (
        Provider.Kind.SUBPROJECT,
        "Berät Beschäftigte und Betriebe zur Anerkennung ausländischer Abschlüsse und begleitet "
        "durch das Verfahren bis zum Bescheid.",
        "https://anerkennung.demo-migranet.example",
        [],
        [
            ("Selin", "Aksoy", "Anerkennungsberatung", True),
            ("Tomasz", "Wrobel", "Beratung für Betriebe", False),
        ],
    ),
    "Qualifizierungsberatung Südbayern": (
        Provider.Kind.SUBPROJECT,
        "Findet mit Fachkräften und Betrieben den passenden Weg zur vollen Anerkennung: "
        "Anpassungsqualifizierung, Prüfungsvorbereitung, Förderung.",
        "https://qualifizierung.demo-migranet.example",
        [],
        [("Marta", "Oliveira", "Qualifizierungsberatung", True)],
    ),
    "Brückenwerk Pflege und Technik": (
        Provider.Kind.PARTNER,
        "Bietet Brückenmaßnahmen für Pflege- und Technikberufe an, die Lücken zum deutschen "
        "Referenzberuf schließen.",
        "https://brueckenwerk.demo-migranet.example",
        [],
        [("Jonas", "Feldmeier", "Kursleitung Pflege", True)],
    ),
    "Beratungsstelle Faire Integration München": (
        Provider.Kind.SUBPROJECT,
        "Informiert Beschäftigte aus Drittstaaten und ihre Arbeitgeber zu Arbeitsrecht, Lohn, "
        "Arbeitszeit und Sozialversicherung – vertraulich und mehrsprachig.",
        "https://faire-integration.demo-migranet.example",
        [],
        [("Nadia", "Haddad", "Beratung Arbeitsrecht", True)],
    ),
    "Interkulturelle Trainingswerkstatt": (
        Provider.Kind.PARTNER,
        "Entwickelt Trainings zu interkultureller Kompetenz für Betriebe und Verwaltungen, "
        "praxisnah und mit Fällen aus dem Arbeitsalltag.",
        "https://training.demo-migranet.example",
        [],
        [("Ruth", "Lindner", "Trainerin", True)],
    ),
    "Prozessbegleitung Vielfalt im Betrieb": (
        Provider.Kind.SUBPROJECT,
        "Begleitet Organisationen über mehrere Monate bei der interkulturellen Öffnung: "
        "Bestandsaufnahme, Ziele, Umsetzung und Auswertung.",
        "https://prozessbegleitung.demo-migranet.example",
        [],
        [("Kerem", "Yıldız", "Organisationsberatung", True)],
    ),
    "Arbeitgeberservice Vielfalt Oberland": (
        Provider.Kind.PARTNER,
        "Ansprechpartner für Betriebe im Oberland, die Fachkräfte und Auszubildende mit "
        "internationaler Geschichte gewinnen wollen.",
        "https://oberland.demo-migranet.example",
        [MIESBACH, WEILHEIM],
        [("Vroni", "Hartl", "Arbeitgeberberatung", True)],
    ),
    "Netzwerkbüro Integration Landsberg": (
        Provider.Kind.PARTNER,
        "Bringt Landratsamt, Kommunen, Betriebe und Ehrenamt im Landkreis Landsberg am Lech an "
        "einen Tisch.",
        "https://landsberg.demo-migranet.example",
        [LANDSBERG],
        [("Paul", "Brenner", "Netzwerkkoordination", True)],
    ),
    "Landeskoordination MigraNet (Demo)": (
        Provider.Kind.COORDINATION,
        "Koordiniert die Teilprojekte, veranstaltet Fachtagungen und gibt Leitfäden heraus.",
        "https://koordination.demo-migranet.example",
        [],
        [("Ana", "Petrović", "Öffentlichkeitsarbeit", True)],
    ),
    "Sprachbrücke Beruf": (
        Provider.Kind.PARTNER,
        "Bietet berufsbezogene Deutschkurse direkt im Betrieb und Sprachcoaching für Teams.",
        "https://sprachbruecke.demo-migranet.example",
        [MUNICH],
        [("Hanna", "Sommer", "Sprachkursplanung", True)],
    ),
}

# slug: (provider, title, type, fields, kinds, districts (empty: all Bavaria), languages, cost,
#        description, valid until (days from today, None: open), status)
OFFERS = {
    "anerkennungsberatung-fuer-betriebe": (
        "Fachstelle Anerkennung Oberbayern",
        "Anerkennungsberatung für Betriebe",
        Offer.OfferType.RECOGNITION_COUNSELLING,
        ["anerkennung"],
        ["sme", "municipality", "district_office"],
        [],
        "Deutsch, Englisch, Polnisch",
        "kostenfrei",
        "Wir klären mit Ihnen, welche Stelle für den Abschluss Ihrer Beschäftigten zuständig ist, "
        "welche Unterlagen gebraucht werden und wie lange das Verfahren dauert.",
        None,
        Status.PUBLISHED,
    ),
    "anerkennungs-sprechstunde-muenchen": (
        "Fachstelle Anerkennung Oberbayern",
        "Anerkennungs-Sprechstunde im Landratsamt München",
        Offer.OfferType.RECOGNITION_COUNSELLING,
        ["anerkennung"],
        [],
        [MUNICH],
        "Deutsch, Englisch, Türkisch",
        "kostenfrei",
        "Einmal im Monat berät die Fachstelle vor Ort im Landratsamt – ohne Termin, für "
        "Beschäftigte und für Personalverantwortliche.",
        365,
        Status.PUBLISHED,
    ),
    "qualifizierungsberatung-fuer-fachkraefte": (
        "Qualifizierungsberatung Südbayern",
        "Qualifizierungsberatung nach dem Anerkennungsbescheid",
        Offer.OfferType.QUALIFICATION_COUNSELLING,
        ["anerkennung", "personalentwicklung"],
        ["sme"],
        [],
        "Deutsch, Englisch, Spanisch, Portugiesisch",
        "kostenfrei",
        "Bei teilweiser Anerkennung zeigen wir, welche Anpassungsqualifizierung fehlt, wer sie "
        "anbietet und welche Förderung den Betrieb entlastet.",
        None,
        Status.PUBLISHED,
    ),
    "brueckenmassnahme-pflege": (
        "Brückenwerk Pflege und Technik",
        "Brückenmaßnahme Pflegefachkraft",
        Offer.OfferType.BRIDGING,
        ["anerkennung", "personalentwicklung"],
        ["sme", "municipality"],
        [],
        "Deutsch",
        "förderfähig über Bildungsgutschein",
        "Sechs Monate Theorie und Praxiseinsätze, die bis zur vollen Anerkennung als "
        "Pflegefachkraft führen – berufsbegleitend möglich.",
        540,
        Status.PUBLISHED,
    ),
    "brueckenmassnahme-technik": (
        "Brückenwerk Pflege und Technik",
        "Brückenmaßnahme Elektro- und Metallberufe",
        Offer.OfferType.BRIDGING,
        ["anerkennung"],
        ["sme"],
        [],
        "Deutsch",
        "förderfähig",
        "Werkstattmodule und Fachsprache für Fachkräfte mit ausländischem Abschluss in Elektro- "
        "und Metallberufen.",
        None,
        Status.PUBLISHED,
    ),
    "faire-integration-beratung": (
        "Beratungsstelle Faire Integration München",
        "Beratung zu Arbeitsrecht und fairen Arbeitsbedingungen",
        Offer.OfferType.FAIR_INTEGRATION,
        ["onboarding", "organisationskultur"],
        [],
        [],
        "Deutsch, Englisch, Arabisch, Russisch, Rumänisch",
        "kostenfrei",
        "Vertrauliche Beratung für Beschäftigte zu Vertrag, Lohn und Arbeitszeit; Betriebe "
        "erfahren, worauf sie bei Neueingestellten aus Drittstaaten achten sollten.",
        None,
        Status.PUBLISHED,
    ),
    "workshop-arbeitsrecht-fuer-betriebe": (
        "Beratungsstelle Faire Integration München",
        "Workshop: Gute Arbeit von Anfang an",
        Offer.OfferType.EMPLOYER_ADVICE,
        ["onboarding"],
        ["sme"],
        [],
        "Deutsch",
        "kostenfrei",
        "Halbtägiger Workshop für Personalverantwortliche: Arbeitsvertrag, Probezeit, "
        "Unterweisung und typische Missverständnisse in den ersten Wochen.",
        45,
        Status.PUBLISHED,
    ),
    "training-fuer-fuehrungskraefte": (
        "Interkulturelle Trainingswerkstatt",
        "Interkulturelles Training für Führungskräfte",
        Offer.OfferType.INTERCULTURAL_TRAINING,
        ["personalentwicklung", "organisationskultur"],
        ["sme", "municipality", "district_office"],
        [],
        "Deutsch, Englisch",
        "ab 450 € pro Tag und Gruppe",
        "Zwei Tage mit Fällen aus dem eigenen Betrieb: Erwartungen klären, Feedback geben, "
        "Konflikte früh erkennen.",
        None,
        Status.PUBLISHED,
    ),
    "training-fuer-verwaltungen": (
        "Interkulturelle Trainingswerkstatt",
        "Training für Beschäftigte in Ämtern und Bürgerbüros",
        Offer.OfferType.INTERCULTURAL_TRAINING,
        ["personalentwicklung", "sprache"],
        ["municipality", "district_office"],
        [],
        "Deutsch",
        "auf Anfrage",
        "Verständlich erklären, mit Dolmetschdiensten arbeiten, schwierige Gespräche am "
        "Schalter führen.",
        None,
        Status.PUBLISHED,
    ),
    "prozessbegleitung-interkulturelle-oeffnung": (
        "Prozessbegleitung Vielfalt im Betrieb",
        "Prozessbegleitung interkulturelle Öffnung",
        Offer.OfferType.PROCESS_SUPPORT,
        ["organisationskultur", "personalentwicklung"],
        ["sme", "municipality", "district_office"],
        [],
        "Deutsch",
        "kostenfrei im Modellzeitraum",
        "Über sechs bis zwölf Monate: Bedarfsanalyse, gemeinsame Ziele, Steuerungsgruppe, "
        "Workshops und ein Abschlussbericht.",
        None,
        Status.PUBLISHED,
    ),
    "diversity-check-begleitung": (
        "Prozessbegleitung Vielfalt im Betrieb",
        "Begleiteter Diversity-Check",
        Offer.OfferType.PROCESS_SUPPORT,
        ["organisationskultur"],
        ["sme"],
        [],
        "Deutsch",
        "kostenfrei",
        "Ein strukturierter Blick auf Personalgewinnung, Einarbeitung und Betriebsklima, mit "
        "einem kurzen Bericht und drei Empfehlungen.",
        None,
        Status.PUBLISHED,
    ),
    "arbeitgeberberatung-oberland": (
        "Arbeitgeberservice Vielfalt Oberland",
        "Arbeitgeberberatung im Oberland",
        Offer.OfferType.EMPLOYER_ADVICE,
        ["personalgewinnung", "onboarding"],
        ["sme"],
        [MIESBACH, WEILHEIM],
        "Deutsch, Englisch",
        "kostenfrei",
        "Persönliche Beratung im Betrieb: Wege zu internationalen Fachkräften, Visa und "
        "Fristen, Einarbeitung und Förderprogramme.",
        None,
        Status.PUBLISHED,
    ),
    "ausbildungslotsen-oberland": (
        "Arbeitgeberservice Vielfalt Oberland",
        "Ausbildungslotsen für Betriebe im Landkreis Miesbach",
        Offer.OfferType.EMPLOYER_ADVICE,
        ["personalgewinnung"],
        ["sme"],
        [MIESBACH],
        "Deutsch",
        "kostenfrei",
        "Vermittelt Praktika und Ausbildungsplätze zwischen Ausbildungsbetrieben und jungen "
        "Zugewanderten und bleibt während der Ausbildung ansprechbar.",
        None,
        Status.PUBLISHED,
    ),
    "netzwerktreffen-landsberg": (
        "Netzwerkbüro Integration Landsberg",
        "Netzwerktreffen Fachkräfte und Integration",
        Offer.OfferType.NETWORKING,
        ["netzwerke", "willkommenskultur"],
        [],
        [LANDSBERG],
        "Deutsch",
        "kostenfrei",
        "Viermal im Jahr treffen sich Betriebe, Landratsamt, Jobcenter und Ehrenamt, um "
        "Anliegen zu klären und Angebote abzustimmen.",
        None,
        Status.PUBLISHED,
    ),
    "willkommenslotsen-landsberg": (
        "Netzwerkbüro Integration Landsberg",
        "Willkommenslotsen für neue Fachkräfte",
        Offer.OfferType.EMPLOYER_ADVICE,
        ["willkommenskultur"],
        ["sme", "municipality"],
        [LANDSBERG],
        "Deutsch, Englisch, Ukrainisch",
        "kostenfrei",
        "Ehrenamtliche Lotsinnen und Lotsen helfen bei Wohnungssuche, Anmeldung, Kita und "
        "Vereinen.",
        None,
        Status.PUBLISHED,
    ),
    "fachtagung-interkulturelle-oeffnung": (
        "Landeskoordination MigraNet (Demo)",
        "Fachtagung Interkulturelle Öffnung im ländlichen Raum",
        Offer.OfferType.NETWORKING,
        ["netzwerke", "standortmarketing"],
        [],
        [],
        "Deutsch",
        "Teilnahme kostenfrei, Anmeldung nötig",
        "Jährliche Tagung für Landratsämter, Kommunen und Betriebe mit Praxisbeispielen und "
        "Arbeitsgruppen.",
        200,
        Status.PUBLISHED,
    ),
    "leitfaden-willkommenskultur": (
        "Landeskoordination MigraNet (Demo)",
        "Leitfaden Willkommenskultur für Kommunen",
        Offer.OfferType.MATERIAL,
        ["willkommenskultur", "standortmarketing"],
        ["municipality", "district_office"],
        [],
        "Deutsch",
        "kostenfrei",
        "Checklisten und Beispiele für Willkommensmappen, Begrüßungsveranstaltungen und "
        "mehrsprachige Informationen.",
        None,
        Status.PUBLISHED,
    ),
    "leitfaden-einfache-sprache": (
        "Landeskoordination MigraNet (Demo)",
        "Leitfaden Einfache Sprache im Betrieb",
        Offer.OfferType.MATERIAL,
        ["sprache", "onboarding"],
        [],
        [],
        "Deutsch",
        "kostenfrei",
        "Wie Aushänge, Arbeitsanweisungen und Formulare so geschrieben werden, dass alle sie "
        "verstehen – mit Vorher-nachher-Beispielen.",
        None,
        Status.PUBLISHED,
    ),
    "deutsch-am-arbeitsplatz": (
        "Sprachbrücke Beruf",
        "Deutschkurs im Betrieb",
        Offer.OfferType.BRIDGING,
        ["sprache"],
        ["sme"],
        [MUNICH],
        "Deutsch",
        "anteilig förderfähig",
        "Kleingruppen im Betrieb, zwei Stunden pro Woche, mit dem Wortschatz des eigenen "
        "Arbeitsplatzes.",
        None,
        Status.PUBLISHED,
    ),
    "sprachcoaching-fuer-teams": (
        "Sprachbrücke Beruf",
        "Sprachcoaching für gemischte Teams",
        Offer.OfferType.EMPLOYER_ADVICE,
        ["sprache", "onboarding"],
        ["sme", "municipality"],
        [],
        "Deutsch",
        "ab 300 € pro Termin",
        "Coaching für Teams, in denen Deutsch für viele Zweitsprache ist: klare Übergaben, "
        "Rückfragen, Protokolle.",
        None,
        Status.PUBLISHED,
    ),
    "online-sprechstunde-in-vorbereitung": (
        "Fachstelle Anerkennung Oberbayern",
        "Online-Sprechstunde Anerkennung (in Vorbereitung)",
        Offer.OfferType.RECOGNITION_COUNSELLING,
        ["anerkennung"],
        [],
        [],
        "Deutsch",
        "kostenfrei",
        "Eine Videosprechstunde für Betriebe in ländlichen Landkreisen ist in Planung.",
        None,
        Status.DRAFT,
    ),
}

SME, MUN, LRA, WIFO = "sme", "municipality", "district_office", "economic_development"


def m(
    slug, title, fields, kinds, audiences, levels, effort, days, duration, summary, description,
    prerequisites, cost, benefit, indicators, offers, references, status=Status.PUBLISHED,
):  # fmt: skip
    return slug, {
        "title": title,
        "fields": fields,
        "target_kinds": kinds,
        "audiences": audiences,
        "levels": levels,
        "effort": effort,
        "effort_person_days": Decimal(days) if days else None,
        "typical_duration": duration,
        "summary": summary,
        "description": description,
        "prerequisites": prerequisites,
        "cost_and_funding": cost,
        "expected_benefit": benefit,
        "success_indicators": indicators,
        "offers": offers,
        "references": references,
        "status": status,
    }


OD, PD, QM = "organization_development", "personnel_development", "quality_management"

MEASURES = dict(
    [
        m(
            "stellenanzeigen-in-einfacher-sprache",
            "Stellenanzeigen in einfacher Sprache",
            ["personalgewinnung", "sprache"],
            [SME, MUN, LRA],
            ["hr"],
            [PD],
            "low",
            "2",
            "2–4 Wochen",
            "Stellenanzeigen so schreiben, dass auch Menschen mit Deutsch als Zweitsprache sie "
            "verstehen und sich angesprochen fühlen.",
            "Kurze Sätze, konkrete Aufgaben statt Floskeln, ein klarer Hinweis auf ausländische "
            "Abschlüsse und eine Ansprechperson mit Telefonnummer. Die Anzeige erscheint "
            "zusätzlich auf Englisch und in den Kanälen, die Zugewanderte tatsächlich nutzen.",
            "Eine Person, die Anzeigen schreibt und freigeben darf.",
            "Kaum Kosten; Übersetzung bei Bedarf über Förderprogramme der Kammern.",
            "Mehr und passendere Bewerbungen, auch von Menschen, die bisher nicht erreicht wurden.",
            "Zahl der Bewerbungen je Anzeige; Anteil der Bewerbungen mit ausländischem Abschluss.",
            ["leitfaden-einfache-sprache", "arbeitgeberberatung-oberland"],
            ["handschuck2012"],
        ),
        m(
            "anonymisierte-bewerbungsverfahren",
            "Anonymisierte Bewerbungsverfahren erproben",
            ["personalgewinnung", "organisationskultur"],
            [SME, MUN, LRA],
            ["hr", "management"],
            [OD, QM],
            "medium",
            "5",
            "3–6 Monate",
            "In der ersten Auswahlrunde ohne Namen, Foto und Herkunft entscheiden, damit allein "
            "die Eignung zählt.",
            "Für eine Probephase werden Bewerbungen mit einem Formular erfasst, das nur Angaben zu "
            "Qualifikation und Erfahrung enthält. Erst für das Gespräch werden die Daten "
            "freigegeben. Am Ende wird verglichen, wer eingeladen wurde.",
            "Zustimmung von Leitung und Personalvertretung; ein einfaches Bewerbungsformular.",
            "Einmaliger Aufwand für Formular und Auswertung.",
            "Fairere Auswahl und ein sichtbares Signal an Bewerberinnen und Bewerber.",
            "Vielfalt der Eingeladenen im Vergleich zu früheren Verfahren.",
            ["diversity-check-begleitung"],
            ["ely2001", "griese2012"],
        ),
        m(
            "praktika-und-einstiegsqualifizierung",
            "Praktika und Einstiegsqualifizierung anbieten",
            ["personalgewinnung"],
            [SME],
            ["hr", "newcomers"],
            [PD],
            "medium",
            "8",
            "6–12 Monate",
            "Jungen Zugewanderten über Praktika und eine Einstiegsqualifizierung den Weg in die "
            "Ausbildung öffnen.",
            "Ein Schnupperpraktikum zeigt beiden Seiten, ob es passt. Die Einstiegsqualifizierung "
            "über sechs bis zwölf Monate bereitet auf die Ausbildung vor und wird von der Agentur "
            "für Arbeit gefördert. Eine feste Ansprechperson im Betrieb begleitet.",
            "Ein Ausbildungsbetrieb mit Ausbilderin oder Ausbilder.",
            "Förderung der Einstiegsqualifizierung durch die Agentur für Arbeit.",
            "Auszubildende, die den Betrieb schon kennen und seltener abbrechen.",
            "Übergänge von Praktikum in Ausbildung; Abbruchquote im ersten Jahr.",
            ["ausbildungslotsen-oberland", "arbeitgeberberatung-oberland"],
            ["oecd2013"],
        ),
        m(
            "ausbildungspartnerschaften",
            "Ausbildungspartnerschaften mit Berufsschule und Sprachkursträger",
            ["personalgewinnung", "sprache", "netzwerke"],
            [SME],
            ["hr", "newcomers"],
            [PD, OD],
            "high",
            "15",
            "ein Ausbildungsjahr",
            "Ausbildungsbetriebe, Berufsschule und Sprachkursträger stimmen Unterricht, "
            "Sprachförderung und Betrieb aufeinander ab.",
            "Zu Beginn der Ausbildung vereinbaren die Partner, wer welche Unterstützung gibt: "
            "ausbildungsbegleitende Hilfen, Fachsprachkurse, Lernzeiten im Betrieb. Ein kurzes "
            "Treffen pro Quartal hält alle auf dem Laufenden.",
            "Mindestens zwei Ausbildungsbetriebe in der Region, die mitmachen.",
            "Sprachkurse und Nachhilfe sind oft förderfähig.",
            "Weniger Ausbildungsabbrüche, bessere Prüfungsergebnisse.",
            "Bestandene Zwischenprüfungen; Zahl der Abbrüche.",
            ["deutsch-am-arbeitsplatz", "ausbildungslotsen-oberland"],
            ["schader2011", "iq_d17"],
        ),
        m(
            "patenschaften-fuer-neue-kolleginnen",
            "Patenschaften für neue Kolleginnen und Kollegen",
            ["onboarding"],
            [SME, MUN, LRA],
            ["staff", "newcomers"],
            [PD],
            "low",
            "3",
            "6 Monate",
            "Erfahrene Beschäftigte begleiten Neue durch die ersten Monate – fachlich und "
            "menschlich.",
            "Jede neue Person bekommt eine Patin oder einen Paten aus dem Team. Beide treffen sich "
            "regelmäßig, klären offene Fragen und nehmen an einem kurzen Auftakt teil. Die "
            "Patenschaft ist freiwillig und wird im Betrieb sichtbar anerkannt.",
            "Freiwillige im Team und etwas Zeit in der Arbeitszeit.",
            "Kaum Kosten.",
            "Neue finden schneller ihren Platz; Missverständnisse werden früh geklärt.",
            "Verbleib nach zwölf Monaten; Rückmeldungen der Neuen.",
            ["sprachcoaching-fuer-teams", "faire-integration-beratung"],
            ["thomas2003", "handschuck2012"],
        ),
        m(
            "einarbeitungsplan-mit-meilensteinen",
            "Einarbeitungsplan mit Meilensteinen",
            ["onboarding"],
            [SME, MUN, LRA],
            ["hr", "management"],
            [PD, QM],
            "medium",
            "4",
            "3 Monate",
            "Ein schriftlicher Plan für die ersten zwölf Wochen sagt, wer was wann zeigt und "
            "woran man sieht, dass es gelingt.",
            "Der Plan nennt Aufgaben, Ansprechpersonen, Schulungen und drei Gespräche zur "
            "Zwischenbilanz. Er liegt auch in einfacher Sprache vor und wird nach jeder "
            "Einarbeitung verbessert.",
            "Eine Vorlage und eine verantwortliche Person pro Abteilung.",
            "Interner Aufwand für die Vorlage.",
            "Verlässliche Einarbeitung, unabhängig davon, wer gerade Zeit hat.",
            "Anteil der Neuen mit vollständigem Plan; Ergebnis der Zwischengespräche.",
            ["workshop-arbeitsrecht-fuer-betriebe"],
            ["griese2012"],
        ),
        m(
            "willkommenstag-im-betrieb",
            "Willkommenstag im Betrieb",
            ["onboarding", "willkommenskultur"],
            [SME, MUN],
            ["staff", "newcomers"],
            [OD],
            "low",
            "1",
            "ein Tag, zweimal im Jahr",
            "Ein gemeinsamer erster Tag für alle Neuen, mit Rundgang, Mittagessen und den "
            "wichtigsten Menschen im Betrieb.",
            "Neue lernen an einem Tag die Abläufe, die Räume und die Ansprechpersonen kennen. "
            "Auch Familienangehörige können eingeladen werden. Eine Mappe fasst die wichtigsten "
            "Informationen mehrsprachig zusammen.",
            "Ein Raum und eine kleine Vorbereitungsgruppe.",
            "Bewirtung und Material.",
            "Neue fühlen sich willkommen; das Team lernt sie früh kennen.",
            "Teilnahme; Rückmeldungen nach dem Tag.",
            ["leitfaden-willkommenskultur"],
            ["bosch2020"],
        ),
        m(
            "mehrsprachige-arbeitsschutz-unterweisung",
            "Mehrsprachige Unterweisung im Arbeitsschutz",
            ["onboarding", "sprache"],
            [SME],
            ["staff", "newcomers"],
            [QM],
            "medium",
            "5",
            "2 Monate",
            "Sicherheitsunterweisungen mit Bildern, einfacher Sprache und Übersetzungen, damit "
            "alle sie verstehen.",
            "Die wichtigsten Regeln werden als Bildkarten aufbereitet und in den häufigsten "
            "Sprachen der Belegschaft ergänzt. Nach der Unterweisung zeigen die Beschäftigten am "
            "Arbeitsplatz, dass sie die Regeln anwenden können.",
            "Die vorhandene Gefährdungsbeurteilung.",
            "Übersetzung und Gestaltung; Berufsgenossenschaften stellen Material bereit.",
            "Weniger Unfälle und Beinahe-Unfälle; Rechtssicherheit für den Betrieb.",
            "Unfallzahlen; Ergebnis der praktischen Prüfung nach der Unterweisung.",
            ["leitfaden-einfache-sprache"],
            [],
        ),
        m(
            "deutsch-am-arbeitsplatz",
            "Berufsbezogenes Deutsch am Arbeitsplatz",
            ["sprache"],
            [SME, MUN],
            ["staff", "newcomers"],
            [PD],
            "high",
            "20",
            "6–12 Monate",
            "Deutschunterricht im Betrieb, der vom Wortschatz und den Situationen des eigenen "
            "Arbeitsplatzes ausgeht.",
            "Eine Lehrkraft kommt in den Betrieb, beobachtet typische Gespräche und baut den "
            "Unterricht darauf auf. Die Stunden liegen teilweise in der Arbeitszeit. "
            "Führungskräfte erfahren, wie sie Lernende im Alltag unterstützen.",
            "Eine Gruppe von vier bis zehn Lernenden; ein Raum im Betrieb.",
            "Teilweise über Landes- und Bundesprogramme förderfähig.",
            "Sicherere Verständigung, weniger Fehler, mehr Aufstiegschancen.",
            "Sprachstand vor und nach dem Kurs; Fehler in Übergaben.",
            ["deutsch-am-arbeitsplatz", "sprachcoaching-fuer-teams"],
            ["bolten2012"],
        ),
        m(
            "glossar-der-fachbegriffe",
            "Glossar der wichtigsten Fachbegriffe",
            ["sprache", "onboarding"],
            [SME, MUN, LRA],
            ["staff", "newcomers"],
            [QM],
            "low",
            "2",
            "4 Wochen",
            "Eine Liste der Begriffe, die im Betrieb täglich fallen, mit Erklärung, Bild und "
            "Übersetzung.",
            "Das Team sammelt Begriffe, eine Person schreibt sie in einfacher Sprache auf. Das "
            "Glossar hängt aus und liegt digital vor; Neue ergänzen es nach ihren ersten Wochen.",
            "Keine.",
            "Kaum Kosten.",
            "Schnelleres Verstehen, weniger Rückfragen.",
            "Nutzung des Glossars; Rückfragen in der Einarbeitung.",
            ["leitfaden-einfache-sprache"],
            [],
        ),
        m(
            "sprachtandems-im-team",
            "Sprachtandems im Team",
            ["sprache", "organisationskultur"],
            [SME, MUN, LRA],
            ["staff"],
            [PD],
            "low",
            "2",
            "3–6 Monate",
            "Zwei Beschäftigte lernen voneinander: die eine Person Deutsch, die andere eine "
            "weitere Sprache oder ein Fachgebiet.",
            "Tandems treffen sich einmal pro Woche für eine halbe Stunde. Ein kurzes Starttreffen "
            "erklärt, wie man sich gegenseitig korrigiert, ohne zu beschämen.",
            "Freiwillige auf beiden Seiten.",
            "Keine.",
            "Bessere Sprache und engere Beziehungen im Team.",
            "Zahl der Tandems, die mehr als drei Monate bestehen.",
            ["sprachcoaching-fuer-teams"],
            ["deardorff2006"],
        ),
        m(
            "einfache-sprache-in-formularen",
            "Einfache Sprache in Formularen und Bescheiden",
            ["sprache", "standortmarketing"],
            [MUN, LRA],
            ["staff"],
            [QM, OD],
            "medium",
            "10",
            "6 Monate",
            "Die zehn meistgenutzten Formulare und Schreiben der Verwaltung werden in einfache "
            "Sprache übertragen.",
            "Eine kleine Gruppe aus Fachamt und Bürgerbüro wählt die Formulare aus, überarbeitet "
            "sie und testet sie mit Menschen, die erst kurz in Deutschland leben.",
            "Rückhalt der Amtsleitung; Zugriff auf die Formularvorlagen.",
            "Schulung und ggf. Prüfung durch eine Prüfgruppe.",
            "Weniger Rückfragen und Fehler, schnellere Bearbeitung.",
            "Rückfragen am Telefon; unvollständig eingereichte Anträge.",
            ["training-fuer-verwaltungen", "leitfaden-einfache-sprache"],
            ["kgst2017"],
        ),
        m(
            "interkulturelles-training-fuer-fuehrungskraefte",
            "Interkulturelles Training für Führungskräfte",
            ["personalentwicklung"],
            [SME, MUN, LRA],
            ["management"],
            [PD],
            "medium",
            "4",
            "2 Tage plus Nachtreffen",
            "Führungskräfte lernen, Erwartungen offen zu klären und in gemischten Teams gut zu "
            "führen.",
            "Das Training arbeitet mit Fällen aus dem eigenen Betrieb. Nach drei Monaten trifft "
            "sich die Gruppe erneut und berichtet, was sie ausprobiert hat.",
            "Teilnahme aller Führungskräfte einer Ebene.",
            "Tagessätze externer Trainerinnen und Trainer; teils förderfähig.",
            "Weniger Konflikte, bessere Zusammenarbeit.",
            "Selbsteinschätzung vor und nach dem Training; Konfliktfälle.",
            ["training-fuer-fuehrungskraefte"],
            ["thomas2003", "hofstede2010", "deardorff2006"],
        ),
        m(
            "kollegiale-fallberatung",
            "Führen in gemischten Teams: kollegiale Fallberatung",
            ["personalentwicklung"],
            [SME, MUN, LRA],
            ["management"],
            [PD],
            "low",
            "3",
            "fortlaufend, einmal im Monat",
            "Führungskräfte beraten sich gegenseitig zu schwierigen Situationen in vielfältigen "
            "Teams.",
            "In einer festen Runde bringt eine Person einen Fall ein, die anderen stellen Fragen "
            "und machen Vorschläge. Eine einfache Methode sorgt dafür, dass die Runde in einer "
            "Stunde zu Ergebnissen kommt.",
            "Vier bis acht Führungskräfte, die regelmäßig teilnehmen.",
            "Keine; ggf. eine externe Moderation zum Start.",
            "Führungskräfte fühlen sich sicherer und lösen Probleme früher.",
            "Teilnahme; Zahl der besprochenen Fälle.",
            ["training-fuer-fuehrungskraefte"],
            ["ely2001"],
        ),
        m(
            "weiterbildungsplan-anpassungsqualifizierung",
            "Weiterbildungsplan mit Anpassungsqualifizierung",
            ["personalentwicklung", "anerkennung"],
            [SME],
            ["hr", "newcomers"],
            [PD],
            "high",
            "12",
            "6–18 Monate",
            "Beschäftigte mit teilweise anerkanntem Abschluss schließen die Lücke zur vollen "
            "Anerkennung – geplant und vom Betrieb unterstützt.",
            "Aus dem Anerkennungsbescheid wird ein Plan: welche Module, bei welchem Anbieter, in "
            "welcher Zeit. Der Betrieb stellt frei oder passt die Arbeitszeit an.",
            "Ein Anerkennungsbescheid mit festgestellten Unterschieden.",
            "Kurskosten, oft förderfähig; Arbeitszeit.",
            "Voll anerkannte Fachkräfte, die im Betrieb bleiben.",
            "Volle Anerkennung erreicht; Verbleib nach zwei Jahren.",
            [
                "qualifizierungsberatung-fuer-fachkraefte",
                "brueckenmassnahme-pflege",
                "brueckenmassnahme-technik",
            ],
            ["bmbf2019"],
        ),
        m(
            "mitarbeitergespraeche-kultursensibel",
            "Mitarbeitergespräche kultursensibel führen",
            ["personalentwicklung", "organisationskultur"],
            [SME, MUN, LRA],
            ["management"],
            [PD],
            "low",
            "2",
            "laufend",
            "Jährliche Gespräche so führen, dass unterschiedliche Erwartungen an Feedback, "
            "Hierarchie und Karriere zur Sprache kommen.",
            "Ein Leitfaden mit offenen Fragen hilft, Ziele und Wünsche zu klären. Führungskräfte "
            "üben in einem kurzen Workshop, Rückmeldungen klar und respektvoll zu geben.",
            "Ein bestehendes Format für Mitarbeitergespräche.",
            "Kaum Kosten.",
            "Beschäftigte sehen Perspektiven und bleiben.",
            "Anteil geführter Gespräche; Zufriedenheit in der Befragung.",
            [],
            ["hofstede2010"],
        ),
        m(
            "leitbild-vielfalt",
            "Leitbild Vielfalt gemeinsam entwickeln",
            ["organisationskultur"],
            [SME, MUN, LRA],
            ["management", "staff"],
            [OD],
            "high",
            "15",
            "6–9 Monate",
            "Die Organisation schreibt gemeinsam auf, wie sie mit Vielfalt umgehen will – und "
            "woran man das im Alltag merkt.",
            "Eine Steuerungsgruppe aus Leitung, Personalvertretung und Beschäftigten sammelt in "
            "Workshops Beispiele und formuliert das Leitbild. Zu jedem Satz gehört eine konkrete "
            "Maßnahme.",
            "Rückhalt der Leitung; Zeit für Workshops.",
            "Moderation, oft über Programme zur Prozessbegleitung abgedeckt.",
            "Eine gemeinsame Haltung, auf die sich alle berufen können.",
            "Bekanntheit des Leitbilds; umgesetzte Maßnahmen.",
            ["prozessbegleitung-interkulturelle-oeffnung"],
            ["cox1991", "handschuck2012"],
        ),
        m(
            "beschwerdestelle-diskriminierung",
            "Ansprechstelle bei Diskriminierung",
            ["organisationskultur"],
            [SME, MUN, LRA],
            ["staff", "management"],
            [OD, QM],
            "medium",
            "6",
            "3 Monate Aufbau",
            "Eine vertrauliche Stelle, an die sich Beschäftigte bei Benachteiligung wenden "
            "können, mit einem klaren Ablauf.",
            "Zwei geschulte Personen nehmen Hinweise auf. Ein schriftlicher Ablauf regelt, wer "
            "informiert wird und welche Schritte folgen. Die Stelle berichtet einmal im Jahr "
            "anonymisiert.",
            "Benennung der Personen; Abstimmung mit der Personalvertretung.",
            "Schulung der Ansprechpersonen.",
            "Probleme werden früh bekannt; Vertrauen wächst.",
            "Zahl der Anfragen; Dauer bis zur Klärung.",
            ["faire-integration-beratung", "prozessbegleitung-interkulturelle-oeffnung"],
            ["griese2012"],
        ),
        m(
            "feiertagskalender-und-flexible-pausen",
            "Feiertagskalender und flexible Pausen",
            ["organisationskultur", "onboarding"],
            [SME, MUN, LRA],
            ["management", "staff"],
            [OD],
            "low",
            "1",
            "2 Wochen",
            "Ein Kalender der Feiertage aller Beschäftigten und flexible Pausen erleichtern "
            "religiöse Praxis und Familienfeste.",
            "Der Kalender hilft bei der Dienstplanung. Pausen und Urlaubstage können getauscht "
            "werden, wenn der Betrieb es zulässt.",
            "Ein gemeinsamer Kalender.",
            "Keine.",
            "Wertschätzung wird sichtbar; weniger Konflikte um Urlaub.",
            "Rückmeldungen der Beschäftigten.",
            [],
            [],
        ),
        m(
            "diversity-check",
            "Diversity-Check der Organisation",
            ["organisationskultur", "personalgewinnung"],
            [SME, MUN, LRA],
            ["management", "hr"],
            [QM, OD],
            "medium",
            "5",
            "2 Monate",
            "Ein strukturierter Blick auf Personalgewinnung, Einarbeitung und Betriebsklima "
            "zeigt, wo die Organisation steht.",
            "Mit einem Fragebogen und zwei Gesprächsrunden wird der Stand erhoben. Daraus "
            "entstehen drei Ziele für das nächste Jahr.",
            "Bereitschaft, auch unbequeme Ergebnisse zu besprechen.",
            "Kostenfrei mit Begleitung aus dem Netzwerk.",
            "Klarheit über Stärken und Lücken; Grundlage für weitere Schritte.",
            "Umgesetzte Ziele nach einem Jahr.",
            ["diversity-check-begleitung"],
            ["cox1991", "thomas1990"],
        ),
        m(
            "anerkennungsverfahren-begleiten",
            "Anerkennungsverfahren aktiv begleiten",
            ["anerkennung"],
            [SME, MUN, LRA],
            ["hr", "newcomers"],
            [PD],
            "medium",
            "4",
            "3–9 Monate",
            "Der Betrieb unterstützt Beschäftigte beim Anerkennungsverfahren: Unterlagen, "
            "Übersetzungen, Fristen.",
            "Eine Person im Personalbereich kennt die zuständigen Stellen und hilft beim Antrag. "
            "Kosten für Übersetzungen werden vorgestreckt oder übernommen.",
            "Beschäftigte mit ausländischem Abschluss.",
            "Gebühren und Übersetzungen; Zuschüsse sind möglich.",
            "Fachkräfte können auf ihrem Niveau arbeiten.",
            "Zahl der Anträge; Dauer bis zum Bescheid.",
            ["anerkennungsberatung-fuer-betriebe", "anerkennungs-sprechstunde-muenchen"],
            ["bmbf2019", "svr2018"],
        ),
        m(
            "kompetenzfeststellung-im-betrieb",
            "Kompetenzfeststellung im Betrieb",
            ["anerkennung", "personalgewinnung"],
            [SME],
            ["hr", "newcomers"],
            [PD],
            "medium",
            "3",
            "1–2 Wochen",
            "Wer keine Zeugnisse hat, zeigt sein Können bei einer praktischen Arbeitsprobe.",
            "Die Arbeitsprobe orientiert sich an typischen Aufgaben. Das Ergebnis wird "
            "schriftlich festgehalten und kann im Anerkennungsverfahren helfen.",
            "Eine Fachkraft, die die Probe abnimmt.",
            "Arbeitszeit.",
            "Fähigkeiten werden sichtbar, auch ohne Papiere.",
            "Zahl der Arbeitsproben; anschließende Einstellungen.",
            ["qualifizierungsberatung-fuer-fachkraefte"],
            ["oecd2013"],
        ),
        m(
            "freistellung-fuer-anpassungslehrgaenge",
            "Freistellung für Anpassungslehrgänge",
            ["anerkennung", "personalentwicklung"],
            [SME, MUN],
            ["management", "newcomers"],
            [PD],
            "high",
            "10",
            "3–12 Monate",
            "Beschäftigte werden für Lehrgänge freigestellt, die zur vollen Anerkennung führen.",
            "Eine Vereinbarung regelt Freistellung, Vertretung und Rückkehr. Der Betrieb klärt "
            "vorab die Förderung der Lohnkosten.",
            "Ein passender Lehrgang in erreichbarer Nähe.",
            "Lohnfortzahlung, teils gefördert.",
            "Voll qualifizierte Fachkräfte.",
            "Abgeschlossene Lehrgänge.",
            ["brueckenmassnahme-pflege", "brueckenmassnahme-technik"],
            ["bmbf2019"],
        ),
        m(
            "wohnungssuche-unterstuetzen",
            "Wohnungssuche unterstützen",
            ["willkommenskultur"],
            [SME, MUN, LRA, WIFO],
            ["hr", "newcomers"],
            [OD],
            "medium",
            "6",
            "laufend",
            "Ohne Wohnung keine Fachkraft: Betrieb und Kommune helfen bei der Suche.",
            "Der Betrieb nennt eine Ansprechperson, nutzt Kontakte zu Vermietern und übernimmt "
            "bei Bedarf eine Bürgschaft. Die Kommune informiert über Wohnungsangebote.",
            "Kontakte zu Wohnungsunternehmen oder privaten Vermietern.",
            "Eventuell Zwischenmiete oder Kaution.",
            "Neue kommen schneller an und bleiben.",
            "Zeit bis zur eigenen Wohnung.",
            ["willkommenslotsen-landsberg"],
            ["bosch2020", "schader2011"],
        ),
        m(
            "familie-und-kinderbetreuung",
            "Familiennachzug und Kinderbetreuung mitdenken",
            ["willkommenskultur"],
            [SME, MUN, LRA],
            ["hr", "newcomers"],
            [OD],
            "medium",
            "5",
            "laufend",
            "Wer die Familie mitbringt, braucht Kita, Schule und Arbeit für den Partner oder die "
            "Partnerin.",
            "Der Betrieb informiert früh über Kita- und Schulplätze und vermittelt Kontakte für "
            "die Arbeitssuche der Angehörigen. Die Kommune nennt eine Ansprechperson.",
            "Gute Kontakte zur Kommune.",
            "Kaum Kosten.",
            "Familien bleiben in der Region.",
            "Verbleib der Fachkräfte nach drei Jahren.",
            ["willkommenslotsen-landsberg", "leitfaden-willkommenskultur"],
            ["iq_d17"],
        ),
        m(
            "vereine-und-ehrenamt",
            "Vereine und Ehrenamt als Türöffner",
            ["willkommenskultur", "netzwerke"],
            [MUN, SME],
            ["newcomers", "staff"],
            [OD],
            "low",
            "2",
            "laufend",
            "Sportverein, Feuerwehr oder Chor: Freizeit schafft Kontakte, die den Arbeitsplatz "
            "ergänzen.",
            "Die Kommune sammelt Vereine, die Neue aufnehmen möchten, und stellt sie beim "
            "Willkommenstag vor. Beschäftigte nehmen Neue einfach einmal mit.",
            "Vereine, die mitmachen.",
            "Keine.",
            "Soziale Einbindung; die Region wird Heimat.",
            "Vereinsmitgliedschaften nach einem Jahr.",
            ["netzwerktreffen-landsberg"],
            ["schader2011"],
        ),
        m(
            "behoerdenlotsen",
            "Behördenlotsen für Neuzugezogene",
            ["willkommenskultur", "netzwerke"],
            [MUN, LRA],
            ["newcomers"],
            [OD, QM],
            "medium",
            "8",
            "6 Monate Aufbau",
            "Eine Anlaufstelle im Rathaus oder Landratsamt lotst durch Anmeldung, "
            "Aufenthaltstitel und Führerschein.",
            "Die Stelle bündelt Termine und erklärt Abläufe in einfacher Sprache. Betriebe "
            "können Neue direkt anmelden.",
            "Abstimmung zwischen Ausländerbehörde, Bürgerbüro und Jobcenter.",
            "Personalstunden in der Verwaltung.",
            "Schnellere Verfahren, weniger Frust auf beiden Seiten.",
            "Bearbeitungszeiten; Rückmeldungen der Betriebe.",
            ["training-fuer-verwaltungen"],
            ["kgst2017", "svr2018"],
        ),
        m(
            "unternehmensnetzwerk-integration",
            "Unternehmensnetzwerk Integration im Landkreis",
            ["netzwerke"],
            [LRA, WIFO, SME],
            ["management"],
            [OD],
            "high",
            "20",
            "12 Monate Aufbau",
            "Betriebe, Landratsamt, Kammern, Agentur für Arbeit und Jobcenter bilden ein festes "
            "Netzwerk zur Integration von Fachkräften.",
            "Die Wirtschaftsförderung lädt ein, eine Koordinationsstelle hält das Netzwerk "
            "zusammen. Themen sind Anerkennung, Sprachförderung und interkulturelle Trainings.",
            "Eine koordinierende Stelle mit etwas Zeit.",
            "Koordination, Veranstaltungen.",
            "Betriebe teilen Erfahrungen; Angebote werden bekannter.",
            "Mitgliedsbetriebe; gemeinsame Projekte.",
            ["netzwerktreffen-landsberg", "fachtagung-interkulturelle-oeffnung"],
            ["iq_d17", "kgst2017"],
        ),
        m(
            "feste-ansprechperson-im-landratsamt",
            "Feste Ansprechperson im Landratsamt",
            ["netzwerke"],
            [LRA],
            ["management"],
            [OD],
            "medium",
            "10",
            "laufend",
            "Betriebe haben im Landratsamt eine Person, die Fragen zu Fachkräften aus dem Ausland "
            "aufnimmt und weiterleitet.",
            "Die Ansprechperson kennt die zuständigen Stellen, vermittelt Termine und sammelt "
            "wiederkehrende Anliegen für das Netzwerk.",
            "Eine Stelle oder ein fester Stellenanteil.",
            "Personalkosten.",
            "Kurze Wege für Betriebe.",
            "Anfragen pro Jahr; Zufriedenheit der Betriebe.",
            ["netzwerktreffen-landsberg"],
            ["kgst2017"],
        ),
        m(
            "runder-tisch-arbeitsmarkt",
            "Runder Tisch mit Jobcenter, Agentur und Kammern",
            ["netzwerke", "personalgewinnung"],
            [LRA, MUN, WIFO],
            ["management"],
            [OD],
            "medium",
            "6",
            "viermal im Jahr",
            "Die Arbeitsmarktakteure im Landkreis stimmen ihre Angebote für Zugewanderte ab.",
            "Der runde Tisch klärt, wer welche Förderung anbietet, und vermeidet doppelte "
            "Angebote. Betriebe werden gezielt eingeladen.",
            "Bereitschaft der Institutionen, sich abzustimmen.",
            "Gering.",
            "Übersichtlichere Angebote für Betriebe.",
            "Gemeinsame Aktionen; Rückmeldungen der Betriebe.",
            ["fachtagung-interkulturelle-oeffnung"],
            ["svr2018"],
        ),
        m(
            "willkommensmappe-fuer-fachkraefte",
            "Willkommensmappe für Fachkräfte",
            ["standortmarketing", "willkommenskultur"],
            [MUN, LRA, WIFO, SME],
            ["newcomers"],
            [OD],
            "low",
            "4",
            "2 Monate",
            "Eine Mappe mit allem, was Zugezogene in den ersten Wochen brauchen – von der "
            "Anmeldung bis zum Sportverein.",
            "Landkreis und Gemeinden stellen die Informationen zusammen, Betriebe geben die "
            "Mappe bei der Einstellung aus. Eine digitale Fassung ist mehrsprachig.",
            "Aktuelle Informationen der Gemeinden.",
            "Gestaltung und Druck.",
            "Ein freundlicher erster Eindruck der Region.",
            "Ausgegebene Mappen; Rückmeldungen.",
            ["leitfaden-willkommenskultur"],
            ["iq_d17", "bosch2020"],
        ),
        m(
            "mehrsprachiges-informationsportal",
            "Mehrsprachiges Informationsportal des Landkreises",
            ["standortmarketing"],
            [LRA, WIFO],
            ["newcomers"],
            [OD],
            "high",
            "25",
            "12 Monate",
            "Ein Webportal erklärt Leben und Arbeiten im Landkreis in mehreren Sprachen.",
            "Das Portal bündelt Informationen zu Arbeit, Wohnen, Familie und Freizeit und "
            "verweist auf Ansprechpersonen. Es wird regelmäßig gepflegt.",
            "Redaktion und technische Betreuung.",
            "Erstellung und Pflege; teils förderfähig.",
            "Die Region wird als offener Lebensort sichtbar.",
            "Besuche des Portals; Anfragen über das Portal.",
            ["fachtagung-interkulturelle-oeffnung"],
            ["bosch2020"],
        ),
        m(
            "arbeitgeberkampagne-vielfalt",
            "Arbeitgeberkampagne „Vielfalt arbeitet hier“",
            ["standortmarketing", "personalgewinnung"],
            [WIFO, SME],
            ["management"],
            [OD],
            "medium",
            "8",
            "6 Monate",
            "Betriebe der Region zeigen gemeinsam, dass sie Menschen aus aller Welt willkommen "
            "heißen.",
            "Die Wirtschaftsförderung gestaltet Plakate und Porträts mit echten Beschäftigten, "
            "die zustimmen. Teilnehmende Betriebe verpflichten sich zu einer Maßnahme aus dem "
            "Katalog.",
            "Mindestens zehn Betriebe, die mitmachen.",
            "Gestaltung und Anzeigen.",
            "Die Region wird als Arbeitsort bekannter.",
            "Teilnehmende Betriebe; Bewerbungen von außerhalb.",
            ["fachtagung-interkulturelle-oeffnung", "arbeitgeberberatung-oberland"],
            ["bosch2020"],
            status=Status.DRAFT,
        ),
        m(
            "vielfalt-im-betriebsrat",
            "Vielfalt in Gremien und Personalvertretung",
            ["organisationskultur"],
            [SME, MUN, LRA],
            ["staff"],
            [OD],
            "low",
            "2",
            "bis zur nächsten Wahl",
            "Beschäftigte mit internationaler Geschichte werden ermutigt, in Gremien mitzuwirken.",
            "Informationen zu Wahlen in einfacher Sprache und Gespräche mit möglichen "
            "Kandidierenden.",
            "Anstehende Wahlen.",
            "Keine.",
            "Mehr Perspektiven in Entscheidungen.",
            "Kandidierende und Gewählte.",
            [],
            ["cox1991"],
            status=Status.DRAFT,
        ),
    ]
)


def _organization_for(name: str, district: District) -> Organization:
    organization, _created = Organization.objects.update_or_create(
        district=district,
        name=name,
        postal_code="",
        defaults={"kind": Organization.Kind.MIGRANET_PARTNER},
    )
    return organization


def _contacts_for(organization, people) -> list[Contact]:
    contacts = []
    for first, last, function, consented in people:
        name = unicodedata.normalize("NFKD", f"{first}.{last}".replace("ı", "i"))
        email = name.encode("ascii", "ignore").decode().lower() + "@demo-migranet.example"
        contact, _created = Contact.objects.update_or_create(
            organization=organization,
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "function": function,
                "legal_basis": (
                    Contact.LegalBasis.CONSENT
                    if consented
                    else Contact.LegalBasis.LEGITIMATE_INTEREST
                ),
                "legal_basis_date": datetime.date(2026, 1, 15),
                "legal_basis_note": "Demodaten, erfundene Person",
            },
        )
        contacts.append(contact)
    return contacts


@transaction.atomic
def seed() -> str:
    from catalog import services

    districts = {d.official_key: d for d in District.objects.all()}
    home = districts.get(MUNICH)
    if home is None:  # ikokmu.demo.seed_core creates the districts first
        return "übersprungen: Landkreis München fehlt"
    fields = {f.slug: f for f in FieldOfAction.objects.all()}

    references = {}
    for key, (authors, year, title, publisher, url) in REFERENCES.items():
        reference = LiteratureReference.objects.filter(title__iexact=title, year=year).first()
        reference = reference or LiteratureReference(title=title, year=year)
        reference.authors, reference.publisher, reference.url = authors, publisher, url
        references[key] = services.reference_save(reference=reference)

    providers, provider_contacts = {}, {}
    for name, (kind, description, website, keys, people) in PROVIDERS.items():
        organization = _organization_for(name, home)
        contacts = _contacts_for(organization, people)
        provider = Provider.objects.filter(name__iexact=name).first() or Provider(name=name)
        provider.kind, provider.description, provider.website = kind, description, website
        provider.organization = organization
        provider.serves_all_bavaria = not keys
        providers[name] = services.provider_save(
            provider=provider,
            districts=[districts[k] for k in keys if k in districts],
            contacts=contacts,
        )
        provider_contacts[name] = contacts

    today = timezone.localdate()
    offers = {}
    for slug, values in OFFERS.items():
        (provider, title, offer_type, field_slugs, kinds, keys, languages, cost, description,
         days, status) = values  # fmt: skip
        offer = Offer.objects.filter(slug=slug).first() or Offer(slug=slug)
        offer.provider = providers[provider]
        offer.title, offer.offer_type, offer.description = title, offer_type, description
        offer.target_kinds, offer.languages, offer.cost = kinds, languages, cost
        offer.serves_all_bavaria = not keys
        offer.valid_from = datetime.date(2026, 1, 1)
        offer.valid_until = today + datetime.timedelta(days=days) if days else None
        offer.url = f"{providers[provider].website}/{slug}"
        offer.contact = "Telefonische Sprechzeiten: Di und Do 9–12 Uhr"
        offer.status = status
        offers[slug] = services.offer_save(
            offer=offer,
            fields_of_action=[fields[s] for s in field_slugs],
            districts=[districts[k] for k in keys if k in districts],
            contacts=provider_contacts[provider][:1],
        )

    for slug, values in MEASURES.items():
        measure = Measure.objects.filter(slug=slug).first() or Measure(slug=slug)
        for name in (
            "title", "summary", "description", "target_kinds", "audiences", "levels", "effort",
            "effort_person_days", "typical_duration", "prerequisites", "cost_and_funding",
            "expected_benefit", "success_indicators", "status",
        ):  # fmt: skip
            setattr(measure, name, values[name])
        measure.last_reviewed = datetime.date(2026, 10, 1)
        measure.translations = {**measure_translations(slug), **(measure.translations or {})}
        services.measure_save(
            measure=measure,
            fields_of_action=[fields[s] for s in values["fields"]],
            offers=[offers[s] for s in values["offers"]],
            references=[references[k] for k in values["references"]],
        )
    return (
        f"{len(MEASURES)} Maßnahmen, {len(PROVIDERS)} Träger, {len(OFFERS)} Angebote, "
        f"{len(REFERENCES)} Literaturangaben"
    )
