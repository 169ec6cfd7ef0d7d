"""A visitor uses the public catalogue in Chromium: searches, filters offers by district, opens an
offer; the catalogue pages pass an axe-core WCAG 2.1 AA scan."""

import importlib

import pytest
from playwright.sync_api import expect

from catalog.models import FieldOfAction, Status
from ikokmu.roles import Role
from tests.browser.test_sign_in import sign_in
from tests.catalog.factories import ContactFactory, MeasureFactory, OfferFactory, ProviderFactory
from tests.factories import PASSWORD, DistrictFactory, user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fields_of_action() -> dict[str, FieldOfAction]:
    """The nine fields of action; transactional tests flush the rows the migration made."""
    migration = importlib.import_module("catalog.migrations.0002_fields_of_action")
    found = {}
    for position, (slug, name, description) in enumerate(migration.FIELDS, start=1):
        found[slug], _created = FieldOfAction.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    return found


@pytest.fixture
def catalogue():
    fields = fields_of_action()
    miesbach = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
    landsberg = DistrictFactory(name="Landkreis Landsberg am Lech", official_key="09181")
    provider = ProviderFactory(name="Arbeitgeberservice Vielfalt Oberland")
    lotsen = OfferFactory(
        title="Ausbildungslotsen Miesbach",
        slug="ausbildungslotsen-miesbach",
        provider=provider,
        description="Wir vermitteln Praktika und Ausbildungsplätze an junge Zugewanderte.",
        fields_of_action=[fields["personalgewinnung"]],
        serves_all_bavaria=False,
        districts=[miesbach],
        contacts=[ContactFactory(first_name="Vroni", last_name="Hartl")],
        contact="Sprechzeiten: Dienstag 9–12 Uhr",
    )
    OfferFactory(
        title="Ausbildungsberatung Landsberg",
        description="Beratung zur Ausbildung für Betriebe am Lech.",
        fields_of_action=[fields["personalgewinnung"]],
        serves_all_bavaria=False,
        districts=[landsberg],
    )
    MeasureFactory(
        title="Praktika und Einstiegsqualifizierung anbieten",
        slug="praktika-und-einstiegsqualifizierung",
        summary="Jungen Zugewanderten den Weg in die Ausbildung öffnen.",
        description="Ein Schnupperpraktikum zeigt beiden Seiten, ob es passt.",
        fields_of_action=[fields["personalgewinnung"]],
        target_kinds=["sme"],
        audiences=["hr", "newcomers"],
        effort_person_days="8",
        typical_duration="6–12 Monate",
        prerequisites="Ein Ausbildungsbetrieb.",
        offers=[lotsen],
    )
    MeasureFactory(
        title="Entwurf: Ausbildungsmesse",
        fields_of_action=[fields["personalgewinnung"]],
        status=Status.DRAFT,
    )
    return {"miesbach": miesbach, "lotsen": lotsen}


def test_a_visitor_searches_filters_by_district_and_opens_an_offer(
    page, live_server, catalogue, assert_accessible
):
    page.goto(f"{live_server.url}/katalog/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Maßnahmenkatalog interkulturelle Öffnung"
    )
    page.get_by_label("Suchbegriff").fill("Ausbildung")
    page.get_by_role("button", name="Suchen").click()
    results = page.locator("main ol.list-unstyled")
    expect(results).to_contain_text("Praktika und Einstiegsqualifizierung anbieten")
    expect(results).not_to_contain_text("Entwurf")
    expect(results.locator("mark").first).to_have_text("Ausbildung")
    assert_accessible(page)

    page.get_by_role("link", name="MigraNet-Angebote").click()
    expect(page.get_by_label("Suchbegriff")).to_have_value("Ausbildung")
    expect(page.locator("main ol.list-unstyled")).to_contain_text("Ausbildungsberatung Landsberg")
    page.get_by_label("Landkreis", exact=True).select_option(label="Landkreis Miesbach")
    page.get_by_role("button", name="Suchen").click()
    offers = page.locator("main ol.list-unstyled")
    expect(offers).to_contain_text("Ausbildungslotsen Miesbach")
    expect(offers).not_to_contain_text("Ausbildungsberatung Landsberg")
    assert_accessible(page)

    page.get_by_role("link", name="Ausbildungslotsen Miesbach").click()
    expect(page).to_have_url(f"{live_server.url}/katalog/angebote/ausbildungslotsen-miesbach/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ausbildungslotsen Miesbach")
    expect(page.locator("main")).to_contain_text("Vroni Hartl")
    expect(page.locator("main")).to_contain_text("Landkreis Miesbach")
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_measure_page_and_who_helps_us_are_accessible(
    page, live_server, catalogue, assert_accessible
):
    page.goto(f"{live_server.url}/katalog/massnahmen/praktika-und-einstiegsqualifizierung/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Praktika und Einstiegsqualifizierung anbieten"
    )
    expect(page.locator("main")).to_contain_text("Ausbildungslotsen Miesbach")
    assert page.locator("h1").count() == 1
    assert_accessible(page)

    page.goto(f"{live_server.url}/katalog/wer-hilft-uns/")
    page.get_by_label("Wir sind").select_option(label="KMU")
    page.get_by_label("Landkreis", exact=True).select_option(label="Landkreis Miesbach")
    page.get_by_label("Personalgewinnung und Ausbildung").check()
    page.get_by_role("button", name="Passende Hilfe finden").click()
    expect(page.locator("main")).to_contain_text("Praktika und Einstiegsqualifizierung anbieten")
    expect(page.locator("main")).to_contain_text("im Landkreis Miesbach tätig")
    expect(page.locator("main")).to_contain_text("Vroni Hartl")
    assert_accessible(page)


def test_the_catalogue_fits_a_phone(browser, live_server, catalogue, assert_accessible):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    phone = context.new_page()
    phone.goto(f"{live_server.url}/katalog/?q=Ausbildung")
    expect(phone.locator("main")).to_contain_text("Praktika und Einstiegsqualifizierung")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(phone)
    context.close()


def test_a_long_compound_title_wraps_on_a_phone(browser, live_server, catalogue):
    MeasureFactory(
        title="Ausbildungspartnerschaftsvereinbarungsmusterverträge",
        slug="ausbildungspartnerschaften",
        fields_of_action=[],
    )
    context = browser.new_context(viewport={"width": 375, "height": 740})
    phone = context.new_page()
    phone.goto(f"{live_server.url}/katalog/massnahmen/ausbildungspartnerschaften/")
    expect(phone.locator("h1")).to_contain_text("Ausbildungspartnerschafts")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_the_team_edits_a_measure_and_links_an_offer_with_the_list_filter(
    page, live_server, catalogue, assert_accessible
):
    fields_of_action()
    for n in range(6):
        OfferFactory(title=f"Weiteres Angebot {n}")
    user_with_role(Role.PROJECT_TEAM, username="projektteam")
    sign_in(page, live_server, "projektteam", PASSWORD)
    page.goto(f"{live_server.url}/katalog/neu/massnahme/")
    page.locator("#id_title").fill("Sprachtandems im Team")
    page.locator("#id_summary").fill("Zwei lernen voneinander.")
    page.get_by_label("Sprache und Kommunikation").first.check()
    page.get_by_label("gering").check()
    page.get_by_label("Liste filtern: MigraNet-Angebote").fill("lotsen")
    expect(page.get_by_label("Ausbildungslotsen Miesbach", exact=False)).to_be_visible()
    expect(page.get_by_label("Weiteres Angebot 3", exact=False)).to_be_hidden()
    page.get_by_label("Ausbildungslotsen Miesbach", exact=False).check()
    assert_accessible(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sprachtandems im Team")
    expect(page.locator("main")).to_contain_text("Ausbildungslotsen Miesbach")
    expect(page.locator("main")).to_contain_text("Änderungsverlauf")
    assert_accessible(page)


def test_the_team_pages_are_accessible(page, live_server, catalogue, assert_accessible):
    user_with_role(Role.PROJECT_TEAM, username="projektteam")
    sign_in(page, live_server, "projektteam", PASSWORD)
    expect(page.locator("main")).to_contain_text("veröffentlichte Maßnahmen")  # start-page panel
    for path in [
        "/katalog/?status=draft",
        "/katalog/broschuere/",
        "/katalog/import-export/",
        "/katalog/import/massnahmen/",
        "/katalog/traeger/",
        "/katalog/literatur/",
        "/katalog/neu/angebot/",
        f"/katalog/angebote/{catalogue['lotsen'].pk}/bearbeiten/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)


def test_the_import_preview_on_a_phone_scrolls_in_a_box_keyboard_users_can_reach(
    browser, live_server, catalogue, assert_accessible
):
    user_with_role(Role.PROJECT_TEAM, username="projektteam")
    context = browser.new_context(viewport={"width": 375, "height": 740})
    phone = context.new_page()
    sign_in(phone, live_server, "projektteam", PASSWORD)
    phone.goto(f"{live_server.url}/katalog/import/literatur/")
    rows = [
        "Autor*innen;Jahr;Titel;Verlag oder Zeitschrift",
        "Bundesinstitut für Berufsbildung (Hg.);zwanzig;Betriebliche Integration von "
        "Geflüchteten in Ausbildung und Beschäftigung;Eigenverlag",
        "Schader-Stiftung (Hg.);2011;Integrationspotenziale in kleinen Städten und Landkreisen;"
        "Eigenverlag",
    ]
    phone.locator("#id_file").set_input_files(
        files=[
            {
                "name": "literatur.csv",
                "mimeType": "text/csv",
                "buffer": "\r\n".join(rows).encode("utf-8"),
            }
        ]
    )
    phone.get_by_role("button", name="Vorschau anzeigen").click()
    expect(phone.locator("#invalid-rows")).to_contain_text("„zwanzig“ ist keine ganze Zahl.")
    box = phone.get_by_role("region", name="Ungültige Zeilen – werden nicht übernommen")
    assert box.evaluate("box => box.scrollWidth > box.clientWidth"), "the table should scroll"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    box.focus()
    expect(box).to_be_focused()
    assert_accessible(phone)
    context.close()


FITS_ITS_TEXT = """select => {
    const style = getComputedStyle(select);
    const context = document.createElement("canvas").getContext("2d");
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    const room = select.clientWidth - padding;
    // Every option, not only the one shown: a chosen field of action must not be cut either.
    return [...select.options].every(option => context.measureText(option.text).width <= room);
}"""


def test_the_filters_line_up_and_show_their_whole_texts_at_1280_px(browser, live_server, catalogue):
    user_with_role(Role.PROJECT_TEAM, username="projektteam")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server, "projektteam", PASSWORD)
    # An unknown kind shows an error under its select; the district has a help text.
    for path in ["/katalog/", "/katalog/angebote/", "/katalog/angebote/?kind=unbekannt"]:
        page.goto(f"{live_server.url}{path}")
        selects = page.locator("form[role=search] select")
        tops = []
        for index in range(selects.count()):
            select = selects.nth(index)
            name = select.get_attribute("name")
            assert select.evaluate(FITS_ITS_TEXT), f"{path}: the {name} select cuts its text"
            if name != "status":  # the editors' status filter may start a second row
                tops.append(round(select.bounding_box()["y"]))
        # Two selects a row; a help text or an error under one moves no other.
        assert len(set(tops)) <= (len(tops) + 1) // 2, f"{path}: selects at {tops}"
    expect(page.locator("#id_kind_error")).to_be_visible()
    context.close()
