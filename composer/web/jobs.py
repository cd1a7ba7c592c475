"""Background renders: a long brief or PDF never blocks the page that asked for it.

A job runs in a small thread pool and reports its steps as it goes; the page polls the job's
status fragment until it is done and then offers the file. Results live in memory only, for
a few minutes, and are forgotten after that (or when the process stops): nothing is written
to disk.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

from composer.errors import ComposerError

JobStatus = Literal["queued", "running", "done", "failed"]


@dataclass(frozen=True)
class JobResult:
    """A finished file: its name for the download and its bytes."""

    filename: str
    media_type: str
    data: bytes


@dataclass
class Job:
    """One render as the page sees it."""

    id: str
    title: str
    steps: tuple[str, ...]
    status: JobStatus = "queued"
    step: int = 0
    error: str | None = None
    result: JobResult | None = None
    created: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def current_step(self) -> str:
        return self.steps[min(self.step, len(self.steps) - 1)] if self.steps else ""

    @property
    def percent(self) -> int:
        if self.status == "done":
            return 100
        return int(100 * self.step / max(len(self.steps), 1))

    @property
    def elapsed(self) -> float:
        return (self.finished or time.monotonic()) - self.created


Progress = Callable[[int], None]
Work = Callable[[Progress], JobResult]


class JobQueue:
    """A bounded set of jobs run by ``workers`` threads; old results expire."""

    def __init__(self, workers: int = 1, keep_seconds: float = 600.0, max_jobs: int = 32):
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="render")
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self.keep_seconds = keep_seconds
        self.max_jobs = max_jobs

    def submit(self, title: str, steps: tuple[str, ...], work: Work) -> Job:
        """Queue ``work``; it calls ``progress(i)`` as it reaches step ``i`` and returns the file."""
        self._expire()
        with self._lock:
            pending = sum(1 for j in self._jobs.values() if j.status in ("queued", "running"))
            if pending >= self.max_jobs:
                raise ComposerError(f"{pending} renders are already waiting; try again when they finish")
            job = Job(id=secrets.token_urlsafe(12), title=title, steps=steps)
            self._jobs[job.id] = job
        self._pool.submit(self._run, job, work)
        return job

    def _run(self, job: Job, work: Work) -> None:
        job.status = "running"

        def progress(step: int) -> None:
            job.step = step

        try:
            job.result = work(progress)
            job.status = "done"
        except ComposerError as exc:
            job.error = str(exc)
            job.status = "failed"
        except Exception as exc:  # a bug: say so in one line, never a traceback in the page
            job.error = f"internal error while rendering ({type(exc).__name__}); see the server log"
            job.status = "failed"
            import logging

            logging.getLogger("composer.web").exception("render job %s failed", job.id)
        finally:
            job.finished = time.monotonic()

    def get(self, job_id: str) -> Job | None:
        self._expire()
        with self._lock:
            return self._jobs.get(job_id)

    def _expire(self) -> None:
        now = time.monotonic()
        with self._lock:
            for job_id in [k for k, j in self._jobs.items() if j.finished and now - j.finished > self.keep_seconds]:
                del self._jobs[job_id]

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
