"""The whole chain of an event in Chromium: district staff publish it, a visitor on a phone
registers (by keyboard, the form passing axe at 375 px) and gets the confirmation with the .ics
from the test SMTP server, a second registrant lands on the waiting list and moves up when the
first cancels through the personal link, staff check the participant in, close the event, and
find the new contact and the activity in the district."""

import datetime
import re

import pytest
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import expect

from districts.models import Contact
from events.models import Event, Registration
from ikokmu.roles import Role
from tests.browser.test_sign_in import sign_in
from tests.factories import PASSWORD, DistrictFactory, OrganizationFactory, user_with_role
from tests.surveys.smtp import SmtpServer, run_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def miesbach():
    district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
    user_with_role(
        Role.DISTRICT_STAFF, districts=[district], username="lra-miesbach", first_name="Tobias"
    )
    OrganizationFactory(district=district, name="Huber Metallbau GmbH", postal_code="83714")
    return district


def deliver(smtp, live_server):
    with override_settings(MAILERS=smtp.mailers, SITE_URL=live_server.url):
        run_tasks()


def link_in(message) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"http://\S+/veranstaltungen/anmeldung/\S+/", body).group(0)


def fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_an_event_from_publishing_to_the_contact_in_the_district(
    page, browser, live_server, miesbach, assert_accessible
):
    # District staff plan and publish the event.
    sign_in(page, live_server, "lra-miesbach", PASSWORD)
    page.get_by_role("link", name="Veranstaltungen planen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Veranstaltungen planen")
    page.get_by_role("link", name="Neue Veranstaltung").click()
    assert_accessible(page)
    day = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    page.get_by_label("Titel").fill("Arbeitgeberfrühstück Miesbach")
    page.get_by_label("Beschreibung").fill("Fachkräfte aus dem Ausland gewinnen und halten.")
    page.get_by_label("Programm").fill("08:00 Begrüßung\n08:30 Impuls aus der Praxis")
    page.get_by_label("Landkreis Miesbach").check()
    page.get_by_label("Beginn").fill(f"{day}T08:00")
    page.get_by_label("Ende").fill(f"{day}T10:00")
    page.locator("#id_format").select_option(label="vor Ort")
    page.get_by_label("Ort", exact=True).fill("Miesbach")
    page.get_by_label("Plätze").fill("1")
    page.get_by_label("Frage").first.fill("Essenswünsche")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbeitgeberfrühstück Miesbach")
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.locator("#event-status")).to_have_text("veröffentlicht")
    assert_accessible(page)
    event = Event.objects.get()

    with SmtpServer() as smtp:
        # A visitor on a phone finds it in the calendar and registers by keyboard.
        phone = browser.new_context(viewport=PHONE).new_page()
        phone.goto(f"{live_server.url}/veranstaltungen/")
        assert_accessible(phone)
        fits_the_phone(phone)
        phone.get_by_role("link", name="Arbeitgeberfrühstück Miesbach").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Arbeitgeberfrühstück Miesbach")
        expect(phone.locator("main")).to_contain_text("08:30 Impuls aus der Praxis")
        assert_accessible(phone)
        fits_the_phone(phone)
        phone.get_by_label("Vorname").focus()
        for text in ["Anna", "Berger", "Berger Logistik", "Personalleitung", "anna@example.org"]:
            phone.keyboard.type(text)
            phone.keyboard.press("Tab")
        phone.keyboard.press("Tab")  # no phone number
        phone.keyboard.type("vegetarisch")
        phone.keyboard.press("Tab")
        phone.keyboard.press("Space")  # privacy notice
        phone.keyboard.press("Tab")
        phone.keyboard.press("Tab")  # no later contact
        phone.keyboard.press("Tab")  # past the privacy notice's summary
        expect(phone.get_by_role("button", name="Verbindlich anmelden")).to_be_focused()
        phone.keyboard.press("Enter")
        expect(phone.locator("#registration-status")).to_have_text("angemeldet")
        assert_accessible(phone)
        deliver(smtp, live_server)
        [confirmation] = smtp.to("anna@example.org")
        assert "Anmeldebestätigung" in confirmation["Subject"]
        [ics] = list(confirmation.iter_attachments())
        assert ics.get_filename() == "termin.ics"
        assert b"SUMMARY:Arbeitgeberfr\xc3\xbchst\xc3\xbcck Miesbach" in ics.get_payload(
            decode=True
        )

        # A second registrant, who agrees to later contact, lands on the waiting list.
        second = browser.new_context(viewport=PHONE).new_page()
        second.goto(f"{live_server.url}/veranstaltungen/{event.pk}/")
        expect(second.locator("main")).to_contain_text("ausgebucht")
        second.get_by_label("Vorname").fill("Petra")
        second.get_by_label("Nachname").fill("Huber")
        second.get_by_role("textbox", name="Organisation").fill("Huber Metallbau GmbH")
        second.get_by_role("textbox", name="E-Mail").fill("petra@example.org")
        second.get_by_label("Essenswünsche").fill("keine")
        second.get_by_label("Datenschutzhinweis gelesen").check()
        second.get_by_label("Ich bin einverstanden, dass das IKÖKMU-Projekt").check()
        second.get_by_role("button", name="Auf die Warteliste").click()
        expect(second.locator("#registration-status")).to_have_text("Warteliste")
        deliver(smtp, live_server)
        assert "Warteliste" in smtp.to("petra@example.org")[0]["Subject"]

        # The first cancels through the personal link; the second moves up and is told.
        phone.goto(link_in(confirmation))
        phone.get_by_role("button", name="Anmeldung absagen").click()
        expect(phone.locator("#registration-status")).to_have_text("abgesagt")
        deliver(smtp, live_server)
        moved = smtp.to("petra@example.org")[-1]
        assert "nachgerückt" in moved["Subject"]
        second.reload()
        expect(second.locator("#registration-status")).to_have_text("angemeldet")

    # On the day, staff check her in from a phone.
    staff_phone = browser.new_context(viewport=PHONE).new_page()
    sign_in(staff_phone, live_server, "lra-miesbach", PASSWORD)
    staff_phone.goto(f"{live_server.url}/veranstaltungen/verwaltung/{event.pk}/einchecken/")
    staff_phone.get_by_label("Name oder Organisation").fill("Huber")
    staff_phone.get_by_role("button", name="Suchen").click()
    staff_phone.get_by_role("button", name="Einchecken Petra Huber").click()
    expect(
        staff_phone.get_by_role("button", name="Petra Huber ist da – zurücknehmen")
    ).to_be_visible()
    assert_accessible(staff_phone)
    fits_the_phone(staff_phone)
    assert Registration.objects.get(email="petra@example.org").status == "attended"

    # After the event staff close it and find the records in the district.
    Event.objects.filter(pk=event.pk).update(
        start_at=timezone.now() - datetime.timedelta(hours=3),
        end_at=timezone.now() - datetime.timedelta(hours=1),
    )
    page.goto(f"{live_server.url}/veranstaltungen/verwaltung/{event.pk}/")
    page.get_by_role("link", name="Nachbereiten und abschließen").click()
    assert_accessible(page)
    page.get_by_label("Huber Metallbau GmbH").check()
    page.get_by_label("Wiedervorlage am").fill(
        (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    )
    page.get_by_role("button", name="Abschließen und im Landkreis erfassen").click()
    expect(page.locator("#event-status")).to_have_text("abgeschlossen")
    page.get_by_role("link", name="Landkreis Miesbach").click()
    activities = page.locator("#aktivitaeten")
    expect(activities).to_contain_text("Arbeitgeberfrühstück Miesbach")
    expect(activities).to_contain_text("1 Teilnehmende")
    expect(activities).to_contain_text("Huber Metallbau GmbH")
    contact = Contact.objects.get(email="petra@example.org")
    page.goto(f"{live_server.url}/landkreise/ansprechpersonen/{contact.pk}/")
    expect(page.locator("main")).to_contain_text("Petra Huber")
    expect(page.locator("main")).to_contain_text("Einwilligung")
