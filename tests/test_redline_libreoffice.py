"""LibreOffice as an independent peer: "Accept all" / "Reject all" on a real redline (via python-uno)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from composer.compare.engine import compare_documents
from composer.read.docx_reader import read_docx
from composer.render.redline.docx import render_redline_docx
from composer.render.redline.options import RedlineOptions
from tests.test_redline_support import build_docx, corpus_blocks, corpus_dir, expected_texts

SCRIPT = r'''
import json, os, subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue
path, mode, profile = sys.argv[1], sys.argv[2], sys.argv[3]
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
    hidden = PropertyValue(); hidden.Name = "Hidden"; hidden.Value = True
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (hidden,))
    changes = doc.Redlines.Count
    helper = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
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
    doc.close(True)
    print(json.dumps({"changes": changes, "paragraphs": paragraphs, "footnotes": notes}))
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    proc.terminate()
    proc.wait(60)
'''


def _python_with_uno() -> str | None:
    for python in ("/usr/bin/python3", shutil.which("python3") or ""):
        if python and subprocess.run([python, "-c", "import uno"], capture_output=True).returncode == 0:
            return python
    return None


def _resolve(python: str, docx_path: Path, mode: str, tmp_path: Path) -> dict:
    script = tmp_path / "lo_resolve.py"
    script.write_text(SCRIPT)
    profile = tmp_path / f"lo_profile_{os.getpid()}"
    result = subprocess.run(["timeout", "240", python, str(script), str(docx_path), mode, str(profile)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("pair", [("paris_v6", "paris_v7"), ("unga_ict4sd_v3", "unga_ict4sd_v4")])
def test_libreoffice_accept_and_reject_all(tmp_path, pair):
    python = _python_with_uno()
    if not shutil.which("soffice") or python is None:
        pytest.skip("LibreOffice with python-uno is not installed")
    folder = corpus_dir()
    old_path, new_path = (next(folder.glob(f"{name}_*.txt")) for name in pair)
    old_blocks, new_blocks = corpus_blocks(old_path), corpus_blocks(new_path)
    old, new = read_docx(build_docx(old_blocks), "old.docx"), read_docx(build_docx(new_blocks), "new.docx")
    redline = compare_documents(old, new)
    path = tmp_path / "redline.docx"
    path.write_bytes(render_redline_docx(redline, old, new, RedlineOptions(author="LO", date="2025-12-15")))
    accepted = _resolve(python, path, "accept", tmp_path)
    assert accepted["changes"] > 0
    assert accepted["paragraphs"] == expected_texts(new_blocks)[0]
    rejected = _resolve(python, path, "reject", tmp_path)
    assert rejected["paragraphs"] == expected_texts(old_blocks)[0]
