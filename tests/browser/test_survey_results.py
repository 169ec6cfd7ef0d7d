"""District staff read a round's results and the comparison of districts in Chromium; the pages
pass an axe scan (WCAG 2.1 AA), charts included."""

import os

import pytest
from playwright.sync_api import expect

from ikokmu.roles import Role
from surveys.models import SurveyRound
from tests.browser.test_sign_in import sign_in
from tests.factories import PASSWORD, DistrictFactory, user_with_role
from tests.surveys.helpers import demo_version
from tests.surveys.test_results_data import known_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def miesbach_round():
    district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
    survey_round = known_round(
        demo_version(), district, anonymity=SurveyRound.Anonymity.PERSONALISED, copies=5
    )
    user_with_role(Role.DISTRICT_STAFF, districts=[district], username="lra-miesbach")
    user_with_role(Role.PROJECT_TEAM, username="team")
    return survey_round


def test_staff_read_the_results_with_charts_and_filter_by_sector(
    page, live_server, miesbach_round, assert_accessible
):
    sign_in(page, live_server, "lra-miesbach", PASSWORD)
    page.goto(f"{live_server.url}/befragung/runden/{miesbach_round.pk}/ergebnisse/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ergebnisse")
    expect(
        page.get_by_role("img", name="In welcher Branche ist Ihr Betrieb tätig?")
    ).to_be_visible()
    expect(page.locator("main")).to_contain_text("60 % (15)")
    assert_accessible(page)
    if os.environ.get("SCREENSHOT_DIR"):  # to look at the page by eye
        page.screenshot(path=f"{os.environ['SCREENSHOT_DIR']}/results.png", full_page=True)

    page.get_by_label("Betriebsgröße").select_option("1-9")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.locator("main")).to_contain_text("zum Schutz der Befragten nicht angezeigt")
    assert_accessible(page)


def test_the_team_reads_results_and_compares_districts(
    page, live_server, miesbach_round, assert_accessible
):
    sign_in(page, live_server, "team", PASSWORD)
    page.goto(f"{live_server.url}/befragung/runden/{miesbach_round.pk}/ergebnisse/")
    expect(
        page.get_by_role("button", name="Als Bedarfe des Landkreises übernehmen")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Vergleich der Landkreise").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vergleich der Landkreise")
    expect(page.locator("main")).to_contain_text("Landkreis Miesbach")
    assert_accessible(page)


def test_the_team_reviews_and_releases_free_texts_of_an_anonymous_round(
    page, live_server, assert_accessible
):
    district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
    survey_round = known_round(demo_version(), district)
    user_with_role(Role.PROJECT_TEAM, username="team")
    sign_in(page, live_server, "team", PASSWORD)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/befragung/runden/{survey_round.pk}/ergebnisse/")
    page.get_by_role("link", name="Freitexte prüfen und freigeben").click()
    expect(page.get_by_role("heading", level=2).first).to_have_text("7 Texte warten auf Freigabe")
    assert_accessible(page)
    row = page.get_by_role("row").filter(has_text="Mehr Sprachkurse vor Ort")
    row.get_by_role("button", name="freigeben").focus()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("1 freigegebener Text")
    expect(page.locator("main")).to_contain_text("6 Texte warten auf Freigabe")
    assert_accessible(page)
