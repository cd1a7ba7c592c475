"""The loaded library, kept in memory and reloaded when a clause or source file changes.

Loading the whole library takes seconds (every quote is checked against its seed), so the
server loads it once, in the background at start-up, and again only when a file under
``clauses/`` or ``seeds/`` changes (a curator's confirmation, a ``git pull``). The check is a
directory listing per request: a few dozen ``stat`` calls, well under a millisecond.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from composer.library import Library

Stamp = tuple[tuple[str, int, int], ...]


def library_stamp(root: Path) -> Stamp:
    """Name, size and modification time of every file the library is loaded from."""
    entries: list[tuple[str, int, int]] = []
    for folder in (root / "clauses", root / "seeds"):
        try:
            with os.scandir(folder) as listing:
                for entry in listing:
                    if entry.is_file():
                        info = entry.stat()
                        entries.append((entry.path, info.st_size, info.st_mtime_ns))
        except FileNotFoundError:
            continue
    return tuple(sorted(entries))


class LibraryCache:
    """One library per process, shared by every request; thread-safe."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._lock = threading.Lock()
        self._library: Library | None = None
        self._stamp: Stamp | None = None
        self._derived: dict[str, Any] = {}

    def get(self, strict: bool = True) -> Library:
        """The current library, reloaded first if its files changed since the last load.

        ``strict`` refuses an invalid library (a LibraryError listing ``file:line`` problems),
        as the command line does before composing.
        """
        stamp = library_stamp(self.root)
        library = self._library
        if library is None or stamp != self._stamp:
            with self._lock:
                if self._library is None or stamp != self._stamp:
                    from composer.library import load_library

                    self._library = load_library(self.root)
                    self._stamp = stamp
                    self._derived = {}
                library = self._library
        if strict:
            library.raise_if_invalid()
        return library

    def derived(self, library: Library, key: str, make: Callable[[Library], Any]) -> Any:
        """``make(library)``, computed once per loaded library (page rows, menu choices)."""
        cache = self._derived
        entry = cache.get(key)
        if entry is None or entry[0] is not library:
            entry = (library, make(library))
            cache[key] = entry
        return entry[1]

    def warm(self, delay: float = 0.0) -> threading.Thread:
        """Start loading in a background thread, so the first page does not wait for it all.

        ``delay`` lets the server finish starting first: the load is CPU-bound Python and would
        otherwise compete with the server's own start-up for the interpreter.
        """

        def load() -> None:
            if delay:
                time.sleep(delay)
            # A library that fails to load is reported by the first request that needs it.
            with contextlib.suppress(Exception):
                self.get(strict=False)

        thread = threading.Thread(target=load, name="library-warm", daemon=True)
        thread.start()
        return thread
