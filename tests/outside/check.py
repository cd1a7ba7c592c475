"""Independent checks of a DOCX redline of an outside pair.

Two readers that share no code with compact-composer:
- ../shared/tools/docx_views.py: Word's Accept all / Reject all computed from the XML (body with
  table cells and text boxes, notes, comments, headers, footers, and a profile of structure);
- LibreOffice (python-uno): it opens the redline, runs Accept all or Reject all, saves a DOCX,
  which docx_views reads again.
Plus the images: docx_views counts drawings but not their content, so the bytes of the image
parts each view references are hashed here (an image replaced by another is a change).
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("COMPOSER_SHARED", ROOT.parent / "shared"))  # ../shared, as in CI
DOCX_VIEWS = SHARED / "tools" / "docx_views.py"
DOCS = Path(__file__).resolve().parent / "docs"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STORIES = ("body", "footnotes", "endnotes", "comments", "headers", "footers")


def pairs() -> list[dict]:
    """The outside pairs listed in docs/index.json, each with `old` and `new` paths."""
    index = json.loads((DOCS / "index.json").read_text())
    for entry in index:
        entry["old"] = DOCS / f"{entry['name']}-old.docx"
        entry["new"] = DOCS / f"{entry['name']}-new.docx"
    return index


def views(path: Path) -> dict:
    """docx_views.py's JSON for one file, profile included."""
    done = subprocess.run([sys.executable, str(DOCX_VIEWS), str(path), "--profile"],
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout)


def image_hashes(path: Path, mode: str) -> list[str]:
    """Sorted sha1s of the images the main story shows in this view (accept or reject)."""
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        rels_xml = package.read("word/_rels/document.xml.rels") if "word/_rels/document.xml.rels" in names else b"<r/>"
        targets = {rel.get("Id"): rel.get("Target") for rel in etree.fromstring(rels_xml)}
        body = etree.fromstring(package.read("word/document.xml"))
        hidden = {f"{{{W}}}del", f"{{{W}}}moveFrom"} if mode == "accept" else {f"{{{W}}}ins", f"{{{W}}}moveTo"}
        out = []
        for blip in body.iter(f"{{{A}}}blip"):
            if any(a.tag in hidden for a in blip.iterancestors()):
                continue
            if any(a.tag == "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback" for a in blip.iterancestors()):
                continue
            target = targets.get(blip.get(f"{{{R}}}embed"))
            if not target:
                continue
            name = posixpath.normpath(posixpath.join("word", target)) if not target.startswith("/") else target[1:]
            if name in names:
                out.append(hashlib.sha1(package.read(name)).hexdigest())
        return sorted(out)


def side(view: dict, mode: str) -> dict:
    """One view (accept or reject) of every story plus the structure profile."""
    out = {story: view[story][mode] for story in STORIES}
    out["profile"] = view["profile"][mode]
    return out


def expected_sides(old: Path, new: Path, *, existing: str = "keep") -> tuple[dict, dict]:
    """What Accept all and Reject all of a correct redline of (old, new) must show.

    Accept all gives NEW (its earlier revisions accepted). Reject all gives OLD: with earlier
    revisions kept (the default) that is OLD with its own revisions rejected too; with
    --accept-existing it is OLD's accepted text.
    """
    old_view, new_view = views(old), views(new)
    reject_mode = "reject" if existing == "keep" else "accept"
    accept = side(new_view, "accept") | {"images": image_hashes(new, "accept")}
    reject = side(old_view, reject_mode) | {"images": image_hashes(old, reject_mode)}
    return accept, reject


def actual_sides(redline: Path) -> tuple[dict, dict]:
    view = views(redline)
    return (side(view, "accept") | {"images": image_hashes(redline, "accept")},
            side(view, "reject") | {"images": image_hashes(redline, "reject")})


STYLE_REFERENCES = (f"{{{W}}}pStyle", f"{{{W}}}rStyle", f"{{{W}}}tblStyle")


def _styles(path: Path) -> tuple[set[str], set[str]]:
    """(style ids the stories name, style ids styles.xml defines), read with lxml alone."""
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        named: set[str] = set()
        for name in names:
            if name.startswith("word/") and name.endswith(".xml") and name != "word/styles.xml":
                named |= {e.get(f"{{{W}}}val") for e in etree.fromstring(package.read(name)).iter(*STYLE_REFERENCES)}
        defined = set()
        if "word/styles.xml" in names:
            defined = {s.get(f"{{{W}}}styleId") for s in etree.fromstring(package.read("word/styles.xml")).iter(f"{{{W}}}style")}
    return named, defined


def styles_lost(redline: Path, old: Path) -> set[str]:
    """Styles the redline names (OLD's deleted content included) that OLD defines and the redline does not."""
    named, defined = _styles(redline)
    return (named & _styles(old)[1]) - defined


def ranged_comments(path: Path) -> set[tuple[str, str]]:
    """(author, text) of the comments that the main document anchors to a range (start, end and reference)."""
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        if "word/comments.xml" not in names:
            return set()
        body = etree.fromstring(package.read("word/document.xml"))
        comments = etree.fromstring(package.read("word/comments.xml"))
    tag = lambda name: f"{{{W}}}{name}"  # noqa: E731
    ids = [{e.get(tag("id")) for e in body.iter(tag(name))} for name in ("commentRangeStart", "commentRangeEnd", "commentReference")]
    anchored = set.intersection(*ids)
    return {(c.get(tag("author")), "".join(t.text or "" for t in c.iter(tag("t"))))
            for c in comments.iter(tag("comment")) if c.get(tag("id")) in anchored}


def revision_count(redline: Path) -> int:
    """Every revision mark in every part (w:ins, w:del, w:rPrChange, ...), from docx_views' counts."""
    return sum(views(redline)["counts"].values())


UNO_SCRIPT = r'''
import json, os, subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue
jobs, profile = json.load(open(sys.argv[1])), sys.argv[2]
pipe = "ccoutside_" + str(os.getpid())
proc = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "-env:UserInstallation=file://" + profile,
                         "--accept=pipe,name=%s;urp;" % pipe], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe); break
        except Exception:
            time.sleep(0.25)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    helper = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    results = []
    for source, mode, target in jobs:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
        if mode != "none":
            command = ".uno:AcceptAllTrackedChanges" if mode == "accept" else ".uno:RejectAllTrackedChanges"
            helper.executeDispatch(doc.CurrentController.Frame, command, "", 0, ())
        left = doc.Redlines.Count
        doc.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)
        results.append({"left": left})
    print(json.dumps(results))
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    proc.terminate(); proc.wait(60)
'''


COMMENT_REFERENCE = f"{{{W}}}commentReference"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def _rewritten(path: Path, workdir: Path, prefix: str, edit: Callable[[etree._Element], bool]) -> Path:
    """``path``, or a copy in ``workdir`` where ``edit(root)`` changed some XML part (it returns True)."""
    with zipfile.ZipFile(path) as package:
        parts = {info: package.read(info.filename) for info in package.infolist()}
    changed = False
    for info, data in parts.items():
        if not info.filename.endswith(".xml"):
            continue
        root = etree.fromstring(data)
        if edit(root):
            parts[info] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            changed = True
    if not changed:
        return path
    target = workdir / f"{prefix}-{len(list(workdir.glob(prefix + '-*')))}-{path.name}"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in parts.items():
            out.writestr(info, data)
    return target


def without_equations(path: Path, workdir: Path) -> Path:
    """A copy of ``path`` without its OMML equations (``m:oMath``/``m:oMathPara``), wherever they sit.

    For a pair whose equation change LibreOffice cannot apply (it applies no revision to OMML,
    shown on its own by the equation-changed pair) while the rest of the pair is still checked.
    """
    def edit(root: etree._Element) -> bool:
        maths = [e for e in root.iter(f"{{{M}}}oMathPara", f"{{{M}}}oMath")
                 if not any(a.tag in (f"{{{M}}}oMathPara", f"{{{M}}}oMath") for a in e.iterancestors())]
        for element in maths:
            element.getparent().remove(element)
        return bool(maths)
    return _rewritten(path, workdir, "nomath", edit)


def without_comment_anchors(path: Path, workdir: Path) -> Path:
    """``path``, or a copy of it without ``w:commentReference`` runs if it has any.

    Why: the LibreOffice here (Debian's libreoffice-writer-nogui 7.4) ships no .ui files, and a
    Writer view of any document holding a comment builds the comment's sidebar window from
    modules/swriter/ui/annotation.ui, so soffice aborts (NoSuchElementException from
    InterimItemWindow) or the load returns nothing; LibreOffice's own ODT with a comment does
    the same, so it is not the OOXML. ``--convert-to`` makes no view and opens these files.
    Without its reference a comment is not imported, and everything else in the file is
    checked as usual (the comments themselves are checked by docx_views).
    """
    def edit(root: etree._Element) -> bool:
        refs = list(root.iter(COMMENT_REFERENCE))
        for ref in refs:
            run = ref.getparent()
            alone = run.tag == f"{{{W}}}r" and len([c for c in run if c.tag != f"{{{W}}}rPr"]) == 1
            holder = run if alone else ref
            holder.getparent().remove(holder)
        return bool(refs)
    return _rewritten(path, workdir, "nocomments", edit)


def libreoffice_round_trips(jobs: list[tuple[Path, str]], workdir: Path) -> list[tuple[Path, int]]:
    """For each (docx, mode) with mode accept|reject|none: LibreOffice's result saved as DOCX.

    Returns (saved path, revisions left after the command). One soffice process for all jobs.
    Files with comments are given to LibreOffice without their comment anchors (see
    :func:`without_comment_anchors`).
    """
    planned = [(str(without_comment_anchors(Path(src), workdir)), mode, str(workdir / f"lo-{i}-{mode}.docx"))
               for i, (src, mode) in enumerate(jobs)]
    jobs_file = workdir / "jobs.json"
    jobs_file.write_text(json.dumps(planned))
    with tempfile.TemporaryDirectory() as profile:
        env = dict(os.environ, PYTHONPATH="")
        done = subprocess.run(["/usr/bin/python3", "-c", UNO_SCRIPT, str(jobs_file), profile],
                              capture_output=True, text=True, timeout=600, env=env, check=True)
    results = json.loads(done.stdout.strip().splitlines()[-1])
    return [(Path(target), result["left"]) for (_, _, target), result in zip(planned, results, strict=False)]


def text_of(view: dict, mode: str = "accept") -> dict[str, list[str]]:
    """Body and notes text, whitespace-normalised (LibreOffice re-saves tabs and spacing its way)."""
    norm = lambda items: [" ".join(t.split()) for t in items if t.strip()]  # noqa: E731
    return {story: norm(view[story][mode]) for story in ("body", "footnotes", "endnotes")}
