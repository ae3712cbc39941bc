"""The uploads section of the Data page: drop exports, see the check, commit, rebuild.

Files are checked as they are dropped (onescreen.uploads, in a throw-away database);
nothing is saved until the user commits. A commit copies the accepted files into the
exports folder, rebuilds the database with its progress shown, and reruns the page so
that every section reads the new build; what happened is kept in the session and
shown above the empty uploader.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import streamlit as st

from onescreen import ui
from onescreen.build import BuildError, BuildReport, build_database
from onescreen.i18n import join_names, source_label, status_label, t
from onescreen.ingest import MANIFEST_SCHEMA, QUARANTINE_SCHEMA, discover_exports
from onescreen.settings import Settings, SettingsError
from onescreen.ui.access import rights
from onescreen.uploads import (
    CHOOSE_SOURCE,
    NEEDS_CONFIRMATION,
    CommitResult,
    Upload,
    UploadCheck,
    check_upload,
    commit_uploads,
)

logger = logging.getLogger(__name__)

GENERATION_KEY = "uploads_generation"
CHECKS_KEY = "uploads_checks"
OUTCOME_KEY = "uploads_outcome"
COMMIT_KEY = "uploads_commit"
UPLOAD_TYPES = ["csv", "txt", "tsv"]
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>])")


@dataclass
class UploadOutcome:
    """What the last commit did, kept in the session to show after the page reruns."""

    written: list[str] = field(default_factory=list)
    identical: list[tuple[str, str]] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    build_totals: dict | None = None
    saved_reports: list[dict] = field(default_factory=list)
    build_error: BuildError | None = None

    def add_build(self, build: BuildReport) -> None:
        """Keep the build's totals and the manifest rows of the files just saved."""
        self.build_totals = {
            "files": len(build.reports),
            "loaded": sum(report.rows_loaded for report in build.reports),
            "rejected": sum(report.rows_rejected for report in build.reports),
            "as_of": f"{build.as_of_date:%Y-%m-%d}" if build.as_of_date else "—",
            "seconds": f"{build.seconds:.1f}",
        }
        self.saved_reports = [
            report.as_row()
            for report in build.reports
            if report.file_path in self.written
        ]


@st.cache_resource(show_spinner=False)
def build_lock() -> threading.Lock:
    """Return the process-wide lock that lets one upload rebuild run at a time."""
    return threading.Lock()


def escape_markdown(text: str) -> str:
    """Return text that Streamlit's markdown shows as it is (file names carry _ and *)."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def relative_label(path: Path, exports_dir: Path) -> str:
    """Return an export's path as the build's manifest names it."""
    return (
        str(path.relative_to(exports_dir))
        if path.is_relative_to(exports_dir)
        else str(path)
    )


def checked(upload: Upload, source: str | None, settings: Settings) -> UploadCheck:
    """Return the check of an upload, kept in the session so reruns do not read it again."""
    cache = st.session_state.setdefault(CHECKS_KEY, {})
    key = (upload.name, upload.content_sha256, source)
    if key not in cache:
        cache[key] = check_upload(
            upload,
            settings.exports_dir,
            source=source,
            memory_limit=settings.build_memory_limit,
        )
    return cache[key]


def reason_label(code: str, language: str) -> str:
    """Return why a file is not committed, from a problem code."""
    if code in (CHOOSE_SOURCE, NEEDS_CONFIRMATION):
        return t(f"uploads.reason.{code}", language)
    return status_label(code, language)


def report_message(check: UploadCheck, language: str) -> str:
    """Return the check's own message (what the build would say) in the language."""
    report = check.report
    message = report.message_zh if language == "zh" else report.message_en
    return message or status_label(report.status, language)


def choose_source(check: UploadCheck, widget_key: str, language: str) -> str | None:
    """Let the user choose among the sources a header fits equally well."""
    names = join_names(
        [source_label(name, language) for name in check.candidates], language
    )
    st.warning(t("uploads.choose_source_needed", language, sources=names))
    return st.selectbox(
        t("uploads.choose_source", language),
        check.candidates,
        index=None,
        placeholder=t("uploads.choose_placeholder", language),
        format_func=lambda name: source_label(name, language),
        help=t("uploads.choose_source_help", language),
        key=widget_key,
    )


def show_counts(check: UploadCheck, language: str) -> None:
    """Show the source and the rows that would load and be rejected."""
    report = check.report
    columns = st.columns(4)
    columns[0].metric(
        t("uploads.source", language), source_label(check.source, language)
    )
    columns[1].metric(t("uploads.rows_to_load", language), f"{report.rows_loaded:,}")
    columns[2].metric(
        t("uploads.rows_to_reject", language), f"{report.rows_rejected:,}"
    )
    columns[3].metric(
        t("uploads.reject_share", language), f"{check.rejected_share:.1%}"
    )


def show_rejected_rows(check: UploadCheck, position: int, language: str) -> None:
    """Show the rows that would be rejected as the quarantine table shows them."""
    if not check.report.problems:
        return
    problems = pl.DataFrame(check.report.problems, schema=QUARANTINE_SCHEMA)
    ui.show_table(
        ui.quarantine_table(problems, language),
        language,
        name=f"upload_rejected_rows_{position + 1}",
    )


def confirm_rejections(
    check: UploadCheck, limit: float, widget_key: str, language: str
) -> bool:
    """Ask for a tick before a file that rejects many rows is committed."""
    share, limit_text = f"{check.rejected_share:.1%}", f"{limit:.0%}"
    st.warning(t("uploads.confirm_needed", language, share=share, limit=limit_text))
    return st.checkbox(
        t("uploads.confirm", language, share=share, limit=limit_text),
        help=t("uploads.confirm_help", language),
        key=widget_key,
    )


def check_with_source_choice(
    upload: Upload, widget_key: str, settings: Settings, language: str
) -> UploadCheck:
    """Check an upload, asking for its source first when the header fits several."""
    check = checked(upload, None, settings)
    if check.problem != CHOOSE_SOURCE:
        return check
    source = choose_source(check, f"uploads_source_{widget_key}", language)
    return check if source is None else checked(upload, source, settings)


def explain_refusal(check: UploadCheck, language: str) -> None:
    """Say why a file cannot be committed, with the reason the build would give."""
    if check.problem == CHOOSE_SOURCE:
        return
    reason = report_message(check, language)
    if check.source is None:
        st.error(t("uploads.not_recognised", language, reason=reason))
        return
    source = source_label(check.source, language)
    st.error(t("uploads.cannot_commit", language, source=source, reason=reason))


def show_check(
    position: int, upload: Upload, settings: Settings, language: str
) -> tuple[UploadCheck, bool]:
    """Check one upload and show the result; return it and whether it was confirmed."""
    generation = st.session_state.get(GENERATION_KEY, 0)
    widget_key = f"{generation}_{position}_{upload.content_sha256[:16]}"
    limit = settings.upload_confirm_reject_share
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(upload.name)}**")
        check = check_with_source_choice(upload, widget_key, settings, language)
        if check.problem is not None:
            explain_refusal(check, language)
            return check, False

        show_counts(check, language)
        rejected = check.report.rows_rejected
        if rejected:
            st.info(t("uploads.file_partly", language, rejected=rejected))
        else:
            st.success(t("uploads.file_clean", language))
        if check.existing_copy is not None:
            existing = relative_label(check.existing_copy, settings.exports_dir)
            st.info(t("uploads.already_present", language, existing=existing))
        show_rejected_rows(check, position, language)
        if not check.needs_confirmation(limit):
            return check, False
        key = f"uploads_confirm_{widget_key}"
        return check, confirm_rejections(check, limit, key, language)


def forget_other_checks(uploads: list[Upload]) -> None:
    """Drop the kept checks of files no longer in the uploader."""
    current = {(upload.name, upload.content_sha256) for upload in uploads}
    cache = st.session_state.setdefault(CHECKS_KEY, {})
    for key in [key for key in cache if key[:2] not in current]:
        del cache[key]


def rebuild_with_progress(
    settings: Settings, language: str
) -> tuple[BuildReport | None, BuildError | None]:
    """Rebuild the database with a progress bar driven by the build's file callback."""
    total = max(len(discover_exports(settings.exports_dir)), 1)
    done = 0
    with st.status(t("uploads.building", language), expanded=True) as status:
        bar = st.progress(0.0, text=t("uploads.build_starting", language))

        def progress(label: str) -> None:
            nonlocal done
            done += 1
            bar.progress(
                min(done / total, 1.0),
                text=t(
                    "uploads.build_progress",
                    language,
                    done=done,
                    total=total,
                    file=label,
                ),
            )
            if done >= total:
                status.update(label=t("uploads.build_deriving", language))

        try:
            report = build_database(settings, progress=progress)
        except BuildError as error:
            status.update(label=t("uploads.build_failed", language), state="error")
            return None, error
        except OSError as error:
            logger.warning("the upload rebuild failed: %s", error)
            status.update(label=t("uploads.build_failed", language), state="error")
            return None, BuildError(str(error), str(error))
        status.update(label=t("uploads.build_done", language), state="complete")
    return report, None


def outcome_of(result: CommitResult, exports_dir: Path) -> UploadOutcome:
    """Keep what the commit did as labels, without the uploaded bytes."""
    return UploadOutcome(
        written=[relative_label(path, exports_dir) for _, path in result.written],
        identical=[
            (check.upload.name, relative_label(path, exports_dir))
            for check, path in result.identical
        ],
        left_out=[(check.upload.name, code) for check, code in result.left_out],
        failed=[(check.upload.name, error) for check, error in result.failed],
    )


def commit_and_rebuild(
    checks: list[UploadCheck],
    confirmed: set[int],
    settings: Settings,
    language: str,
) -> None:
    """Commit the accepted files, rebuild, keep the outcome and rerun the page."""
    lock = build_lock()
    if not lock.acquire(blocking=False):
        st.warning(t("uploads.busy", language))
        return
    try:
        try:
            result = commit_uploads(
                checks,
                settings.exports_dir,
                confirm_reject_share=settings.upload_confirm_reject_share,
                confirmed=confirmed,
            )
        except OSError as error:
            logger.warning("saving uploads failed: %s", error)
            st.error(t("uploads.write_failed", language, error=error))
            return
        outcome = outcome_of(result, settings.exports_dir)
        if result.written:
            build, outcome.build_error = rebuild_with_progress(settings, language)
            if build is not None:
                outcome.add_build(build)
    finally:
        lock.release()
    st.session_state[OUTCOME_KEY] = outcome
    st.session_state[GENERATION_KEY] = st.session_state.get(GENERATION_KEY, 0) + 1
    st.session_state.pop(CHECKS_KEY, None)
    st.rerun()


def show_commit(
    checks: list[UploadCheck], confirmed: set[int], settings: Settings, language: str
) -> None:
    """Say which files a commit would take and offer the commit button."""
    limit = settings.upload_confirm_reject_share
    accepted = [
        check
        for position, check in enumerate(checks)
        if check.is_accepted(limit, position in confirmed)
    ]
    new = [check for check in accepted if check.existing_copy is None]
    left_out = [
        check.upload.name
        for position, check in enumerate(checks)
        if not check.is_accepted(limit, position in confirmed)
    ]
    if left_out:
        files = join_names(left_out, language)
        st.warning(t("uploads.left_out", language, files=files))
    if new:
        st.info(t("uploads.ready", language, count=len(new)))
    else:
        st.info(t("uploads.none_ready", language))
    clicked = st.button(
        t("uploads.commit", language),
        type="primary",
        disabled=not new,
        help=t("uploads.commit_help", language),
        key=COMMIT_KEY,
        icon=":material/upload:",
    )
    if clicked:
        commit_and_rebuild(checks, confirmed, settings, language)


def show_outcome(outcome: UploadOutcome | None, language: str) -> None:
    """Say what the last commit saved, skipped and left out, and how the build went."""
    if outcome is None:
        return
    if outcome.written:
        files = join_names(outcome.written, language)
        st.success(
            t(
                "uploads.outcome.written",
                language,
                count=len(outcome.written),
                files=files,
            )
        )
    for name, existing in outcome.identical:
        st.info(t("uploads.outcome.identical", language, file=name, existing=existing))
    for name, code in outcome.left_out:
        reason = reason_label(code, language)
        st.warning(t("uploads.outcome.left_out", language, file=name, reason=reason))
    for name, error in outcome.failed:
        st.error(t("uploads.outcome.write_failed", language, file=name, error=error))
    if outcome.build_error is not None:
        error = outcome.build_error
        reason = error.message_zh if language == "zh" else error.message_en
        st.error(t("uploads.outcome.build_failed", language, reason=reason))
    elif outcome.build_totals is not None:
        show_build_outcome(outcome, language)
    elif not outcome.written and not outcome.failed:
        st.info(t("uploads.outcome.nothing_new", language))


def show_build_outcome(outcome: UploadOutcome, language: str) -> None:
    """Show the new build's totals and what it made of the files just saved."""
    st.success(t("uploads.outcome.built", language, **outcome.build_totals))
    if outcome.saved_reports:
        st.caption(t("uploads.outcome.files_caption", language))
        manifest = pl.DataFrame(outcome.saved_reports, schema=MANIFEST_SCHEMA)
        ui.show_table(
            ui.manifest_table(manifest, language), language, name="uploaded_files_built"
        )


def uploader_texts_css(language: str, size_mb: int, types: list[str]) -> str:
    """Return CSS that writes the uploader's button and limits in the page language.

    Streamlit draws "Upload" and "50MB per file" in English whatever the page's
    language; the CSS hides those words and shows the catalogue's instead.
    """
    names = join_names([name.upper() for name in types], language)
    browse = json.dumps(t("uploads.browse", language), ensure_ascii=False)
    limits = json.dumps(
        t("uploads.limits", language, size=size_mb, types=names), ensure_ascii=False
    )
    zone = '[class*="st-key-uploads_files_"] [data-testid="stFileUploaderDropzone"]'
    button = f'{zone} button [data-testid="stMarkdownContainer"] p'
    notes = f'{zone} [data-testid="stFileUploaderDropzoneInstructions"] span'
    return (
        "<style>"
        f"{button}, {notes} {{ font-size: 0; }}"
        f"{button}::after {{ content: {browse}; font-size: 1rem; }}"
        f"{notes}::after {{ content: {limits}; font-size: 0.875rem; }}"
        "</style>"
    )


def show_uploads(language: str) -> None:
    """Show the uploads section: drop exports, check them, commit them and rebuild.

    Only roles that may upload and build (director, data keeper) see it.
    """
    if not rights().uploads:
        return
    st.subheader(t("uploads.title", language))
    try:
        settings = ui.settings_from_environment(os.environ)
    except SettingsError as error:
        message = error.message_zh if language == "zh" else error.message_en
        st.info(t("uploads.settings_error", language, message=message))
        return
    share = f"{settings.upload_confirm_reject_share:.0%}"
    st.caption(
        t("uploads.caption", language, exports=settings.exports_dir, share=share)
    )

    generation = st.session_state.setdefault(GENERATION_KEY, 0)
    st.html(
        uploader_texts_css(
            language, st.get_option("server.maxUploadSize"), UPLOAD_TYPES
        )
    )
    files = st.file_uploader(
        t("uploads.files", language),
        type=UPLOAD_TYPES,
        accept_multiple_files=True,
        help=t("uploads.files_help", language),
        key=f"uploads_files_{generation}",
    )
    if not files:
        show_outcome(st.session_state.get(OUTCOME_KEY), language)
        return

    uploads = [Upload(file.name, file.getvalue()) for file in files]
    forget_other_checks(uploads)
    checks, confirmed = [], set()
    for position, upload in enumerate(uploads):
        check, is_confirmed = show_check(position, upload, settings, language)
        checks.append(check)
        if is_confirmed:
            confirmed.add(position)
    show_commit(checks, confirmed, settings, language)
