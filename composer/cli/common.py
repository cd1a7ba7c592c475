"""What every command shares: where the library is, loading it once, output helpers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from composer.library import Library, load_library


@dataclass
class CliState:
    library_root: str | None = None
    _library: Library | None = None

    def reset(self) -> None:
        """Forget options and the loaded library (each ``main()`` call starts afresh)."""
        self.library_root = None
        self._library = None


state = CliState()


def project_root() -> Path:
    """The folder holding ``clauses/``: --library, else the current folder, else the bundled one."""
    if state.library_root:
        return Path(state.library_root)
    here = Path.cwd()
    if (here / "clauses").is_dir():
        return here
    return Path(__file__).resolve().parents[2]


def get_library(strict: bool = True) -> Library:
    """Load the library once per process; refuse an invalid one unless ``strict`` is False."""
    if state._library is None:
        state._library = load_library(project_root())
    if strict:
        state._library.raise_if_invalid()
    return state._library


def split_csv(values: list[str] | None) -> tuple[str, ...]:
    """Accept both ``--x a --x b`` and ``--x a,b``."""
    out: list[str] = []
    for value in values or []:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return tuple(out)
