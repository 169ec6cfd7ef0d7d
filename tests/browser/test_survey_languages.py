"""A KMU answers the demo questionnaire in Arabic on a 375 px phone: the pages run right to left,
touch targets are big enough, the rating grid stacks its answers, exclusive answers and the
maximum of ticks work while ticking, and the answers PDF holds Arabic text."""

import importlib
import re
import subprocess

import pytest
from django.apps import apps
from playwright.sync_api import expect

from catalog.models import FieldOfAction
from surveys import services
from tests.catalog.factories import MeasureFactory
from tests.surveys.helpers import demo_version, open_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


def restore_catalogue_texts():
    """Transactional tests empty the tables the migrations filled: the translations of the
    fields of action and the vocabularies' labels come back from the migration's own data."""
    migration = importlib.import_module("catalog.migrations.0007_translations_and_labels")
    migration.add_texts(apps, None)


@pytest.fixture
def arabic_invitation():
    version = demo_version()
    restore_catalogue_texts()
    survey_round, _open = open_round(version)
    MeasureFactory(
        title="Deutsch am Arbeitsplatz einführen",
        summary="Berufsbezogenes Deutsch direkt im Betrieb.",
        effort="low",
        fields_of_action=[FieldOfAction.objects.get(slug="sprache")],
        translations={"ar": {"title": "الألمانية في مكان العمل", "summary": "دروس في الشركة."}},
    )
    _invitation, token = services.invitation_create(survey_round=survey_round)
    return token


def field(page, name):
    return page.locator(f'[name="{name}"]')


def option(page, name, value):
    return page.locator(f'input[name="{name}"][value="{value}"]')


def next_page(page):
    page.locator('button[name="action"][value="next"]').click()


def heading(page):
    return page.get_by_role("heading", level=1)


def assert_touch_targets(page):
    """Each radio button and checkbox with its label: at least 44 × 44 px, and a tap anywhere on
    it (here: its far end) reaches the input."""
    rows = page.locator(".survey .form-check")
    assert rows.count() > 0
    for n in range(rows.count()):
        box = rows.nth(n).bounding_box()
        if box is None:  # a question hidden by its condition
            continue
        assert box["width"] >= 44 and box["height"] >= 44, (n, box)


def test_a_kmu_answers_in_arabic_on_a_phone_right_to_left_and_gets_an_arabic_pdf(
    browser, live_server, arabic_invitation, assert_accessible, tmp_path
):
    link = f"{live_server.url}/befragung/t/{arabic_invitation}/"
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    page.goto(link + "?sprache=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(heading(page)).to_have_text("استبيان الاحتياجات: الانفتاح بين الثقافات")
    # The plain header: the platform's name and the language switch, no menu, no sign-in.
    expect(page.locator("header .navbar-brand")).to_have_text("IKÖKMU")
    expect(page.locator("#survey-language")).to_have_value("ar")
    expect(page.locator('a[href="/anmelden/"]')).to_have_count(0)
    expect(page.locator("#main-nav")).to_have_count(0)
    assert_accessible(page)
    page.locator("#consent").check()
    page.locator("main form[method=post] button[type=submit]").click()

    # Page 1: right to left, a year-only date, a whole number, big touch targets.
    expect(heading(page)).to_have_text("شركتكم")
    expect(page.locator("#progress-label")).to_have_text("الخطوة 1 من 6 كحد أقصى")
    expect(page.locator("#frage-q02_beschaeftigte-hint")).to_have_text(
        "يرجى إدخال عدد صحيح من 1 إلى 5000."
    )
    assert_touch_targets(page)
    # The label's box is the target: a tap at its far (left) end ticks the radio button.
    row = page.locator("#frage-q04_international .form-check").first
    row.scroll_into_view_if_needed()
    box = row.bounding_box()
    page.mouse.click(box["x"] + 4, box["y"] + box["height"] / 2)
    expect(option(page, "q_q04_international", "ja")).to_be_checked()
    input_box = option(page, "q_q04_international", "ja").bounding_box()
    assert input_box["x"] > box["x"] + box["width"] / 2, "the radio button stands on the right"
    field(page, "q_q01_branche").select_option("handwerk")
    field(page, "q_q02_beschaeftigte").fill("25")
    field(page, "q_q03_gruendung").fill("1998")
    field(page, "q_q05_anteil").fill("20")
    assert_accessible(page)
    next_page(page)

    # Page 2: at most three ways; the fourth tick is taken back with a message at the field.
    expect(heading(page)).to_have_text("استقطاب العمال المهرة")
    expect(page.locator("#progress-label")).to_have_text("الخطوة 2 من 6")
    option(page, "q_q06_offene_stellen", "ja").check()
    for value in ["anzeigen", "agentur", "empfehlung"]:
        option(page, "q_q07_wege", value).check()
    option(page, "q_q07_wege", "social").click()
    expect(option(page, "q_q07_wege", "social")).not_to_be_checked()
    expect(page.locator("#frage-q07_wege-limit")).to_contain_text("يمكنكم اختيار 3 إجابات كحد أقصى")
    option(page, "q_q07_wege", "agentur").uncheck()
    expect(page.locator("#frage-q07_wege-limit")).to_have_text("")
    option(page, "q_q08_bedeutung", "5").check()
    option(page, "q_q09_anerkennung", "interesse").check()
    field(page, "q_q10_hindernisse").fill("قلة المتقدمين")
    assert_touch_targets(page)
    assert_accessible(page)
    next_page(page)

    # Page 3: the rating grid stacks each row's answers; "none so far" is exclusive.
    expect(heading(page)).to_have_text("التأهيل الوظيفي واللغة")
    answers = page.locator('.form-check:has(input[name="q_q11_bedarf__einarbeitung"])')
    boxes = [answers.nth(n).bounding_box() for n in range(answers.count())]
    assert len(boxes) == 6
    assert len({round(b["x"]) for b in boxes}) == 1, "one answer per line, no wrapped row"
    assert all(a["y"] < b["y"] for a, b in zip(boxes, boxes[1:], strict=False))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for item in ["einarbeitung", "deutsch", "mehrsprachig", "fuehrung", "konflikte"]:
        option(page, f"q_q11_bedarf__{item}", "4").check()
    option(page, "q_q12_sprachfoerderung", "kurse").check()
    option(page, "q_q12_sprachfoerderung", "arbeitsplatz").check()
    option(page, "q_q12_sprachfoerderung", "keine").check()
    expect(option(page, "q_q12_sprachfoerderung", "kurse")).not_to_be_checked()
    expect(option(page, "q_q12_sprachfoerderung", "arbeitsplatz")).not_to_be_checked()
    option(page, "q_q12_sprachfoerderung", "kurse").check()
    expect(option(page, "q_q12_sprachfoerderung", "keine")).not_to_be_checked()
    option(page, "q_q13_paten", "nein").check()
    option(page, "q_q15_zufriedenheit", "3").check()
    assert_touch_targets(page)
    assert_accessible(page)
    next_page(page)
    expect(heading(page)).to_have_text("ثقافة الشركة والحياة المحلية")
    option(page, "q_q17_wohnen", "4").check()
    next_page(page)
    expect(heading(page)).to_have_text("الدعم والتطلعات")
    option(page, "q_q21_themen", "sprache").check()
    option(page, "q_q22_form", "workshop").check()
    next_page(page)

    expect(heading(page)).to_have_text("مراجعة الإجابات وإرسالها")
    expect(page.get_by_text("1998", exact=True)).to_be_visible()
    assert_accessible(page)
    page.locator("main form[method=post] button[type=submit]").click()

    # Thank-you page: the needs profile and the measure in Arabic.
    expect(heading(page)).to_have_text("شكرًا جزيلًا على إجاباتكم")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#profile-heading + p + ol")).to_contain_text("اللغة والتواصل")
    expect(page.get_by_role("link", name="الألمانية في مكان العمل")).to_be_visible()
    assert_accessible(page)
    link = page.locator("a[data-download]")
    with page.expect_download() as download:
        link.click()
    expect(page.locator("#pdf-status")).to_have_text("تم تنزيل ملف PDF.")
    expect(link).not_to_have_attribute("aria-disabled", "true")
    path = tmp_path / "antworten.pdf"
    download.value.save_as(path)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True).stdout
    text = re.sub("[\u202a-\u202e]", "", text.decode())
    # (lam-alef ligatures come back as two letters in another order: words without them)
    for expected in ["ملف احتياجاتكم", "اللغة والتواصل", "في مكان العمل", "1998"]:
        assert expected in text, expected
    context.close()
