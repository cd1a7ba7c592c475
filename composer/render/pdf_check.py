"""The footnote safety check: is every footnote's text really in the PDF?

Why: WeasyPrint 70 has been seen to push a footnote to the next page and, once, to drop one.
A briefing pack whose provenance footnote vanished misattributes a clause, so the PDF writer
reads its own output back with an independent reader (poppler's pdftotext, or pypdf where
poppler is not installed) and looks for every note.

Comparison is on normalised text: Unicode NFKC (ligatures), no hyphens or soft hyphens, single
spaces, and a space may appear or vanish between any two characters of the note (hyphenation and
line breaks differ between the page and the model); case is kept. A note counts as present when
its number (with or without a full stop) followed by its text occurs in the page text.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from composer.errors import ComposerError
from composer.render.html_inline import NoteView

_HYPHENS = re.compile(r"[\u00ad\u2010\u2011\u2012\u2013\u2014\u2212-]+")
_SPACE = re.compile(r"\s+")


class PdfReadBackError(ComposerError):
    """The PDF just written cannot be read back for the footnote check."""


def normalise(text: str) -> str:
    """Text reduced to what survives layout: NFKC, no hyphen-like characters, single spaces."""
    text = _HYPHENS.sub("", unicodedata.normalize("NFKC", text))
    return _SPACE.sub(" ", text).strip()


def note_pattern(number: int, text: str) -> re.Pattern[str]:
    """A note as it may appear on the page: its number (``7`` or ``7.``) starting a line or
    following a space, then its text, where line breaks may have added or removed spaces."""
    body = normalise(text).replace(" ", "")
    tolerant = r"\s?".join(re.escape(char) for char in body)
    return re.compile(rf"(?:^|\s){number}\.?\s?{tolerant}")


def pdf_text(pdf: bytes) -> str:
    """The text of every page of ``pdf``: poppler's ``pdftotext`` when installed (about 30 times
    faster on a 40-page pack), else pypdf. Both are independent of the writer."""
    if shutil.which("pdftotext"):
        text = _pdftotext(pdf)
        if text is not None:
            return text
    return _pypdf_text(pdf)


def _pdftotext(pdf: bytes) -> str | None:
    """``pdftotext``'s reading of ``pdf``, or None if it fails (then pypdf is asked)."""
    with tempfile.TemporaryDirectory(prefix="composer-pdfcheck-") as folder:
        path = Path(folder) / "check.pdf"
        path.write_bytes(pdf)
        try:
            done = subprocess.run(
                ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=300, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", errors="replace")


def _pypdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(pdf))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError) as exc:
        raise PdfReadBackError(f"cannot read back the PDF to check its footnotes: {exc}") from None


def missing_footnotes(text: str, notes: Iterable[NoteView]) -> list[int]:
    """Numbers of the notes whose number followed by their text does not occur in ``text``.

    Each note is looked for with its own number, so two notes with the same text are both
    required, and a note whose text is empty is looked for by its number alone.
    """
    haystack = normalise(text)
    return [note.number for note in notes if note_pattern(note.number, note.text).search(haystack) is None]
