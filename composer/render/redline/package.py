"""Zip packages for the DOCX redline: the base package, its parts, and deterministic writing."""

from __future__ import annotations

import io
import posixpath
import zipfile

import docx
from lxml import etree

from composer.ooxml.ns import PKG_REL_NS, W_NS, w

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
FOOTNOTES_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def default_package() -> tuple[dict[str, bytes], list[str]]:
    """python-docx's default template: the last-resort base for a redline."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return package_from_bytes(buffer.getvalue())


def package_from_bytes(data: bytes) -> tuple[dict[str, bytes], list[str]]:
    """A DOCX we produced ourselves, as parts and their order (trusted: no size or XML checks)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        order = [n for n in archive.namelist() if not n.endswith("/")]
        return {n: archive.read(n) for n in order}, order


def main_part(parts: dict[str, bytes]) -> str:
    root = etree.fromstring(parts["_rels/.rels"])
    for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
        if rel.get("Type", "").endswith("/officeDocument"):
            return rel.get("Target", "").lstrip("/")
    return "word/document.xml"


def rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def related_part(parts: dict[str, bytes], part: str, type_suffix: str) -> str | None:
    """The target of ``part``'s relationship whose type ends with ``type_suffix``."""
    name = rels_name(part)
    if name not in parts:
        return None
    folder = posixpath.dirname(part)
    for rel in etree.fromstring(parts[name]).iter(f"{{{PKG_REL_NS}}}Relationship"):
        if rel.get("Type", "").endswith(type_suffix) and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
    return None


def add_footnotes_part(parts: dict[str, bytes], order: list[str], main: str) -> str:
    """Create an empty footnotes part related to ``main``, with its content type."""
    target = posixpath.join(posixpath.dirname(main), "footnotes.xml")
    rels = rels_name(main)
    root = etree.fromstring(parts[rels]) if rels in parts else etree.Element(
        f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})
    used = {rel.get("Id") for rel in root}
    rid = next(f"rIdRedline{k}" for k in range(1, 10**6) if f"rIdRedline{k}" not in used)
    etree.SubElement(root, f"{{{PKG_REL_NS}}}Relationship", Id=rid, Type=FOOTNOTES_TYPE, Target="footnotes.xml")
    parts[rels] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    types = etree.fromstring(parts["[Content_Types].xml"])
    etree.SubElement(types, f"{{{CT_NS}}}Override", PartName="/" + target, ContentType=FOOTNOTES_CT)
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts[target] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        "</w:footnote></w:footnotes>"
    ).encode()
    for name in (rels, target):
        if name not in order:
            order.append(name)
    return target


def style_ids(parts: dict[str, bytes], main: str) -> dict[str, str]:
    """Style id by lower-case style name (and by id), from the package's styles part."""
    styles = related_part(parts, main, "/styles")
    out: dict[str, str] = {}
    if styles is None or styles not in parts:
        return out
    for style in etree.fromstring(parts[styles]).iter(w("style")):
        style_id = style.get(w("styleId"), "")
        name = style.find(w("name"))
        out[style_id.lower()] = style_id
        if name is not None:
            out[name.get(w("val"), "").lower()] = style_id
    return out


def zip_parts(parts: dict[str, bytes], order: list[str]) -> bytes:
    """A zip with the parts in ``order``, fixed timestamps and attributes: byte-identical reruns."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        names = ["[Content_Types].xml"] + [n for n in order if n != "[Content_Types].xml" and n in parts]
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, parts[name])
    return buffer.getvalue()
