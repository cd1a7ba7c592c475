"""Benchmark: ``compose diff`` DOCX redlines vs python-redlines 2.0 (Docxodus) on real draft pairs.

Run: ``.venv/bin/python benchmarks/bench_diff.py [--repeat 5] [--peer-repeat 3]``. Both sides get
the same DOCX pairs (built from ../shared/corpus with python-docx) and are timed end to end, file
in, redline bytes out, in this one script: medians, the ratio ours/theirs, both sides' counts of
insertions, deletions and moves, and whether accept-all/reject-all reproduce the two drafts
exactly (checked with the tests' independent XML transform). A scaling run repeats one long
pair 1x..8x to show how time grows with length. python-redlines is a benchmark-only peer.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from composer.compare.engine import compare_documents  # noqa: E402
from composer.read.docx_reader import read_docx  # noqa: E402
from composer.render.redline.docx import render_redline_docx  # noqa: E402
from composer.render.redline.options import RedlineOptions  # noqa: E402
from tests.test_redline_support import (  # noqa: E402
    Block,
    build_docx,
    corpus_blocks,
    corpus_pairs,
    docx_texts,
    expected_texts,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def ours(old_path: Path, new_path: Path) -> bytes:
    """End to end: read both files, compare, write the tracked-changes DOCX."""
    old = read_docx(old_path.read_bytes(), old_path.name)
    new = read_docx(new_path.read_bytes(), new_path.name)
    redline = compare_documents(old, new)
    return render_redline_docx(redline, old, new, RedlineOptions(author="bench", date="2025-12-15"))


def peer():
    try:
        from python_redlines.engines import DocxodusEngine
    except ImportError:
        return None
    engine = DocxodusEngine()
    return lambda old, new: engine.run_redline("bench", old, new, detect_moves=True)[0]


def counts(data: bytes) -> tuple[int, int, int]:
    """Insertions, deletions and moves (w:moveFrom regions) in a DOCX body and its footnotes."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    ins = dels = moves = 0
    for part in ("word/document.xml", "word/footnotes.xml"):
        if part not in archive.namelist():
            continue
        root = etree.fromstring(archive.read(part))
        ins += sum(1 for e in root.iter(f"{W}ins") if e.getparent().tag != f"{W}rPr")
        dels += sum(1 for e in root.iter(f"{W}del") if e.getparent().tag != f"{W}rPr")
        moves += sum(1 for e in root.iter(f"{W}moveFrom") if e.getparent().tag != f"{W}rPr")
    return ins, dels, moves


def exact(data: bytes, old_blocks: list[Block], new_blocks: list[Block]) -> str:
    """Whether accept-all gives the new text and reject-all the old (paragraph texts)."""
    try:
        accept_ok = docx_texts(data, "accept")[0] == expected_texts(new_blocks)[0]
        reject_ok = docx_texts(data, "reject")[0] == expected_texts(old_blocks)[0]
    except (AssertionError, KeyError, etree.XMLSyntaxError) as exc:
        return f"unchecked ({type(exc).__name__}: {str(exc)[:40]})"
    return "yes" if accept_ok and reject_ok else f"accept {'ok' if accept_ok else 'NO'}/reject {'ok' if reject_ok else 'NO'}"


def timed(function, *args, repeat: int) -> tuple[float, bytes]:  # type: ignore[no-untyped-def]
    times, result = [], b""
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--peer-repeat", type=int, default=3)
    parser.add_argument("--no-peer", action="store_true")
    args = parser.parse_args()
    run_peer = None if args.no_peer else peer()
    work = Path(tempfile.mkdtemp(prefix="bench_diff_"))
    print("| pair | words old→new | ours median s | theirs median s | ratio ours/theirs | speed-up | "
          "ours ins/del/moves | theirs ins/del/moves | ours exact | theirs exact |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    speedups = []
    for old_txt, new_txt in corpus_pairs():
        old_blocks, new_blocks = corpus_blocks(old_txt), corpus_blocks(new_txt)
        old_path, new_path = work / f"{old_txt.stem}.docx", work / f"{new_txt.stem}.docx"
        old_path.write_bytes(build_docx(old_blocks))
        new_path.write_bytes(build_docx(new_blocks))
        words = (sum(len(b.text.split()) for b in old_blocks), sum(len(b.text.split()) for b in new_blocks))
        ours_time, ours_data = timed(ours, old_path, new_path, repeat=args.repeat)
        row = [f"{old_txt.name.split('_v')[0]} v{old_txt.name.split('_v')[1][0]}→v{new_txt.name.split('_v')[1][0]}",
               f"{words[0]}→{words[1]}", f"{ours_time:.3f}"]
        if run_peer is not None:
            theirs_time, theirs_data = timed(run_peer, str(old_path), str(new_path), repeat=args.peer_repeat)
            ratio = ours_time / theirs_time
            speedups.append(1 / ratio)
            row += [f"{theirs_time:.3f}", f"{ratio:.3f}", f"{1 / ratio:.1f}x"]
        else:
            theirs_data = b""
            row += ["-", "-", "-"]
        row += ["/".join(map(str, counts(ours_data))), "/".join(map(str, counts(theirs_data))) if theirs_data else "-",
                exact(ours_data, old_blocks, new_blocks), exact(theirs_data, old_blocks, new_blocks) if theirs_data
                else "-"]
        print("| " + " | ".join(row) + " |", flush=True)
    if speedups:
        print(f"\nspeed-up (theirs/ours): min {min(speedups):.1f}x, median {statistics.median(speedups):.1f}x, "
              f"max {max(speedups):.1f}x over {len(speedups)} pairs")
    scaling(work, run_peer, args)


def scaling(work: Path, run_peer, args) -> None:  # type: ignore[no-untyped-def]
    """One long pair repeated k times: time should grow about linearly with k."""
    pairs = [p for p in corpus_pairs() if "oceans" in p[0].name]
    old_txt, new_txt = pairs[-1]
    old_blocks, new_blocks = corpus_blocks(old_txt), corpus_blocks(new_txt)
    print("\n| copies | paragraphs old | ours median s | ours s per copy | theirs median s |")
    print("|---|---|---|---|---|")
    for k in (1, 2, 4, 8):
        old_path, new_path = work / f"scale_old_{k}.docx", work / f"scale_new_{k}.docx"
        old_path.write_bytes(build_docx(old_blocks * k))
        new_path.write_bytes(build_docx(new_blocks * k))
        ours_time, _ = timed(ours, old_path, new_path, repeat=args.repeat)
        theirs = "-"
        if run_peer is not None and k <= 2:
            theirs_time, _ = timed(run_peer, str(old_path), str(new_path), repeat=1)
            theirs = f"{theirs_time:.3f}"
        print(f"| {k} | {len(old_blocks) * k} | {ours_time:.3f} | {ours_time / k:.3f} | {theirs} |", flush=True)


if __name__ == "__main__":
    main()
