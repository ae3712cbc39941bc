"""Users, roles and sign-in, with no internet and no identity server.

- Users and their roles live in `<local>/users.toml` (data/local, which git ignores),
  written with mode 600. Passwords are kept only as bcrypt hashes (salted, slow by
  `auth.bcrypt_rounds`). `python -m onescreen user add|reset|remove|list` edits it.
- A role is a fixed set of rights (ROLE_RIGHTS): the pages it opens, whether people's
  names are shown in full, masked or not at all, whether pay and individual scores are
  shown, whether it may upload exports and build, and whether it may change follow-ups.
- Sign-in is required when the server listens on anything but the loopback address or
  when `auth.mode = "on"`; a localhost-only install runs without it, as the local role.
- A failed sign-in is answered only after a delay that doubles with each failure in a
  row for that user from that client; after `lock_after_failures` failures in a row,
  every attempt (even with the right password) is refused until the lock runs out.
  An address is locked the same way after ADDRESS_LOCK_FACTOR times as many failures in
  a row over any usernames, so one password tried on many names is stopped too.
  Failures are kept in `<local>/sign_in.sqlite`, so every session and restart sees them.
- A signed-in session has a token; its hash, the user and the times are kept in the same
  store, so a reload of the page can resume the session until it expires (an absolute
  lifetime and an idle limit).
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import math
import os
import re
import secrets
import sqlite3
import time
import tomllib
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import bcrypt

from onescreen.settings import Settings, SettingsError

ROLES = ("director", "analyst", "data_keeper", "meeting", "viewer")
PAGES = (
    "overview",
    "property",
    "fleet",
    "energy",
    "service",
    "workforce",
    "leaderboards",
    "alerts",
    "sql",
    "explore",
    "data",
)
# The pages a monthly meeting goes through on the projector.
MEETING_PAGES = frozenset(PAGES[:8])
AGGREGATE_PAGES = frozenset(PAGES[:6])

NAMES_FULL = "full"
NAMES_MASKED = "masked"
NAMES_HIDDEN = "hidden"
# The meeting role shows names as config/kpi.toml's [meeting] show_names says.
NAMES_AS_MEETING_RULE = "meeting_rule"


@dataclass(frozen=True)
class Rights:
    """What one role may see and do."""

    pages: frozenset[str]
    names: str
    pay: bool
    scores: bool
    uploads: bool
    followups: bool


ROLE_RIGHTS: dict[str, Rights] = {
    "director": Rights(
        pages=frozenset(PAGES),
        names=NAMES_FULL,
        pay=True,
        scores=True,
        uploads=True,
        followups=True,
    ),
    "analyst": Rights(
        pages=frozenset(PAGES),
        names=NAMES_MASKED,
        pay=True,
        scores=True,
        uploads=False,
        followups=True,
    ),
    "data_keeper": Rights(
        pages=frozenset({"overview", "data"}),
        names=NAMES_MASKED,
        pay=False,
        scores=False,
        uploads=True,
        followups=False,
    ),
    "meeting": Rights(
        pages=MEETING_PAGES,
        names=NAMES_AS_MEETING_RULE,
        pay=False,
        scores=True,
        uploads=False,
        followups=False,
    ),
    "viewer": Rights(
        pages=AGGREGATE_PAGES,
        names=NAMES_HIDDEN,
        pay=False,
        scores=False,
        uploads=False,
        followups=False,
    ),
}

USERS_FILE = "users.toml"
STORE_FILE = "sign_in.sqlite"
# An address is locked after this many times the per-user limit of failures in a row,
# over any usernames.
ADDRESS_LOCK_FACTOR = 4
USERNAME = re.compile(r"^[A-Za-z0-9_.-]{2,32}$")
# bcrypt reads at most 72 bytes of a password; longer ones are refused, not cut.
PASSWORD_MIN = 8
PASSWORD_MAX_BYTES = 72
MODES = ("auto", "on", "off")


class AuthError(ValueError):
    """A users file or a user change that cannot be accepted, said in both languages."""

    def __init__(self, message_zh: str, message_en: str):
        self.message_zh = message_zh
        self.message_en = message_en
        super().__init__(message_en)

    def message(self, language: str) -> str:
        return self.message_zh if language == "zh" else self.message_en


@dataclass(frozen=True)
class AuthSettings:
    """The [auth] section of the settings file."""

    mode: str = "auto"
    local_role: str = "director"
    session_hours: float = 10.0
    idle_minutes: float = 60.0
    failure_delay_seconds: float = 1.0
    max_delay_seconds: float = 30.0
    lock_after_failures: int = 5
    lock_minutes: float = 15.0
    bcrypt_rounds: int = 12


_AUTH_KEYS: dict[str, tuple[type | tuple[type, ...], Callable]] = {
    "mode": (str, lambda v: v in MODES),
    "local_role": (str, lambda v: v in ROLES),
    "session_hours": ((int, float), lambda v: v > 0),
    "idle_minutes": ((int, float), lambda v: v > 0),
    "failure_delay_seconds": ((int, float), lambda v: v >= 0),
    "max_delay_seconds": ((int, float), lambda v: v >= 0),
    "lock_after_failures": (int, lambda v: v >= 1),
    "lock_minutes": ((int, float), lambda v: v >= 0),
    "bcrypt_rounds": (int, lambda v: 4 <= v <= 31),
}


def auth_settings(settings: Settings, path: Path | None = None) -> AuthSettings:
    """Return the checked [auth] section of the settings; raise SettingsError if wrong."""
    where = path or Path("settings.toml")
    section = settings.extra.get("auth", {})
    if not isinstance(section, dict):
        raise SettingsError(where, "[auth]", "应为一个表", "must be a table")
    values = {}
    for key, value in section.items():
        if key not in _AUTH_KEYS:
            raise SettingsError(
                where, f"auth.{key}", "没有这一项", "is not a known key"
            )
        expected, valid = _AUTH_KEYS[key]
        if (
            isinstance(value, bool)
            or not isinstance(value, expected)
            or not valid(value)
        ):
            raise SettingsError(
                where,
                f"auth.{key}",
                f"取值无效（得到 {value!r}）",
                f"has an invalid value (got {value!r})",
            )
        values[key] = value
    return AuthSettings(**values)


def is_loopback(address: str | None) -> bool:
    """Tell whether a server address is reachable from this machine only.

    Streamlit listens on every interface when no address is set, so None is not.
    """
    if not address:
        return False
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


def sign_in_required(auth: AuthSettings, address: str | None) -> bool:
    """Tell whether visitors must sign in: always off the loopback address."""
    return auth.mode == "on" or not is_loopback(address)


# Users file ------------------------------------------------------------------------


@dataclass(frozen=True)
class User:
    username: str
    role: str
    display_name: str
    password_hash: str
    changed_at: str = ""


def users_path(settings: Settings) -> Path:
    return settings.local_dir / USERS_FILE


def store_path(settings: Settings) -> Path:
    return settings.local_dir / STORE_FILE


def read_users(path: Path) -> dict[str, User]:
    """Read the users file; a missing file has no users."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise AuthError(
            f"用户文件 {path} 格式错误：{error}",
            f"The users file {path} is not valid: {error}",
        ) from error
    users = {}
    for username, entry in data.get("users", {}).items():
        role = entry.get("role") if isinstance(entry, dict) else None
        hashed = entry.get("password_hash") if isinstance(entry, dict) else None
        if (
            role not in ROLES
            or not isinstance(hashed, str)
            or not hashed.startswith("$2")
        ):
            raise AuthError(
                f"用户文件 {path} 中用户 {username} 的角色或密码散列无效",
                f"In the users file {path}, user {username} has an invalid role or"
                " password hash",
            )
        users[username] = User(
            username=username,
            role=role,
            display_name=str(entry.get("display_name") or username),
            password_hash=hashed,
            changed_at=str(entry.get("changed_at") or ""),
        )
    return users


def _toml_string(value: str) -> str:
    # A JSON string is a valid TOML basic string: the same escapes, \\uXXXX included.
    import json

    return json.dumps(value, ensure_ascii=False)


def write_users(path: Path, users: dict[str, User]) -> None:
    """Write the users file in full, readable by its owner only, replacing it atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# OneScreen users: edit with `python -m onescreen user ...`.",
        "# Roles: " + ", ".join(ROLES) + ". Passwords are bcrypt hashes only.",
        "",
    ]
    for user in sorted(users.values(), key=lambda u: u.username):
        lines += [
            f"[users.{_toml_string(user.username)}]",
            f"role = {_toml_string(user.role)}",
            f"display_name = {_toml_string(user.display_name)}",
            f"password_hash = {_toml_string(user.password_hash)}",
            f"changed_at = {_toml_string(user.changed_at)}",
            "",
        ]
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    os.chmod(partial, 0o600)
    os.replace(partial, path)


def check_password_rules(password: str) -> None:
    """Refuse a password too short for the office or too long for bcrypt."""
    if len(password) < PASSWORD_MIN:
        raise AuthError(
            f"密码至少 {PASSWORD_MIN} 个字符",
            f"The password needs at least {PASSWORD_MIN} characters",
        )
    if len(password.encode("utf-8")) > PASSWORD_MAX_BYTES:
        raise AuthError(
            f"密码最多 {PASSWORD_MAX_BYTES} 字节（UTF-8）",
            f"The password may have at most {PASSWORD_MAX_BYTES} bytes (UTF-8)",
        )


def hash_password(password: str, rounds: int) -> str:
    check_password_rules(password)
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds)).decode()


def password_matches(password: str, password_hash: str) -> bool:
    encoded = password.encode("utf-8")
    if len(encoded) > PASSWORD_MAX_BYTES:
        return False
    try:
        return bcrypt.checkpw(encoded, password_hash.encode("ascii"))
    except ValueError:
        return False


def _now_text() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def add_user(
    path: Path,
    username: str,
    role: str,
    password: str,
    *,
    display_name: str = "",
    rounds: int = 12,
) -> User:
    """Add a user; refuse a taken name, a bad name, an unknown role or a weak password."""
    if not USERNAME.match(username):
        raise AuthError(
            "用户名须为 2–32 个字母、数字或 _ . -",
            "A username has 2–32 letters, digits or _ . -",
        )
    if role not in ROLES:
        raise AuthError(
            f"没有角色 {role}；可选：{'、'.join(ROLES)}",
            f"There is no role {role}; choose one of {', '.join(ROLES)}",
        )
    users = read_users(path)
    if username in users:
        raise AuthError(
            f"用户 {username} 已存在；改密码请用 user reset",
            f"User {username} exists already; use `user reset` to change the password",
        )
    user = User(
        username=username,
        role=role,
        display_name=display_name or username,
        password_hash=hash_password(password, rounds),
        changed_at=_now_text(),
    )
    write_users(path, {**users, username: user})
    return user


def _existing(users: dict[str, User], username: str) -> User:
    if username not in users:
        raise AuthError(f"没有用户 {username}", f"There is no user {username}")
    return users[username]


def reset_password(
    path: Path, username: str, password: str, *, rounds: int = 12
) -> User:
    """Give a user a new password; their open sessions end at their next page run."""
    users = read_users(path)
    user = _existing(users, username)
    changed = User(
        username=user.username,
        role=user.role,
        display_name=user.display_name,
        password_hash=hash_password(password, rounds),
        changed_at=_now_text(),
    )
    write_users(path, {**users, username: changed})
    return changed


def remove_user(path: Path, username: str) -> None:
    users = read_users(path)
    _existing(users, username)
    write_users(path, {name: u for name, u in users.items() if name != username})


# The sign-in store: failures and sessions --------------------------------------------

STORE_SCHEMA = """
create table if not exists failures (
    key text primary key, count integer not null, last_at real not null
);
create table if not exists sessions (
    token_hash text primary key, username text not null, role text not null,
    credential text not null, signed_in_at real not null, last_seen_at real not null
);
"""


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=10, isolation_level=None)
    con.executescript(STORE_SCHEMA)
    return con


def failure_key(username: str, client: str | None) -> str:
    return f"{username.strip().lower()}|{client or '-'}"


def address_key(client: str | None) -> str:
    """Return the key of every failure from one address, whatever the username: one
    password tried over many usernames is locked out too."""
    return f"*|{client or '-'}"


def failures_in_a_row(path: Path, key: str) -> tuple[int, float]:
    """Return the failures in a row under key and the time of the last one."""
    with _connect(path) as con:
        row = con.execute(
            "select count, last_at from failures where key = ?", (key,)
        ).fetchone()
    return (row[0], row[1]) if row else (0, 0.0)


def seconds_locked(
    auth: AuthSettings, count: int, last_at: float, now: float, limit: int | None = None
) -> float:
    """Return how long attempts under a key are still refused (0: they are heard)."""
    if count < (limit or auth.lock_after_failures):
        return 0.0
    return max(0.0, last_at + auth.lock_minutes * 60 - now)


def failure_delay(auth: AuthSettings, count: int) -> float:
    """Return the wait before answering the `count`-th failure in a row."""
    if count <= 0:
        return 0.0
    return min(auth.failure_delay_seconds * 2 ** (count - 1), auth.max_delay_seconds)


def _count_attempt(
    path: Path, limits: dict[str, int], auth: AuthSettings, now: float
) -> tuple[int, float]:
    """Count an attempt as a failure under each key of `limits` (key → failures that
    lock it) before its password is checked (a right one clears the counts); return its
    place in the first key's row of failures and how long it is still locked (0: the
    attempt is heard).

    The read and the write are one transaction, so attempts made at the same moment
    from many sessions each take their own place: they cannot all read the same count
    and slip past the delay and the lock together.
    """
    with closing(_connect(path)) as con:
        con.execute("begin immediate")
        try:
            counts, locked = {}, 0.0
            for key, limit in limits.items():
                row = con.execute(
                    "select count, last_at from failures where key = ?", (key,)
                ).fetchone()
                count, last_at = (row[0], row[1]) if row else (0, 0.0)
                counts[key] = count
                locked = max(locked, seconds_locked(auth, count, last_at, now, limit))
            if locked == 0:
                for key in limits:
                    counts[key] += 1
                    con.execute(
                        "insert into failures values (?, ?, ?) on conflict (key)"
                        " do update set count = excluded.count,"
                        " last_at = excluded.last_at",
                        (key, counts[key], now),
                    )
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
    return counts[next(iter(limits))], locked


@dataclass(frozen=True)
class SignIn:
    """The outcome of one sign-in attempt."""

    user: User | None
    outcome: str  # "ok", "wrong", "locked", "no_users"
    wait_seconds: float = 0.0


@functools.lru_cache(maxsize=4)
def _unknown_user_hash(rounds: int) -> str:
    """Return a hash to check when the user does not exist, at the users' cost, so
    that an unknown name takes as long to refuse as a wrong password."""
    return bcrypt.hashpw(b"no such user", bcrypt.gensalt(rounds)).decode()


def attempt_sign_in(
    settings: Settings,
    auth: AuthSettings,
    username: str,
    password: str,
    client: str | None,
    *,
    now: Callable[[], float] = time.time,
    sleep: Callable[[float], None] = time.sleep,
) -> SignIn:
    """Check a username and password, slowing and locking repeated failures."""
    users = read_users(users_path(settings))
    if not users:
        return SignIn(None, "no_users")
    store = store_path(settings)
    key = failure_key(username, client)
    limits = {
        key: auth.lock_after_failures,
        address_key(client): auth.lock_after_failures * ADDRESS_LOCK_FACTOR,
    }
    count, locked = _count_attempt(store, limits, auth, now())
    if locked > 0:
        return SignIn(None, "locked", math.ceil(locked))
    user = users.get(username.strip())
    matches = password_matches(
        password, user.password_hash if user else _unknown_user_hash(auth.bcrypt_rounds)
    )
    if user is not None and matches:
        with closing(_connect(store)) as con:
            con.executemany(
                "delete from failures where key = ?", [(k,) for k in limits]
            )
        return SignIn(user, "ok")
    sleep(failure_delay(auth, count))
    if count >= auth.lock_after_failures:
        return SignIn(None, "locked", math.ceil(auth.lock_minutes * 60))
    return SignIn(None, "wrong")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def _credential(user: User) -> str:
    """Return a fingerprint of the user's role and password hash: a session begun
    under other ones is over."""
    return hashlib.sha256(f"{user.role}\n{user.password_hash}".encode()).hexdigest()


def open_session(settings: Settings, user: User, *, now: float | None = None) -> str:
    """Record a new session for the user and return its token."""
    token = secrets.token_urlsafe(32)
    moment = time.time() if now is None else now
    with _connect(store_path(settings)) as con:
        con.execute(
            "insert into sessions values (?, ?, ?, ?, ?, ?)",
            (
                _token_hash(token),
                user.username,
                user.role,
                _credential(user),
                moment,
                moment,
            ),
        )
    return token


def resume_session(
    settings: Settings, auth: AuthSettings, token: str, *, now: float | None = None
) -> tuple[User | None, str]:
    """Return the user of a live session and "ok", or None and why it cannot go on.

    A session ends when it is older than session_hours, idle longer than idle_minutes,
    its user was removed, or the user's password or role changed since it began.
    """
    moment = time.time() if now is None else now
    store = store_path(settings)
    with _connect(store) as con:
        row = con.execute(
            "select username, role, credential, signed_in_at, last_seen_at"
            " from sessions where token_hash = ?",
            (_token_hash(token),),
        ).fetchone()
    if row is None:
        return None, "unknown"
    username, role, credential, signed_in_at, last_seen_at = row
    user = read_users(users_path(settings)).get(username)
    if (
        moment - signed_in_at > auth.session_hours * 3600
        or moment - last_seen_at > auth.idle_minutes * 60
    ):
        end_session(settings, token)
        return None, "expired"
    if user is None or user.role != role or _credential(user) != credential:
        end_session(settings, token)
        return None, "changed"
    with _connect(store) as con:
        con.execute(
            "update sessions set last_seen_at = ? where token_hash = ?",
            (moment, _token_hash(token)),
        )
    return user, "ok"


def end_session(settings: Settings, token: str) -> None:
    with _connect(store_path(settings)) as con:
        con.execute("delete from sessions where token_hash = ?", (_token_hash(token),))


def forget_old_sessions(settings: Settings, auth: AuthSettings, now: float) -> None:
    """Delete sessions past their lifetime, so the store does not grow without end."""
    with _connect(store_path(settings)) as con:
        con.execute(
            "delete from sessions where signed_in_at < ?",
            (now - auth.session_hours * 3600,),
        )
