"""Load run: concurrent browser sessions on the demo center in a real Chromium.

What it measures. N sessions (default 20) use the dashboard at the same moment, each a
page of one headless Debian Chromium with its own websocket and Streamlit session (one
browser process keeps the client's own CPU use lower than N browsers would on a small
machine). With --browser-cache warm (the default) the sessions are tabs of one browser
context whose cache the single-session visit below filled: the browser of someone who
has opened the dashboard before, with Streamlit's scripts and chart libraries cached.
With --browser-cache cold each session is a new context that has never loaded the app
and fetches and compiles every script itself. Every session takes four steps:

  first page     open the overview at "/" (page.goto, a new Streamlit session)
  page switch    click a page in the sidebar navigation; session i opens
                 ROTATION[i % 7] and then ROTATION[(i + 3) % 7], so the seven
                 property/fleet/energy/service/workforce/leaderboards/alerts pages
                 are all visited in different orders
  page switch    the second page
  filter change  a real widget interaction in the sidebar: even sessions pick the
                 contract track in the employment-track selectbox, odd sessions
                 click "year" in the period-kind segmented control

The time of a step runs from just before the action (goto, or the click that causes the
rerun) to the moment the page is settled, read from the browser's clock. A second figure
runs to the moment the browser received the script-finished message of that run: the
server's share (queueing and the script itself); the rest is the browser drawing the
page (loading, compiling and rendering charts and maps). Before the run, one session
opens the overview and every page of the rotation in turn; those times are printed as
the single-session baseline, and they warm the server's query caches.

Settled, strictly: all of these hold, checked in the page every 50 ms, and no new
script run has begun 250 ms later (else the wait goes on for that run):

  - the run caused by the action has ended: a script watching Streamlit's websocket
    has seen a new_session message (a run starts) and then a script_finished one
    whose status is not "finished early for a rerun". The DOM alone cannot tell:
    just after a click the previous run still reads "notRunning", and when a run is
    quick React renders its start and end in one commit;
  - the app root `[data-testid="stApp"]` says data-test-script-state="notRunning" and
    data-test-connection-state="CONNECTED" (Streamlit 1.67 sets "running" while the
    script runs, "rerunRequested" between runs);
  - no running icon `[data-testid="stStatusWidgetRunningIcon"]`, no stale element
    `[data-stale="true"]` (elements of the previous run not yet replaced) and no
    loading placeholder `[data-testid="stSkeleton"]` (a chart or map whose code is
    still loading);
  - the page's title `[data-testid="stMainBlockContainer"] h1` names the page the step
    expects, and the address is that page's; after a filter change the address
    carries the new value (track=contract, or a period that is a whole year).

A step fails when an exception box `[data-testid="stException"]` or an error alert
`[data-testid="stAlertContentError"]` is on the page once the run has ended, or when the
page does not settle within --step-timeout seconds; a session stops at its first
failure, and the reason is printed with the page's state.

Server memory: the script starts `streamlit run app.py` itself (127.0.0.1, a free port,
headless) and a thread reads VmRSS of the server and its children from /proc every
100 ms during the run, keeping the largest sum; VmHWM of the server process is printed
too, with the server's RSS when idle after the single-session visit. The same thread
adds up CPU time from /proc: the server's process tree, Chromium and its Playwright
driver, this script, and the rest of the machine, to show what the cores were busy with.

Data: by default the demo exports are written and built into a temporary folder with
`python -m onescreen --settings S demo` and `build --quiet` (S holds relative paths),
and the server reads it through ONESCREEN_SETTINGS. --settings PATH reuses an existing
settings file; --url URL loads a server that is already running (no memory figures).

Sessions start together by default; --ramp S spreads their starts over S seconds and
--think S pauses S seconds between a session's steps, for a gentler load.

Target: the 95th percentile of the time to a settled page under 2 s. Run:
    .venv/bin/python scripts/load_run.py
    .venv/bin/python scripts/load_run.py --sessions 5 --json
The exit code is 1 when any session failed, 2 when the server or data could not be set up.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from onescreen.auth import PAGES  # noqa: E402 - needs the project root on sys.path
from onescreen.i18n import t  # noqa: E402
from onescreen.server import ServerFailed, running_dashboard  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
]
VIEWPORT = {"width": 1920, "height": 1080}
# The pages after the overview that a desk user and the meeting both open.
ROTATION = PAGES[1:8]
SECOND_PAGE_OFFSET = 3
TARGET_SECONDS = 2.0
POLL_MS = 50
QUIET_MS = 250
SAMPLE_SECONDS = 0.1
IDLE_PAUSE_SECONDS = 2.0
STEP_KINDS = ("first page", "page switch", "filter change")

# Runs in every document before the app's own scripts. It reads the top-level fields
# of every ForwardMsg the server sends over Streamlit's websocket (protobuf: field 4
# new_session starts a script run, field 6 script_finished ends it unless its status
# is 2, FINISHED_EARLY_FOR_RERUN, which another run follows). The DOM alone cannot
# tell that the run caused by an action has ended: just after a click the previous
# run still reads "notRunning", and when a run is quick React renders its start and
# its end in one commit, so the script-state attribute never changes at all.
WATCH_RUNS_JS = """
(() => {
  const watch = { started: 0, finished: 0, running: false, finishedAt: null };
  window.__loadRun = watch;
  const readVarint = (bytes, position) => {
    let value = 0;
    let scale = 1;
    let byte;
    do {
      byte = bytes[position++];
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80 && position < bytes.length);
    return [value, position];
  };
  const read = (buffer) => {
    const bytes = new Uint8Array(buffer);
    let position = 0;
    while (position < bytes.length) {
      let key;
      let value = null;
      [key, position] = readVarint(bytes, position);
      const wire = key & 7;
      const number = Math.floor(key / 8);
      if (wire === 0) [value, position] = readVarint(bytes, position);
      else if (wire === 2) {
        let length;
        [length, position] = readVarint(bytes, position);
        position += length;
      } else if (wire === 1) position += 8;
      else if (wire === 5) position += 4;
      else return;
      if (number === 4) {
        watch.started += 1;
        watch.running = true;
      } else if (number === 6 && value !== 2) {
        watch.finished += 1;
        watch.running = false;
        watch.finishedAt = performance.timeOrigin + performance.now();
      }
    }
  };
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...parameters) {
      super(...parameters);
      this.addEventListener("message", (event) => {
        if (event.data instanceof ArrayBuffer) read(event.data);
      });
    }
  };
})();
"""

# Returns false until the page has settled, then what the page shows.
SETTLED_JS = """
({ title, urlPattern, minimumFinished }) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const watch = window.__loadRun;
  if (!app || !watch) return false;
  const state = app.getAttribute("data-test-script-state");
  const errors = [...document.querySelectorAll(
    '[data-testid="stException"], [data-testid="stAlertContentError"]'
  )].map((box) => box.textContent.trim().slice(0, 200));
  const heading = document.querySelector('[data-testid="stMainBlockContainer"] h1');
  const shown = {
    at: performance.timeOrigin + performance.now(),
    finished: watch.finished,
    finishedAt: watch.finishedAt,
    started: watch.started,
    state,
    title: heading ? heading.textContent.trim() : null,
    url: location.href,
    errors,
  };
  if (state === "compilationError") return shown;
  const idle =
    state === "notRunning" &&
    app.getAttribute("data-test-connection-state") === "CONNECTED" &&
    watch.finished >= minimumFinished &&
    !watch.running &&
    !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]') &&
    !document.querySelector('[data-stale="true"]') &&
    !document.querySelector('[data-testid="stSkeleton"]');
  if (!idle) return false;
  if (errors.length) return shown;
  const arrived =
    shown.title !== null &&
    shown.title.includes(title) &&
    new RegExp(urlPattern).test(shown.url);
  return arrived ? shown : false;
}
"""

DESCRIBE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const heading = document.querySelector('[data-testid="stMainBlockContainer"] h1');
  return {
    state: app && app.getAttribute("data-test-script-state"),
    connection: app && app.getAttribute("data-test-connection-state"),
    stale: document.querySelectorAll('[data-stale="true"]').length,
    loading: document.querySelectorAll('[data-testid="stSkeleton"]').length,
    title: heading ? heading.textContent.trim() : null,
    finished: window.__loadRun ? window.__loadRun.finished : null,
    running: window.__loadRun ? window.__loadRun.running : null,
  };
}
"""


@dataclass(frozen=True)
class Step:
    """One action of a session and the page it should end on."""

    kind: str
    page: str
    action: str


@dataclass
class StepResult:
    """How long one step took to settle, or why it failed."""

    session: int
    number: int
    kind: str
    page: str
    action: str
    seconds: float | None = None
    run_seconds: float | None = None
    late_runs: int = 0
    error: str | None = None


@dataclass
class SessionResult:
    """The steps of one session; `error` names the step that stopped it."""

    session: int
    steps: list[StepResult] = field(default_factory=list)
    error: str | None = None


class StepFailed(Exception):
    """A step ended on an error, the wrong page, or not at all."""


class SetupFailed(Exception):
    """The data, the server or the single-session visit could not be set up."""


class StartLine:
    """Holds every session until all are ready, then lets them go at once."""

    def __init__(self, sessions: int):
        self.waiting = sessions
        self.all_ready = asyncio.Event()
        self.go = asyncio.Event()

    async def arrive(self) -> None:
        """Report this session ready and wait for the start."""
        self.waiting -= 1
        if self.waiting == 0:
            self.all_ready.set()
        await self.go.wait()


def plan_session(index: int) -> list[Step]:
    """Return the four steps of session `index`."""
    first = ROTATION[index % len(ROTATION)]
    second = ROTATION[(index + SECOND_PAGE_OFFSET) % len(ROTATION)]
    change = "track" if index % 2 == 0 else "period_kind"
    return [
        Step("first page", "overview", "open"),
        Step("page switch", first, "navigate"),
        Step("page switch", second, "navigate"),
        Step("filter change", second, change),
    ]


def page_url(base_url: str, page: str, language: str) -> str:
    """Return the address of a page; the overview is the root."""
    path = "" if page == "overview" else page
    return f"{base_url}/{path}?lang={language}"


async def start_action(page, base_url: str, step: Step, language: str) -> float:
    """Do the step's action in the browser; return the wall time just before it."""
    if step.action == "open":
        started = time.time()
        await page.goto(page_url(base_url, step.page, language), wait_until="commit")
        return started
    sidebar = page.locator('[data-testid="stSidebar"]')
    if step.action == "navigate":
        address = page_url(base_url, step.page, language).partition("?")[0]
        link = sidebar.locator(f'[data-testid="stSidebarNavLink"][href="{address}"]')
        started = time.time()
        await link.click()
        return started
    if step.action == "track":
        # The selectbox sits at the foot of a 1080-pixel sidebar, where its list does
        # not open; a user scrolls it up first.
        control = sidebar.locator(".st-key-controls_widget-track")
        await control.evaluate("(element) => element.scrollIntoView({block: 'center'})")
        await control.locator('button[aria-haspopup="listbox"]').click()
        option = page.get_by_role(
            "option", name=t("controls.track.contract", language), exact=True
        )
        await option.wait_for()
        started = time.time()
        await option.click()
        return started
    # A segmented control's choices are radio buttons.
    choice = sidebar.locator(".st-key-controls_widget-period_kind").get_by_role(
        "radio", name=t("controls.kind.year", language), exact=True
    )
    started = time.time()
    await choice.click()
    return started


async def wait_until_settled(
    page, title: str, url_pattern: str, finished_before: int, timeout_seconds: float
) -> tuple[dict, int]:
    """Wait until the page has settled and stays so; return what it shows then.

    Also returns how often another script run began within the quiet time after the
    page first looked settled; each one restarts the wait.
    """
    deadline = time.monotonic() + timeout_seconds
    minimum_finished = finished_before + 1
    late_runs = 0
    while True:
        remaining_ms = max(1.0, (deadline - time.monotonic()) * 1000)
        handle = await page.wait_for_function(
            SETTLED_JS,
            arg={
                "title": title,
                "urlPattern": url_pattern,
                "minimumFinished": minimum_finished,
            },
            polling=POLL_MS,
            timeout=remaining_ms,
        )
        shown = await handle.json_value()
        if shown["errors"] or shown["state"] == "compilationError":
            return shown, late_runs
        await asyncio.sleep(QUIET_MS / 1000)
        runs = await page.evaluate("() => window.__loadRun")
        if runs["started"] == shown["started"]:
            return shown, late_runs
        late_runs += 1
        minimum_finished = shown["finished"] + 1


async def finished_runs(page) -> int:
    """Return how many script runs have finished in the page's current document."""
    return await page.evaluate("() => window.__loadRun ? window.__loadRun.finished : 0")


def expected_url(step: Step) -> str:
    """Return a pattern the page's address matches once the step has taken effect."""
    if step.action == "track":
        return r"[?&]track=contract(&|$)"
    if step.action == "period_kind":
        return r"[?&]period=\d{4}(&|$)"
    if step.page == "overview":
        return r"^[^?]*://[^/]+/(\?|$)"
    return rf"/{step.page}(\?|$)"


async def take_step(
    page, base_url: str, step: Step, language: str, timeout_seconds: float
) -> tuple[float, float, int]:
    """Take one step; return its seconds to a settled page and to the run's end.

    The second figure is when the browser received the script-finished message of
    the run; the rest of the step is the browser drawing the page. Also returns how
    many further runs began after the page first looked settled.
    """
    finished_before = 0 if step.action == "open" else await finished_runs(page)
    title = t(f"page.{step.page}.title", language)
    started = await start_action(page, base_url, step, language)
    shown, late_runs = await wait_until_settled(
        page, title, expected_url(step), finished_before, timeout_seconds
    )
    if shown["errors"]:
        raise StepFailed(f"error on the page: {shown['errors'][0]!r}")
    if shown["state"] == "compilationError":
        raise StepFailed("the script did not compile")
    return (
        shown["at"] / 1000 - started,
        shown["finishedAt"] / 1000 - started,
        late_runs,
    )


async def new_user_context(browser, timeout_seconds: float):
    """Return a browser context (cookies, cache) whose pages watch script runs."""
    context = await browser.new_context(viewport=VIEWPORT)
    # Clicks wait as long as a step may take: under load the page is slow to respond.
    context.set_default_timeout(timeout_seconds * 1000)
    await context.add_init_script(WATCH_RUNS_JS)
    return context


async def open_user_page(browser, timeout_seconds: float, shared=None):
    """Return a blank page watching script runs: in `shared` if given, else in a
    context of its own (a browser that has never loaded the app)."""
    context = shared or await new_user_context(browser, timeout_seconds)
    return await context.new_page()


async def close_user_page(page, shared) -> None:
    await (page.close() if shared else page.context.close())


async def run_session(
    browser,
    index: int,
    steps: list[Step],
    base_url: str,
    arguments: argparse.Namespace,
    start: StartLine,
    shared=None,
) -> SessionResult:
    """Take a session's steps once every session is ready."""
    try:
        page = await open_user_page(browser, arguments.step_timeout, shared)
    finally:
        await start.arrive()
    result = SessionResult(session=index)
    if arguments.ramp and arguments.sessions > 1:
        await asyncio.sleep(arguments.ramp * index / (arguments.sessions - 1))
    try:
        for number, step in enumerate(steps, start=1):
            record = StepResult(index, number, step.kind, step.page, step.action)
            result.steps.append(record)
            try:
                (
                    record.seconds,
                    record.run_seconds,
                    record.late_runs,
                ) = await take_step(
                    page, base_url, step, arguments.lang, arguments.step_timeout
                )
            except Exception as error:  # noqa: BLE001 - any failure ends the session
                record.error = await describe_failure(page, error)
                result.error = (
                    f"step {number} ({step.kind}, {step.page}): {record.error}"
                )
                break
            if arguments.think:
                await asyncio.sleep(arguments.think)
    finally:
        await close_user_page(page, shared)
    return result


async def describe_failure(page, error: Exception) -> str:
    """Return a one-line reason, with the page's state when the page still answers."""
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    if isinstance(error, StepFailed):
        return reason
    try:
        state = await page.evaluate(DESCRIBE_JS)
    except Exception:  # noqa: BLE001 - the page may be gone; the reason is enough
        return reason
    return f"{reason} (page: {state})"


def write_demo_center(root: Path) -> Path:
    """Write and build the demo center under `root`; return its settings file."""
    settings = root / "settings.toml"
    settings.write_text(
        '[paths]\nexports = "exports"\ndatabase = "center.duckdb"\nlocal = "local"\n',
        encoding="utf-8",
    )
    for arguments in (["demo"], ["build", "--quiet"]):
        done = subprocess.run(
            [sys.executable, "-m", "onescreen", "--settings", str(settings)]
            + arguments,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0:
            raise SetupFailed(f"onescreen {arguments[0]} failed:\n{done.stderr}")
    return settings


def tail(path: Path, lines: int = 20) -> str:
    """Return the last lines of a log file."""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def read_processes() -> dict[int, tuple[int, int]]:
    """Return every process's parent id and CPU ticks (user + system) from /proc."""
    processes = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            text = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        fields = text.rpartition(")")[2].split()
        processes[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    return processes


def descendants(root: int, processes: dict[int, tuple[int, int]]) -> set[int]:
    """Return `root` and every process below it."""
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in processes.items():
        children.setdefault(parent, []).append(pid)
    found, waiting = set(), [root]
    while waiting:
        pid = waiting.pop()
        if pid in processes and pid not in found:
            found.add(pid)
            waiting.extend(children.get(pid, []))
    return found


def status_kib(pid: int, key: str) -> int:
    """Return a kB value of /proc/<pid>/status (VmRSS, VmHWM), or 0 when gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kib(root: int) -> int:
    """Return the summed VmRSS of a process and everything below it."""
    return sum(status_kib(pid, "VmRSS") for pid in descendants(root, read_processes()))


def busy_ticks() -> tuple[int, int]:
    """Return the machine's busy and total CPU ticks from /proc/stat."""
    values = [int(value) for value in Path("/proc/stat").read_text().split()[1:11]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


CPU_GROUPS = (
    "server",
    "chromium renderers",
    "chromium gpu process",
    "chromium other",
    "playwright driver and this script",
)


def client_group(pid: int) -> str:
    """Name the part of the client a process belongs to, from its command line."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return CPU_GROUPS[-1]
    if b"chromium" not in command:
        return CPU_GROUPS[-1]
    if b"--type=renderer" in command:
        return "chromium renderers"
    # With --disable-gpu the gpu process draws WebGL (the maps) in software.
    if b"--type=gpu-process" in command:
        return "chromium gpu process"
    return "chromium other"


class ProcessSampler(threading.Thread):
    """Samples the server tree's RSS and the CPU time of each group of processes."""

    def __init__(self, server_pid: int | None):
        super().__init__(daemon=True)
        self.server_pid = server_pid
        self.peak_rss_kib = 0
        self.stopping = threading.Event()
        self.first_ticks: dict[int, int] = {}
        self.last_ticks: dict[int, int] = {}
        self.group: dict[int, str] = {}
        self.machine_start = self.machine_end = (0, 0)

    def run(self) -> None:
        self.machine_start = busy_ticks()
        self.first_ticks = {pid: ticks for pid, (_, ticks) in read_processes().items()}
        while not self.stopping.is_set():
            self.sample()
            self.stopping.wait(SAMPLE_SECONDS)
        self.sample()
        self.machine_end = busy_ticks()

    def sample(self) -> None:
        """Read the process table once; remember ticks and the RSS peak."""
        processes = read_processes()
        server = set()
        if self.server_pid:
            server = descendants(self.server_pid, processes)
            rss = sum(status_kib(pid, "VmRSS") for pid in server)
            self.peak_rss_kib = max(self.peak_rss_kib, rss)
        for pid in descendants(os.getpid(), processes):
            if pid not in self.group:
                self.group[pid] = "server" if pid in server else client_group(pid)
        for pid, (_, ticks) in processes.items():
            self.last_ticks[pid] = ticks

    def stop(self) -> None:
        """Take a last sample and end the thread."""
        self.stopping.set()
        self.join()

    def cpu_seconds(self) -> dict[str, float]:
        """Return CPU seconds used during the sampling by each group of processes."""
        per_second = os.sysconf("SC_CLK_TCK")
        used = dict.fromkeys(CPU_GROUPS, 0.0)
        for pid, group in self.group.items():
            ticks = self.last_ticks.get(pid, 0) - self.first_ticks.get(pid, 0)
            used[group] += ticks / per_second
        machine = (self.machine_end[0] - self.machine_start[0]) / per_second
        used["rest of the machine"] = max(0.0, machine - sum(used.values()))
        return used


def percentile(values: list[float], share: float) -> float:
    """Return a percentile by linear interpolation between the closest ranks."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = share * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def summarise(steps: list[StepResult]) -> dict:
    """Return count, median, 95th percentile and max of the steps' times.

    `run_` figures are the time to the end of the script run alone.
    """
    if not steps:
        return {"count": 0}
    settled = [step.seconds for step in steps]
    runs = [step.run_seconds for step in steps]
    return {
        "count": len(steps),
        "median_s": round(statistics.median(settled), 3),
        "p95_s": round(percentile(settled, 0.95), 3),
        "max_s": round(max(settled), 3),
        "run_median_s": round(statistics.median(runs), 3),
        "run_p95_s": round(percentile(runs, 0.95), 3),
    }


async def warm_up(
    browser, base_url: str, arguments: argparse.Namespace, shared=None
) -> list[dict]:
    """Open the overview and each page of the rotation in one session; time each."""
    steps = [Step("first page", "overview", "open")] + [
        Step("page switch", page, "navigate") for page in ROTATION
    ]
    page = await open_user_page(browser, arguments.step_timeout, shared)
    timings = []
    try:
        for step in steps:
            seconds, run_seconds, _ = await take_step(
                page, base_url, step, arguments.lang, arguments.step_timeout
            )
            timings.append(
                {
                    "page": step.page,
                    "seconds": round(seconds, 3),
                    "run_seconds": round(run_seconds, 3),
                }
            )
    finally:
        await close_user_page(page, shared)
    return timings


async def load_run(
    base_url: str, server_pid: int | None, arguments: argparse.Namespace
) -> dict:
    """Warm up, then run the sessions at once while sampling the processes."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        # A warm browser cache: every session is a tab of one context whose cache the
        # single-session visit filled, like the browser of someone who has opened the
        # dashboard before. A cold one: a new context per session, nothing cached.
        shared = (
            await new_user_context(browser, arguments.step_timeout)
            if arguments.browser_cache == "warm"
            else None
        )
        try:
            baseline = await warm_up(browser, base_url, arguments, shared)
        except Exception as error:
            raise SetupFailed(f"the single-session visit failed: {error}") from error
        await asyncio.sleep(IDLE_PAUSE_SECONDS)
        idle_rss = tree_rss_kib(server_pid) if server_pid else None

        start = StartLine(arguments.sessions)
        sessions = [
            asyncio.create_task(
                run_session(
                    browser,
                    index,
                    plan_session(index),
                    base_url,
                    arguments,
                    start,
                    shared,
                )
            )
            for index in range(arguments.sessions)
        ]
        # Contexts and pages are made before the clock starts; every session then
        # sends its first request at the same moment (or spread over --ramp seconds).
        await start.all_ready.wait()
        sampler = ProcessSampler(server_pid)
        sampler.start()
        started = time.monotonic()
        start.go.set()
        results = await asyncio.gather(*sessions)
        wall = time.monotonic() - started
        sampler.stop()
        peak_memory = {
            "server_idle_rss_mib": mib(idle_rss),
            "server_peak_tree_rss_mib": mib(sampler.peak_rss_kib)
            if server_pid
            else None,
            "server_vmhwm_mib": mib(status_kib(server_pid, "VmHWM"))
            if server_pid
            else None,
        }
        await browser.close()
    return report(results, baseline, wall, peak_memory, sampler, arguments, base_url)


def mib(kib: int | None) -> float | None:
    """Return kibibytes as mebibytes, rounded to one decimal."""
    return None if kib is None else round(kib / 1024, 1)


def report(
    results: list[SessionResult],
    baseline: list[dict],
    wall: float,
    memory: dict,
    sampler: ProcessSampler,
    arguments: argparse.Namespace,
    base_url: str,
) -> dict:
    """Gather the figures of the run into one dictionary."""
    steps = [step for result in results for step in result.steps]
    timed = [step for step in steps if step.seconds is not None and not step.error]
    overall = summarise(timed)
    pages = sorted({step.page for step in timed})
    cpu = {name: round(value, 1) for name, value in sampler.cpu_seconds().items()}
    return {
        "url": base_url,
        "sessions": arguments.sessions,
        "ramp_s": arguments.ramp,
        "think_s": arguments.think,
        "browser_cache": arguments.browser_cache,
        "steps": len(steps),
        "settled_steps": len(timed),
        "failed_sessions": [
            {"session": result.session, "reason": result.error}
            for result in results
            if result.error
        ],
        "single_session": baseline,
        "overall": overall,
        "by_kind": {
            kind: summarise([step for step in timed if step.kind == kind])
            for kind in STEP_KINDS
        },
        "by_page": {
            page: summarise([step for step in timed if step.page == page])
            for page in pages
        },
        "late_runs": sum(step.late_runs for step in timed),
        "wall_s": round(wall, 2),
        "memory": memory,
        "cpu_seconds": cpu,
        "cores": os.cpu_count(),
        "target_p95_s": TARGET_SECONDS,
        "target_met": bool(timed)
        and overall["p95_s"] < TARGET_SECONDS
        and len(timed) == len(steps),
        "step_results": [asdict(step) for step in steps],
    }


def seconds_text(value: float | None) -> str:
    """Return seconds with two decimals, or a dash."""
    return "-" if value is None else f"{value:.2f}"


def print_report(figures: dict) -> None:
    """Print the figures of a run for a reader."""
    print(
        f"load run: {figures['sessions']} sessions at once against {figures['url']}"
        f" (ramp {figures['ramp_s']:g} s, think {figures['think_s']:g} s,"
        f" browser cache {figures['browser_cache']})"
    )
    print(
        "single session before the run, settled (script run ended) in s: "
        + ", ".join(
            f"{row['page']} {row['seconds']:.2f} ({row['run_seconds']:.2f})"
            for row in figures["single_session"]
        )
    )
    memory = figures["memory"]
    if memory["server_idle_rss_mib"] is not None:
        print(
            f"server RSS idle after the single session: {memory['server_idle_rss_mib']} MiB"
        )
    print(
        f"steps: {figures['steps']}, settled: {figures['settled_steps']}, "
        f"failed sessions: {len(figures['failed_sessions'])}, "
        f"runs begun after looking settled: {figures['late_runs']}"
    )
    for failure in figures["failed_sessions"]:
        print(f"  session {failure['session']}: {failure['reason']}")
    if figures.get("server_log_tail"):
        print(
            "  end of the server log:\n    "
            + figures["server_log_tail"].replace("\n", "\n    ")
        )
    print(
        f"\n{'seconds from the action to':28} {'':5} {'a settled page':^23}"
        f"  {'the end of the run':^15}"
    )
    print(
        f"{'':28} {'count':>5} {'median':>7} {'p95':>7} {'max':>7}"
        f"  {'median':>7} {'p95':>7}"
    )
    rows = [("all steps", figures["overall"])]
    rows += list(figures["by_kind"].items())
    rows += [(f"  {page}", row) for page, row in figures["by_page"].items()]
    for name, row in rows:
        print(
            f"{name:28} {row['count']:5} {seconds_text(row.get('median_s')):>7} "
            f"{seconds_text(row.get('p95_s')):>7} {seconds_text(row.get('max_s')):>7}"
            f"  {seconds_text(row.get('run_median_s')):>7}"
            f" {seconds_text(row.get('run_p95_s')):>7}"
        )
    print(f"\nwall time: {figures['wall_s']:.1f} s")
    if memory["server_peak_tree_rss_mib"] is not None:
        print(
            f"server peak RSS (process tree, sampled every 100 ms): "
            f"{memory['server_peak_tree_rss_mib']} MiB; "
            f"server VmHWM: {memory['server_vmhwm_mib']} MiB"
        )
    wall = figures["wall_s"] or 1
    print(
        f"CPU during the run, in cores busy on average (of {figures['cores']}): "
        + ", ".join(
            f"{name} {seconds / wall:.2f}"
            for name, seconds in figures["cpu_seconds"].items()
        )
    )
    verdict = "met" if figures["target_met"] else "NOT met"
    print(
        f"target, 95th percentile under {figures['target_p95_s']:g} s: {verdict} "
        f"(p95 {seconds_text(figures['overall'].get('p95_s'))} s)"
    )


def add_common_arguments(parser: argparse.ArgumentParser, step_timeout: float) -> None:
    """Add the options both load runs take (this one and server_load_run.py)."""
    parser.add_argument("--sessions", type=int, default=20, help="sessions at once")
    parser.add_argument("--settings", type=Path, help="reuse this settings file")
    parser.add_argument("--url", help="load a server already running at this URL")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument(
        "--step-timeout",
        type=float,
        default=step_timeout,
        help="seconds a step may take",
    )
    parser.add_argument("--json", action="store_true", help="print JSON only")


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_common_arguments(parser, step_timeout=180.0)
    parser.add_argument(
        "--ramp", type=float, default=0.0, help="spread session starts over seconds"
    )
    parser.add_argument(
        "--think", type=float, default=0.0, help="pause between a session's steps"
    )
    parser.add_argument(
        "--browser-cache",
        choices=("warm", "cold"),
        default="warm",
        help="warm: the sessions are tabs of one browser that has loaded the app"
        " before; cold: each session is a new browser context with nothing cached",
    )
    return parser.parse_args()


def main() -> int:
    arguments = parse_arguments()
    try:
        figures = measure(arguments)
    except SetupFailed as error:
        print(f"load run not started: {error}", file=sys.stderr)
        return 2
    if arguments.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print_report(figures)
    return 1 if figures["failed_sessions"] else 0


def measure(arguments: argparse.Namespace) -> dict:
    """Set up the server unless --url names one, and return the run's figures."""
    if arguments.url:
        figures = asyncio.run(load_run(arguments.url.rstrip("/"), None, arguments))
    else:
        with tempfile.TemporaryDirectory(prefix="onescreen-load-") as folder:
            settings = arguments.settings or write_demo_center(Path(folder))
            log = Path(folder) / "streamlit.log"
            try:
                with running_dashboard(settings.resolve(), log) as (base_url, server):
                    figures = asyncio.run(load_run(base_url, server.pid, arguments))
            except ServerFailed as error:
                raise SetupFailed(f"{error}:\n{tail(log)}") from error
            # The log goes with the temporary folder; keep its end when something failed.
            if figures["failed_sessions"]:
                figures["server_log_tail"] = tail(log)
    return figures


if __name__ == "__main__":
    raise SystemExit(main())
