"""YAML reading that remembers where things are, so every problem can say ``file:line``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from composer.errors import Problem


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


SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, Problem(display, 1, "file not found")
    except UnicodeDecodeError as exc:
        return None, Problem(display, 1, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    except OSError as exc:
        return None, Problem(display, 1, f"cannot read: {exc.strerror or exc}")
    try:
        node, data = parse_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or exc.context or "invalid YAML"
        return None, Problem(display, line, f"malformed YAML: {what}")
    except yaml.YAMLError as exc:
        return None, Problem(display, 1, f"malformed YAML: {exc}")
    return LocatedYaml(data, node, display), None
