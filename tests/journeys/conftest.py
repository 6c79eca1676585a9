"""Browser tests: Playwright's Python package driving Debian's Chromium (/usr/bin/chromium,
installed by `make test` when missing; no browser is downloaded).

Each test gets a fresh browser context against pytest-django's live server. Screenshots go to
``test-artifacts/screenshots/`` (not committed). ``assert_accessible`` runs axe-core in the
page and fails on serious or critical violations.
"""

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# test itself (factories) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/journeys/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}; `make test` installs it.")
        pytest.skip(f"Chromium is missing at {CHROMIUM}; run `make test` to install it.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="lv-LV", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(30_000)
    context.set_default_navigation_timeout(45_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(request):
    """``screenshot(page, "step")`` saves test-artifacts/screenshots/<test>-<nn>-<step>.png."""
    counter = {"n": 0}
    test_name = re.sub(r"[^\w.-]+", "_", request.node.name)

    def take(page, step: str):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        counter["n"] += 1
        path = ARTIFACTS / f"{test_name}-{counter['n']:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def assert_accessible(page):
    """No serious or critical axe-core violations on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    # Let transitions settle first: a message that is still fading in is measured at part
    # opacity and reads as low contrast.
    page.evaluate(
        """() => Promise.race([
            Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))),
            new Promise((resolve) => setTimeout(resolve, 2000)),
        ])"""
    )
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    detail = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(
            f"{n['target'][0]}: {n.get('failureSummary', '').splitlines()[-1].strip()}"
            for n in v["nodes"][:3]
        )
        for v in bad
    )
    assert not bad, f"axe-core found serious/critical violations on {page.url}:\n{detail}"
