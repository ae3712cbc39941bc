"""Run the dashboard in a child process on a free loopback port until the block ends.

The browser tests and the load run (scripts/load_run.py) use it to serve a given
settings file exactly as `streamlit run app.py` would, with the server's output in a
log file.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from onescreen.settings import DATABASE_VARIABLE, PROJECT_ROOT, SETTINGS_VARIABLE

STARTUP_SECONDS = 30


class ServerFailed(RuntimeError):
    """The dashboard exited or did not answer in time."""


def free_port() -> int:
    """Return a TCP port on the loopback interface that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(
    base_url: str, server: subprocess.Popen, seconds: float = STARTUP_SECONDS
) -> None:
    """Wait for the server's health endpoint; raise ServerFailed if it exits or is late."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ServerFailed(f"streamlit exited with {server.returncode}")
        try:
            with urllib.request.urlopen(
                f"{base_url}/_stcore/health", timeout=1
            ) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise ServerFailed(f"streamlit did not answer at {base_url} within {seconds} s")


@contextmanager
def running_dashboard(
    settings_path: Path, log_path: Path, *, extra_arguments: tuple[str, ...] = ()
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Serve app.py for `settings_path`; yield its base URL and the server process."""
    port = free_port()
    environment = {**os.environ, SETTINGS_VARIABLE: str(settings_path)}
    environment.pop(DATABASE_VARIABLE, None)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        *extra_arguments,
    ]
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            wait_until_healthy(base_url, server)
            yield base_url, server
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
