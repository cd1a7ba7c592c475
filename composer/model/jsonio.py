"""The model as JSON (Pandoc-style ``{"t": type, ...}`` objects), and back.

Used by the JSON renderer (``--format json``) and by ``compose diff`` to read a model that was
saved earlier. The mapping is generic over the model's dataclasses, so adding a block type
needs no change here.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from functools import cache
from typing import Any

from composer.errors import InputDocumentError
from composer.model import document as m

_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in vars(m).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == m.__name__
}


def to_data(value: Any) -> Any:
    """Convert a model object (or a list/tuple of them) to JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {"t": type(value).__name__}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if f.default is not dataclasses.MISSING:
                default = f.default
            elif f.default_factory is not dataclasses.MISSING:
                default = f.default_factory()
            else:
                default = None
            if item == default and f.name not in ("content", "blocks", "items"):
                continue
            out[f.name] = to_data(item)
        return out
    if isinstance(value, (list, tuple)):
        return [to_data(v) for v in value]
    return value


def from_data(data: Any) -> Any:
    """Inverse of :func:`to_data`; raises InputDocumentError on unknown types."""
    if isinstance(data, dict) and "t" in data:
        name = data["t"]
        cls = _TYPES.get(name)
        if cls is None:
            raise InputDocumentError(f"unknown model element {name!r} in JSON document")
        hints = _hints(cls)
        kwargs = {}
        for f in dataclasses.fields(cls):
            if f.name in data:
                kwargs[f.name] = _coerce(hints[f.name], from_data(data[f.name]))
        return cls(**kwargs)
    if isinstance(data, list):
        return [from_data(v) for v in data]
    return data


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(m))


def _coerce(annotation: Any, value: Any) -> Any:
    """Give JSON lists back the container types the annotation asks for (tuples vs lists)."""
    if not isinstance(value, list):
        return value
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Union or origin is getattr(__import__("types"), "UnionType", None):
        container = next((a for a in args if typing.get_origin(a) in (list, tuple)), None)
        return _coerce(container, value) if container is not None else value
    if origin is tuple:
        inner = args[0] if args else Any
        return tuple(_coerce(inner, v) for v in value)
    if origin is list:
        inner = args[0] if args else Any
        return [_coerce(inner, v) for v in value]
    return value


def document_to_json(document: m.Document) -> str:
    return json.dumps(to_data(document), ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def document_from_json(text: str) -> m.Document:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputDocumentError(f"not a JSON document model: {exc.msg} at line {exc.lineno}") from None
    document = from_data(data)
    if not isinstance(document, m.Document):
        raise InputDocumentError("JSON file does not hold a document model (expected t: Document)")
    return document
