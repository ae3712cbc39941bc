"""Every page in a real Chromium on the demo center: offline, no errors, projector fit."""

from __future__ import annotations

import ast
import io
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from onescreen.server import running_dashboard
from onescreen.settings import PROJECT_ROOT
from tests.test_browser import (
    CHROMIUM,
    NETWORK_SCHEMES,
    PAGE_TIMEOUT_MS,
    SCREENSHOTS,
    browser,  # noqa: F401 - the shared Chromium fixture
)
from tests.test_overview_pages import absolute_settings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian chromium is not installed at /usr/bin/chromium "
        "(apt-get install -y chromium); Playwright never downloads a browser",
    ),
]

PROJECTOR = {"width": 1920, "height": 1080}
SMALL_PROJECTOR = {"width": 1024, "height": 768}
SETTLE_MS = 250
DEFAULT_PAGE = "overview"


def app_pages() -> list[str]:
    """Return the page ids of app.py's navigation, in menu order."""
    tree = ast.parse((PROJECT_ROOT / "app.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "SECTIONS":
            sections = ast.literal_eval(node.value)
            return [page for pages in sections.values() for page, _, _ in pages]
    raise AssertionError("app.py has no SECTIONS")


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory, demo_center):
    """Serve app.py on a free port against the demo center."""
    log_path = tmp_path_factory.mktemp("demo_server") / "streamlit.log"
    with running_dashboard(absolute_settings(demo_center), log_path) as (base_url, _):
        yield base_url


def open_page(browser, url: str, viewport: dict = PROJECTOR):  # noqa: F811
    """Open `url`, recording every request, and wait until the page has settled."""
    context = browser.new_context(viewport=viewport, accept_downloads=True)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda socket: requested.append(socket.url))
    page.goto(url)
    page.locator('[data-testid="stMainBlockContainer"] h1').first.wait_for(
        timeout=PAGE_TIMEOUT_MS
    )
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(SETTLE_MS)
    return page, requested


def requests_elsewhere(requested: list[str], base_url: str) -> list[str]:
    """Return the requests that went to any host but the app's own."""
    own_host = urlsplit(base_url).netloc
    return [
        url
        for url in requested
        if urlsplit(url).scheme in NETWORK_SCHEMES and urlsplit(url).netloc != own_host
    ]


def error_count(page) -> int:
    """Count exception boxes and error alerts on the page."""
    return page.locator(
        '[data-testid="stException"], [data-testid="stAlertContentError"]'
    ).count()


def test_every_page_opens_at_projector_size_offline_and_without_an_error(
    browser,  # noqa: F811
    demo_url,
):
    SCREENSHOTS.mkdir(exist_ok=True)
    page, requested = open_page(browser, f"{demo_url}/?lang=zh")
    for page_id in app_pages():
        # The default page lives at the root; its id is not a path of its own.
        path = "" if page_id == DEFAULT_PAGE else page_id
        page.goto(f"{demo_url}/{path}?lang=zh")
        page.locator('[data-testid="stMainBlockContainer"] h1').first.wait_for(
            timeout=PAGE_TIMEOUT_MS
        )
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(SETTLE_MS)
        page.screenshot(path=str(SCREENSHOTS / f"page_{page_id}.png"))
        assert error_count(page) == 0, page_id
        assert page.get_by_text("Page not found").count() == 0, page_id
    assert requests_elsewhere(requested, demo_url) == []
    page.context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_overview_on_a_projector_fits_without_scrolling_and_draws_its_map(
    browser,  # noqa: F811
    demo_url,
    theme,
):
    page, requested = open_page(
        browser, f"{demo_url}/?lang=zh&projector=1&theme={theme}"
    )
    markers = page.locator('svg[role="img"] circle')
    markers.first.wait_for(timeout=PAGE_TIMEOUT_MS)
    page.wait_for_timeout(SETTLE_MS)
    page.screenshot(path=str(SCREENSHOTS / f"overview_projector_{theme}.png"))

    sizes = page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]');
            return {
                page: document.documentElement.scrollHeight,
                window: window.innerHeight,
                main: main.scrollHeight,
                mainVisible: main.clientHeight,
            };
        }"""
    )
    assert sizes["page"] <= sizes["window"], sizes
    assert sizes["main"] <= sizes["mainVisible"], sizes
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    assert page.get_by_text("70.26%").count() >= 1
    # The buildings map is an SVG: 30 buildings and the towns, each building with
    # its name and stage as hover text.
    assert markers.count() > 30
    assert page.locator('svg[role="img"] circle title').count() >= 30
    assert requests_elsewhere(requested, demo_url) == []
    page.context.close()


def test_the_fleet_page_draws_its_position_map_offline(browser, demo_url):  # noqa: F811
    page, requested = open_page(browser, f"{demo_url}/fleet?lang=en")
    page.get_by_role("tab", name="Where the vehicles went").click()
    page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.wait_for(
        timeout=PAGE_TIMEOUT_MS
    )
    page.wait_for_timeout(SETTLE_MS)
    assert map_has_drawing(page)
    assert requests_elsewhere(requested, demo_url) == []
    page.context.close()


def map_has_drawing(page) -> bool:
    """Tell whether the map's canvas shows more than one flat colour."""
    from PIL import Image

    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    image = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000) or []
    return len(colours) > 10


def test_the_overview_on_a_desk_and_a_small_projector_is_screenshotted(
    browser,  # noqa: F811
    demo_url,
):
    for name, viewport, query in (
        ("overview_desk_en", PROJECTOR, "lang=en"),
        ("overview_projector_1024", SMALL_PROJECTOR, "lang=zh&projector=1"),
    ):
        page, _ = open_page(browser, f"{demo_url}/?{query}", viewport)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        assert error_count(page) == 0, name
        page.context.close()


def test_a_csv_download_of_the_property_page_starts_with_the_utf8_bom(
    browser,  # noqa: F811
    demo_url,
):
    page, requested = open_page(browser, f"{demo_url}/property?lang=zh")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="下载 CSV").first.click()
    data = Path(download_info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8").split(",")[0] == "楼栋编号"
    assert requests_elsewhere(requested, demo_url) == []
    page.context.close()
