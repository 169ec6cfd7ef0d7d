"""Figures of the districts issue: importing 10,000 organisations, preview included (< 10 s)."""

import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

ROWS = 10_000
SECTORS = "ACFGHIJMNQ"
SIZES = ["1-9", "10-49", "50-249", "250+"]


def kmu_list() -> bytes:
    lines = ["Name;Straße;PLZ;Ort;Branche;Größenklasse;E-Mail;Telefon"]
    for n in range(ROWS):
        lines.append(
            f"Betrieb Nr. {n} Müller & Söhne;Hauptstraße {n % 200 + 1};{82000 + n % 900:05d};"
            f"Oberföhring;{SECTORS[n % 10]};{SIZES[n % 4]};kontakt{n}@betrieb.example;"
            f"089 {100000 + n}"
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def run(report):
    from districts.models import District, Organization
    from ikokmu.roles import Role
    from tests.factories import user_with_role

    district = District.objects.create(name="Landkreis Benchmark", official_key="09999")
    staff = user_with_role(Role.DISTRICT_STAFF, districts=[district], username="bench-lra")
    client = Client()
    client.force_login(staff)
    url = reverse("districts:organization_import", args=[district.pk])
    content = kmu_list()

    def import_once(label):
        started = time.perf_counter()
        preview = client.post(url, {"file": SimpleUploadedFile("kmu.csv", content)})
        previewed = time.perf_counter()
        assert preview.status_code == 200, preview.status_code
        pending = preview.context["pending"].pk
        done = client.post(url, {"pending": pending, "confirm": "1"})
        finished = time.perf_counter()
        assert done.status_code == 302, done.status_code
        report(f"{label}: Vorschau", previewed - started, "s")
        report(f"{label}: Übernahme", finished - previewed, "s")
        report(f"{label}: gesamt, Vorschau eingeschlossen", finished - started, "s", limit=10)
        return preview.context["preview"]

    first = import_once(f"Import {ROWS} Organisationen (neu)")
    assert first["new"] == ROWS, first["new"]
    assert Organization.objects.filter(district=district).count() == ROWS
    again = import_once(f"Import {ROWS} Organisationen (unverändert erneut)")
    assert again["skip"] == ROWS, again
