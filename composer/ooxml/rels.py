"""One relationship resolver: from a part to the part it points at, checked.

An OPC package links parts by relationships (``word/_rels/document.xml.rels``). A hostile or
broken package can point a relationship at a part that is not there, or outside the package
(``../../etc/passwd``); both are refused here with one line naming the package and the
relationship, so no reader or writer resolves targets its own way.

Works on anything with ``name``, ``has(member)`` and ``read(member)``: the guarded
:class:`~composer.ooxml.safezip.Package` of an outside file, or :class:`PartMap` over parts
already in memory (a package being rewritten).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from typing import Protocol

from composer.errors import InputDocumentError
from composer.ooxml.ns import OFFICE_DOCUMENT, PKG_REL_NS
from composer.ooxml.safexml import parse_xml

PACKAGE_RELS = "_rels/.rels"
_REL = f"{{{PKG_REL_NS}}}Relationship"


class PartSource(Protocol):
    """What the resolver needs from a package."""

    name: str

    def has(self, member: str) -> bool: ...

    def read(self, member: str) -> bytes: ...


@dataclass
class PartMap:
    """Parts held in memory (member name -> bytes) seen as a :class:`PartSource`."""

    name: str
    parts: MutableMapping[str, bytes]

    def has(self, member: str) -> bool:
        return member in self.parts

    def read(self, member: str) -> bytes:
        try:
            return self.parts[member]
        except KeyError:
            raise InputDocumentError(f"{self.name}: missing part {member}") from None


class BadRelationshipError(InputDocumentError):
    """A relationship whose target is missing or lies outside the package."""


@dataclass(frozen=True)
class Relationship:
    """One ``Relationship`` element: ``target`` as written; ``external`` for URLs and linked files."""

    id: str
    type: str
    target: str
    external: bool

    def kind(self) -> str:
        """The type's last segment with its slash (``/footnotes``): Strict and Transitional agree on it."""
        return "/" + self.type.rsplit("/", 1)[-1]


def rels_part_name(part: str) -> str:
    """Where the relationships of ``part`` live: ``word/document.xml`` -> ``word/_rels/document.xml.rels``."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def resolve_target(source_part: str, target: str, package_name: str = "package") -> str:
    """The member name ``target`` refers to, relative to ``source_part`` (or absolute from the root).

    Raises :class:`BadRelationshipError` for targets that climb out of the package.
    """
    if not target:
        raise BadRelationshipError(f"{package_name}: a relationship of {source_part or '/'} has an empty target")
    joined = target.lstrip("/") if target.startswith("/") else posixpath.join(posixpath.dirname(source_part), target)
    resolved = posixpath.normpath(joined)
    if resolved.startswith("../") or resolved in ("..", ".") or resolved.startswith("/"):
        raise BadRelationshipError(
            f"{package_name}: relationship target {target!r} of {source_part or '/'} lies outside the package"
        )
    return resolved


class Relationships:
    """The relationships of one part (or of the package, ``part=""``), resolved on demand."""

    def __init__(self, package: PartSource, part: str):
        self.package = package
        self.part = part
        self.items: list[Relationship] = list(self._parse())

    def _parse(self) -> Iterator[Relationship]:
        name = PACKAGE_RELS if not self.part else rels_part_name(self.part)
        if not self.package.has(name):
            return
        root = parse_xml(self.package.read(name), f"{self.package.name}: {name}")
        for rel in root.iter(_REL):
            yield Relationship(
                id=rel.get("Id", ""),
                type=rel.get("Type", ""),
                target=rel.get("Target", ""),
                external=rel.get("TargetMode") == "External",
            )

    def __iter__(self) -> Iterator[Relationship]:
        return iter(self.items)

    def find(self, kind: str) -> Relationship | None:
        """The first internal relationship whose type ends with ``kind`` (``"/styles"``)."""
        return next((r for r in self.items if not r.external and r.type.endswith(kind)), None)

    def target(self, kind: str, required: bool = False) -> str | None:
        """The member a relationship of ``kind`` points at; None when there is no such relationship.

        A relationship that exists but points at a missing part or outside the package is refused;
        so is a missing relationship when ``required``.
        """
        rel = self.find(kind)
        if rel is None:
            if required:
                raise BadRelationshipError(f"{self.package.name}: {self.part or 'the package'} has no {kind[1:]} part")
            return None
        return self.checked_target(rel)

    def checked_target(self, rel: Relationship) -> str:
        """``rel``'s member name, refused if it lies outside the package or is missing."""
        member = resolve_target(self.part, rel.target, self.package.name)
        if not self.package.has(member):
            raise BadRelationshipError(
                f"{self.package.name}: relationship {rel.id or rel.kind()} of {self.part or 'the package'} "
                f"points to a missing part {member}"
            )
        return member


def main_document_part(package: PartSource) -> str:
    """The main WordprocessingML part, found through the package relationships."""
    if not package.has(PACKAGE_RELS):
        if package.has("word/document.xml"):
            return "word/document.xml"
        raise InputDocumentError(f"{package.name}: not a Word document (no package relationships)")
    rels = Relationships(package, "")
    rel = rels.find(OFFICE_DOCUMENT)
    if rel is None:
        raise InputDocumentError(f"{package.name}: not a Word document (no main document part)")
    target = resolve_target("", rel.target, package.name)
    if not target.startswith("word/") and "document" not in target:
        raise InputDocumentError(f"{package.name}: not a Word document (main part is {target})")
    if not package.has(target):
        raise InputDocumentError(f"{package.name}: corrupt DOCX, missing {target}")
    return target
