import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from live-server
# tests would otherwise be refused as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium: Playwright cannot download its own browser on these machines."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(autouse=True)
def _german_by_default(settings):
    settings.LANGUAGE_CODE = "de"


@pytest.fixture(scope="session", autouse=True)
def _catalogue_labels_loaded(django_db_setup, django_db_blocker):
    """The catalogue's vocabulary labels are read once per process (catalog.labels), as in
    production after the first request; loading them before any test keeps the query counts
    that tests pin independent of the order the tests run in."""
    from catalog import labels

    with django_db_blocker.unblock():
        labels.forget_labels()
        labels.label("effort", "low")
