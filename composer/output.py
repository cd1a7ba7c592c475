"""Writing rendered documents: every format from one model, atomically, with progress."""

from __future__ import annotations

import sys
from pathlib import Path

from composer.atomic import ensure_output_dir, write_all_atomic
from composer.errors import ComposerError
from composer.model.document import Document
from composer.ooxml.text import clean_tree
from composer.render import render


def _render(
    document: Document, fmt: str, stem: str, template: Path | None, pages: dict[str, dict[str, int]]
) -> bytes:
    """Render one format; a system error on the way (disk full, font missing) is one line.

    The PDF is rendered before the DOCX (``_in_order``) and leaves in ``pages`` where each
    heading landed, which the DOCX contents caches as its page numbers.
    """
    try:
        if fmt == "pdf":
            from composer.render.pdf import render_pdf_with_pages

            data, pages["pdf"] = render_pdf_with_pages(document)
            return data
        return render(document, fmt, template=template, toc_pages=pages.get("pdf"))
    except OSError as exc:
        raise ComposerError(f"cannot render {stem}.{fmt}: {exc.strerror or exc}") from None


def _in_order(formats: list[str]) -> list[str]:
    """The PDF first (its layout numbers the DOCX contents), the rest as given."""
    return sorted(formats, key=lambda fmt: fmt != "pdf")


def write_outputs(
    document: Document,
    stem: str,
    formats: list[str],
    out_dir: Path,
    *,
    template: Path | None = None,
    quiet: bool = False,
) -> list[Path]:
    """Render ``document`` in each format into ``out_dir/stem.<fmt>``; return the paths.

    All formats are rendered in memory first and only then written as one set: an error in any
    format, or in writing any file, leaves the folder as it was (no half-written file, no new
    DOCX beside an old PDF).
    """
    ensure_output_dir(out_dir)
    document = clean_tree(document)  # the one sanitiser, once for every format (the PDF bypasses render())
    if template is not None and "docx" in formats:
        from composer.render.docx import check_template

        check_template(template)
    rendered: dict[str, bytes] = {}
    pages: dict[str, dict[str, int]] = {}
    if len(formats) > 1 and not quiet and sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(transient=True) as progress:
            task = progress.add_task(f"Rendering {stem}", total=len(formats))
            for fmt in _in_order(formats):
                progress.update(task, description=f"Rendering {stem}.{fmt}")
                rendered[fmt] = _render(document, fmt, stem, template, pages)
                progress.advance(task)
    else:
        for fmt in _in_order(formats):
            rendered[fmt] = _render(document, fmt, stem, template, pages)
    return write_all_atomic({out_dir / f"{stem}.{fmt}": rendered[fmt] for fmt in formats})
