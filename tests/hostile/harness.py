"""Running ``compose`` on hostile input and judging how it failed.

A clean refusal is: a non-zero exit code, no traceback, and an error that says in one line
which file (or option) is wrong. Risky inputs run in a child process with ``RLIMIT_AS`` and a
timeout, so a regression shows as a failed test, not a hung or swapping CI machine.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Address-space cap for a child run: generous for the PDF stack, far below a runaway.
MEMORY_LIMIT = 2 * 1024 * 1024 * 1024
TIMEOUT = 60.0


@dataclass
class Run:
    code: int
    out: str
    err: str
    timed_out: bool = False

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def _limits(memory: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    os.setsid()


def run_compose(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    timeout: float = TIMEOUT,
    memory: int = MEMORY_LIMIT,
    env: dict[str, str] | None = None,
    stdout: int | None = None,
) -> Run:
    """``python -m composer ARGS`` in a child with a memory cap and a timeout."""
    child_env = {key: value for key, value in os.environ.items() if key != "COMPOSER_LIBRARY"}
    child_env.update({"PYTHONPATH": str(ROOT), "COLUMNS": "200", **(env or {})})
    proc = subprocess.Popen(
        [sys.executable, "-m", "composer", *map(str, args)],
        cwd=cwd or ROOT,
        env=child_env,
        stdin=subprocess.DEVNULL,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: _limits(memory),
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        return Run(-9, (out or b"").decode("utf-8", "replace"), (err or b"").decode("utf-8", "replace"), True)
    return Run(proc.returncode, (out or b"").decode("utf-8", "replace"), (err or b"").decode("utf-8", "replace"))


def assert_refused(run: Run, *needles: str, lines: int | None = 1) -> None:
    """A clean refusal: exit code 1 or 2, no traceback, ``lines`` error lines naming ``needles``."""
    assert not run.timed_out, f"timed out; stderr: {run.err[-2000:]}"
    assert "Traceback" not in run.err, run.err[-3000:]
    assert run.code in (1, 2), f"exit {run.code}; stderr: {run.err[-2000:]}"
    errors = run.error_lines
    assert errors, "no message on stderr"
    if lines is not None:
        assert len(errors) == lines, f"expected {lines} error line(s), got: {errors}"
    text = run.err.lower()
    for needle in needles:
        assert needle.lower() in text, f"{needle!r} not in {run.err!r}"


def assert_clean(run: Run) -> None:
    """No traceback, no hang, exit 0."""
    assert not run.timed_out, f"timed out; stderr: {run.err[-2000:]}"
    assert "Traceback" not in run.err, run.err[-3000:]
    assert run.code == 0, f"exit {run.code}; stderr: {run.err[-2000:]}"
