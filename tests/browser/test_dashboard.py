"""The leadership dashboard in a real browser: every chart drawn from the vendored Chart.js, in Vietnamese."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_progress_flow import log_in
from tests.dashboard.conftest import empty_cache, province  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHARTS = ["area-chart", "timeliness-chart", "month-chart", "country-chart"]

# Width, height and how many pixels are painted: a canvas Chart.js never drew is fully transparent.
CANVAS_STATE = """canvas => {
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) { painted += 1; } }
  return {width: canvas.width, height: canvas.height, painted: painted};
}"""


def test_dashboard_draws_every_chart_for_leadership(province, live_server, page, screenshot):  # noqa: F811
    # Given leadership signed in
    log_in(page, live_server, "leadership")

    # When they open the dashboard (the menu links to it) over the span that holds the delegations
    dashboard = reverse("dashboard:dashboard")
    expect(page.get_by_role("link", name="Bảng điều hành")).to_have_attribute("href", dashboard)
    page.goto(f"{live_server.url}{dashboard}?date_from=2025-01-01&date_to={timezone.localdate()}")
    expect(page.get_by_role("heading", name="Bảng điều hành")).to_be_visible()

    # Then every chart is on the page, has a size and was drawn, with its table beside it
    for chart in CHARTS:
        canvas = page.locator(f'canvas[data-chart="{chart}"]')
        expect(canvas).to_be_visible()
        state = canvas.evaluate(CANVAS_STATE)
        assert state["width"] > 0 and state["height"] > 0, chart
        assert state["painted"] > 0, chart
    expect(page.locator("#area-table")).to_contain_text("Quán triệt")
    expect(page.locator("#timeliness-table")).to_contain_text("Sở Tài chính")
    expect(page.locator("#country-table")).to_contain_text("Lào")
    expect(page.locator('[data-figure="tasks-overdue"]')).to_contain_text("2")
    screenshot("dashboard")

    # And the printed page leaves the menu and the filters out
    page.emulate_media(media="print")
    expect(page.locator("nav.navbar")).to_be_hidden()
    expect(page.locator("#dashboard-filters")).to_be_hidden()
    screenshot("dashboard-print")

    # And a figure leads to the list of the tasks behind it
    page.emulate_media(media="screen")
    page.locator('[data-figure="tasks-overdue"]').click()
    expect(page.locator("#task-count")).to_contain_text("2 nhiệm vụ")
    screenshot("overdue-tasks")
