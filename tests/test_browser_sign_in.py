"""Signing in through a real Chromium: the director and the viewer on the demo center."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from onescreen import auth
from onescreen.db import Reader
from onescreen.server import running_dashboard
from onescreen.settings import load_settings
from onescreen.ui import access as access_control
from tests.test_browser import (
    PAGE_TIMEOUT_MS,
    SCREENSHOTS,
    browser,  # noqa: F401 - a fixture
    pytestmark,  # noqa: F401 - browser marks and the chromium check
)

PASSWORD = "browser-pass-1"


@pytest.fixture(scope="module")
def signed_app(demo_center, tmp_path_factory):
    """Serve the demo center with sign-in on, with a director and a viewer."""
    root = demo_center.parent
    local = tmp_path_factory.mktemp("browser_sign_in")
    settings_path = local / "settings.toml"
    settings_path.write_text(
        f'[paths]\nexports = "{root / "exports"}"\n'
        f'database = "{root / "center.duckdb"}"\nlocal = "{local}"\n'
        '[auth]\nmode = "on"\nbcrypt_rounds = 4\nfailure_delay_seconds = 1\n',
        encoding="utf-8",
    )
    users = auth.users_path(load_settings(settings_path))
    auth.add_user(
        users, "director", "director", PASSWORD, display_name="王主任", rounds=4
    )
    auth.add_user(users, "viewer", "viewer", PASSWORD, display_name="李浏览", rounds=4)
    with running_dashboard(settings_path, local / "streamlit.log") as (base_url, _):
        yield base_url


@pytest.fixture(scope="module")
def top_names(demo_center) -> list[str]:
    """Names of people on the demo's latest leaderboard."""
    reader = Reader(load_settings(demo_center).database_path)
    try:
        rows = reader.cursor().sql("select distinct name from people").fetchall()
    finally:
        reader.close()
    return [name for (name,) in rows if name and len(name) >= 2]


def new_page(browser):  # noqa: F811 - the fixture is passed in
    context = browser.new_context(
        viewport={"width": 1920, "height": 1080}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    return context, page


def sign_in(page, url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{url}/?lang=en")
    page.get_by_role("heading", name="Sign in").wait_for()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def wait_for_session_cookie(page) -> None:
    """Wait until the page has stored its session cookie, which a new load sends."""
    for _ in range(100):
        names = {cookie["name"] for cookie in page.context.cookies()}
        if access_control.COOKIE_NAME in names:
            return
        page.wait_for_timeout(100)
    raise AssertionError("the session cookie was never set")


def sidebar_links(page) -> set[str]:
    nav = page.locator('[data-testid="stSidebarNav"] a')
    nav.first.wait_for()
    # Each link is its icon, then its title.
    return {text.strip().splitlines()[-1] for text in nav.all_inner_texts()}


def test_the_director_signs_in_sees_every_page_and_names_and_stays_signed_in(
    browser,  # noqa: F811
    signed_app,
    top_names,
):
    context, page = new_page(browser)
    try:
        sign_in(page, signed_app, "director")
        page.get_by_text("Signed in: 王主任 (Director)").wait_for()
        wait_for_session_cookie(page)
        links = sidebar_links(page)
        assert {"SQL", "Leaderboards", "Data intake"} <= links

        page.goto(f"{signed_app}/leaderboards?lang=en")
        page.get_by_role("heading", name="Leaderboards").wait_for()
        page.locator('[data-testid="stDataFrame"]').first.wait_for()
        page.screenshot(path=str(SCREENSHOTS / "sign_in_director_leaderboards.png"))
        # Tables are drawn on a canvas; the ranking's CSV download carries the names.
        with page.expect_download() as download:
            page.get_by_role("button", name="Download CSV").first.click()
        ranking = Path(download.value.path()).read_text(encoding="utf-8-sig")
        assert any(name in ranking for name in top_names)

        # A reload is a new session: the cookie resumes it without the form.
        page.reload()
        page.get_by_role("heading", name="Leaderboards").wait_for()
        assert not page.get_by_role("heading", name="Sign in").count()
    finally:
        context.close()


def test_the_viewer_sees_aggregate_pages_only(browser, signed_app):  # noqa: F811
    context, page = new_page(browser)
    try:
        sign_in(page, signed_app, "viewer")
        page.get_by_text("Signed in: 李浏览 (Viewer)").wait_for()
        wait_for_session_cookie(page)
        links = sidebar_links(page)
        assert "Fleet" in links and "Workforce" in links
        assert not links & {"SQL", "Explore", "Leaderboards", "Alerts", "Data intake"}

        page.goto(f"{signed_app}/workforce?lang=en")
        page.get_by_role("heading", name="Workforce").wait_for()
        page.get_by_role("tab", name="Same-post pay").click()
        page.get_by_text("Pay figures are shown to the director and analyst").wait_for()

        # A link to the SQL page does not open it for a viewer, and says so.
        page.goto(f"{signed_app}/sql?lang=en")
        page.get_by_text("The Viewer role cannot open this page.").wait_for()
        assert not page.locator("textarea").count()
        assert not page.get_by_role("heading", name="SQL").count()
        page.screenshot(path=str(SCREENSHOTS / "sign_in_viewer_sql_refused.png"))
    finally:
        context.close()


def test_a_wrong_password_is_refused_in_the_browser(browser, signed_app):  # noqa: F811
    context, page = new_page(browser)
    try:
        sign_in(page, signed_app, "director", "not-the-password")
        page.get_by_text(re.compile("Wrong username or password")).wait_for()
        assert not page.locator('[data-testid="stSidebarNav"]').count()
    finally:
        context.close()
