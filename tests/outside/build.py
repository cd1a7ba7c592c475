"""Write the outside document set under tests/outside/docs/ (run: python -m tests.outside.build).

The wordml pairs are written directly; the LibreOffice pairs go through `soffice --convert-to
docx`. The DOCX files are committed, so the tests read them without LibreOffice being able to
write them; `index.json` lists every pair with its features and the change it holds.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.outside.lo_pairs import LO_PAIRS
from tests.outside.pairs import wordml_pairs
from tests.outside.wordml import package

DOCS = Path(__file__).resolve().parent / "docs"


def _convert(fodt: str, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / (target.stem + ".fodt")
        src.write_text(fodt, encoding="utf-8")
        subprocess.run(
            ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
             "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(src)],
            check=True, capture_output=True, timeout=180,
        )
        shutil.move(str(Path(tmp) / (target.stem + ".docx")), target)


def main(argv: list[str] | None = None) -> None:
    """``--keep-libreoffice``: list the LibreOffice pairs but keep their files (LibreOffice writes
    new dates into every conversion, so reconverting changes bytes when nothing changed)."""
    keep_lo = "--keep-libreoffice" in (sys.argv[1:] if argv is None else argv)
    DOCS.mkdir(exist_ok=True)
    index = []
    for pair in wordml_pairs():
        (DOCS / f"{pair.name}-old.docx").write_bytes(package(pair.old))
        (DOCS / f"{pair.name}-new.docx").write_bytes(package(pair.new))
        index.append({"name": pair.name, "maker": "wordml", "features": list(pair.features),
                      "change": pair.change, "changed": pair.changed})
    for name, features, change, old, new in LO_PAIRS:
        if not keep_lo:
            _convert(old.fodt(), DOCS / f"{name}-old.docx")
            _convert(new.fodt(), DOCS / f"{name}-new.docx")
        index.append({"name": name, "maker": "libreoffice", "features": list(features), "change": change, "changed": True})
    (DOCS / "index.json").write_text(json.dumps(index, indent=1) + "\n")
    print(len(index), "pairs in", DOCS)


if __name__ == "__main__":
    main()
