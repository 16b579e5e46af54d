"""Every main page works under the Content-Security-Policy: the browser reports no refused script,
style or handler, and the scripted parts (language switch, charts) still act."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_progress_flow import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    ("plans", "home"),
    ("my-work", "plans:my_work"),
    ("review", "plans:review"),
    ("delegations", "delegations:delegation_list"),
    ("new-delegation", "delegations:delegation_create"),
    ("statistics", "delegations:delegation_stats"),
    ("dashboard", "dashboard:dashboard"),
    ("reports", "reports:report_list"),
    ("notifications", "notifications:notification_list"),
    ("notification-preferences", "notifications:notification_preferences"),
    ("password", "password_change"),
    ("api-docs", "api-docs"),
    ("admin", "admin:index"),
]


def test_main_pages_raise_no_csp_violation(world, live_server, page, screenshot):
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url} {message.text[:80]}") if "Content Security Policy" in message.text else None
        ),
    )
    world.users["specialist"].department = world.departments["focal"]
    log_in(page, live_server, "specialist")
    for name, url_name in PAGES:
        page.goto(f"{live_server.url}{reverse(url_name)}")
        page.wait_for_load_state("networkidle")
        screenshot(name)
    assert refused == []
    # The language switch is wired by static/js/portal.js, not an inline handler.
    page.goto(f"{live_server.url}{reverse('home')}")
    page.locator("#language").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
