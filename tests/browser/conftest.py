import pytest
from axe_playwright_python.sync_playwright import Axe

# WCAG 2.1 A and AA rules; axe-core's script ships inside the axe-playwright-python package.
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    def check(page):
        results = axe.run(page, options=WCAG_21_AA)
        assert results.violations_count == 0, results.generate_report()

    return check
