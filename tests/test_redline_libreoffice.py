"""LibreOffice as an independent peer: "Accept all" / "Reject all" on a real redline (via python-uno)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from composer.compare.engine import compare_documents
from composer.read.docx_reader import read_docx
from composer.render.redline.docx import render_redline_docx
from composer.render.redline.options import RedlineOptions
from tests.test_redline_support import Block, build_docx, corpus_blocks, corpus_pairs, expected_texts

SCRIPT = r'''
import json, os, subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue
jobs_file, profile = sys.argv[1], sys.argv[2]
jobs = json.load(open(jobs_file))
pipe = "ccredline_" + str(os.getpid())
proc = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "-env:UserInstallation=file://" + profile,
                         "--accept=pipe,name=%s;urp;" % pipe], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.25)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    helper = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    hidden = PropertyValue(); hidden.Name = "Hidden"; hidden.Value = True
    results = []
    for path, mode in jobs:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (hidden,))
        changes = doc.Redlines.Count
        command = ".uno:AcceptAllTrackedChanges" if mode == "accept" else ".uno:RejectAllTrackedChanges"
        helper.executeDispatch(doc.CurrentController.Frame, command, "", 0, ())
        paragraphs = []
        items = doc.Text.createEnumeration()
        while items.hasMoreElements():
            item = items.nextElement()
            if item.supportsService("com.sun.star.text.Paragraph"):
                portions, text = item.createEnumeration(), []
                while portions.hasMoreElements():
                    portion = portions.nextElement()
                    if portion.TextPortionType == "Text":
                        text.append(portion.getString())
                paragraphs.append("".join(text))
        notes = [doc.Footnotes.getByIndex(i).getString().strip() for i in range(doc.Footnotes.Count)]
        left = doc.Redlines.Count
        doc.close(True)
        results.append({"changes": changes, "left": left, "paragraphs": paragraphs, "footnotes": notes})
    print(json.dumps(results))
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    proc.terminate()
    proc.wait(60)
'''

# Small drafts for LibreOffice's own quirks (see composer.render.redline.docx.place_marks): the
# document's first footnote in a whole deleted or inserted paragraph, and insertions on both
# sides of an untracked paragraph break.
SYNTHETIC = {
    "first_note_deleted": (
        [Block("Title", heading=1), Block("Kept text."), Block("1. Gone text[", notes=[(12, "A note")]),
         Block("2. Also gone."), Block("New start."), Block("End.")],
        [Block("Title", heading=1), Block("Kept text."), Block("New start."), Block("Added."), Block("End.")],
    ),
    "first_note_inserted": (
        [Block("Title", heading=1), Block("Kept text."), Block("End.")],
        [Block("Title", heading=1), Block("Kept text."), Block("1. New text", notes=[(11, "A note")]),
         Block("End.")],
    ),
    "insertions_across_break": (
        [Block("Alpha beta gamma delta."), Block("*Emphasizing* the need for action."), Block("End.")],
        [Block("Alpha beta gamma delta. And more words"), Block("[*Emphasizing* the need for action."),
         Block("End.")],
    ),
}


def _python_with_uno() -> str | None:
    for python in ("/usr/bin/python3", shutil.which("python3") or ""):
        if python and subprocess.run([python, "-c", "import uno"], capture_output=True).returncode == 0:
            return python
    return None


def _cases() -> list[str]:
    try:
        pairs = corpus_pairs()
    except pytest.skip.Exception:
        pairs = []
    return [_pair_id(old, new) for old, new in pairs] + list(SYNTHETIC)


def _pair_id(old: Path, new: Path) -> str:
    series, version = re.match(r"(.+?)_(v\d+)_", old.name).groups()
    new_version = re.match(r".+?_(v\d+)_", new.name).group(1)
    return f"{series}_{version}-{new_version}"


@pytest.fixture(scope="module")
def resolved(tmp_path_factory):
    """Every corpus pair and synthetic draft: our redline, then LibreOffice's Accept all and Reject all.

    One LibreOffice process (private profile) does all of them: about a minute for the 13 pairs.
    """
    python = _python_with_uno()
    if not shutil.which("soffice") or python is None:
        pytest.skip("LibreOffice with python-uno is not installed")
    folder = tmp_path_factory.mktemp("lo_redlines")
    drafts = {_pair_id(old, new): (corpus_blocks(old), corpus_blocks(new)) for old, new in corpus_pairs()}
    drafts.update(SYNTHETIC)
    jobs, expected = [], {}
    for name, (old_blocks, new_blocks) in drafts.items():
        old, new = read_docx(build_docx(old_blocks), "old.docx"), read_docx(build_docx(new_blocks), "new.docx")
        path = folder / f"{name}.docx"
        path.write_bytes(render_redline_docx(compare_documents(old, new), old, new,
                                             RedlineOptions(author="LO", date="2025-12-15")))
        jobs += [[str(path), "accept"], [str(path), "reject"]]
        expected[name] = (expected_texts(new_blocks), expected_texts(old_blocks))
    (folder / "jobs.json").write_text(json.dumps(jobs))
    script = folder / "lo_resolve.py"
    script.write_text(SCRIPT)
    profile = folder / f"lo_profile_{os.getpid()}"
    result = subprocess.run(["timeout", "900", python, str(script), str(folder / "jobs.json"), str(profile)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    outcomes = json.loads(result.stdout.strip().splitlines()[-1])
    return {name: (outcomes[2 * k], outcomes[2 * k + 1], expected[name]) for k, name in enumerate(drafts)}


@pytest.mark.parametrize("name", _cases())
def test_libreoffice_accept_and_reject_all(resolved, name):
    accepted, rejected, ((new_paragraphs, new_notes), (old_paragraphs, old_notes)) = resolved[name]
    assert accepted["changes"] > 0
    assert accepted["left"] == 0 and rejected["left"] == 0
    assert accepted["paragraphs"] == new_paragraphs
    assert rejected["paragraphs"] == old_paragraphs
    assert accepted["footnotes"] == [note.strip() for note in new_notes]
    assert rejected["footnotes"] == [note.strip() for note in old_notes]
