"""Users, passwords, sign-in slowing and locking, sessions: the library and the command."""

from __future__ import annotations

import stat
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest

from onescreen import auth
from onescreen.settings import SettingsError, load_settings
from tests.conftest import run_cli

FAST = auth.AuthSettings(
    mode="on",
    bcrypt_rounds=4,
    failure_delay_seconds=0.5,
    max_delay_seconds=4,
    lock_after_failures=4,
    lock_minutes=10,
)


class Clock:
    """A clock the test moves by hand, and a record of the waits asked of it."""

    def __init__(self, start: float = 1_000_000.0):
        self.now = start
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


@pytest.fixture
def settings(tmp_path):
    return load_settings().with_paths(tmp_path)


@pytest.fixture
def director(settings):
    return auth.add_user(
        auth.users_path(settings),
        "boss",
        "director",
        "correct horse",
        display_name="王主任",
        rounds=4,
    )


def attempt(settings, password, clock, username="boss", client="10.0.0.7"):
    return auth.attempt_sign_in(
        settings, FAST, username, password, client, now=clock, sleep=clock.sleep
    )


def test_the_users_file_keeps_a_salted_bcrypt_hash_readable_by_its_owner_only(
    settings, director
):
    path = auth.users_path(settings)
    text = path.read_text(encoding="utf-8")
    assert "correct horse" not in text
    assert director.password_hash.startswith("$2b$04$")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = auth.add_user(path, "boss2", "viewer", "correct horse", rounds=4)
    assert again.password_hash != director.password_hash  # a salt of its own
    users = auth.read_users(path)
    assert users["boss"].role == "director" and users["boss"].display_name == "王主任"
    assert auth.password_matches("correct horse", users["boss"].password_hash)
    assert not auth.password_matches("correct horsE", users["boss"].password_hash)


@pytest.mark.parametrize(
    ("username", "role", "password", "said"),
    [
        ("boss", "director", "another one", "exists already"),
        ("a", "viewer", "long enough", "2–32 letters"),
        ("new.user", "king", "long enough", "no role king"),
        ("new.user", "viewer", "short", "at least 8"),
        ("new.user", "viewer", "长" * 25, "at most 72 bytes"),
    ],
)
def test_a_bad_user_change_is_refused_with_a_reason(
    settings, director, username, role, password, said
):
    with pytest.raises(auth.AuthError) as refused:
        auth.add_user(auth.users_path(settings), username, role, password, rounds=4)
    assert said in refused.value.message("en")
    assert refused.value.message("zh") != refused.value.message("en")


def test_the_right_password_signs_in_and_clears_earlier_failures(settings, director):
    clock = Clock()
    assert attempt(settings, "wrong one", clock).outcome == "wrong"
    signed = attempt(settings, "correct horse", clock)
    assert signed.outcome == "ok" and signed.user.username == "boss"
    key = auth.failure_key("boss", "10.0.0.7")
    assert auth.failures_in_a_row(auth.store_path(settings), key)[0] == 0


def test_wrong_passwords_are_refused_ever_more_slowly_then_locked(settings, director):
    clock = Clock()
    outcomes = [attempt(settings, "wrong one", clock).outcome for _ in range(4)]
    assert outcomes == ["wrong", "wrong", "wrong", "locked"]
    assert clock.waits == [0.5, 1.0, 2.0, 4.0]
    # Locked: even the right password is refused, without checking it, until it ends.
    locked = attempt(settings, "correct horse", clock)
    assert locked.outcome == "locked" and 0 < locked.wait_seconds <= 600
    clock.now += 601
    assert attempt(settings, "correct horse", clock).outcome == "ok"


def test_the_delay_is_capped_and_an_unknown_user_is_slowed_like_a_known_one(
    settings, director
):
    assert auth.failure_delay(FAST, 10) == FAST.max_delay_seconds
    clock = Clock()
    assert attempt(settings, "whatever1", clock, username="nobody").outcome == "wrong"
    assert clock.waits == [0.5]


def test_failures_are_counted_per_user_and_client(settings, director):
    clock = Clock()
    for _ in range(4):
        attempt(settings, "wrong one", clock, client="10.0.0.66")
    assert attempt(settings, "correct horse", clock, client="10.0.0.66").outcome == (
        "locked"
    )
    assert attempt(settings, "correct horse", clock, client="10.0.0.7").outcome == "ok"


def test_without_users_nobody_can_sign_in(settings):
    assert attempt(settings, "correct horse", Clock()).outcome == "no_users"


def test_a_session_ends_when_too_old_or_idle(settings, director):
    start = 5_000_000.0
    token = auth.open_session(settings, director, now=start)
    assert auth.resume_session(settings, FAST, token, now=start + 60)[1] == "ok"
    idle = start + 60 + FAST.idle_minutes * 60 + 1
    assert auth.resume_session(settings, FAST, token, now=idle) == (None, "expired")
    # An expired session is gone: it cannot be resumed even at an earlier time.
    assert auth.resume_session(settings, FAST, token, now=start + 120)[1] == "unknown"

    # Busy all along (a page every half hour), yet over once past its lifetime.
    busy = auth.open_session(settings, director, now=start)
    lifetime = FAST.session_hours * 3600
    moment, outcome = start, "ok"
    while outcome == "ok" and moment < start + 2 * lifetime:
        moment += 30 * 60
        outcome = auth.resume_session(settings, FAST, busy, now=moment)[1]
    assert outcome == "expired"
    assert start + lifetime < moment <= start + lifetime + 30 * 60


def test_a_password_reset_or_role_change_ends_open_sessions(settings, director):
    path = auth.users_path(settings)
    token = auth.open_session(settings, director)
    auth.reset_password(path, "boss", "a new horse", rounds=4)
    assert auth.resume_session(settings, FAST, token) == (None, "changed")
    token = auth.open_session(settings, auth.read_users(path)["boss"])
    users = auth.read_users(path)
    auth.write_users(path, {"boss": replace(users["boss"], role="viewer")})
    assert auth.resume_session(settings, FAST, token) == (None, "changed")


@pytest.mark.parametrize(
    ("mode", "address", "required"),
    [
        ("auto", "127.0.0.1", False),
        ("auto", "localhost", False),
        ("auto", "::1", False),
        ("auto", "0.0.0.0", True),
        ("auto", "192.168.1.20", True),
        ("auto", None, True),  # Streamlit's default listens everywhere
        ("auto", "", True),
        ("off", "0.0.0.0", True),  # the LAN always signs in
        ("on", "127.0.0.1", True),
    ],
)
def test_the_lan_always_requires_sign_in(mode, address, required):
    assert auth.sign_in_required(auth.AuthSettings(mode=mode), address) is required


@pytest.mark.parametrize(
    "section",
    ['mode = "maybe"', 'local_role = "king"', "bcrypt_rounds = 3", "lock_minutes = -1"],
)
def test_a_bad_auth_setting_names_its_key(tmp_path, section):
    path = tmp_path / "settings.toml"
    path.write_text(f"[auth]\n{section}\n", encoding="utf-8")
    with pytest.raises(SettingsError) as refused:
        auth.auth_settings(load_settings(path), path)
    assert f"auth.{section.split()[0]}" in refused.value.message_en


def test_the_command_line_adds_resets_lists_and_removes_users(tmp_path):
    settings_path = tmp_path / "settings.toml"
    settings_path.write_text(
        '[paths]\nlocal = "local"\n[auth]\nbcrypt_rounds = 4\n', encoding="utf-8"
    )

    def user(*arguments, password=None):
        command = ["--settings", str(settings_path), "--lang", "en", "user", *arguments]
        if password is None:
            return run_cli(*command)
        return run_cli(*command, "--password-stdin", input_text=password + "\n")

    added = user("add", "li.si", "--role", "analyst", password="first pass")
    assert added.returncode == 0, added.stderr
    assert "li.si (analyst)" in added.stdout
    users_file = tmp_path / "local" / "users.toml"
    first_hash = auth.read_users(users_file)["li.si"].password_hash
    assert user("reset", "li.si", password="second pass").returncode == 0
    second_hash = auth.read_users(users_file)["li.si"].password_hash
    assert auth.password_matches("second pass", second_hash)
    assert second_hash != first_hash
    assert "li.si\tanalyst" in user("list").stdout
    short = user("add", "wang", "--role", "viewer", password="short")
    assert short.returncode == 2 and "at least 8" in short.stderr
    assert user("remove", "li.si").returncode == 0
    assert auth.read_users(users_file) == {}


def test_wrong_passwords_sent_at_the_same_moment_each_count(
    settings, director, monkeypatch
):
    checked = []
    slow_check = auth.password_matches

    def password_matches(password, password_hash):
        # Every attempt is still checking its password when the others arrive.
        checked.append(password)
        time.sleep(0.3)
        return slow_check(password, password_hash)

    monkeypatch.setattr(auth, "password_matches", password_matches)
    clock = Clock()
    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(
            pool.map(lambda _: attempt(settings, "wrong one", clock).outcome, range(10))
        )

    assert len(checked) == FAST.lock_after_failures
    assert outcomes.count("locked") == 10 - FAST.lock_after_failures + 1
    assert sorted(clock.waits) == [0.5, 1.0, 2.0, 4.0]
    key = auth.failure_key("boss", "10.0.0.7")
    assert auth.failures_in_a_row(auth.store_path(settings), key)[0] == 4


def test_one_password_tried_on_many_usernames_locks_the_address(settings, director):
    clock = Clock()
    limit = FAST.lock_after_failures * auth.ADDRESS_LOCK_FACTOR
    outcomes = [
        attempt(settings, "wrong one", clock, username=f"user{number}").outcome
        for number in range(limit + 1)
    ]

    # Each username failed once: only the address's count reaches its limit.
    assert outcomes[:limit] == ["wrong"] * limit
    assert outcomes[limit] == "locked"
    assert attempt(settings, "correct horse", clock).outcome == "locked"
    assert attempt(settings, "correct horse", clock, client="10.0.0.8").outcome == "ok"
    clock.now += FAST.lock_minutes * 60 + 1
    assert attempt(settings, "correct horse", clock).outcome == "ok"
    # A right password clears the address's count with the user's.
    assert attempt(settings, "wrong one", clock, username="user0").outcome == "wrong"
