"""Read access to the built database: the current build, hardened connections, named queries.

A build writes a new file under `builds/` beside the database path and then points the
database path (a symbolic link) at it in one rename. DuckDB caches open databases by path
inside a process, so readers open the resolved file, not the link: a new build has a new
path, and the next page run opens it while older connections finish and are closed.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from onescreen.settings import PROJECT_ROOT

logger = logging.getLogger(__name__)

QUERIES_DIR = PROJECT_ROOT / "queries"
OLD_CONNECTION_GRACE_SECONDS = 120.0


class DatabaseMissingError(FileNotFoundError):
    """No build has been made yet at the database path."""


def builds_dir(database_path: Path) -> Path:
    """Return the folder where the build files behind `database_path` live."""
    return database_path.parent / "builds"


def resolve_current_build(database_path: Path) -> Path:
    """Return the build file that `database_path` points at now."""
    if not database_path.exists():
        raise DatabaseMissingError(str(database_path))
    return database_path.resolve()


def make_current(database_path: Path, build_file: Path) -> None:
    """Point `database_path` at `build_file` in one atomic rename."""
    link_tmp = database_path.with_name(f".{database_path.name}.{os.getpid()}.link")
    if link_tmp.is_symlink() or link_tmp.exists():
        link_tmp.unlink()
    link_tmp.symlink_to(os.path.relpath(build_file, database_path.parent))
    if database_path.exists() and not database_path.is_symlink():
        # A plain file left by an older layout or copied in by hand: keep it as a build.
        legacy = builds_dir(database_path) / f"legacy-{int(time.time())}.duckdb"
        database_path.rename(legacy)
    os.replace(link_tmp, database_path)


def hardened_config(memory_limit: str, threads: int) -> dict:
    """Return DuckDB settings for a reader: no files, no extensions, limits locked."""
    return {
        "enable_external_access": False,
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "allow_community_extensions": False,
        "memory_limit": memory_limit,
        "threads": threads,
        "lock_configuration": True,
    }


def open_reader(
    build_file: Path, memory_limit: str = "2GB", threads: int = 2
) -> duckdb.DuckDBPyConnection:
    """Open a build file read-only with the hardened settings."""
    return duckdb.connect(
        str(build_file), read_only=True, config=hardened_config(memory_limit, threads)
    )


@dataclass
class _OpenBuild:
    path: Path
    connection: duckdb.DuckDBPyConnection
    replaced_at: float | None = None


class Reader:
    """Hands out cursors on the current build, moving to a new build when one lands.

    `opener(build_file, memory_limit, threads)` opens the connection a build is read
    through: by default the hardened read-only connection of the file itself.
    """

    def __init__(
        self,
        database_path: Path,
        memory_limit: str = "2GB",
        threads: int = 2,
        opener: Callable[[Path, str, int], duckdb.DuckDBPyConnection] | None = None,
    ):
        self.database_path = database_path
        self.memory_limit = memory_limit
        self.threads = threads
        self.opener = opener or open_reader
        self._lock = threading.Lock()
        self._current: _OpenBuild | None = None
        self._retired: list[_OpenBuild] = []

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """Return a new cursor on the current build (one per thread or page run)."""
        build_file = resolve_current_build(self.database_path)
        with self._lock:
            if self._current is None or self._current.path != build_file:
                self._switch_to(build_file)
            self._close_retired()
            return self._current.connection.cursor()

    def build_path(self) -> Path:
        """Return the build file the next cursor will read."""
        return resolve_current_build(self.database_path)

    def _switch_to(self, build_file: Path) -> None:
        if self._current is not None:
            self._current.replaced_at = time.monotonic()
            self._retired.append(self._current)
            logger.info(
                "new build %s replaces %s", build_file.name, self._current.path.name
            )
        self._current = _OpenBuild(
            build_file, self.opener(build_file, self.memory_limit, self.threads)
        )

    def _close_retired(self) -> None:
        now = time.monotonic()
        keep = []
        for old in self._retired:
            if now - (old.replaced_at or now) >= OLD_CONNECTION_GRACE_SECONDS:
                old.connection.close()
            else:
                keep.append(old)
        self._retired = keep

    def close(self) -> None:
        """Close every connection this reader opened."""
        with self._lock:
            for old in [*self._retired, self._current]:
                if old is not None:
                    old.connection.close()
            self._retired = []
            self._current = None


def load_query_text(name: str, queries_dir: Path = QUERIES_DIR) -> str:
    """Return the SQL text of the named query file."""
    return (queries_dir / f"{name}.sql").read_text(encoding="utf-8")


def run_query(
    cursor: duckdb.DuckDBPyConnection,
    name: str,
    queries_dir: Path = QUERIES_DIR,
    **params,
) -> pl.DataFrame:
    """Run `queries/<name>.sql` with named parameters and return the rows as a polars frame."""
    sql = load_query_text(name, queries_dir)
    started = time.perf_counter()
    used = {key: value for key, value in params.items() if f"${key}" in sql}
    frame = cursor.sql(sql, params=used or None).pl()
    logger.debug("query %s took %.1f ms", name, (time.perf_counter() - started) * 1000)
    return frame


def fetch_scalar(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None):
    """Return the single value of a one-row, one-column query."""
    rows = con.sql(sql, params=params).fetchall()
    return rows[0][0] if rows else None
