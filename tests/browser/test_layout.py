"""What every page of the base layout does in Chromium: Esc closes the menu opened on a phone,
and a failed save puts the focus on its error summary."""

import re

import pytest
from playwright.sync_api import expect

from ikokmu.roles import Role
from tests.browser.test_sign_in import sign_in
from tests.factories import PASSWORD, user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_esc_closes_the_menu_opened_on_a_phone(browser, live_server):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    phone = context.new_page()
    phone.goto(f"{live_server.url}/katalog/")
    menu_button = phone.get_by_role("button", name="Menü öffnen")
    menu_button.click()
    menu = phone.get_by_role("navigation", name="Hauptnavigation")
    catalogue = menu.get_by_role("link", name="Wer hilft uns?")
    expect(phone.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))  # fully open
    catalogue.focus()
    phone.keyboard.press("Escape")
    expect(catalogue).to_be_hidden()
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(menu_button).to_be_focused()
    context.close()


def test_after_a_failed_save_the_focus_is_on_the_error_summary(page, live_server):
    user_with_role(Role.PROJECT_TEAM, username="projektteam")
    sign_in(page, live_server, "projektteam", PASSWORD)
    page.goto(f"{live_server.url}/katalog/literatur/neu/")
    page.get_by_role("button", name="Speichern").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Autor*innen oder Herausgeber")
    summary.get_by_role("link").first.click()
    expect(page).to_have_url(f"{live_server.url}/katalog/literatur/neu/#div_id_authors")
