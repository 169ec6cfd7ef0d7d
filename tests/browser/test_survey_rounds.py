"""District staff create a survey round in Chromium, import recipients, send the invitations
through the task worker to a local SMTP server, and the link from the received e-mail opens the
questionnaire; the answers submitted through it show in the round's figures and chart. The round
list, the round form and the round page pass axe."""

import pytest
from django.test import Client, override_settings
from playwright.sync_api import expect

from ikokmu.roles import Role
from surveys.models import Invitation
from tests.browser.test_sign_in import sign_in
from tests.factories import PASSWORD, DistrictFactory, user_with_role
from tests.surveys.helpers import answer_all, demo_version
from tests.surveys.smtp import SmtpServer, run_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECIPIENTS = (
    "E-Mail;Organisation;Sprache\r\n"
    "info@seenland.example;Seenland Pflegedienst;Deutsch\r\n"
    "kein-at-zeichen;Müller Bau;\r\n"
).encode("cp1252")


@pytest.fixture
def miesbach():
    district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
    user_with_role(Role.DISTRICT_STAFF, districts=[district], username="lra-miesbach")
    demo_version()
    return district


def test_staff_create_a_round_import_recipients_send_and_the_mailed_link_opens_the_questionnaire(
    page, live_server, miesbach, assert_accessible
):
    sign_in(page, live_server, "lra-miesbach", PASSWORD)
    page.get_by_role("link", name="Befragungsrunden").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Befragungsrunden")
    assert_accessible(page)

    page.get_by_role("link", name="Neue Befragungsrunde").click()
    expect(page.get_by_label("Betreff (Deutsch)").first).to_have_value(
        "Einladung zur Bedarfsbefragung „Interkulturelle Öffnung“ – {landkreis}"
    )
    assert_accessible(page)
    page.get_by_label("Titel").fill("Bedarfsbefragung Miesbach 2027")
    page.get_by_role("button", name="Vorschau der E-Mails").click()
    expect(page.locator("#mail-preview")).to_contain_text("Musterbetrieb GmbH")
    assert_accessible(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedarfsbefragung Miesbach 2027")
    assert_accessible(page)

    page.get_by_role("link", name="Empfängerliste importieren").click()
    page.get_by_label("Empfängerliste (CSV oder Excel)").set_input_files(
        files=[{"name": "empfaenger.csv", "mimeType": "text/csv", "buffer": RECIPIENTS}]
    )
    page.get_by_role("button", name="Vorschau anzeigen").click()
    expect(page.locator("#left-out")).to_contain_text("keine gültige E-Mail-Adresse")
    assert_accessible(page)
    page.get_by_role("button", name="1 Einladung anlegen").click()
    expect(page.locator("#invitation-list")).to_contain_text("info@seenland.example")

    page.get_by_role("link", name="Einladungen senden …").click()
    expect(page.locator("#confirm-summary")).to_contain_text("1 E-Mail geht hinaus.")
    page.get_by_role("button", name="1 Einladung jetzt senden").click()
    expect(page.locator(".messages")).to_contain_text("1 Einladung wird im Hintergrund versandt")
    with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers, SITE_URL=live_server.url):
        run_tasks()
    [message] = smtp.messages
    link = next(w for w in message.get_content().split() if "/befragung/t/" in w)
    page.reload()
    expect(page.locator("#invitation-list")).to_contain_text("versandt")
    assert_accessible(page)
    assert Invitation.objects.get().sent_at is not None

    respondent = page.context.browser.new_page()
    respondent.goto(link)
    expect(respondent.get_by_role("heading", level=1)).to_contain_text("Bedarfsbefragung")
    expect(respondent.locator("#linked-notice")).to_contain_text("anonym gespeichert")
    respondent.close()

    # The respondent answers through the same link (page by page, over HTTP) and submits.
    token = link.rstrip("/").rsplit("/", 1)[1]
    reply = answer_all(Client(), token)
    assert reply.status_code == 302
    page.reload()
    expect(page.locator("#response-rate")).to_have_text("100 %")
    expect(page.locator("#completions-chart rect")).to_have_count(1)
    expect(page.locator("#invitation-list")).to_contain_text("ja")
    assert_accessible(page)
