"""In Chromium: a coder selects a sentence with the mouse, codes it without a page reload and
finds it under that code's retrieval; the coding page passes an axe WCAG 2.1 AA scan."""

import pytest
from playwright.sync_api import expect

from ikokmu.roles import Role
from interviews import services
from tests.browser.test_sign_in import sign_in
from tests.factories import PASSWORD, user_with_role
from tests.interviews import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SENTENCE = "Seitdem übergeben wir die Schicht mit Bildern."
TRANSCRIPT = (
    "I: Wie läuft die Übergabe? 🚀👋🏽\n"
    f"B: Früher gab es oft Missverständnisse. {SENTENCE} Das klappt gut.\n"
)


@pytest.fixture
def study():
    manager = user_with_role(Role.INTERVIEW_TEAM, username="leitung")
    coder = user_with_role(Role.INTERVIEW_TEAM, username="kodiererin")
    study = f.study_with_team(manager=manager, coders=[coder])
    case = f.company(study)
    interview = f.interview(case, transcript=TRANSCRIPT)
    f.code(study, "Visuelle Kommunikation", colour="#9467BD")
    other = f.code(study, "Sprachförderung", colour="#FF7F0E")
    services.segment_code(interview=interview, codes=[other], coder=manager, phrase="Früher")
    return interview


def select_text(page, text):
    page.evaluate(
        """(text) => {
            const container = document.getElementById("transcript");
            const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.data.indexOf(text);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + text.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    document.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
                    return;
                }
            }
            throw new Error("text not found");
        }""",
        text,
    )


def test_a_coder_selects_a_sentence_codes_it_and_finds_it_under_the_code(
    page, live_server, study, assert_accessible
):
    sign_in(page, live_server, "kodiererin", PASSWORD)
    page.goto(f"{live_server.url}/interviews/interview/{study.pk}/kodieren/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kodieren")
    assert page.locator("h1").count() == 1
    assert_accessible(page)

    select_text(page, SENTENCE)
    expected_start = TRANSCRIPT.index(SENTENCE)  # code points: the emoji count once each
    expect(page.get_by_label("Von Zeichen")).to_have_value(str(expected_start))
    expect(page.get_by_label("Bis Zeichen")).to_have_value(str(expected_start + len(SENTENCE)))
    page.get_by_label("Visuelle Kommunikation").check()
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name="Kodieren").click()
    expect(page.locator("#coding-status")).to_contain_text("Die Textstelle wurde kodiert.")
    assert page.evaluate("window.notReloaded") is True
    mark = page.locator("mark[title='Codes: Visuelle Kommunikation']")
    expect(mark).to_have_text(SENTENCE)
    assert_accessible(page)

    page.get_by_role("link", name="Zum Kodesystem").click()
    page.get_by_role("link", name="Visuelle Kommunikation").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Visuelle Kommunikation")
    expect(page.locator("main")).to_contain_text(SENTENCE)
    expect(page.locator("main")).to_contain_text("Metallbau")
    assert_accessible(page)


def test_a_coder_removes_a_coding_by_mistake_and_undoes_it(
    page, live_server, study, assert_accessible
):
    sign_in(page, live_server, "leitung", PASSWORD)
    page.goto(f"{live_server.url}/interviews/interview/{study.pk}/kodieren/")
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name="Entfernen").first.click()
    expect(page.locator("#coding-status")).to_contain_text("Die Kodierung wurde entfernt.")
    expect(page.locator("mark[title='Codes: Sprachförderung']")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("button", name="Rückgängig").click()
    expect(page.locator("#coding-status")).to_contain_text("Rückgängig gemacht")
    expect(page.locator("mark[title='Codes: Sprachförderung']")).to_have_text("Früher")
    assert page.evaluate("window.notReloaded") is True

    # The heat map leads from a cell to its passages.
    page.goto(f"{live_server.url}/interviews/{study.company.study_id}/auswertung/")
    assert_accessible(page)
    page.get_by_role("link", name="1 Textstelle von U07 mit Sprachförderung").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sprachförderung")
    expect(page.locator("main")).to_contain_text("Früher")


def test_a_manager_picks_a_quote_by_its_words_and_shortens_it(
    page, live_server, study, assert_accessible
):
    sign_in(page, live_server, "leitung", PASSWORD)
    page.goto(f"{live_server.url}/interviews/{study.company.study_id}/beispiele/neu/")
    page.locator("select[name=company]").select_option(label=str(study.company))
    picker = page.get_by_label("Zitat aus einer kodierten Textstelle")
    picker.select_option(label="U07 · Sprachförderung: „Früher“")
    quote = page.get_by_label("Freigegebenes Zitat")
    expect(quote).to_have_value("Früher")
    quote.fill("Früher …")  # the coder's own edit is kept when the choice changes again
    picker.select_option(index=0)
    picker.select_option(label="U07 · Sprachförderung: „Früher“")
    expect(quote).to_have_value("Früher …")
    assert_accessible(page)
