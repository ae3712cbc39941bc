"""Server load run: concurrent dashboard sessions over Streamlit's own protocol.

scripts/load_run.py drives real Chromium, and on a small machine the browsers it runs
take most of the CPU; its figures then say more about drawing pages than about the
server. This run leaves the browser out: each of N sessions (default 20) is a
websocket client that speaks the protocol the browser speaks (protobuf BackMsg and
ForwardMsg on /_stcore/stream), so the machine's cores go to the server alone, as
they would when every user has a PC of their own. The sessions take the same four
steps as the browser run, all at the same moment:

  first page     a new session on the overview ("/")
  page switch    rerun on ROTATION[i % 7], then on ROTATION[(i + 3) % 7]
  filter change  rerun on that page with the employment-track selectbox set to the
                 contract track, as the browser sends it after a pick (every session
                 changes the track; the browser run has half of them change the
                 period kind instead)

A step's time runs from sending the request to the script-finished message of the run
it caused (a run that ends early for another rerun does not count). A step fails when
the run drew an exception or an error box, when the page's title is not the one
expected, or when a filter change did not reach the page's address (track=contract). The server is started as the browser run starts it (demo data written and
built into a temporary folder, `streamlit run app.py` on a free loopback port), and
its memory and CPU are sampled the same way.

Target: the 95th percentile of the time to a finished run under 2 s. Run:
    .venv/bin/python scripts/server_load_run.py
    .venv/bin/python scripts/server_load_run.py --sessions 50 --json
The exit code is 1 when any session failed, 2 when the server could not be set up.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from load_run import (  # noqa: E402 - needs the project root on sys.path
    TARGET_SECONDS,
    ProcessSampler,
    SessionResult,
    SetupFailed,
    Step,
    StepFailed,
    StepResult,
    add_common_arguments,
    mib,
    plan_session,
    summarise,
    write_demo_center,
)

from onescreen.i18n import t  # noqa: E402
from onescreen.server import ServerFailed, running_dashboard  # noqa: E402

FINISHED_EARLY_FOR_RERUN = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
TRACK_WIDGET_KEY = "-controls_widget.track"
ERROR_ALERT = 1


class ProtocolSession:
    """One dashboard session over the websocket, as a browser tab would hold it."""

    def __init__(self, connection, language: str):
        self.connection = connection
        self.language = language
        self.page_hashes: dict[str, str] = {}
        self.current_hash = ""
        self.track_widget = None
        self.query_string = ""

    async def rerun(
        self, page_hash: str, widget_states=None
    ) -> tuple[float, list[str], list[str]]:
        """Ask for a run; return its seconds, the headings and the errors it drew."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = f"lang={self.language}"
        state.page_script_hash = page_hash
        for widget in widget_states or []:
            state.widget_states.widgets.append(widget)
        started = time.perf_counter()
        await self.connection.send(message.SerializeToString())
        headings, errors = [], []
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await self.connection.recv())
            kind = forward.WhichOneof("type")
            if kind == "navigation":
                self.read_navigation(forward.navigation)
            elif kind == "new_session":
                self.current_hash = forward.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = forward.page_info_changed.query_string
            elif kind == "delta":
                self.read_element(forward.delta, headings, errors)
            elif kind == "script_finished":
                if forward.script_finished != FINISHED_EARLY_FOR_RERUN:
                    return time.perf_counter() - started, headings, errors
                headings.clear()
                errors.clear()

    def read_navigation(self, navigation) -> None:
        """Remember each page's script hash by its path."""
        for page in navigation.app_pages:
            path = page.url_pathname or "overview"
            self.page_hashes[path] = page.page_script_hash
        self.current_hash = navigation.page_script_hash

    def read_element(self, delta, headings: list[str], errors: list[str]) -> None:
        """Note headings, errors and the track selectbox among the drawn elements."""
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "heading":
            headings.append(element.heading.body)
        elif kind == "exception":
            errors.append(f"{element.exception.type}: {element.exception.message}")
        elif kind == "alert" and element.alert.format == ERROR_ALERT:
            errors.append(element.alert.body)
        elif kind == "selectbox" and TRACK_WIDGET_KEY in element.selectbox.id:
            self.track_widget = element.selectbox

    def track_choice(self):
        """Return the widget state of the track selectbox set to the contract track."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        if self.track_widget is None:
            raise StepFailed("the track selectbox was not drawn")
        label = t("controls.track.contract", self.language)
        if label not in self.track_widget.options:
            raise StepFailed(f"no {label!r} among {list(self.track_widget.options)}")
        return WidgetState(id=self.track_widget.id, string_value=label)


async def take_step(session: ProtocolSession, step: Step) -> float:
    """Take one step; return its seconds to the end of the run."""
    if step.action == "open":
        page_hash, widgets = "", []
    elif step.action == "navigate":
        page_hash, widgets = session.page_hashes[step.page], []
    else:
        page_hash, widgets = session.current_hash, [session.track_choice()]
    seconds, headings, errors = await session.rerun(page_hash, widgets)
    if errors:
        raise StepFailed(f"error on the page: {errors[0][:200]!r}")
    title = t(f"page.{step.page}.title", session.language)
    if not any(title in heading for heading in headings):
        raise StepFailed(f"the page's title is not {title!r}: {headings[:3]}")
    if step.action == "track" and "track=contract" not in session.query_string:
        raise StepFailed(f"the address did not take the track: {session.query_string}")
    return seconds


async def run_session(
    index: int, base_url: str, arguments: argparse.Namespace, go: asyncio.Event
) -> SessionResult:
    """Connect, wait for the start, then take the session's four steps."""
    result = SessionResult(session=index)
    address = base_url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(
        address,
        subprotocols=["streamlit"],
        origin=base_url,
        max_size=None,
        open_timeout=arguments.step_timeout,
    ) as connection:
        session = ProtocolSession(connection, arguments.lang)
        await go.wait()
        for number, step in enumerate(plan_session(index), start=1):
            if step.action == "period_kind":
                step = Step(step.kind, step.page, "track")
            record = StepResult(index, number, step.kind, step.page, step.action)
            result.steps.append(record)
            try:
                record.seconds = await asyncio.wait_for(
                    take_step(session, step), arguments.step_timeout
                )
            except Exception as error:  # noqa: BLE001 - any failure ends the session
                record.error = str(error).splitlines()[0] or type(error).__name__
                result.error = (
                    f"step {number} ({step.kind}, {step.page}): {record.error}"
                )
                break
            record.run_seconds = record.seconds
    return result


async def load(base_url: str, arguments: argparse.Namespace) -> list[SessionResult]:
    """Warm the server with one session, then run every session at once."""
    warm = await run_session(-1, base_url, arguments, ready_event())
    if warm.error:
        raise SetupFailed(f"the warm-up session failed: {warm.error}")
    go = asyncio.Event()
    tasks = [
        asyncio.create_task(run_session(index, base_url, arguments, go))
        for index in range(arguments.sessions)
    ]
    await asyncio.sleep(1.0)
    go.set()
    return await asyncio.gather(*tasks)


def ready_event() -> asyncio.Event:
    event = asyncio.Event()
    event.set()
    return event


def run_sampled(url: str, server_pid: int | None, arguments: argparse.Namespace):
    """Run the sessions against `url` while sampling the server's memory and CPU."""
    sampler = ProcessSampler(server_pid)
    sampler.start()
    started = time.monotonic()
    try:
        sessions = asyncio.run(load(url, arguments))
    finally:
        wall = time.monotonic() - started
        sampler.stop()
    return sessions, wall, sampler


def measure(arguments: argparse.Namespace) -> dict:
    """Set up the data and the server, run the sessions, return the figures."""
    with tempfile.TemporaryDirectory(prefix="onescreen-server-load-") as folder:
        if arguments.url:
            sessions, wall, sampler = run_sampled(arguments.url, None, arguments)
        else:
            settings = arguments.settings or write_demo_center(Path(folder))
            log = Path(folder) / "server.log"
            with running_dashboard(settings, log) as (url, server):
                sessions, wall, sampler = run_sampled(url, server.pid, arguments)
    steps = [step for session in sessions for step in session.steps]
    done = [step for step in steps if step.seconds is not None]
    cpu = sampler.cpu_seconds()
    return {
        "sessions": arguments.sessions,
        "steps": len(steps),
        "settled": len(done),
        "failed_sessions": [s.error for s in sessions if s.error],
        "all_steps": summarise(done),
        "by_kind": {
            kind: summarise([step for step in done if step.kind == kind])
            for kind in ("first page", "page switch", "filter change")
        },
        "wall_s": round(wall, 1),
        "server_peak_rss_mib": mib(sampler.peak_rss_kib),
        "server_cpu_cores": (
            round(cpu["server"] / wall, 2) if wall and not arguments.url else None
        ),
        "step_details": [asdict(step) for step in steps],
    }


def print_report(figures: dict) -> None:
    """Print the figures as a short table."""
    print(
        f"server load run: {figures['sessions']} protocol sessions at once, no browser"
    )
    print(
        f"steps: {figures['steps']}, finished: {figures['settled']}, "
        f"failed sessions: {len(figures['failed_sessions'])}"
    )
    for error in figures["failed_sessions"]:
        print(f"  failed: {error}")
    print(f"\n{'seconds to the end of the run':<28}{'count':>6}{'median':>8}{'p95':>8}")
    rows = [("all steps", figures["all_steps"]), *figures["by_kind"].items()]
    for name, row in rows:
        if row.get("count"):
            print(
                f"{name:<28}{row['count']:>6}{row['median_s']:>8.2f}"
                f"{row['p95_s']:>8.2f}"
            )
    print(f"\nwall time: {figures['wall_s']} s")
    print(f"server peak RSS (process tree): {figures['server_peak_rss_mib']} MiB")
    print(
        f"server CPU, cores busy on average (of {os.cpu_count()}): "
        f"{figures['server_cpu_cores']}"
    )
    p95 = figures["all_steps"].get("p95_s")
    verdict = "met" if p95 is not None and p95 < TARGET_SECONDS else "NOT met"
    print(
        f"target, 95th percentile under {TARGET_SECONDS:g} s: {verdict} (p95 {p95} s)"
    )


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common_arguments(parser, step_timeout=120.0)
    return parser.parse_args()


def main() -> int:
    arguments = parse_arguments()
    try:
        figures = measure(arguments)
    except (SetupFailed, ServerFailed) as error:
        print(f"could not set up the run: {error}", file=sys.stderr)
        return 2
    if arguments.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print_report(figures)
    return 1 if figures["failed_sessions"] else 0


if __name__ == "__main__":
    sys.exit(main())
