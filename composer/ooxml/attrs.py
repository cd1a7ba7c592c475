"""Checked attribute reading: a bad value in someone else's XML is a one-line error, never a traceback.

Word files from outside carry whatever their producer wrote: ``w:outlineLvl w:val="x"``, a
footnote id of ``"1.5"``, ``w:ilvl="-3"``. Every number, toggle or enumerated value the project
reads from a part goes through :func:`int_attr`, :func:`bool_attr` or :func:`enum_attr`, which
raise :class:`BadAttributeError` (an :class:`~composer.errors.InputDocumentError`) naming the
part, the element and the attribute.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import overload

from lxml import etree

from composer.errors import InputDocumentError
from composer.ooxml.ns import NS, qn

_TRUE = frozenset(("1", "true", "on"))
_FALSE = frozenset(("0", "false", "off", "none"))


class BadAttributeError(InputDocumentError):
    """An attribute whose value is not what the schema allows (``where``: the file and part)."""

    def __init__(self, where: str, element: etree._Element, attribute: str, value: str, expected: str):
        self.where, self.attribute, self.value = where, attribute, value
        super().__init__(f"{where}: <{prefixed(element.tag)} {attribute}={value!r}>: expected {expected}")


def prefixed(clark: object) -> str:
    """``{ns}local`` back to ``w:local`` for messages (the URI when the namespace is not ours)."""
    if not isinstance(clark, str):
        return str(clark)
    if not clark.startswith("{"):
        return clark
    uri, _, local = clark[1:].partition("}")
    prefix = next((p for p, u in NS.items() if u == uri), None)
    return f"{prefix}:{local}" if prefix else local


def _raw(element: etree._Element, attribute: str) -> str | None:
    return element.get(qn(attribute))


@overload
def int_attr(element: etree._Element, attribute: str, where: str, default: int, *,
             low: int | None = None, high: int | None = None) -> int: ...
@overload
def int_attr(element: etree._Element, attribute: str, where: str, default: None = None, *,
             low: int | None = None, high: int | None = None) -> int | None: ...
def int_attr(element, attribute, where, default=None, *, low=None, high=None):
    """``attribute`` (e.g. ``"w:val"``) of ``element`` as an int in ``[low, high]``; ``default`` when absent."""
    value = _raw(element, attribute)
    if value is None:
        return default
    text = value.strip()
    try:
        number = int(text, 10)
    except ValueError:
        raise BadAttributeError(where, element, attribute, value, "a whole number") from None
    if (low is not None and number < low) or (high is not None and number > high):
        bounds = f"{'' if low is None else low}..{'' if high is None else high}"
        raise BadAttributeError(where, element, attribute, value, f"a whole number in {bounds}")
    return number


def bool_attr(element: etree._Element, attribute: str, where: str, default: bool) -> bool:
    """An ``ST_OnOff`` attribute (``1/0/true/false/on/off``); ``default`` when absent."""
    value = _raw(element, attribute)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise BadAttributeError(where, element, attribute, value, "on or off (true, false, 1, 0)")


def enum_attr(element: etree._Element, attribute: str, where: str, allowed: Collection[str],
              default: str | None = None) -> str | None:
    """An enumerated attribute, one of ``allowed``; ``default`` when absent."""
    value = _raw(element, attribute)
    if value is None:
        return default
    if value not in allowed:
        raise BadAttributeError(where, element, attribute, value, "one of " + ", ".join(sorted(allowed)))
    return value


def child_int(parent: etree._Element | None, child: str, where: str, default: int | None = None, *,
              attribute: str = "w:val", low: int | None = None, high: int | None = None) -> int | None:
    """``<parent><child w:val="N"/></parent>`` read as an int (``default`` if the child or value is missing)."""
    if parent is None:
        return default
    element = parent.find(qn(child))
    if element is None:
        return default
    return int_attr(element, attribute, where, default, low=low, high=high)


#: WordprocessingML attributes that hold whole numbers and that our readers or writers use:
#: element local name -> attributes. A part we take in (a ``--template``) is checked once for
#: all of them, so a bad value never travels into a document we write and read back later.
INTEGER_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "outlineLvl": ("w:val",),
    "ilvl": ("w:val",),
    "numId": ("w:val",),
    "abstractNumId": ("w:val",),
    "start": ("w:val",),
    "lvl": ("w:ilvl",),
    "num": ("w:numId",),
    "abstractNum": ("w:abstractNumId",),
    "footnote": ("w:id",),
    "endnote": ("w:id",),
    "footnoteReference": ("w:id",),
    "endnoteReference": ("w:id",),
}


def check_integer_attributes(root: etree._Element, where: str) -> None:
    """Raise :class:`BadAttributeError` for the first integer attribute of ``root`` that is not one."""
    w_ns = NS["w"]
    for element in root.iter(etree.Element):
        tag = element.tag
        if not isinstance(tag, str) or not tag.startswith(f"{{{w_ns}}}"):
            continue
        names = INTEGER_ATTRIBUTES.get(tag[len(w_ns) + 2:])
        for attribute in names or ():
            value = _raw(element, attribute)
            if value is not None and not value.strip().lstrip("-").isascii():
                raise BadAttributeError(where, element, attribute, value, "a whole number")
            int_attr(element, attribute, where, None)
