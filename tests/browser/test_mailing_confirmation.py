"""District staff tick two of their district's firms in Chromium (nothing is preselected), the
button counts them, the confirmation page lists both with the mail's text, a test mail reaches
the staff member through a local SMTP server and its link opens the questionnaire without
counting, and only the confirmation sends. A sent invitation is withdrawn and its link says so.
Every new page passes axe, also on a 375 px phone."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from ikokmu.roles import Role
from surveys.models import Invitation, Response, SurveyRound
from tests.browser.test_sign_in import sign_in
from tests.factories import PASSWORD, DistrictFactory, OrganizationFactory, user_with_role
from tests.surveys.helpers import demo_version, open_round
from tests.surveys.smtp import SmtpServer, run_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_ADDRESS = "wirtschaft@lra-miesbach.example"


@pytest.fixture
def miesbach_round():
    district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
    user_with_role(
        Role.DISTRICT_STAFF, districts=[district], username="lra-miesbach", email=STAFF_ADDRESS
    )
    for name in ("Bäckerei Huber", "Schreinerei Alt", "Seenland Pflegedienst", "Zimmerei Lex"):
        slug = name.split()[-1].lower()
        OrganizationFactory(district=district, name=name, email=f"info@{slug}.example")
    survey_round, _open = open_round(
        demo_version(), district=district, access=SurveyRound.Access.INVITATION
    )
    SurveyRound.objects.filter(pk=survey_round.pk).update(
        title="Bedarfsbefragung Miesbach 2027", sender_name="Landratsamt Miesbach"
    )
    return survey_round


def test_staff_tick_two_firms_see_the_count_confirm_after_a_test_mail_and_withdraw_one(
    page, live_server, miesbach_round, assert_accessible
):
    sign_in(page, live_server, "lra-miesbach", PASSWORD)
    page.goto(f"{live_server.url}/befragung/runden/{miesbach_round.pk}/")
    page.get_by_role("link", name="Empfänger aus Organisationen").click()
    boxes = page.locator("input[name=organization]")
    expect(boxes).to_have_count(4)
    for index in range(4):
        expect(boxes.nth(index)).not_to_be_checked()
    button = page.locator("#invite-button")
    expect(button).to_have_text("Keine Organisation ausgewählt")
    expect(button).to_be_disabled()
    assert_accessible(page)

    page.get_by_label("Bäckerei Huber").check()
    expect(button).to_have_text("1 Organisation einladen")
    page.get_by_label("Zimmerei Lex").check()
    expect(button).to_have_text("2 Organisationen einladen")
    expect(page.locator("#invite-status")).to_have_text("2 Organisationen einladen")
    # "Alle auswählen" and back: the count follows.
    page.get_by_role("button", name="Alle auswählen").click()
    expect(button).to_have_text("4 Organisationen einladen")
    page.get_by_role("button", name="Keine auswählen").click()
    expect(button).to_be_disabled()
    page.get_by_label("Bäckerei Huber").check()
    page.get_by_label("Zimmerei Lex").check()
    button.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Einladungen senden – bitte bestätigen"
    )
    expect(page.locator("#confirm-summary")).to_contain_text("2 E-Mails gehen hinaus.")
    expect(page.locator("#confirm-when")).to_contain_text("Wann: jetzt")
    recipients = page.locator("#confirm-recipients li")
    expect(recipients).to_have_count(2)
    expect(recipients.nth(0)).to_contain_text("info@huber.example")
    expect(recipients.nth(1)).to_contain_text("info@lex.example")
    expect(page.locator(".mail-body")).to_contain_text("wir laden Bäckerei Huber herzlich")
    assert not Invitation.objects.filter(queued_at__isnull=False).exists()
    assert_accessible(page)

    with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers, SITE_URL=live_server.url):
        page.get_by_role("button", name="Testmail an mich").click()
        expect(page.locator(".messages")).to_contain_text(
            f"Die Testmail ist an {STAFF_ADDRESS} unterwegs"
        )
        [test_mail] = smtp.messages
        assert test_mail["To"].addresses[0].addr_spec == STAFF_ADDRESS
        assert "wir laden Bäckerei Huber herzlich" in test_mail.get_content()
        trial = next(w for w in test_mail.get_content().split() if "/befragung/probe/" in w)

        tester = page.context.browser.new_page(viewport={"width": 375, "height": 812})
        tester.goto(trial)
        expect(tester.locator("#trial-note")).to_contain_text("Nichts wird gespeichert")
        assert_accessible(tester)
        tester.locator("#consent").check()
        tester.get_by_role("button", name="Fragebogen beginnen").click()
        expect(tester).to_have_url(f"{trial}seite/1/?sprache=de")
        expect(tester.locator("#trial-note")).to_be_visible()
        assert_accessible(tester)
        assert tester.evaluate("document.documentElement.scrollWidth") <= 375
        tester.close()
        assert not Response.objects.exists()

        page.locator("#confirm-send").click()
        expect(page.locator(".messages")).to_contain_text(
            "2 Einladungen werden im Hintergrund versandt"
        )
        run_tasks()
    assert sorted(smtp.recipients()) == sorted(
        [STAFF_ADDRESS, "info@huber.example", "info@lex.example"]
    )
    real = smtp.to("info@huber.example")[0]
    assert real["Subject"] == test_mail["Subject"]
    link = next(w for w in real.get_content().split() if "/befragung/t/" in w)

    page.reload()
    expect(page.locator("#invitation-list")).to_contain_text("versandt")
    assert_accessible(page)
    page.get_by_role("link", name="zurückziehen (info@huber.example)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Einladung zurückziehen")
    assert_accessible(page)
    page.get_by_role("button", name="Einladung zurückziehen").click()
    expect(page.locator(".messages")).to_contain_text("ist zurückgezogen")

    respondent = page.context.browser.new_page()
    respondent.goto(link)
    expect(respondent.get_by_role("heading", level=1)).to_have_text("Einladung zurückgezogen")
    expect(respondent.locator("#withdrawn-notice")).to_contain_text("Landkreis Miesbach")
    assert_accessible(respondent)
    respondent.close()


def test_a_reminder_is_confirmed_on_its_own_page(
    page, live_server, miesbach_round, assert_accessible
):
    Invitation.objects.create(
        round=miesbach_round, email="info@huber.example", token_hash="x" * 64, token_salt="ab"
    )
    Invitation.objects.update(sent_at=miesbach_round.opens_at)
    sign_in(page, live_server, "lra-miesbach", PASSWORD)
    page.goto(f"{live_server.url}/befragung/runden/{miesbach_round.pk}/")
    page.get_by_role("link", name="Erinnerung jetzt senden …").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erinnerung – bitte bestätigen")
    expect(page.locator("#confirm-summary")).to_contain_text("1 E-Mail geht hinaus.")
    expect(page.locator("#confirm-recipients")).to_contain_text("info@huber.example")
    expect(page.locator(".mail-body")).to_contain_text("vor einiger Zeit haben wir")
    assert_accessible(page)
    # On a phone the mail text (with its long links) wraps instead of widening the page.
    page.set_viewport_size({"width": 375, "height": 812})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)
    page.get_by_role("button", name="Erinnerung jetzt an 1 Einladung senden").click()
    expect(page.locator(".messages")).to_contain_text("Die Erinnerung wird im Hintergrund")
