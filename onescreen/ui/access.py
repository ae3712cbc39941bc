"""Who is using the dashboard and what their role lets them see, for every page run.

app.py calls `admit(language)` before the navigation: it returns the session's Access,
drawing the sign-in form and stopping the run when someone must sign in first. Pages
then ask `current_access()` what to show: `show_page_header` refuses a page the role
may not open, and the helpers ask `names_mode()`, `rights().pay` and the like.

A signed-in session keeps a token in the session state and in a cookie (set by a
small script after sign-in), so that reloading the page resumes it until it expires.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass

import streamlit as st

from onescreen import auth
from onescreen.auth import NAMES_AS_MEETING_RULE, NAMES_FULL, NAMES_MASKED, Rights
from onescreen.i18n import t
from onescreen.settings import SettingsError

logger = logging.getLogger(__name__)

ACCESS_KEY = "access"
TOKEN_KEY = "access.token"
NOTICE_KEY = "access.notice"
COOKIE_NAME = "onescreen_session"
SIGN_IN_FORM_KEY = "sign_in"
SIGN_OUT_KEY = "sign_out"


@dataclass(frozen=True)
class Access:
    """The person (or the local machine) behind this session, and their role."""

    role: str
    username: str | None = None
    display_name: str = ""

    @property
    def rights(self) -> Rights:
        return auth.ROLE_RIGHTS[self.role]

    @property
    def signed_in(self) -> bool:
        return self.username is not None


# Before app.py has admitted the session, nothing is shown.
NOBODY = Access(role="viewer")
NO_PAGES = Rights(
    pages=frozenset(),
    names=auth.NAMES_HIDDEN,
    pay=False,
    scores=False,
    uploads=False,
    followups=False,
)


def current_access() -> Access | None:
    """Return this session's Access, or None before app.py admitted it."""
    return st.session_state.get(ACCESS_KEY)


def rights() -> Rights:
    """Return the rights of this session (none before it was admitted)."""
    access = current_access()
    return access.rights if access else NO_PAGES


def role_name(role: str, language: str) -> str:
    return t(f"access.role.{role}", language)


def _settings_and_auth():
    from onescreen.ui import settings_from_environment

    settings = settings_from_environment(os.environ)
    return settings, auth.auth_settings(settings)


def admit(language: str) -> Access:
    """Return who this session is; draw the sign-in form and stop if nobody is yet."""
    try:
        settings, auth_settings = _settings_and_auth()
    except SettingsError as error:
        message = getattr(error, f"message_{language}")
        st.error(t("data.settings_error", language, message=message))
        st.stop()
    if not auth.sign_in_required(auth_settings, st.get_option("server.address")):
        access = Access(role=auth_settings.local_role)
        st.session_state[ACCESS_KEY] = access
        return access
    access = _resumed(settings, auth_settings)
    if access is None:
        access = _sign_in_form(settings, auth_settings, language)
    st.session_state[ACCESS_KEY] = access
    return access


def _resumed(settings, auth_settings) -> Access | None:
    token = st.session_state.get(TOKEN_KEY)
    from_cookie = False
    if not token:
        token = st.context.cookies.get(COOKIE_NAME)
        from_cookie = True
    if not isinstance(token, str) or not token:
        return None
    try:
        user, outcome = auth.resume_session(settings, auth_settings, token)
    except auth.AuthError as error:
        logger.error("session not resumed: %s", error)
        user, outcome = None, "unknown"
    if user is None:
        _forget_token()
        if outcome in ("expired", "changed") and not from_cookie:
            st.session_state[NOTICE_KEY] = outcome
        return None
    st.session_state[TOKEN_KEY] = token
    return Access(
        role=user.role, username=user.username, display_name=user.display_name
    )


def _forget_token() -> None:
    st.session_state.pop(TOKEN_KEY, None)
    st.session_state.pop(ACCESS_KEY, None)
    _write_cookie("", 0)


def _write_cookie(token: str, max_age: int) -> None:
    # The token is URL-safe base64, so it needs no quoting inside the script.
    st.html(
        "<script>document.cookie = "
        f"'{COOKIE_NAME}={token}; path=/; max-age={max_age}; SameSite=Strict';"
        "</script>",
        unsafe_allow_javascript=True,
    )


def _has_users(settings, language: str) -> bool:
    try:
        return bool(auth.read_users(auth.users_path(settings)))
    except auth.AuthError as error:
        st.error(t("access.problem", language, message=error.message(language)))
        st.stop()


def _sign_in_form(settings, auth_settings, language: str) -> Access:
    notice = st.session_state.pop(NOTICE_KEY, None)
    place = st.empty()
    with place.container():
        st.title(t("access.sign_in.title", language))
        st.caption(t("access.sign_in.intro", language))
        if notice:
            st.info(t(f"access.{notice}", language))
        if not _has_users(settings, language):
            st.warning(t("access.no_users", language))
            st.stop()
        with st.form(SIGN_IN_FORM_KEY):
            username = st.text_input(t("access.username", language), key="username")
            password = st.text_input(
                t("access.password", language), type="password", key="password"
            )
            submitted = st.form_submit_button(
                t("access.submit", language), type="primary"
            )
    if not submitted:
        st.stop()
    try:
        client = st.context.ip_address
        outcome = auth.attempt_sign_in(
            settings,
            auth_settings,
            username,
            password,
            client if isinstance(client, str) else None,
        )
    except auth.AuthError as error:
        st.error(t("access.problem", language, message=error.message(language)))
        st.stop()
    if outcome.user is None:
        with place.container():
            st.title(t("access.sign_in.title", language))
            if outcome.outcome == "locked":
                st.error(t("access.locked", language, seconds=outcome.wait_seconds))
            elif outcome.outcome == "no_users":
                st.warning(t("access.no_users", language))
            else:
                st.error(t("access.wrong", language))
            st.button(t("access.submit", language), key="sign_in_again")
        st.stop()
    user = outcome.user
    token = auth.open_session(settings, user)
    auth.forget_old_sessions(settings, auth_settings, time.time())
    st.session_state[TOKEN_KEY] = token
    place.empty()
    _write_cookie(token, int(auth_settings.session_hours * 3600))
    logger.info("signed in: %s (%s)", user.username, user.role)
    return Access(
        role=user.role, username=user.username, display_name=user.display_name
    )


def show_account(access: Access, language: str) -> None:
    """Say in the sidebar who is signed in, with a button to sign out."""
    role = role_name(access.role, language)
    if not access.signed_in:
        st.sidebar.caption(t("access.local", language, role=role))
        return
    st.sidebar.caption(
        t("access.signed_in_as", language, name=access.display_name, role=role)
    )
    st.sidebar.button(
        t("access.sign_out", language), key=SIGN_OUT_KEY, on_click=_sign_out
    )


def _sign_out() -> None:
    """End the session in the store and in this browser; the next run asks to sign in."""
    token = st.session_state.get(TOKEN_KEY)
    if token:
        settings, _ = _settings_and_auth()
        auth.end_session(settings, token)
    st.session_state.pop(TOKEN_KEY, None)
    st.session_state.pop(ACCESS_KEY, None)
    st.session_state[NOTICE_KEY] = "signed_out"


def guard_page(page: str, language: str) -> None:
    """Stop a page the session's role may not open, saying why."""
    access = current_access()
    if access is None:
        access = admit(language)
    if page not in access.rights.pages:
        st.error(
            t("access.page_refused", language, role=role_name(access.role, language))
        )
        st.stop()


def names_mode() -> str:
    """Return how people's names are shown: "full", "masked" or "hidden".

    The meeting role shows them as config/kpi.toml's [meeting] show_names says.
    """
    mode = rights().names
    if mode != NAMES_AS_MEETING_RULE:
        return mode
    from onescreen.rules import load_rules
    from onescreen.ui import settings_from_environment

    try:
        settings = settings_from_environment(os.environ)
        return (
            NAMES_FULL if load_rules(settings.config_dir).show_names else NAMES_MASKED
        )
    except SettingsError as error:
        logger.warning("names masked: %s", error)
        return NAMES_MASKED
