"""Writing rendered documents: every format from one model, atomically, with progress."""

from __future__ import annotations

import sys
from pathlib import Path

from composer.atomic import ensure_output_dir, write_atomic
from composer.model.document import Document
from composer.render import render


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

    Every file is rendered fully in memory before it is written (atomically), so an error in
    one format never leaves a half-written file behind.
    """
    ensure_output_dir(out_dir)
    if template is not None and "docx" in formats:
        from composer.render.docx import check_template

        check_template(template)
    written: list[Path] = []
    show_progress = len(formats) > 1 and not quiet and sys.stderr.isatty()
    if show_progress:
        from rich.progress import Progress

        with Progress(transient=True) as progress:
            task = progress.add_task(f"Writing {stem}", total=len(formats))
            for fmt in formats:
                progress.update(task, description=f"Rendering {stem}.{fmt}")
                written.append(write_atomic(out_dir / f"{stem}.{fmt}", render(document, fmt, template=template)))
                progress.advance(task)
    else:
        for fmt in formats:
            written.append(write_atomic(out_dir / f"{stem}.{fmt}", render(document, fmt, template=template)))
    return written
