"""A person signs in with each role in Chromium, sees the right start page, and every page
they pass passes an axe-core WCAG 2.1 AA scan, on a desktop and on a 375 px phone."""

import pytest
from playwright.sync_api import expect

from ikokmu.roles import Role
from tests.factories import PASSWORD, DistrictFactory, user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

START_PAGE_TEXT = {
    Role.PROJECT_TEAM: "aktive Zugänge",
    Role.INTERVIEW_TEAM: "Interviewstudie",
    Role.DISTRICT_STAFF: "Ihr Landkreis",
}


@pytest.fixture
def people():
    munich = DistrictFactory(name="Landkreis München", official_key="09184")
    DistrictFactory(name="Landkreis Miesbach", official_key="09182")
    return {
        Role.PROJECT_TEAM: user_with_role(
            Role.PROJECT_TEAM, username="projektteam", first_name="Miriam", last_name="Hofstetter"
        ),
        Role.INTERVIEW_TEAM: user_with_role(
            Role.INTERVIEW_TEAM, username="interviewteam", first_name="Jonas", last_name="Albrecht"
        ),
        Role.DISTRICT_STAFF: user_with_role(
            Role.DISTRICT_STAFF,
            districts=[munich],
            username="lra-muenchen",
            first_name="Sabine",
            last_name="Krämer",
        ),
    }


def sign_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/konto/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()


@pytest.mark.parametrize("role", list(START_PAGE_TEXT))
def test_each_role_signs_in_and_sees_its_start_page(
    page, live_server, people, role, assert_accessible
):
    sign_in(page, live_server, people[role].username, PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/start/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Guten Tag")
    expect(page.locator("main")).to_contain_text(START_PAGE_TEXT[role])
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_district_staff_do_not_see_other_districts(page, live_server, people):
    sign_in(page, live_server, "lra-muenchen", PASSWORD)
    expect(page.locator("main")).to_contain_text("Landkreis München")
    expect(page.locator("main")).not_to_contain_text("Landkreis Miesbach")


def test_a_failed_login_shows_the_german_error_and_keeps_the_name(
    page, live_server, people, assert_accessible
):
    sign_in(page, live_server, "projektteam", "ganz-falsches-passwort")
    expect(page.locator("main")).to_contain_text("Benutzername oder Passwort stimmen nicht")
    expect(page.get_by_label("Benutzername")).to_have_value("projektteam")
    assert_accessible(page)


def test_login_and_public_pages_are_accessible(page, live_server, assert_accessible):
    for path in ["/konto/anmelden/", "/", "/seiten/impressum/", "/konto/passwort-vergessen/"]:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)


def test_keyboard_user_skips_to_the_content_and_signs_in(page, live_server, people):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Zum Inhalt springen")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    # The login form puts the cursor into the user name field.
    page.goto(f"{live_server.url}/konto/anmelden/")
    expect(page.get_by_label("Benutzername")).to_be_focused()
    page.keyboard.type("interviewteam")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/start/")


def test_the_start_page_works_on_a_phone(browser, live_server, people, assert_accessible):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    phone = context.new_page()
    sign_in(phone, live_server, "projektteam", PASSWORD)
    expect(phone).to_have_url(f"{live_server.url}/start/")
    # Nothing wider than the screen: no sideways scrolling.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    menu_button = phone.get_by_role("button", name="Menü öffnen")
    expect(menu_button).to_be_visible()
    menu_button.focus()
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("link", name="Sicherheitsprotokoll")).to_be_visible()
    assert_accessible(phone)
    context.close()
