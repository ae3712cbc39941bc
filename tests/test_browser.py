"""The Data page in a real Chromium: no errors, nothing fetched from elsewhere."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from onescreen.server import running_dashboard
from onescreen.settings import PROJECT_ROOT
from tests.test_app import derive_calendar_only, make_center

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
]
SCREENSHOTS = PROJECT_ROOT / "tests" / "screenshots"
PAGE_TIMEOUT_MS = 30_000
# data: and blob: addresses never leave the browser; these schemes do.
NETWORK_SCHEMES = ("http", "https", "ws", "wss")
UPLOADER_TEXTS = {
    "zh": ["选择文件", "每个文件不超过 50 MB · CSV、TXT、TSV"],
    "en": ["Browse files", "Up to 50 MB per file · CSV, TXT, TSV"],
}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian chromium is not installed at /usr/bin/chromium "
        "(apt-get install -y chromium); Playwright never downloads a browser",
    ),
]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """Serve app.py on a free port against a small database."""
    root = tmp_path_factory.mktemp("browser_center")
    settings_path = make_center(root, derive_calendar_only)
    with running_dashboard(settings_path, root / "streamlit.log") as (base_url, _):
        yield base_url


@pytest.fixture(scope="module")
def browser():
    """A headless Debian Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def open_data_page(browser, url: str):
    """Open the Data page at projector size, recording every request it makes."""
    context = browser.new_context(
        viewport={"width": 1920, "height": 1080}, accept_downloads=True
    )
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda socket: requested.append(socket.url))
    page.goto(url)
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=PAGE_TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    return page, requested


def test_a_link_to_a_page_as_the_first_visit_still_gets_the_app_sidebar(
    browser, app_url
):
    # Must stay the first test of the module: it needs a server no session has used.
    page, _ = open_data_page(browser, f"{app_url}/data?lang=en")
    assert page.get_by_text("语言 / Language").count() == 1
    assert page.get_by_text("Page not found").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0
    page.context.close()


@pytest.mark.parametrize(
    ("language", "download_label", "first_header"),
    [("zh", "下载 CSV", "数据源"), ("en", "Download CSV", "Source")],
)
def test_the_data_page_renders_offline_and_downloads_csv_with_a_bom(
    browser, app_url, language, download_label, first_header
):
    page, requested = open_data_page(browser, f"{app_url}/data?lang={language}")

    assert page.locator('[data-testid="stException"]').count() == 0
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"data_{language}.png"))

    # The uploader's own button and limits speak the page's language.
    zone = page.locator('[data-testid="stFileUploaderDropzone"]')
    shown = zone.evaluate(
        """(zone) => [
            zone.querySelector("button p"),
            zone.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span'),
        ].map((element) => [
            getComputedStyle(element).fontSize,
            getComputedStyle(element, "::after").content,
        ])"""
    )
    assert [size for size, _ in shown] == ["0px", "0px"]
    assert [text.strip('"') for _, text in shown] == UPLOADER_TEXTS[language]

    with page.expect_download() as download_info:
        page.get_by_role("button", name=download_label).first.click()
    data = Path(download_info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8").split(",")[0] == first_header

    tab_name = "拒收的行" if language == "zh" else "Rejected rows"
    page.get_by_role("tab", name=tab_name).click()
    page.wait_for_timeout(500)
    page.screenshot(path=str(SCREENSHOTS / f"data_rejected_{language}.png"))
    assert page.locator('[data-testid="stException"]').count() == 0

    own_host = urlsplit(app_url).netloc
    elsewhere = [
        url
        for url in requested
        if urlsplit(url).scheme in NETWORK_SCHEMES and urlsplit(url).netloc != own_host
    ]
    assert elsewhere == []
    page.context.close()


def test_the_language_switch_is_kept_in_the_url(browser, app_url):
    page, _ = open_data_page(browser, f"{app_url}/data")
    assert "lang=zh" in page.url

    page.get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="Data intake").wait_for(timeout=PAGE_TIMEOUT_MS)

    assert "lang=en" in page.url
    page.context.close()
