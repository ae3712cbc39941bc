"""Exports uploaded on the Data page: checked as the build would read them, then committed.

A check reads the uploaded bytes from a temporary folder into an in-memory DuckDB with
the build's own ingest (decoding, header matching, typed reading, row checks), so it
reports exactly what a build would load and quarantine, and nothing reaches the exports
folder. A commit copies the accepted files into `<exports>/<source>/` under a name that
never replaces an existing export; the caller then rebuilds the database.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import re
import tempfile
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path

import duckdb

from onescreen.build import CHINA_TIME, today_in_china
from onescreen.contracts import SOURCES, get_source
from onescreen.ingest import FileReport, ingest_exports, register_functions
from onescreen.reading import ExportError, open_export

logger = logging.getLogger(__name__)

EXPORT_SUFFIXES = (".csv", ".txt", ".tsv")
COMMITTABLE_STATUSES = frozenset({"loaded", "partly_loaded"})
CHOOSE_SOURCE = "choose_source"
NEEDS_CONFIRMATION = "needs_confirmation"
CHECK_CENTER_ID = "check"
# "~" sorts after "." and every letter and digit, so a renamed copy sorts right after
# the export it sits beside, and the build lets the later copy win.
RENAMED_MARK = "~"
# 255 bytes is the longest name Linux file systems take; a renamed copy adds about 20.
MAX_NAME_BYTES = 200
UNSAFE_NAME_CHARACTERS = re.compile(r'[\x00-\x1f/\\:*?"<>|]')


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the name it was uploaded under and its bytes."""

    name: str
    data: bytes

    @cached_property
    def content_sha256(self) -> str:
        """Return the SHA-256 of the bytes, as the build's manifest records it."""
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class UploadCheck:
    """What a build would make of one uploaded file; nothing is kept anywhere."""

    upload: Upload
    file_name: str
    candidates: tuple[str, ...]
    source: str | None
    report: FileReport | None
    existing_copy: Path | None = None

    @property
    def problem(self) -> str | None:
        """Return why the file cannot be committed (a status code), or None."""
        if self.report is None:
            return CHOOSE_SOURCE
        if self.source is None or self.report.status not in COMMITTABLE_STATUSES:
            return self.report.status
        return None

    @property
    def rejected_share(self) -> float:
        """Return the share of the data rows that would be rejected."""
        if self.report is None or self.report.rows_read == 0:
            return 0.0
        return self.report.rows_rejected / self.report.rows_read

    def needs_confirmation(self, confirm_reject_share: float) -> bool:
        """Tell whether the file rejects more than the share committed without asking."""
        return self.problem is None and self.rejected_share > confirm_reject_share

    def is_accepted(self, confirm_reject_share: float, confirmed: bool) -> bool:
        """Tell whether a commit would take the file, given the user's confirmation."""
        if self.problem is not None:
            return False
        return confirmed or not self.needs_confirmation(confirm_reject_share)


@dataclass
class CommitResult:
    """What a commit did with each file: written, skipped as identical, or left out."""

    written: list[tuple[UploadCheck, Path]] = field(default_factory=list)
    identical: list[tuple[UploadCheck, Path]] = field(default_factory=list)
    left_out: list[tuple[UploadCheck, str]] = field(default_factory=list)
    # Files that could not be written (disk full, folder not writable): the error.
    failed: list[tuple[UploadCheck, str]] = field(default_factory=list)


def safe_file_name(name: str) -> str:
    """Return a file name the build will read: no folders, not hidden, a CSV suffix."""
    base = UNSAFE_NAME_CHARACTERS.sub("_", name.replace("\\", "/").split("/")[-1])
    base = base.strip().lstrip(".").strip()
    if not base:
        base = "upload.csv"
    if Path(base).suffix.lower() not in EXPORT_SUFFIXES:
        base += ".csv"
    return shortened(base, MAX_NAME_BYTES)


def shortened(file_name: str, max_bytes: int) -> str:
    """Return the name with its stem cut so that it is at most max_bytes in UTF-8.

    Windows allows 255 characters in a name, Linux 255 bytes: a long Chinese name
    from a PC would not fit. The room left is for the time a renamed copy carries.
    """
    stem, suffix = Path(file_name).stem, Path(file_name).suffix
    while len((stem + suffix).encode("utf-8")) > max_bytes and stem:
        stem = stem[:-1]
    return (stem.rstrip() or "upload") + suffix


def recognise_source(upload: Upload) -> tuple[str, ...]:
    """Return the sources whose contract the file's header fits best (none, one or a tie).

    A source fits when the file opens as that source, required columns included; the
    best fit recognises the most columns. Rosters of both employment tracks share most
    headers, so a bare roster can fit both equally well.
    """
    fitted: dict[str, int] = {}
    for source in SOURCES:
        try:
            opened = open_export(Path(upload.name), source, upload.data)
        except ExportError:
            continue
        fitted[source.name] = len(opened.column_positions)
    if not fitted:
        return ()
    best = max(fitted.values())
    return tuple(name for name, count in fitted.items() if count == best)


def find_identical_export(exports_dir: Path, data: bytes) -> Path | None:
    """Return an export under exports_dir with exactly these bytes, if there is one.

    The build skips a file whose bytes it has already read, wherever it lies, so the
    whole folder is searched; only files of the same size are hashed.
    """
    if not exports_dir.exists():
        return None
    digest = hashlib.sha256(data).hexdigest()
    for path in sorted(exports_dir.rglob("*")):
        if path.name.startswith(".") or not path.is_file():
            continue
        if path.stat().st_size != len(data):
            continue
        if hashlib.sha256(path.read_bytes()).hexdigest() == digest:
            return path
    return None


def read_as_build(
    data: bytes,
    file_name: str,
    source: str | None,
    *,
    today: date,
    memory_limit: str | None = None,
) -> FileReport:
    """Return the report the build would give these bytes, from a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="onescreen-upload-") as folder:
        path = Path(folder) / file_name
        path.write_bytes(data)
        con = duckdb.connect()
        try:
            if memory_limit:
                # The value is checked against a size pattern when settings are loaded.
                con.execute(f"set memory_limit = '{memory_limit}'")
            # A throw-away key: the check keeps no identity hashes.
            register_functions(con, os.urandom(32))
            [report] = ingest_exports(
                con,
                [(get_source(source) if source else None, path)],
                base_dir=Path(folder),
                center_id=CHECK_CENTER_ID,
                today=today,
            )
        except (duckdb.Error, OSError) as error:
            logger.warning("checking %s failed: %s", file_name, error)
            report = FileReport(
                file_path=file_name,
                source=source,
                status="unreadable",
                message_zh=f"文件无法检查：{error}",
                message_en=f"the file cannot be checked: {error}",
            )
        finally:
            con.close()
    return report


def check_upload(
    upload: Upload,
    exports_dir: Path,
    *,
    source: str | None = None,
    today: date | None = None,
    memory_limit: str | None = None,
) -> UploadCheck:
    """Check one uploaded file against `source`, or the source its header fits.

    A header that fits several sources equally well is not checked until the source
    is chosen; a header that fits none is read as the build would read it, which
    says why (no header, which required columns are missing, not text...).
    """
    file_name = safe_file_name(upload.name)
    candidates = recognise_source(upload)
    if source is None and len(candidates) > 1:
        return UploadCheck(upload, file_name, candidates, None, None)
    if source is None and candidates:
        source = candidates[0]
    report = read_as_build(
        upload.data,
        file_name,
        source,
        today=today or today_in_china(),
        memory_limit=memory_limit,
    )
    existing = find_identical_export(exports_dir, upload.data) if source else None
    logger.info(
        "checked upload %s as %s: %s, %s rows would load, %s rejected",
        file_name,
        source,
        report.status,
        report.rows_loaded,
        report.rows_rejected,
    )
    return UploadCheck(upload, file_name, candidates, source, report, existing)


def export_names(folder: Path, file_name: str, now: datetime) -> Iterator[Path]:
    """Yield the names a committed file may take, the uploaded name first.

    A renamed copy carries the commit time after a "~", so it sorts after the export of
    the same name and after earlier copies: the build then keeps its rows.
    """
    stem, suffix = Path(file_name).stem, Path(file_name).suffix
    stamp = now.strftime("%Y%m%d-%H%M%S")
    yield folder / file_name
    yield folder / f"{stem}{RENAMED_MARK}{stamp}{suffix}"
    for number in itertools.count(2):
        yield folder / f"{stem}{RENAMED_MARK}{stamp}{RENAMED_MARK}{number}{suffix}"


def write_new_export(folder: Path, file_name: str, data: bytes, now: datetime) -> Path:
    """Write data as a new file in folder under a free name; never replace a file.

    The bytes go to a hidden file first (the build passes over hidden files) and are
    linked under the new name, which fails rather than replaces when the name is taken.
    """
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, staging_name = tempfile.mkstemp(
        prefix=".", suffix=".uploading", dir=folder
    )
    staging = Path(staging_name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        names = export_names(folder, file_name, now)
        while True:
            target = next(names)
            try:
                os.link(staging, target)
            except FileExistsError:
                continue
            return target
    finally:
        staging.unlink(missing_ok=True)


def commit_uploads(
    checks: Sequence[UploadCheck],
    exports_dir: Path,
    *,
    confirm_reject_share: float,
    confirmed: Collection[int] = (),
    now: datetime | None = None,
) -> CommitResult:
    """Copy the accepted checked files into `<exports>/<source>/`; return what was done.

    `confirmed` holds the positions of the files the user confirmed despite their share
    of rejected rows. A file whose bytes are already among the exports is skipped.
    """
    now = now or datetime.now(CHINA_TIME)
    result = CommitResult()
    for position, check in enumerate(checks):
        if not check.is_accepted(confirm_reject_share, position in confirmed):
            result.left_out.append((check, check.problem or NEEDS_CONFIRMATION))
            continue
        existing = find_identical_export(exports_dir, check.upload.data)
        if existing is not None:
            result.identical.append((check, existing))
            continue
        try:
            path = write_new_export(
                exports_dir / check.source, check.file_name, check.upload.data, now
            )
        except OSError as error:
            # The files written before stay and are built; this one is reported.
            logger.warning("saving upload %s failed: %s", check.upload.name, error)
            result.failed.append((check, str(error)))
            continue
        logger.info("committed upload %s as %s", check.upload.name, path)
        result.written.append((check, path))
    return result
