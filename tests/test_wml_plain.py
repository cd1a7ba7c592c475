"""The plain-paragraph summary (composer.wml.atoms.plain) says what atomise would, on real files.

The in-place redline keys plain paragraphs from :func:`plain` and builds their atoms only when
a paragraph differs; the two must agree exactly, or equal paragraphs would be told apart (or
different ones taken as equal). Checked on every paragraph of the corpus drafts and the outside set.
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby

import pytest

from composer.wml.atoms import atomise, plain
from composer.wml.compare import Side
from composer.wml.names import P
from composer.wml.package import WordPackage
from tests.outside import check
from tests.test_redline_support import build_docx, corpus_blocks, corpus_pairs


def _documents() -> list[tuple[str, bytes]]:
    out = [(old.stem, build_docx(corpus_blocks(old))) for old, _new in corpus_pairs()[:3]]
    for pair in check.pairs():
        out += [(pair["old"].name, pair["old"].read_bytes()), (pair["new"].name, pair["new"].read_bytes())]
    return out


@pytest.mark.parametrize(("name", "data"), _documents(), ids=lambda v: v if isinstance(v, str) else "")
def test_plain_summary_matches_the_atoms(name, data):
    package = WordPackage.from_bytes(data, name)
    side = Side(package, "new")
    seen = 0
    for paragraph in package.xml(package.main).iter(P):
        summary = plain(paragraph)
        if summary is None:
            continue
        seen += 1
        atoms = atomise(paragraph, side.context())
        assert summary.keys == tuple(a.key for a in atoms)
        assert Counter(summary.words) == Counter(a.text.lower() for a in atoms if not a.is_space)
        assert summary.formats == tuple((fmt, len(list(group))) for fmt, group in groupby(a.fmt for a in atoms))
        assert all(a.revision is None and a.kind == "text" for a in atoms)
    assert seen or name.startswith(("textbox", "lo-frame", "equation", "image"))
