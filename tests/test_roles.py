"""Sign-in and roles on the demo center, with AppTest: who sees which page and what.

Every role signs in through the form and opens every page of the app; the test records
what each page shows (its title, people's names in full or masked, identity numbers,
pay, the SQL editor) and compares it with the role matrix below. Downloads are read
too: what a role downloads is what it sees.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from onescreen import auth, ui
from onescreen.db import Reader
from onescreen.i18n import t
from onescreen.settings import PROJECT_ROOT, load_settings
from onescreen.ui import access as access_control
from onescreen.ui import domains, downloads
from onescreen.ui.kpi import mask_name

APP_PATH = str(PROJECT_ROOT / "app.py")
TIMEOUT_SECONDS = 60
PASSWORD = "demo-password"
PAGE_SCRIPTS = {page: f"pages/{page}.py" for page in auth.PAGES}
CLEAR_ID = re.compile(r"(?<![0-9*])[1-9][0-9]{16}[0-9Xx](?![0-9*])")
MASKED_ID = re.compile(r"[0-9]{4}\*{10}[0-9]{3}[0-9Xx]")
pytestmark = pytest.mark.slow

# What each role may see: the pages it opens; people's names ("full", "masked": only
# masked forms, "none": neither); pay on the Workforce page; individual scores (a
# person's place in the ranking among the overview's alerts, satisfaction per staff
# member on the Service page); the SQL page.
MATRIX = {
    "director": {
        "pages": set(auth.PAGES),
        "names": "full",
        "pay": True,
        "scores": True,
    },
    "analyst": {
        "pages": set(auth.PAGES),
        "names": "masked",
        "pay": True,
        "scores": True,
    },
    "data_keeper": {
        "pages": {"overview", "data"},
        "names": "none",  # its pages list no one: no ranking, no staff table
        "pay": False,
        "scores": False,
    },
    "meeting": {
        "pages": set(auth.PAGES[:8]),
        "names": "masked",  # config/kpi.toml: [meeting] show_names = false
        "pay": False,
        "scores": True,
    },
    "viewer": {
        "pages": set(auth.PAGES[:6]),
        "names": "none",
        "pay": False,
        "scores": False,
    },
}
LAST_PLACE = re.compile(r"is last in .+ \(place \d+ of \d+\)")


@pytest.fixture(scope="module")
def signed_center(demo_center, tmp_path_factory) -> Path:
    """Settings for the demo center that require sign-in, with one user per role."""
    root = demo_center.parent
    local = tmp_path_factory.mktemp("roles_local")
    path = local / "settings.toml"
    path.write_text(
        f'[paths]\nexports = "{root / "exports"}"\n'
        f'database = "{root / "center.duckdb"}"\nlocal = "{local}"\n'
        '[auth]\nmode = "on"\nbcrypt_rounds = 4\nfailure_delay_seconds = 0.3\n'
        "lock_after_failures = 3\nlock_minutes = 5\n",
        encoding="utf-8",
    )
    users = auth.users_path(load_settings(path))
    for role in auth.ROLES:
        auth.add_user(
            users, role, role, PASSWORD, display_name=f"{role} user", rounds=4
        )
    return path


@pytest.fixture(scope="module")
def people_names(demo_center) -> list[str]:
    """The names of everyone in the demo's two rosters."""
    reader = Reader(load_settings(demo_center).database_path)
    try:
        names = reader.cursor().sql("select distinct name from people").fetchall()
    finally:
        reader.close()
    return [name for (name,) in names if name and len(name) >= 2]


@pytest.fixture
def environment(signed_center, monkeypatch):
    monkeypatch.setenv(ui.SETTINGS_VARIABLE, str(signed_center))
    monkeypatch.delenv(ui.DATABASE_VARIABLE, raising=False)
    return signed_center


@pytest.fixture
def downloaded(monkeypatch) -> list[str]:
    """Collect the text of every CSV download the pages offer."""
    texts: list[str] = []
    original = downloads.csv_bytes

    def recording(frame):
        data = original(frame)
        texts.append(data.decode("utf-8-sig"))
        return data

    monkeypatch.setattr(downloads, "csv_bytes", recording)
    return texts


def sign_in(username: str, password: str = PASSWORD, language: str = "en") -> AppTest:
    app = AppTest.from_file(APP_PATH, default_timeout=TIMEOUT_SECONDS)
    app.query_params[ui.LANGUAGE_QUERY_PARAM] = language
    app.run()
    assert app.title[0].value == t("access.sign_in.title", language)
    app.text_input(key="username").input(username)
    app.text_input(key="password").input(password)
    submit = [button for button in app.button if button.proto.is_form_submitter]
    submit[0].click().run()
    return app


def page_text(app: AppTest) -> str:
    """Return what a page shows as text: tables, messages, headings, HTML and tiles."""
    parts = [table.value.to_csv() for table in app.dataframe]
    for kind in ("title", "subheader", "markdown", "caption", "info", "warning"):
        parts += [str(element.value) for element in getattr(app, kind)]
    parts += [element.proto.body for element in app.get("html")]
    parts += [f"{metric.label} {metric.value}" for metric in app.metric]
    return "\n".join(parts)


def every_tab_text(app: AppTest, page: str) -> list[str]:
    """Return the page's text with each of its tabs open in turn (only the open tab
    of a domain page is drawn)."""
    texts = [page_text(app)]
    labels = [tab.label for tab in app.tabs]
    if domains.tabs_key(page) not in app.session_state:
        return texts
    for label in labels[1:]:
        app.session_state[domains.tabs_key(page)] = label
        app.run()
        assert_no_failure(app)
        texts.append(page_text(app))
    return texts


def names_seen(text: str, names: list[str]) -> dict[str, bool]:
    return {
        "full": any(name in text for name in names),
        "masked": any(mask_name(name) in text for name in names),
    }


def assert_no_failure(app: AppTest) -> None:
    assert not app.exception, [element.value for element in app.exception]
    assert [element.value for element in app.error] == []


@pytest.mark.parametrize("role", auth.ROLES)
def test_each_role_sees_its_pages_and_only_its_personal_data(
    environment, people_names, downloaded, role
):
    expected = MATRIX[role]
    app = sign_in(role)
    assert_no_failure(app)
    assert any(f"{role} user" in caption.value for caption in app.sidebar.caption)

    opened, texts = set(), {}
    refused = t("access.page_refused", "en", role=access_control.role_name(role, "en"))
    for page, script in PAGE_SCRIPTS.items():
        app.switch_page(script).run()
        title = t(f"page.{page}.title", "en")
        if app.title and app.title[0].value == title:
            assert_no_failure(app)
            opened.add(page)
            texts[page] = "\n".join(every_tab_text(app, page))
        else:
            # A page left out of the role's menu answers a link with the refusal.
            assert [error.value for error in app.error] == [refused]
            assert not app.dataframe and not app.get("text_area")
    assert opened == expected["pages"]

    everything = "\n".join([*texts.values(), *downloaded])
    seen = names_seen(everything, people_names)
    if expected["names"] == "full":
        assert seen["full"]
    elif expected["names"] == "masked":
        assert not seen["full"] and seen["masked"]
    else:
        assert seen == {"full": False, "masked": False}

    # Identity numbers are never shown in clear; the Data page shows masked ones.
    assert not CLEAR_ID.search(everything)
    if "data" in opened:
        assert MASKED_ID.search(texts["data"])
        app.switch_page(PAGE_SCRIPTS["data"]).run()
        uploader = bool(app.get("file_uploader"))
        assert uploader is (role in ("director", "data_keeper"))

    # The demo's worst open alerts include a person last in the ranking.
    assert bool(LAST_PLACE.search(texts["overview"])) is expected["scores"]
    if "service" in opened:
        app.switch_page(PAGE_SCRIPTS["service"]).run()
        labels = [tab.label for tab in app.tabs]
        handlers = t("domains.section.handlers", "en") in labels
        assert handlers is expected["scores"]

    if "workforce" in opened:
        pay_hidden = t("access.pay_hidden", "en") in texts["workforce"]
        assert pay_hidden is not expected["pay"]
    sql_editor = "sql" in opened and bool(app.get("text_area"))
    assert ("sql" in opened) is (role in ("director", "analyst"))
    assert not sql_editor or role in ("director", "analyst")


def test_a_page_run_on_its_own_refuses_a_role_it_is_not_for(environment):
    app = AppTest.from_file(
        str(PROJECT_ROOT / "pages" / "sql.py"), default_timeout=TIMEOUT_SECONDS
    )
    app.session_state[ui.LANGUAGE_STATE_KEY] = "en"
    app.session_state[access_control.ACCESS_KEY] = access_control.Access(
        role="viewer", username="viewer", display_name="viewer user"
    )
    app.run()
    assert [error.value for error in app.error] == [
        "The Viewer role cannot open this page."
    ]
    assert not app.get("text_area")


def test_a_wrong_password_is_refused_slowly_and_locks_after_a_few(environment):
    import time

    started = time.perf_counter()
    app = sign_in("analyst", "not the password")
    assert time.perf_counter() - started >= 0.3
    assert app.error[0].value == t("access.wrong", "en")
    assert not app.get("text_area") and len(app.title) == 1

    sign_in("analyst", "still not it")
    locked = sign_in("analyst", "wrong a third time")
    assert "Too many failures" in locked.error[0].value
    # Locked: the right password is refused too, until the lock runs out.
    assert "Too many failures" in sign_in("analyst").error[0].value


def test_a_session_past_its_expiry_is_signed_out(environment):
    app = sign_in("director")
    assert_no_failure(app)
    app.switch_page(PAGE_SCRIPTS["fleet"]).run()
    assert app.title[0].value == t("page.fleet.title", "en")

    # Age the session past its lifetime in the store, as ten hours would.
    settings = load_settings(environment)
    import sqlite3

    with sqlite3.connect(auth.store_path(settings)) as con:
        con.execute("update sessions set signed_in_at = signed_in_at - 36001")
    app.run()
    assert app.title[0].value == t("access.sign_in.title", "en")
    assert app.info[0].value == t("access.expired", "en")


def test_signing_out_ends_the_session(environment):
    app = sign_in("viewer")
    token = app.session_state[access_control.TOKEN_KEY]
    app.sidebar.button(key=access_control.SIGN_OUT_KEY).click().run()
    assert app.title[0].value == t("access.sign_in.title", "en")
    assert app.info[0].value == t("access.signed_out", "en")
    settings = load_settings(environment)
    assert auth.resume_session(settings, auth.auth_settings(settings), token) == (
        None,
        "unknown",
    )


def test_the_sign_in_form_speaks_chinese(environment):
    app = AppTest.from_file(APP_PATH, default_timeout=TIMEOUT_SECONDS)
    app.query_params[ui.LANGUAGE_QUERY_PARAM] = "zh"
    app.run()
    assert app.title[0].value == "登录"
    assert app.text_input(key="password").label == "密码"


def test_without_users_the_page_says_how_to_add_the_first(tmp_path, monkeypatch):
    path = tmp_path / "settings.toml"
    path.write_text('[paths]\nlocal = "local"\n[auth]\nmode = "on"\n', encoding="utf-8")
    monkeypatch.setenv(ui.SETTINGS_VARIABLE, str(path))
    app = AppTest.from_file(APP_PATH, default_timeout=TIMEOUT_SECONDS)
    app.query_params[ui.LANGUAGE_QUERY_PARAM] = "en"
    app.run()
    assert app.warning[0].value == t("access.no_users", "en")
    assert not app.get("text_input")


def test_a_broken_users_file_is_reported_not_raised(tmp_path, monkeypatch):
    path = tmp_path / "settings.toml"
    path.write_text('[paths]\nlocal = "local"\n[auth]\nmode = "on"\n', encoding="utf-8")
    (tmp_path / "local").mkdir()
    (tmp_path / "local" / "users.toml").write_text("[users.x]\nrole = 'king'\n")
    monkeypatch.setenv(ui.SETTINGS_VARIABLE, str(path))
    app = AppTest.from_file(APP_PATH, default_timeout=TIMEOUT_SECONDS)
    app.query_params[ui.LANGUAGE_QUERY_PARAM] = "zh"
    app.run()
    assert not app.exception
    assert "用户 x 的角色或密码散列无效" in app.error[0].value
