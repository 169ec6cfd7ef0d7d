"""District staff import their KMU list in Chromium and find a new KMU by search."""

import pytest
from playwright.sync_api import expect

from ikokmu.roles import Role
from tests.browser.test_sign_in import sign_in
from tests.factories import PASSWORD, DistrictFactory, sample_objects_in, user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KMU_LIST = (
    "Name;PLZ;Ort;Branche;Größenklasse;E-Mail\r\n"
    "Bergblick Gästehaus Öttl;83684;Tegernsee;I;1-9;info@oettl.example\r\n"
    "Mangfall Metallbau;83607;Holzkirchen;C;10-49;keine-adresse\r\n"
).encode("cp1252")


@pytest.fixture
def miesbach():
    district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
    sample_objects_in(district, "Seenland Pflegedienst")
    user_with_role(Role.DISTRICT_STAFF, districts=[district], username="lra-miesbach")
    return district


def test_staff_import_a_kmu_list_confirm_the_preview_and_find_the_new_kmu(
    page, live_server, miesbach, assert_accessible
):
    sign_in(page, live_server, "lra-miesbach", PASSWORD)
    page.get_by_role("link", name="Landkreis Miesbach").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Landkreis Miesbach")
    assert_accessible(page)

    page.get_by_role("link", name="Organisationen importieren").click()
    page.get_by_label("Datei (CSV oder Excel)").set_input_files(
        files=[{"name": "kmu-liste.csv", "mimeType": "text/csv", "buffer": KMU_LIST}]
    )
    page.get_by_role("button", name="Vorschau anzeigen").click()
    expect(page.locator("main")).to_contain_text("1 neu")
    expect(page.locator("main")).to_contain_text("1 ungültig")
    invalid = page.locator("#invalid-rows")
    expect(invalid).to_contain_text("Mangfall Metallbau")
    expect(invalid).to_contain_text("gültige E-Mail-Adresse")
    assert_accessible(page)

    page.get_by_role("button", name="1 Zeile übernehmen").click()
    expect(page.locator(".messages")).to_contain_text("Import abgeschlossen: 1 neu")

    page.get_by_role("link", name="Suche").click()
    page.get_by_label("Name, Ort oder E-Mail").fill("oettl")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Bergblick Gästehaus Öttl").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bergblick Gästehaus Öttl")
    expect(page.locator("main")).to_contain_text("83684 Tegernsee")
    assert_accessible(page)


def test_the_district_pages_are_accessible_to_the_project_team(
    page, live_server, miesbach, assert_accessible
):
    user_with_role(Role.PROJECT_TEAM, username="projektteam")
    sign_in(page, live_server, "projektteam", PASSWORD)
    for path in [
        "/landkreise/",
        f"/landkreise/{miesbach.pk}/",
        f"/landkreise/{miesbach.pk}/organisationen/",
        "/landkreise/wiedervorlagen/",
        f"/landkreise/{miesbach.pk}/aktivitaeten/neu/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
