"""YAML reading that remembers where things are, so every problem can say ``file:line``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from composer.errors import InputDocumentError, Problem
from composer.ooxml.text import describe, first_control
from composer.safefile import read_text_capped

#: Largest YAML file read (a library file of 94k clauses is about 50 MB).
MAX_YAML_BYTES = 128 * 1024 * 1024


@dataclass
class LocatedYaml:
    """A parsed YAML document together with its node tree (for line numbers)."""

    data: Any
    node: yaml.Node | None
    path: str

    def line_of(self, loc: tuple[Any, ...]) -> int:
        """Return the 1-based line of the value at ``loc`` (keys and list indexes), as deep as it exists."""
        node = self.node
        line = node.start_mark.line + 1 if node is not None else 1
        for step in loc:
            if isinstance(node, yaml.MappingNode):
                found = None
                for key_node, value_node in node.value:
                    if key_node.value == str(step):
                        found = value_node
                        line = key_node.start_mark.line + 1
                        break
                if found is None:
                    return line
                node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
                line = node.start_mark.line + 1
            else:
                return line
        return line


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE = "tag:yaml.org,2002:merge"
#: Tags a clause, registry or manifest file has no use for: refused rather than turned into
#: bytes, sets or ordered pairs that later checks would coerce without a word.
_REFUSED_TAGS = ("binary", "set", "omap", "pairs")


class StrictLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader, stricter where silence would change data.

    A key given twice in one mapping is an error (PyYAML keeps the last value); an unquoted
    date must be a real date (PyYAML raises ``ValueError`` on ``2026-13-45``) and stays text as
    written, which is what every model does with dates anyway; ``!!binary``, ``!!set``,
    ``!!omap`` and ``!!pairs`` are refused.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, yaml.Node] = {}
            for key_node, _ in node.value:
                if key_node.tag == _MERGE or not isinstance(key_node, yaml.ScalarNode):
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.get(key)
                except TypeError:
                    continue
                if first is not None:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"duplicate key {key_node.value!r} (first given on line {first.start_mark.line + 1})",
                        key_node.start_mark,
                    )
                seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


def _construct_date(loader: StrictLoader, node: yaml.ScalarNode) -> str:
    """Check an unquoted date or timestamp and keep it as the text written."""
    text = str(loader.construct_scalar(node))
    try:
        yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        raise yaml.constructor.ConstructorError(
            None, None, f"{text!r} is not a valid date (write YYYY-MM-DD, or quote it if it is not a date)",
            node.start_mark,
        ) from None
    return text


def _refuse_tag(loader: StrictLoader, node: yaml.Node) -> None:
    raise yaml.constructor.ConstructorError(
        None, None, f"the YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed here", node.start_mark
    )


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)
for _tag in _REFUSED_TAGS:
    StrictLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)
SafeLoader = StrictLoader


def parse_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """Parse once into a node tree (for line numbers) and build the data from that tree.

    Uses libyaml's C loader when PyYAML was built with it (about 10 times faster on the library
    than the pure-Python one); the marks and errors are the same.
    """
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def safe_load(text: str) -> Any:
    """``yaml.safe_load`` with the fast loader: for files that need no line numbers."""
    return parse_yaml(text)[1]


def read_yaml(path: Path, display: str) -> tuple[LocatedYaml | None, Problem | None]:
    """Parse ``path``; return the located document, or a Problem naming file and line."""
    if not Path(path).exists():
        return None, Problem(display, 1, "file not found")
    try:
        text = read_text_capped(path, MAX_YAML_BYTES, display)
    except InputDocumentError as exc:
        return None, Problem(display, 1, str(exc).removeprefix(f"{display}: "))
    try:
        node, data = parse_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or exc.context or "invalid YAML"
        return None, Problem(display, line, f"malformed YAML: {what}")
    except yaml.YAMLError as exc:
        return None, Problem(display, 1, f"malformed YAML: {exc}")
    bad = _control_character(node) if _MAY_HOLD_CONTROL.search(text) else None
    if bad is not None:
        return None, Problem(display, bad[0], f"control character {describe(bad[1])} in a text value; remove it")
    return LocatedYaml(data, node, display), None


#: Only an escape in double quotes (or a raw NEL, which PyYAML's reader lets through) can put a
#: control character in a scalar: files without one need no walk over their nodes.
_MAY_HOLD_CONTROL = re.compile(r"\\[0abvfeNxuU]|\x85")


def _control_character(node: yaml.Node | None) -> tuple[int, str] | None:
    """Line and character of the first scalar holding a control character (escapes like ``"\\e"``).

    PyYAML refuses such characters written raw, but not written as escapes in double quotes;
    they would crash the DOCX writer or act on a terminal, so no YAML file of ours may hold them.
    """
    stack = [node] if node is not None else []
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode):
            char = first_control(current.value)
            if char is not None:
                return current.start_mark.line + 1, char
        elif isinstance(current, yaml.MappingNode):
            for key_node, value_node in reversed(current.value):
                stack.extend((value_node, key_node))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
    return None
