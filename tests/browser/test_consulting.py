"""An adviser walks a consulting case from request to closing in Chromium, guided by the phase
stepper and its checklist, confirms the closing and downloads the case report and the
certificate; the closed case is read-only and fits a 375 px phone."""

import re

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
    # The organisation field searches as one types (a combobox over the hidden select).
    organisation = page.get_by_role("combobox", name="Organisation")
    organisation.fill("bergbl")
    expect(page.get_by_role("listbox", name="Organisation").get_by_role("option")).to_have_count(1)
    organisation.press("ArrowDown")
    organisation.press("Enter")
    expect(organisation).to_have_value(re.compile(r"^Bergblick Hotel Öttl \("))
    assert page.locator("#id_organization").input_value() == str(setting.pk)
    page.get_by_label("Titel").fill("Gut ankommen im Hotel")
    assert_accessible(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gut ankommen im Hotel")
    stepper = page.get_by_role("navigation", name="Stand des Falls")
    expect(stepper.locator('[aria-current="step"]')).to_contain_text("Bedarfsanalyse")
    assert_accessible(page)

    press_next_phase(page, "Bedarfsanalyse")
    # The checklist of the next phase links the missing needs assessment.
    page.get_by_role("link", name="Bedarfsanalyse mit mindestens einer Bewertung").click()
    page.get_by_label("Ist-Stand Einarbeitung und Onboarding").select_option("2")
    page.get_by_label("Bedeutung Einarbeitung und Onboarding").select_option("5")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#bedarfsanalyse svg")).to_be_visible()

    press_next_phase(page, "Zielvereinbarung")
    page.get_by_role("link", name="Mindestens ein Ziel").click()
    page.get_by_label("Handlungsfeld").select_option(label="Einarbeitung und Onboarding")
    page.locator("#id_text").fill("Jede neue Kraft bekommt eine Patin.")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("link", name="Zielvereinbarung mit mindestens einem Ziel").click()
    page.get_by_label("Unterzeichnet am").fill("2026-04-01")
    page.get_by_label("Unterzeichnet für die Organisation von").fill("Jörg Weiß, Inhaber")
    page.get_by_label("Unterzeichnet für das Projekt von").fill("Miriam Hofstetter")
    page.get_by_label("Jede neue Kraft bekommt eine Patin.").check()
    page.get_by_role("button", name="Speichern").click()

    press_next_phase(page, "Umsetzung")
    stepper.get_by_role("link", name="Termine und Workshops").click()
    page.get_by_label("Datum").fill("2026-05-02")
    page.get_by_label("Art").select_option(label="Workshop")
    page.get_by_label("Dauer (Stunden)").fill("3")
    page.locator("#id_steps-0-description").fill("Patenplan schreiben")
    page.locator("#id_steps-0-owner").fill("Personalleitung")
    page.locator("#id_steps-0-due_on").fill("2026-05-20")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#naechste-schritte")).to_contain_text("Patenplan schreiben")

    # Closing needs the final report text: the checklist links straight to its form.
    expect(page.get_by_role("link", name="Fall abschließen …")).to_have_count(0)
    page.get_by_role("link", name="Text des Abschlussberichts").click()
    page.get_by_label("Abschlussbericht").fill("Das Patenprogramm läuft.")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("link", name="Fall abschließen …").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fall abschließen")
    expect(page.locator(".alert-warning")).to_contain_text("1 nächster Schritt ist noch offen.")
    expect(page.locator(".alert-warning")).to_contain_text("1 Ziel steht unter 100 %.")
    assert_accessible(page)
    page.get_by_role("button", name="Fall abschließen").click()
    expect(page.get_by_text("Bitte bestätigen, dass der Fall abgeschlossen wird.")).to_be_visible()
    page.get_by_label("Ja, den Fall abschließen.").check()
    page.get_by_role("button", name="Fall abschließen").click()
    expect(page.locator(".lead")).to_contain_text("Abschluss")
    expect(page.get_by_text("Der Fall kann nur noch gelesen werden.")).to_be_visible()
    expect(page.get_by_role("link", name="Fall bearbeiten")).to_have_count(0)
    expect(page.get_by_role("button", name="erledigt Patenplan schreiben")).to_have_count(0)
    assert_accessible(page)

    with page.expect_download() as report:
        page.get_by_role("button", name="Fallbericht erstellen (PDF)").click()
    assert report.value.suggested_filename.endswith("-v1.pdf")
    page.reload()
    with page.expect_download() as kept:
        page.get_by_role("link", name="Version 1").click()
    assert kept.value.suggested_filename.endswith("-v1.pdf")
    with page.expect_download() as certificate:
        page.get_by_role("link", name="Zertifikat (PDF)").click()
    assert certificate.value.suggested_filename.startswith("zertifikat-")
    with open(certificate.value.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"

    # The case page on a phone: the stepper stacks, nothing runs out of the page.
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    expect(stepper).to_be_visible()
    too_wide = page.evaluate(
        "[...document.querySelectorAll('main *')]"
        ".filter(e => e.getBoundingClientRect().right > 376)"
        ".map(e => e.tagName + '.' + e.className).slice(0, 8)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, too_wide
    assert_accessible(page)
