"""Named query results kept per build file and parameters, so a rerun does not query.

``cached_query(cursor, name, **parameters)`` runs ``queries/<name>.sql`` once per build
file and parameters and raises ``duckdb.Error`` like ``run_query``;
``cached_or_explain(cursor, name, language, **parameters)`` says a failure in the page
and returns None. A new build has a
new file path, so its results are read at once.
"""

from __future__ import annotations

import logging
import threading
import weakref

import duckdb
import polars as pl
import streamlit as st

from onescreen.db import fetch_scalar, run_query
from onescreen.i18n import t

logger = logging.getLogger(__name__)

BUILD_FILE_SQL = (
    "select path from duckdb_databases() where database_name = current_database()"
)


@st.cache_data(show_spinner=False, max_entries=2048)
def _cached(
    _cursor: duckdb.DuckDBPyConnection, build_file: str, name: str, parameters: tuple
) -> pl.DataFrame:
    return run_query(_cursor, name, **dict(parameters))


# A cursor reads one build file for its whole life, so its path is asked once: the
# lookup is a catalog query, and a page run makes dozens of cached calls.
_build_files: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_build_files_lock = threading.Lock()


def current_build_file(cursor: duckdb.DuckDBPyConnection) -> str:
    """Return the path of the build file the cursor reads, which names its contents."""
    with _build_files_lock:
        known = _build_files.get(cursor)
    if known is not None:
        return known
    path = fetch_scalar(cursor, BUILD_FILE_SQL)
    with _build_files_lock:
        _build_files[cursor] = path
    return path


def cached_query(
    cursor: duckdb.DuckDBPyConnection, name: str, **parameters
) -> pl.DataFrame:
    """Run a named query once per build file and parameters."""
    return _cached(
        cursor, current_build_file(cursor), name, tuple(sorted(parameters.items()))
    )


def cached_or_explain(
    cursor: duckdb.DuckDBPyConnection, name: str, language: str, **parameters
) -> pl.DataFrame | None:
    """Run a named query once per build and parameters; on failure say so in the page."""
    try:
        return cached_query(cursor, name, **parameters)
    except duckdb.Error as error:
        logger.warning("query %s failed: %s", name, error)
        st.error(t("data.query_failed", language, name=name, error=error))
        return None
