"""Chromium walks the pages of every role on the demo data and reports no refusal of the Content
Security Policy: no inline style or script anywhere, charts, code colours, progress bars, menus
and htmx fragments all work from static files.

Each role's walk starts at its start page and follows the links it finds, one page per kind of
address (ids set aside), so pages added later are walked too. Chromium reports every refusal as
a `securitypolicyviolation` event and on the console; both are collected.
"""

import re
from collections import deque
from importlib import import_module
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from ikokmu.demo import DEMO_PASSWORD
from interviews.models import Segment
from surveys import tokens
from surveys.demo import DEMO_TOKEN
from surveys.models import Invitation
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"} ` +
    `(${event.sourceFile}:${event.lineNumber}) ${event.sample}`
  );
});
"""
# Files and the admin are left out: downloads are no pages, the admin's are Django's own (its
# pages are checked without a browser in tests/core/test_page_headers.py).
NOT_A_PAGE = re.compile(
    r"\.(pdf|csv|xlsx|sav|json|qdpx|qdc|zip|docx|odt|txt|mp3|wav|ogg)$|/export|/verwaltung/"
    r"|/dokumente/\d+/$|/audio/|/static/"
)
PAGES_PER_ROLE = 40
PAGES_PER_SECTION = 4


class PolicyWatch:
    """Collects the policy's refusals on one browser page, from events and the console."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        page.add_init_script(COLLECT_VIOLATIONS)
        page.on("console", self.on_console)

    def on_console(self, message):
        if "Content Security Policy" in message.text:
            self.console.append(message.text)

    def refusals(self) -> list[str]:
        self.page.wait_for_timeout(100)  # violation events are queued as tasks
        events = self.page.evaluate("window.__cspViolations || []")
        found = events + self.console
        self.console = []
        self.page.evaluate("window.__cspViolations = []")
        return found


def kind_of(path: str) -> str:
    """The kind of page behind an address: ids and the query set aside."""
    return re.sub(r"\d+", "N", path.split("?")[0])


def section_of(path: str) -> str:
    return "/".join(kind_of(path).split("/")[:3])


def open_page(page, url: str) -> bool:
    """Opens a page and checks its policy header; False for a download or an error page."""
    try:
        response = page.goto(url)
    except Exception as error:  # a link that turns out to be a download
        if "Download is starting" in str(error):
            return False
        raise
    if response is None or response.status >= 400:
        return False
    if not response.headers.get("content-type", "").startswith("text/html"):
        return False
    policy = response.headers.get("content-security-policy", "")
    assert "style-src 'self'" in policy and "script-src 'self'" in policy, (url, policy)
    assert "unsafe-inline" not in policy
    return True


def walk(page, watch, base: str, start: str) -> dict[str, list[str]]:
    """Breadth first from `start`: every page visited with the refusals it caused."""
    queue = deque([start])
    seen_kinds: set[str] = set()
    per_section: dict[str, int] = {}
    visited: dict[str, list[str]] = {}
    while queue and len(visited) < PAGES_PER_ROLE:
        path = queue.popleft()
        kind, section = kind_of(path), section_of(path)
        if kind in seen_kinds or per_section.get(section, 0) >= PAGES_PER_SECTION:
            continue
        seen_kinds.add(kind)
        if not open_page(page, base + path):
            continue
        per_section[section] = per_section.get(section, 0) + 1
        visited[path] = watch.refusals()
        links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        for link in links:
            parts = urlsplit(link)
            if f"{parts.scheme}://{parts.netloc}" != base or NOT_A_PAGE.search(parts.path):
                continue
            if kind_of(parts.path) not in seen_kinds:
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return visited


def assert_no_refusals(visited: dict[str, list[str]]):
    refused = {path: found for path, found in visited.items() if found}
    assert refused == {}, refused


def watched_page(browser):
    page = browser.new_context().new_page()
    return page, PolicyWatch(page)


def test_every_role_walks_its_pages_without_a_policy_refusal(browser, live_server):
    # Transactional tests before this one may have emptied what the migrations put in (the
    # fields of action the demo's needs name): put it back as the migration does.
    fields = import_module("catalog.migrations.0002_fields_of_action")
    fields.create_fields(django_apps, None)
    call_command("seed_demo", stdout=StringIO())
    for username, expected_pages in [
        ("projektteam", 30),
        ("interviewteam", 10),
        ("lra-oberland", 15),
    ]:
        page, watch = watched_page(browser)
        sign_in(page, live_server, username, DEMO_PASSWORD)
        watch.refusals()
        visited = walk(page, watch, live_server.url, "/start/")
        assert_no_refusals(visited)
        assert len(visited) >= expected_pages, (username, sorted(visited))
        if username == "interviewteam":
            code_colours_and_htmx_fragments_work(page, watch, live_server.url)
        page.context.close()
    page, watch = watched_page(browser)
    a_respondent_answers_and_reads_the_thanks_page(page, watch, live_server.url)


def test_the_walk_notices_a_refused_inline_style(browser, live_server):
    page, watch = watched_page(browser)
    assert open_page(page, f"{live_server.url}/katalog/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    assert any("style-src" in found for found in watch.refusals())


def code_colours_and_htmx_fragments_work(page, watch, base):
    coded = Segment.objects.values_list("interview", flat=True).first()
    page.goto(base + reverse("interviews:coding", args=[coded]))
    mark = page.locator(".transcript mark.coded").first
    expect(mark).to_be_visible()
    # The colours are the codes' own (data-tint, data-colour), not the stylesheet's fallbacks.
    expect(mark).to_have_css("background-color", rgb(mark.get_attribute("data-tint")))
    tag = page.locator(".segment-row .code-tag").first
    expect(tag).to_have_css("border-bottom-color", rgb(tag.get_attribute("data-colour")))
    # An htmx fragment (a segment's edit form) comes in under the same policy.
    page.locator(".segment-row a[hx-get]").first.click()
    expect(page.locator(".segment-row form").first).to_be_visible()
    assert watch.refusals() == []


def rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def a_respondent_answers_and_reads_the_thanks_page(page, watch, base):
    assert open_page(page, f"{base}/befragung/t/{DEMO_TOKEN}/")
    page.locator("#consent").check()
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("#progress-label")).to_be_visible()
    # The respondent's progress is a native <progress>: its value needs no style at all.
    progress = page.locator("progress.survey-progress")
    expect(progress).to_be_visible()
    assert 0 <= int(progress.get_attribute("value")) <= 100
    assert watch.refusals() == []

    completed = Invitation.objects.filter(completed=True).first()
    assert open_page(page, f"{base}/befragung/t/{tokens.invitation_token(completed.token_salt)}/")
    strongest = page.locator(".survey-profile .progress-bar").first
    expect(strongest).to_be_visible()
    assert_bar_width_matches_its_class(strongest)
    assert watch.refusals() == []


def assert_bar_width_matches_its_class(bar):
    """The width comes from the stylesheet (class w-pct-N), not from a style attribute."""
    percent = int(re.search(r"w-pct-(\d+)", bar.get_attribute("class")).group(1))
    ratio = bar.evaluate(
        "bar => bar.getBoundingClientRect().width / bar.parentElement.getBoundingClientRect().width"
    )
    assert abs(ratio * 100 - percent) < 1, (percent, ratio)
