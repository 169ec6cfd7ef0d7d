# The axe-core fixtures of the browser suite, for the catalogue's browser tests.
from tests.browser.conftest import assert_accessible, axe  # noqa: F401
