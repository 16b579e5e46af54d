"""Real-browser tests: Playwright drives Debian's Chromium (apt-get install chromium).

Playwright's own browser downloads are never used. A missing Chromium fails these tests rather
than skipping them, so that CI cannot pass without having run them.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread
# with a running loop unless told that this is deliberate (the tests share the thread with it).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

# The fixtures of the progress tests (a province with every role) serve the browser tests too.
from tests.plans.conftest import login, media_root, world  # noqa: E402, F401


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium instead of a Playwright download; fail loudly when it is missing."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (the browser tests need it).")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A Vietnamese browser, as the portal's users have (the pages follow Accept-Language)."""
    return {**browser_context_args, "locale": "vi-VN"}


@pytest.fixture
def screenshot(page, request):
    """Save a numbered screenshot of the page under test-artifacts/screenshots/<test name>/."""
    # Generous: on CI's two cores Chromium, the live server and PostgreSQL share the machine, and a
    # page that is merely slow must not fail the run. A hung page still fails, after 30 s.
    page.set_default_timeout(30_000)
    page.set_default_navigation_timeout(30_000)
    folder = SCREENSHOTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 100))

    def _take(step: str):
        page.screenshot(path=str(folder / f"{next(counter):02d}-{step}.png"), full_page=True)

    return _take


@pytest.fixture(autouse=True)
def standard_areas(transactional_db):
    """The thirteen standard areas, which a data migration loads and a transactional test's flush removes."""
    from plans.models import StandardArea
    from plans.standard_areas import STANDARD_AREAS

    for order, (code, name) in enumerate(STANDARD_AREAS, start=1):
        StandardArea.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order})
