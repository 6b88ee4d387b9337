"""Suite-wide pytest hooks.

Odoo skips a browser tour when Chromium or websocket-client is missing; here
such a skip is a failure, so a tour can never pass by not running.
"""

import pytest

BROWSER_SKIP_MARKERS = ("chrome", "chromium", "browser", "websocket")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and call.excinfo is not None:
        reason = str(call.excinfo.value).lower()
        if any(marker in reason for marker in BROWSER_SKIP_MARKERS):
            report.outcome = "failed"
            report.longrepr = (
                f"browser test skipped, which counts as a failure: {reason}"
            )
