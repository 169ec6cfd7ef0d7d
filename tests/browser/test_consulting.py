"""An adviser walks a consulting case from request to closing in Chromium and downloads the
case report and the certificate."""

import pytest
from playwright.sync_api import expect

from catalog.models import FieldOfAction
from ikokmu.roles import Role
from tests.browser.test_sign_in import sign_in
from tests.factories import PASSWORD, ContactFactory, OrganizationFactory, user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setting():
    for position, (slug, name) in enumerate(
        [("onboarding", "Einarbeitung und Onboarding"), ("sprache", "Sprache und Kommunikation")],
        start=1,
    ):
        FieldOfAction.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
    organization = OrganizationFactory(name="Bergblick Hotel Öttl", kind="sme")
    ContactFactory(organization=organization, first_name="Jörg", last_name="Weiß")
    user_with_role(
        Role.PROJECT_TEAM, username="beraterin", first_name="Miriam", last_name="Hofstetter"
    )
    return organization


def press_next_phase(page, phase):
    page.get_by_role("button", name=f"Weiter zu „{phase}“").click()
    expect(page.locator(".messages")).to_contain_text("Die Phase wurde geändert.")
    expect(page.locator(".lead")).to_contain_text(phase)


def test_an_adviser_walks_a_case_from_request_to_closing(
    page, live_server, setting, assert_accessible
):
    sign_in(page, live_server, "beraterin", PASSWORD)
    page.goto(f"{live_server.url}/beratung/neu/")
    page.get_by_label("Organisation").select_option(label=f"{setting.name}")
    page.get_by_label("Titel").fill("Gut ankommen im Hotel")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gut ankommen im Hotel")
    assert_accessible(page)

    press_next_phase(page, "Bedarfsanalyse")
    page.get_by_role("link", name="Bedarfsanalyse erfassen").click()
    page.get_by_label("Ist-Stand Einarbeitung und Onboarding").select_option("2")
    page.get_by_label("Bedeutung Einarbeitung und Onboarding").select_option("5")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#bedarfsanalyse svg")).to_be_visible()

    press_next_phase(page, "Zielvereinbarung")
    page.get_by_role("link", name="Ziel hinzufügen").click()
    page.get_by_label("Handlungsfeld").select_option(label="Einarbeitung und Onboarding")
    page.locator("#id_text").fill("Jede neue Kraft bekommt eine Patin.")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("link", name="Zielvereinbarung erfassen").click()
    page.get_by_label("Unterzeichnet am").fill("2026-04-01")
    page.get_by_label("Unterzeichnet für die Organisation von").fill("Jörg Weiß")
    page.get_by_label("Unterzeichnet für das Projekt von").fill("Miriam Hofstetter")
    page.get_by_label("Jede neue Kraft bekommt eine Patin.").check()
    page.get_by_role("button", name="Speichern").click()

    press_next_phase(page, "Umsetzung")
    page.get_by_role("link", name="Termin erfassen").click()
    page.get_by_label("Datum").fill("2026-05-02")
    page.get_by_label("Art").select_option(label="Workshop")
    page.get_by_label("Dauer (Stunden)").fill("3")
    page.locator("#id_steps-0-description").fill("Patenplan schreiben")
    page.locator("#id_steps-0-owner").fill("Personalleitung")
    page.locator("#id_steps-0-due_on").fill("2026-05-20")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#naechste-schritte")).to_contain_text("Patenplan schreiben")

    page.get_by_role("link", name="Fall bearbeiten").click()
    page.get_by_label("Abschlussbericht").fill("Das Patenprogramm läuft.")
    page.get_by_role("button", name="Speichern").click()
    press_next_phase(page, "Abschluss")
    assert_accessible(page)

    page.get_by_role("button", name="Fallbericht erstellen (PDF)").click()
    with page.expect_download() as report:
        page.get_by_role("link", name="Version 1").click()
    assert report.value.suggested_filename.endswith("-v1.pdf")
    with page.expect_download() as certificate:
        page.get_by_role("link", name="Zertifikat (PDF)").click()
    assert certificate.value.suggested_filename.startswith("zertifikat-")
    with open(certificate.value.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
