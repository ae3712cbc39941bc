"""Benchmark every page of the app with AppTest, on the demo and on a larger center.

For each center (the demo, and one generated at --scale times the demo's people and
vehicles, then built), every page of app.py's navigation is opened with Streamlit's
AppTest and timed:

  cold    the page's first run in a new session with Streamlit's caches cleared
          (a new database connection, no query result cached)
  queries the time of the named queries alone in that cold run (from the debug log of
          onescreen.db.run_query), and the ratio cold page / its queries
  warm    reruns of the page in the same session (a user changing a widget; query
          results kept per build are reused)

Medians of --repeat runs are printed with the targets: under 300 ms warm on the demo,
under 1 s warm at ten times. Run:
    .venv/bin/python scripts/benchmark_pages.py --scale 10 --repeat 5
"""

from __future__ import annotations

import argparse
import ast
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TIMEOUT_SECONDS = 300
TARGET_MS = {"demo": 300, "scaled": 1000}
QUERY_LOG_PREFIX = "query "


class QueryClock(logging.Handler):
    """Adds up the durations that onescreen.db logs for each named query."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.total_ms = 0.0
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith(QUERY_LOG_PREFIX) and record.args:
            self.total_ms += float(record.args[-1])
            self.count += 1

    def reset(self) -> None:
        """Forget the queries counted so far."""
        self.total_ms, self.count = 0.0, 0


def app_pages() -> list[tuple[str, str]]:
    """Return (page id, script) of every page in app.py's navigation."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "SECTIONS":
            sections = ast.literal_eval(node.value)
            return [
                (page, script)
                for pages in sections.values()
                for page, script, _ in pages
            ]
    raise SystemExit("app.py has no SECTIONS")


def write_settings(root: Path) -> Path:
    """Write a settings file whose data paths are absolute paths under `root`."""
    root.mkdir(parents=True, exist_ok=True)
    path = root / "settings.toml"
    path.write_text(
        "[paths]\n"
        f'exports = "{root / "exports"}"\n'
        f'database = "{root / "center.duckdb"}"\n'
        f'local = "{root / "local"}"\n',
        encoding="utf-8",
    )
    return path


def run_cli(settings: Path, *arguments: str) -> None:
    """Run `python -m onescreen` with the settings; stop on failure."""
    command = [
        sys.executable,
        "-m",
        "onescreen",
        "--settings",
        str(settings),
        *arguments,
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} failed:\n{done.stderr}")


def generate_center(root: Path, scale: float) -> Path:
    """Write and build a demo center at `scale`; return its settings file."""
    settings = write_settings(root)
    started = time.perf_counter()
    run_cli(settings, "demo", "--scale", str(scale))
    run_cli(settings, "build", "--quiet")
    print(
        f"  generated and built at scale {scale} in {time.perf_counter() - started:.0f} s"
    )
    return settings


def time_page(script: str, repeat: int, clock: QueryClock) -> dict:
    """Return the median cold and warm run times of a page and of its queries."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    cold, warm, queries = [], [], []
    for _ in range(repeat):
        st.cache_resource.clear()
        st.cache_data.clear()
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_SECONDS)
        app.switch_page(script)
        clock.reset()
        started = time.perf_counter()
        app.run()
        cold.append(time.perf_counter() - started)
        queries.append(clock.total_ms / 1000)
        app.run()  # the first run after a switch is the page alone; this one is whole
        for _ in range(repeat):
            started = time.perf_counter()
            app.run()
            warm.append(time.perf_counter() - started)
        if app.exception:
            raise SystemExit(f"{script} raised: {app.exception[0].value}")
    return {
        "cold_ms": statistics.median(cold) * 1000,
        "query_ms": statistics.median(queries) * 1000,
        "warm_ms": statistics.median(warm) * 1000,
    }


def benchmark(label: str, settings: Path, repeat: int) -> list[dict]:
    """Time every page against the center of `settings`."""
    os.environ["ONESCREEN_SETTINGS"] = str(settings)
    os.environ.pop("ONESCREEN_DATABASE", None)
    clock = QueryClock()
    logging.getLogger("onescreen.db").addHandler(clock)
    logging.getLogger("onescreen.db").setLevel(logging.DEBUG)
    rows = []
    try:
        for page, script in app_pages():
            rows.append(
                {"center": label, "page": page, **time_page(script, repeat, clock)}
            )
    finally:
        logging.getLogger("onescreen.db").removeHandler(clock)
    return rows


def show(rows: list[dict]) -> bool:
    """Print the table of results; return whether every warm median meets its target."""
    print(
        f"{'center':8} {'page':14} {'cold ms':>8} {'queries ms':>11} {'cold/queries':>13}"
        f" {'warm ms':>8}  target"
    )
    every_met = True
    for row in rows:
        target = TARGET_MS[row["center"]]
        met = row["warm_ms"] < target
        every_met &= met
        ratio = row["cold_ms"] / row["query_ms"] if row["query_ms"] else float("nan")
        print(
            f"{row['center']:8} {row['page']:14} {row['cold_ms']:8.0f} "
            f"{row['query_ms']:11.0f} {ratio:13.1f} {row['warm_ms']:8.0f}  "
            f"{'ok' if met else 'OVER'} (warm < {target} ms)"
        )
    return every_met


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--scale", type=float, default=10.0, help="size of the large center"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per median")
    parser.add_argument(
        "--demo-only", action="store_true", help="skip the large center"
    )
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger().handlers[0].setLevel(logging.WARNING)

    with tempfile.TemporaryDirectory(prefix="onescreen-pages-") as folder:
        print("demo center:")
        rows = benchmark(
            "demo", generate_center(Path(folder) / "demo", 1), arguments.repeat
        )
        if not arguments.demo_only:
            print(f"center at {arguments.scale:g} times:")
            scaled = generate_center(Path(folder) / "scaled", arguments.scale)
            rows += benchmark("scaled", scaled, arguments.repeat)
    return 0 if show(rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
