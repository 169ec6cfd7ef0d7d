from django.db import migrations

ROLE_GROUPS = ["Projektteam", "Interviewteam", "Landkreis-Mitarbeitende"]

LEGAL_PAGES = {
    "impressum": (
        "Impressum",
        "Diese Plattform wird vom Projektteam IKÖKMU – Interkulturelle Öffnung von kleinen und "
        "mittleren Unternehmen betrieben.\n\n"
        "Verantwortlich für den Inhalt ist die Projektleitung. Name, Anschrift und "
        "Kontaktdaten der verantwortlichen Stelle trägt das Projektteam hier ein, bevor die "
        "Plattform öffentlich erreichbar ist.\n\n"
        "Trotz sorgfältiger Prüfung übernehmen wir keine Haftung für die Inhalte verlinkter "
        "Seiten anderer Anbieter.",
    ),
    "datenschutz": (
        "Datenschutzerklärung",
        "Wir verarbeiten personenbezogene Daten nur, soweit es für die Arbeit des Projekts "
        "nötig ist, und auf der Grundlage der Datenschutz-Grundverordnung (DSGVO).\n\n"
        "Wenn Sie sich anmelden, speichern wir Ihren Benutzernamen, Zeitpunkt und IP-Adresse "
        "der Anmeldung in einem Sicherheitsprotokoll. Das dient dem Schutz der Plattform vor "
        "Missbrauch (Art. 6 Abs. 1 lit. f DSGVO).\n\n"
        "Die Plattform setzt nur technisch notwendige Cookies (Sitzung, Schutz vor "
        "Cross-Site-Request-Forgery, Sprachwahl). Es werden keine Analyse- oder Werbedienste "
        "eingesetzt und keine Inhalte von fremden Servern nachgeladen.\n\n"
        "Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der "
        "Verarbeitung sowie ein Beschwerderecht bei einer Datenschutzaufsichtsbehörde.",
    ),
    "barrierefreiheit": (
        "Erklärung zur Barrierefreiheit",
        "Wir möchten, dass alle Menschen die Plattform nutzen können. Die Seiten werden "
        "automatisiert gegen die Web Content Accessibility Guidelines (WCAG) 2.1 in Stufe AA "
        "geprüft, sind mit der Tastatur bedienbar und auf dem Smartphone nutzbar.\n\n"
        "Wenn Ihnen Barrieren auffallen, schreiben Sie uns bitte. Wir antworten in der Regel "
        "innerhalb von zwei Wochen.",
    ),
}

APPEND_ONLY_SQL = """
CREATE FUNCTION ikokmu_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Das Sicherheitsprotokoll kann nur ergänzt werden (% verweigert).', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER ikokmu_auditevent_append_only
    BEFORE UPDATE OR DELETE ON ikokmu_auditevent
    FOR EACH ROW EXECUTE FUNCTION ikokmu_auditevent_append_only();
"""

DROP_APPEND_ONLY_SQL = """
DROP TRIGGER IF EXISTS ikokmu_auditevent_append_only ON ikokmu_auditevent;
DROP FUNCTION IF EXISTS ikokmu_auditevent_append_only();
"""


def create_groups_and_pages(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    LegalPage = apps.get_model("ikokmu", "LegalPage")
    for name in ROLE_GROUPS:
        Group.objects.get_or_create(name=name)
    for slug, (title, body) in LEGAL_PAGES.items():
        LegalPage.objects.get_or_create(slug=slug, defaults={"title": title, "body": body})


class Migration(migrations.Migration):
    dependencies = [
        ("ikokmu", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_groups_and_pages, migrations.RunPython.noop),
        migrations.RunSQL(APPEND_ONLY_SQL, DROP_APPEND_ONLY_SQL),
    ]
