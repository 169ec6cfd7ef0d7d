"""The platform's fields of action, in our own words. The project team edits them later."""

from django.db import migrations

FIELDS = [
    ("personalgewinnung", "Personalgewinnung und Ausbildung",
     "Fachkräfte und Auszubildende mit internationaler Geschichte ansprechen, auswählen und "
     "ausbilden: Stellenanzeigen, Auswahlverfahren, Praktika und Einstiegsqualifizierung."),
    ("onboarding", "Einarbeitung und Onboarding",
     "Neue Beschäftigte gut ankommen lassen: Patenschaften, Einarbeitungspläne, klare "
     "Ansprechpersonen und Unterstützung in den ersten Monaten."),
    ("sprache", "Sprache und Kommunikation",
     "Verständigung im Betrieb sichern: berufsbezogene Deutschförderung, einfache Sprache, "
     "mehrsprachige Informationen und Kommunikation im Team."),
    ("personalentwicklung", "Personal- und Führungskräfteentwicklung",
     "Führungskräfte und Teams für Vielfalt stärken: interkulturelle Trainings, "
     "Weiterbildung und Aufstiegswege für alle Beschäftigten."),
    ("organisationskultur", "Organisationskultur und Leitbild",
     "Offenheit im Unternehmen verankern: Leitbild, Umgang mit Diskriminierung, Feiertage "
     "und Rituale, Beteiligung der Beschäftigten."),
    ("anerkennung", "Anerkennung ausländischer Berufsabschlüsse",
     "Abschlüsse aus dem Ausland anerkennen lassen und Lücken schließen: Beratung, "
     "Anpassungsqualifizierung und Begleitung im Verfahren."),
    ("willkommenskultur", "Willkommenskultur und Leben vor Ort",
     "Ankommen jenseits des Arbeitsplatzes: Wohnen, Familie, Kinderbetreuung, Freizeit, "
     "Vereine und Behördengänge."),
    ("netzwerke", "Netzwerke und Kooperation mit der Kommune",
     "Gemeinsam mit Landratsamt, Kommune, Kammern, Arbeitsagentur und Jobcenter handeln: "
     "Netzwerke, feste Ansprechpersonen und abgestimmte Angebote."),
    ("standortmarketing", "Information und Standortmarketing",
     "Die Region und ihre Unternehmen als offenen Arbeits- und Lebensort zeigen: "
     "Informationsportale, Willkommensmappen und Kampagnen."),
]


def create_fields(apps, schema_editor):
    FieldOfAction = apps.get_model("catalog", "FieldOfAction")
    for position, (slug, name, description) in enumerate(FIELDS, start=1):
        FieldOfAction.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(create_fields, migrations.RunPython.noop)]
