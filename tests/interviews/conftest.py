# The axe fixtures of the browser suite, for the coding page's browser test.
from tests.browser.conftest import assert_accessible, axe  # noqa: F401
