"""What one ``compose serve`` process is allowed to do: where, for whom, how much."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

#: Host names a browser on this machine uses for a server bound to the loopback interface.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")

#: Default cap on one request body (two uploaded drafts and the form): 20 MiB.
DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class WebSettings:
    """Settings fixed at start-up; the app never changes them while it runs.

    ``allowed_hosts`` is checked against every request's ``Host`` header: a page elsewhere
    that rebinds its own DNS name to 127.0.0.1 still sends its own name and is refused.
    ``secret`` signs CSRF tokens; a new one per process means a restart invalidates open forms
    (the page says so and a reload fixes it), which is the safe way round.
    """

    root: Path
    #: A folder of draft series (``SERIES_vN_...`` files) the History page offers; None: uploads only.
    corpus: Path | None = None
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    job_workers: int = 1
    job_keep_seconds: float = 600.0
    max_jobs: int = 32
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)
    warm_library: bool = True
    #: Seconds after start-up before the library is loaded in the background (see LibraryCache.warm).
    #: No delay by default: holding the load back made ``/healthz`` no faster (bench_serve.py, within
    #: noise) and only left a person who opens the page at once waiting a second longer.
    warm_delay: float = 0.0
