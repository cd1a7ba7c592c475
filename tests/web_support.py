"""What the web tests share: a scratch copy of the whole library, a server on a free port."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

from tests.conftest import ROOT, SHARED

CORPUS = SHARED / "corpus"
OLD_DRAFT = CORPUS / "unga_ict4sd_v2_A-C.2-80-L.17_G77-draft_2025-10-14.txt"
NEW_DRAFT = CORPUS / "unga_ict4sd_v3_A-C.2-80-L.58_facilitator-draft_2025-11-18.txt"


def copy_library(target: Path) -> Path:
    """The real clauses/ and seeds/ in ``target``, so a test may change clause files freely."""
    shutil.copytree(ROOT / "clauses", target / "clauses", ignore=shutil.ignore_patterns("labels"))
    shutil.copytree(ROOT / "seeds", target / "seeds")
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerThread:
    """uvicorn serving ``app`` on 127.0.0.1 in a thread, stopped by :meth:`stop`."""

    def __init__(self, app, port: int):  # type: ignore[no-untyped-def]
        import uvicorn

        self.port = port
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
