"""A Word package held in memory: parts, relationships, content types, and safe writing.

Both drafts are read through the guarded zip and XML readers (size caps, no DTDs). The redline
is written on NEW's package, so this module also decides what of that package may leave the
tool (:meth:`WordPackage.sanitise`): macros, ActiveX, external templates, OLE and frame links,
link targets that are not web addresses, and parts with unnormalised names are removed, and
every XML part that is kept has been parsed by the safe parser (one that fails is dropped).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass, field

from lxml import etree

from composer.errors import InputDocumentError
from composer.ooxml.safexml import parse_xml
from composer.ooxml.safezip import open_package
from composer.ooxml.zipwriter import write_package
from composer.wml.names import CT_NS, PKG_REL_NS, R_NS, w

CONTENT_TYPES = "[Content_Types].xml"
MAIN_MACRO_FREE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_ALLOWED_SCHEMES = ("http://", "https://", "mailto:")
_HOSTILE_PART = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml|vbaProjectSignature\.bin|customizations\.xml)$"
                           r"|(^|/)activeX/", re.IGNORECASE)
_HOSTILE_TYPE = re.compile(r"vbaProject|vbaData|activeX|keyMapCustomizations|ms-office\.vba", re.IGNORECASE)
#: Elements that only exist to point at a relationship: removed with a relationship we drop.
_POINTER_ELEMENTS = {w("attachedTemplate"), w("subDoc"), w("altChunk")}


@dataclass(frozen=True)
class Relationship:
    """One relationship of a part; ``target`` is a part name, or a URL when ``external``."""

    id: str
    type: str
    target: str
    external: bool

    @property
    def kind(self) -> str:
        """The last segment of the relationship type (``image``, ``hyperlink``, ``footnotes`` ...)."""
        return self.type.rsplit("/", 1)[-1]


def rels_name(part: str) -> str:
    """The relationships part of ``part`` (``word/_rels/document.xml.rels``)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def is_normal_name(name: str) -> bool:
    """Whether ``name`` is a plain relative part name that stays inside the package."""
    if not name or name.startswith("/") or "\\" in name or ":" in name or name.endswith("/"):
        return False
    segments = name.split("/")
    return all(s not in ("", ".", "..") for s in segments) and posixpath.normpath(name) == name


def resolve_target(source: str, target: str) -> str | None:
    """A relationship target as a part name, or None when it points outside the package."""
    if target.startswith("/"):
        name = target.lstrip("/")
    else:
        name = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
    return name if is_normal_name(name) else None


@dataclass
class WordPackage:
    """Parts of one DOCX; parsed XML is cached and written back by :meth:`to_bytes`."""

    name: str
    parts: dict[str, bytes]
    order: list[str]
    _xml: dict[str, etree._Element] = field(default_factory=dict)
    _rels: dict[str, dict[str, Relationship]] = field(default_factory=dict)
    _rel_roots: dict[str, etree._Element] = field(default_factory=dict)
    _dirty: set[str] = field(default_factory=set)
    _by_hash: dict[str, str] | None = None

    @classmethod
    def from_bytes(cls, data: bytes, name: str) -> WordPackage:
        """Read every member through the capped zip reader; duplicate names are refused."""
        package = open_package(data, name)
        names = package.names()
        if len(set(names)) != len(names):
            raise InputDocumentError(f"{name}: the package holds duplicate part names; refused")
        order = [n for n in names if not n.endswith("/")]
        parts = {n: package.read(n) for n in order}
        if CONTENT_TYPES not in parts:
            raise InputDocumentError(f"{name}: not a Word document (no [Content_Types].xml)")
        return cls(name=name, parts=parts, order=order)

    # reading -------------------------------------------------------------------------------
    def xml(self, part: str) -> etree._Element:
        """The parsed root of ``part`` (safe parser; cached, so edits to it are kept)."""
        if part not in self._xml:
            if part not in self.parts:
                raise InputDocumentError(f"{self.name}: missing part {part}")
            self._xml[part] = parse_xml(self.parts[part], f"{self.name}: {part}")
        return self._xml[part]

    def same_bytes(self, part: str, other: WordPackage, other_part: str) -> bool:
        """Whether ``part`` here and ``other_part`` of ``other`` are the same bytes, neither parsed
        yet (so neither edited): a step that would compare the two can be skipped."""
        return (part in self.parts and part not in self._xml and other_part not in other._xml
                and self.parts[part] == other.parts.get(other_part))

    def touch(self, part: str) -> None:
        """Mark ``part``'s cached XML as changed, to be serialised on writing."""
        self._dirty.add(part)

    def rels(self, part: str) -> dict[str, Relationship]:
        """Relationships of ``part`` by id (internal targets resolved to part names)."""
        if part not in self._rels:
            out: dict[str, Relationship] = {}
            name = rels_name(part)
            if name in self.parts:
                root = self.xml(name)
                self._rel_roots[part] = root
                for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
                    rid, kind, target = rel.get("Id"), rel.get("Type", ""), rel.get("Target", "")
                    if not rid:
                        continue
                    external = rel.get("TargetMode") == "External"
                    resolved = target if external else resolve_target(part, target)
                    if resolved is not None:
                        out[rid] = Relationship(rid, kind, resolved, external)
            self._rels[part] = out
        return self._rels[part]

    @property
    def main(self) -> str:
        """The main document part named by the package relationships."""
        for rel in self.rels("").values():
            if rel.type.endswith("/officeDocument") and not rel.external and rel.target in self.parts:
                return rel.target
        if "word/document.xml" in self.parts:
            return "word/document.xml"
        raise InputDocumentError(f"{self.name}: not a Word document (no main document part)")

    def related(self, part: str, kind: str) -> str | None:
        """The first internal part related to ``part`` by a relationship of ``kind``."""
        for rel in self.rels(part).values():
            if rel.kind == kind and not rel.external and rel.target in self.parts:
                return rel.target
        return None

    def target(self, part: str, rid: str) -> Relationship | None:
        return self.rels(part).get(rid)

    # writing -------------------------------------------------------------------------------
    def _rel_root(self, part: str) -> etree._Element:
        self.rels(part)
        if part not in self._rel_roots:
            root = etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})
            name = rels_name(part)
            self._rel_roots[part] = self._xml[name] = root
            self.parts[name] = b""
            self.order.append(name)
        return self._rel_roots[part]

    def add_rel(self, part: str, kind: str, target: str, external: bool = False) -> str:
        """A relationship from ``part`` (an existing equal one is reused); returns its id."""
        for rel in self.rels(part).values():
            if rel.type == kind and rel.target == target and rel.external == external:
                return rel.id
        root = self._rel_root(part)
        used = set(self._rels[part]) | {r.get("Id") for r in root}
        rid = next(f"rIdRl{k}" for k in range(1, 10**7) if f"rIdRl{k}" not in used)
        stored = target if external else posixpath.relpath(target, posixpath.dirname(part) or ".")
        element = etree.SubElement(root, f"{{{PKG_REL_NS}}}Relationship", Id=rid, Type=kind, Target=stored)
        if external:
            element.set("TargetMode", "External")
        self._rels[part][rid] = Relationship(rid, kind, target, external)
        self.touch(rels_name(part))
        return rid

    def content_type(self, part: str) -> str | None:
        """The content type of ``part`` (an Override, else the Default for its extension)."""
        types = self.xml(CONTENT_TYPES)
        for override in types.iter(f"{{{CT_NS}}}Override"):
            if override.get("PartName", "").lstrip("/").lower() == part.lower():
                return override.get("ContentType")
        extension = part.rsplit(".", 1)[-1].lower()
        for default in types.iter(f"{{{CT_NS}}}Default"):
            if default.get("Extension", "").lower() == extension:
                return default.get("ContentType")
        return None

    def add_part(self, name: str, data: bytes, content_type: str | None) -> str:
        """Add a part under a free name like ``name`` and register its content type."""
        stem, dot, extension = name.rpartition(".")
        candidate, k = name, 1
        lowered = {n.lower() for n in self.parts}
        while candidate.lower() in lowered:
            k += 1
            candidate = f"{stem}-{k}{dot}{extension}"
        self.parts[candidate] = data
        self.order.append(candidate)
        if content_type and self.content_type(candidate) != content_type:
            types = self.xml(CONTENT_TYPES)
            etree.SubElement(types, f"{{{CT_NS}}}Override", PartName="/" + candidate, ContentType=content_type)
            self.touch(CONTENT_TYPES)
        if self._by_hash is not None:
            self._by_hash.setdefault(hashlib.sha1(data).hexdigest(), candidate)
        return candidate

    def part_with_bytes(self, data: bytes) -> str | None:
        """A binary (non-XML) part already holding exactly ``data``."""
        if self._by_hash is None:
            self._by_hash = {}
            for name, content in self.parts.items():
                if not name.lower().endswith(_XML_SUFFIXES):
                    self._by_hash.setdefault(hashlib.sha1(content).hexdigest(), name)
        return self._by_hash.get(hashlib.sha1(data).hexdigest())

    def new_xml_part(self, name: str, root: etree._Element, content_type: str, source: str, kind: str) -> str:
        """Add an XML part, its content type, and a relationship of ``kind`` from ``source``."""
        part = self.add_part(name, b"", content_type)
        self._xml[part] = root
        self.touch(part)
        self.add_rel(source, kind, part)
        return part

    def to_bytes(self) -> bytes:
        """Serialise changed XML and write a deterministic zip (fixed times, stable order)."""
        for part in self._dirty:
            if part in self.parts and part in self._xml:
                self.parts[part] = etree.tostring(self._xml[part], xml_declaration=True, encoding="UTF-8",
                                                  standalone=True)
        return write_package(self.parts, self.order)

    # safety --------------------------------------------------------------------------------
    def sanitise(self) -> list[str]:
        """Remove what a document we write must not carry; returns what was removed, in words."""
        removed: list[str] = []
        for name in list(self.parts):
            if not is_normal_name(name) and name != CONTENT_TYPES:
                removed.append(f"part with an unsafe name {name!r}")
                self._drop(name)
        for name in list(self.parts):
            kind = self.content_type(name) or ""
            if _HOSTILE_PART.search(name) or _HOSTILE_TYPE.search(kind):
                removed.append(f"macro/ActiveX part {name}")
                self._drop(name)
        for name in list(self.parts):
            if name == CONTENT_TYPES or not (name.lower().endswith(_XML_SUFFIXES) or "xml" in (self.content_type(name) or "")):
                continue
            try:
                self.xml(name)
            except InputDocumentError:
                removed.append(f"part {name} (unsafe or malformed XML)")
                self._drop(name)
        self._fix_main_content_type(removed)
        for name in list(self.parts):
            source = self._source_of(name)
            if source is not None and source != "" and source not in self.parts:
                self._drop(name)  # the relationships of a part that is gone
        for source in sorted({self._source_of(n) for n in self.parts if n.endswith(".rels")} - {None}):
            removed.extend(self._sanitise_rels(source))  # type: ignore[arg-type]
        return removed

    def _source_of(self, rels_part: str) -> str | None:
        folder, base = posixpath.split(rels_part)
        if posixpath.basename(folder) != "_rels" or not base.endswith(".rels"):
            return None
        return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])

    def _drop(self, name: str) -> None:
        self.parts.pop(name, None)
        self._xml.pop(name, None)
        self._dirty.discard(name)
        if name in self.order:
            self.order.remove(name)
        types = self.xml(CONTENT_TYPES)
        for override in list(types.iter(f"{{{CT_NS}}}Override")):
            if override.get("PartName", "").lstrip("/") == name:
                types.remove(override)
                self.touch(CONTENT_TYPES)

    def _fix_main_content_type(self, removed: list[str]) -> None:
        types = self.xml(CONTENT_TYPES)
        main = self.main
        for override in types.iter(f"{{{CT_NS}}}Override"):
            kind = override.get("ContentType", "")
            if override.get("PartName", "").lstrip("/") == main and "macroEnabled" in kind:
                override.set("ContentType", MAIN_MACRO_FREE)
                self.touch(CONTENT_TYPES)
                removed.append("macro-enabled document type")
            elif "macroEnabled" in kind or "vba" in kind.lower():
                types.remove(override)
                self.touch(CONTENT_TYPES)

    def _sanitise_rels(self, source: str) -> list[str]:
        """Drop relationships to outside targets (but web links) and to parts that are gone."""
        removed, dropped = [], set()
        rels = self.rels(source)
        root = self._rel_roots.get(source)
        if root is None:
            return removed
        for element in list(root):
            rid, target = element.get("Id"), element.get("Target", "")
            kind = element.get("Type", "").rsplit("/", 1)[-1]
            external = element.get("TargetMode") == "External"
            if external:
                ok = kind == "hyperlink" and target.lower().startswith(_ALLOWED_SCHEMES)
                why = f"external {kind} {target[:60]}"
            else:
                resolved = rels.get(rid or "")
                ok = resolved is not None and resolved.target in self.parts
                why = f"{kind} relationship to {target[:60]}" if resolved is None else ""
            if not ok:
                root.remove(element)
                dropped.add(rid)
                rels.pop(rid or "", None)
                if why:
                    removed.append(why)
        if dropped:
            self.touch(rels_name(source))
            if source in self.parts:
                self._unlink(source, dropped)
        return removed

    def _unlink(self, part: str, dropped: set[str | None]) -> None:
        """Remove pointers to dropped relationships from ``part``'s XML."""
        try:
            root = self.xml(part)
        except InputDocumentError:
            return
        changed = False
        for element in list(root.iter()):
            for attribute, value in list(element.attrib.items()):
                if attribute.startswith(f"{{{R_NS}}}") and value in dropped:
                    changed = True
                    parent = element.getparent()
                    if element.tag in _POINTER_ELEMENTS and parent is not None:
                        parent.remove(element)
                        break
                    del element.attrib[attribute]
        if changed:
            self.touch(part)
