"""A KMU answers the needs questionnaire on a phone in English, stops half way, resumes with the
same link, submits and downloads its PDF; the project team's builder pages pass axe."""

import re

import pytest
from playwright.sync_api import expect

from catalog.models import FieldOfAction
from ikokmu.roles import Role
from surveys import services
from tests.browser.test_sign_in import sign_in
from tests.catalog.factories import MeasureFactory
from tests.factories import PASSWORD, user_with_role
from tests.surveys.helpers import demo_version, open_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def invitation():
    version = demo_version()
    survey_round, _open = open_round(version)
    MeasureFactory(
        title="Deutsch am Arbeitsplatz einführen",
        fields_of_action=[FieldOfAction.objects.get(slug="sprache")],
    )
    _invitation, token = services.invitation_create(survey_round=survey_round)
    return version, token


def field(page, name):
    return page.locator(f'[name="{name}"]')


def tick(page, name, value):
    page.locator(f'input[name="{name}"][value="{value}"]').check()


def next_page(page):
    page.locator('button[name="action"][value="next"]').click()


def heading(page):
    return page.get_by_role("heading", level=1)


def test_a_kmu_answers_in_english_on_a_phone_stops_resumes_submits_and_downloads(
    browser, live_server, invitation, assert_accessible
):
    _version, token = invitation
    link = f"{live_server.url}/befragung/t/{token}/"
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(link)
    page.locator("#survey-language").select_option("en")
    page.locator("form[method=get] button").click()
    expect(heading(page)).to_have_text("Needs survey: intercultural opening")
    expect(page.get_by_text("Your answers are analysed")).to_be_visible()
    assert_accessible(page)
    page.locator("#consent").check()
    page.locator("main form[method=post] button[type=submit]").click()

    # Page 1: dropdown, number, date, yes/no and a follow-up shown by the answer.
    expect(heading(page)).to_have_text("Your company")
    next_page(page)
    expect(page.locator("#error-summary")).to_be_visible()
    assert_accessible(page)
    field(page, "q_q01_branche").select_option(label="Crafts")
    field(page, "q_q02_beschaeftigte").fill("25")
    field(page, "q_q03_gruendung").fill("1998")
    expect(page.locator("#frage-q05_anteil")).to_be_hidden()
    tick(page, "q_q04_international", "ja")
    expect(page.locator("#frage-q05_anteil")).to_be_visible()
    field(page, "q_q05_anteil").fill("20")
    next_page(page)

    # Page 2: yes/no, multiple choice, rating, single choice, long text.
    expect(heading(page)).to_have_text("Recruiting skilled workers")
    assert_accessible(page)
    tick(page, "q_q06_offene_stellen", "ja")
    tick(page, "q_q07_wege", "anzeigen")
    tick(page, "q_q08_bedeutung", "5")
    tick(page, "q_q09_anerkennung", "interesse")
    field(page, "q_q10_hindernisse").fill("Few applications.")
    next_page(page)
    expect(heading(page)).to_have_text("Onboarding and language")
    # They type an answer and close the browser half way, without pressing "Next".
    field(page, "q_q14_sprachen").fill("German, Romanian")
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    page.wait_for_timeout(500)
    context.close()

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(link)
    expect(heading(page)).to_have_text("Onboarding and language")
    expect(field(page, "q_q14_sprachen")).to_have_value("German, Romanian")
    # Page 3: matrix, multiple choice, yes/no, short text, 7-point rating.
    assert_accessible(page)
    for item in ["einarbeitung", "deutsch", "mehrsprachig", "fuehrung", "konflikte"]:
        tick(page, f"q_q11_bedarf__{item}", "4")
    tick(page, "q_q12_sprachfoerderung", "keine")
    tick(page, "q_q13_paten", "nein")
    tick(page, "q_q15_zufriedenheit", "3")
    next_page(page)
    expect(heading(page)).to_have_text("Company culture and local life")
    tick(page, "q_q17_wohnen", "4")
    next_page(page)
    expect(heading(page)).to_have_text("Support and outlook")
    tick(page, "q_q21_themen", "sprache")
    tick(page, "q_q22_form", "beratung")
    field(page, "q_q23_termin").fill("2026-12-01")
    field(page, "q_q24_stunden").fill("4")
    assert_accessible(page)
    next_page(page)

    assert_accessible(page)
    expect(page.get_by_text("Few applications.")).to_be_visible()
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page.get_by_role("heading", level=2).first).to_be_visible()
    expect(page.get_by_text("Deutsch am Arbeitsplatz einführen")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.locator('a[href$="antworten.pdf"]').click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    context.close()


def test_an_unknown_link_gets_a_friendly_accessible_page(page, live_server, assert_accessible):
    page.goto(f"{live_server.url}/befragung/t/{services.new_token()}/")
    expect(heading(page)).to_have_text("Fragebogen nicht verfügbar")
    assert_accessible(page)


def test_the_builder_pages_pass_axe(page, live_server, invitation, assert_accessible):
    version, _token = invitation
    user_with_role(Role.PROJECT_TEAM, username="team")
    sign_in(page, live_server, "team", PASSWORD)
    page.goto(f"{live_server.url}/befragung/frageboegen/")
    assert_accessible(page)
    page.get_by_role("link", name="Version 1").click()
    expect(heading(page)).to_contain_text("KMU-Bedarfsbefragung")
    assert_accessible(page)
    # Reordering works from the keyboard: focus the button and press Enter.
    second = version.sections.get(position=2)
    page.get_by_role("button", name=re.compile(f"Nach oben.*{second.title['de']}")).focus()
    page.keyboard.press("Enter")
    expect(page.locator("h3").first).to_contain_text(second.title["de"])
    page.get_by_role("link", name=re.compile("Bearbeiten.*q02_beschaeftigte")).click()
    assert_accessible(page)
    page.goto(f"{live_server.url}/befragung/versionen/{version.pk}/vorschau/3/?sprache=en")
    expect(heading(page)).to_have_text("Onboarding and language")
    assert_accessible(page)
