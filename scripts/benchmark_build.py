"""Benchmark the validated build against DuckDB's plain CSV load of the same files.

Writes a large generated export set (default: ten times the demo's people and vehicles,
40 positions a trip), then, each phase in its own process so that peak memory is its
own, times:

  plain     DuckDB's read_csv of the trips and positions files into plain tables
  validated the ingest of the same files: decoding, header mapping, parsing, checks,
            quarantine, de-duplication (what the build does for them)
  build     the whole build of every source, derived tables included

and prints the figures and the ratio validated / plain. Run: make bench, or
    .venv/bin/python scripts/benchmark_build.py --scale 10 --gps-points 40
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LARGE_SOURCES = ("trips", "gps_points")


def large_files(exports: Path) -> list[Path]:
    """Return the trips and positions export files."""
    return sorted(
        path for source in LARGE_SOURCES for path in (exports / source).glob("*.csv")
    )


def utf8_copies(files: list[Path], folder: Path) -> list[Path]:
    """Give DuckDB's plain reader UTF-8 copies of files saved as GBK (not timed)."""
    copies = []
    for index, path in enumerate(files):
        data = path.read_bytes()
        try:
            data.decode("utf-8")
            copies.append(path)
        except UnicodeDecodeError:
            copy = folder / f"{index}-{path.name}"
            copy.write_text(data.decode("gb18030"), encoding="utf-8")
            copies.append(copy)
    return copies


def phase_plain(exports: Path) -> dict:
    """Load every trips and positions file with read_csv's own detection."""
    import duckdb

    work = Path(tempfile.mkdtemp())
    files = utf8_copies(large_files(exports), work)
    con = duckdb.connect(str(work / "plain.duckdb"))
    con.execute("set enable_progress_bar = false")
    started = time.perf_counter()
    for index, path in enumerate(files):
        con.execute(
            f"create table plain_{index} as select * from read_csv($path, ignore_errors = true)",
            {"path": str(path)},
        )
    seconds = time.perf_counter() - started
    rows = sum(
        con.sql(f"select count(*) from plain_{i}").fetchall()[0][0]
        for i in range(len(files))
    )
    return {"seconds": seconds, "rows": rows, "files": len(files)}


def phase_validated(exports: Path) -> dict:
    """Ingest the trips and positions files as the build does, into a database file."""
    import duckdb

    from onescreen.contracts import get_source
    from onescreen.ingest import ingest_exports, register_functions

    work = Path(tempfile.mkdtemp())
    con = duckdb.connect(str(work / "validated.duckdb"))
    register_functions(con, b"benchmark-key")
    files = [(get_source(path.parent.name), path) for path in large_files(exports)]
    started = time.perf_counter()
    reports = ingest_exports(
        con, files, base_dir=exports, center_id="zlq", today=date.today()
    )
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "rows": sum(report.rows_read for report in reports),
        "loaded": sum(report.rows_loaded for report in reports),
        "rejected": sum(report.rows_rejected for report in reports),
        "files": len(reports),
    }


def phase_build(exports: Path) -> dict:
    """Run the whole build of every source into a temporary database."""
    from onescreen.build import build_database
    from onescreen.settings import load_settings

    work = Path(tempfile.mkdtemp())
    settings = replace(load_settings().with_paths(work), exports_dir=exports)
    started = time.perf_counter()
    report = build_database(settings)
    return {
        "seconds": time.perf_counter() - started,
        "steps": {name: round(value, 2) for name, value in report.step_seconds.items()},
        "rows": sum(r.rows_read for r in report.reports),
    }


PHASES = {"plain": phase_plain, "validated": phase_validated, "build": phase_build}


def run_phase(name: str, exports: Path) -> dict:
    """Run one phase in a child process and return its figures with its peak memory."""
    output = subprocess.run(
        [sys.executable, __file__, "--phase", name, "--exports", str(exports)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--scale", type=float, default=10.0, help="people and vehicles factor"
    )
    parser.add_argument("--gps-points", type=int, default=40, help="positions per trip")
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument(
        "--exports", help="use this export folder instead of generating one"
    )
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    arguments = parser.parse_args()

    if arguments.phase:
        figures = PHASES[arguments.phase](Path(arguments.exports))
        figures["peak_rss_mib"] = round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        )
        sys.stdout.write(json.dumps(figures) + "\n")
        return 0

    if arguments.exports:
        exports = Path(arguments.exports)
    else:
        from onescreen.demo import DemoScale, write_demo_exports

        exports = Path(tempfile.mkdtemp()) / "exports"
        started = time.perf_counter()
        scale = DemoScale(
            people=arguments.scale,
            vehicles=arguments.scale,
            years=arguments.years,
            gps_points_per_trip=arguments.gps_points,
        )
        written = write_demo_exports(exports, scale)
        print(
            f"generated {sum(written.values()):,} rows in {time.perf_counter() - started:.1f} s under {exports}"
        )
        for source in LARGE_SOURCES:
            print(f"  {source}: {written.get(source, 0):,} rows")
    size = sum(path.stat().st_size for path in large_files(exports)) / 2**20
    print(f"trips + positions: {len(large_files(exports))} files, {size:.0f} MiB")

    results = {
        name: run_phase(name, exports) for name in ("plain", "validated", "build")
    }
    for name, figures in results.items():
        print(
            f"{name:>9}: {figures['seconds']:7.2f} s  peak {figures['peak_rss_mib']:7.1f} MiB  {json.dumps({k: v for k, v in figures.items() if k not in ('seconds', 'peak_rss_mib')})}"
        )
    ratio = results["validated"]["seconds"] / results["plain"]["seconds"]
    print(
        f"validated / plain load of trips and positions: {ratio:.2f}x (target at most 2.5x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
