"""Citations as delegates say them ("PP2", "OP 3(a)", "Article 4, para 2"), from a draft's structure.

A typed label ("3.", "(a)") says where a paragraph sits among its neighbours, not how a
negotiator names it: that depends on the part of the draft it is in (the preamble or the
operative part of a resolution, an article of a treaty, an objective of a compact). The
conventions are data (``composer/data/negotiation.yaml``); this module walks a draft's
paragraphs in order, opens a context where a heading or chapeau says so, and formats each
paragraph's citation with that context's formats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

CONVENTIONS_FILE = "negotiation.yaml"

_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)[.)]?$")
_SUB = re.compile(r"^\(?\s?([a-zA-Z]{1,6}|\d{1,3})\s?[.)]$")
_ROMAN = re.compile(r"^[ivxlcdm]+$")
_MARKUP = re.compile(r"[*_`]")
#: A paragraph (not a heading) opens a context only when it is this short: a chapeau, a title.
_OPENER_LIMIT = 100


class Item(NamedTuple):
    """One paragraph to cite: ``kind`` is heading, para, item, bullet or cell; ``label`` as shown."""

    kind: str
    label: str
    text: str


@dataclass(frozen=True)
class Context:
    """One kind of draft part: the pattern that opens it and how its paragraphs are cited."""

    name: str
    opens: re.Pattern[str] | None
    formats: dict[str, str]
    numbered_opens: str | None = None
    opens_heading: bool = False


@dataclass(frozen=True)
class Conventions:
    """The citation conventions, as read from the data file (the attribution wording beside them
    is read by :mod:`composer.model.attribution`)."""

    default: dict[str, str]
    contexts: tuple[Context, ...]

    def context(self, name: str) -> Context:
        return next(c for c in self.contexts if c.name == name)


@cache
def conventions() -> Conventions:
    """The conventions of ``composer/data/negotiation.yaml`` (read once per process)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: a third of the time
    raw: dict[str, Any] = yaml.load(  # a safe loader, C or Python
        resources.files("composer.data").joinpath(CONVENTIONS_FILE).read_text(encoding="utf-8"), Loader=loader)
    contexts = []
    for entry in raw["contexts"]:
        formats = {k: v for k, v in entry.items() if k not in ("name", "opens", "numbered_opens", "opens_heading")}
        contexts.append(Context(
            name=entry["name"],
            opens=re.compile(entry["opens"], re.IGNORECASE) if entry.get("opens") else None,
            formats=formats,
            numbered_opens=entry.get("numbered_opens"),
            opens_heading=bool(entry.get("opens_heading")),
        ))
    return Conventions(default=dict(raw["default"]), contexts=tuple(contexts))


@dataclass
class _State:
    """Where the walk is: the open context, its fields and the counters the formats use."""

    context: Context | None = None
    fields: dict[str, str] = field(default_factory=dict)
    number: str = ""
    subs: list[str] = field(default_factory=list)
    pp: int = 0
    cont: int = 0
    before: int = 0
    last: str = ""
    numbered_in_context: bool = False

    def format(self, rules: Conventions, key: str, **extra: str) -> str:
        formats = self.context.formats if self.context is not None else {}
        template = formats.get(key) or rules.default.get(key) or rules.default["numbered"]
        values = {"n": self.number, "subs": "".join(self.subs), "pp": str(self.pp), "k": str(self.before),
                  "c": str(self.cont), "last": self.last, **self.fields, **extra}
        try:
            return template.format(**values)
        except (KeyError, IndexError):
            return rules.default["numbered"].format(**values)


def cite_all(items: list[Item]) -> list[str]:
    """The citation of every item, in order (see module docstring)."""
    rules = conventions()
    state = _State()
    return [_cite(item, state, rules) for item in items]


def _opening(text: str, rules: Conventions, heading: bool) -> tuple[Context, dict[str, str]] | None:
    """The context ``text`` opens (with its named groups), if any."""
    clean = _MARKUP.sub("", text).strip()
    for context in rules.contexts:
        if context.opens is not None:
            match = context.opens.search(clean)
            if match:
                return context, {k: re.sub(r"\s+", "", v) for k, v in match.groupdict().items() if v}
    if heading:
        return next(((c, {}) for c in rules.contexts if c.opens_heading), None)
    return None


def _open(state: _State, context: Context, fields: dict[str, str]) -> None:
    state.context, state.fields = context, fields
    state.pp, state.cont, state.numbered_in_context = 0, 0, False
    state.number, state.subs = "", []


def _cite(item: Item, state: _State, rules: Conventions) -> str:
    label = item.label.strip()
    text = _MARKUP.sub("", item.text).strip()
    is_heading = item.kind == "heading" or (not label and text.startswith("#"))
    heading_text = text.lstrip("#").strip()
    if is_heading or (not label and len(text) <= _OPENER_LIMIT):
        opened = _opening(heading_text, rules, is_heading)
        if opened is not None:
            _open(state, *opened)
            return state.format(rules, "heading", heading=_short(heading_text))
    if is_heading:
        return _short(heading_text)
    number = _NUMBER.match(label)
    if number is not None:
        if state.context is not None and state.context.numbered_opens:
            _open(state, rules.context(state.context.numbered_opens), state.fields)
        state.number, state.subs, state.numbered_in_context = number.group(1), [], True
        state.last, state.cont = state.format(rules, "numbered"), 0
        return state.last
    sub = _SUB.match(label)
    if sub is not None:
        _push_sub(state, sub.group(1))
        state.last, state.cont = state.format(rules, "sub"), 0
        return state.last
    return _unnumbered(state, rules)


def _unnumbered(state: _State, rules: Conventions) -> str:
    """A paragraph without a number: preambular, a chapeau, text running on, or the title block."""
    formats = state.context.formats if state.context is not None else {}
    if "{pp}" in formats.get("unnumbered", ""):
        state.pp += 1
        return state.format(rules, "unnumbered")
    if "unnumbered" in formats and not state.numbered_in_context:
        return state.format(rules, "unnumbered")
    if not state.last:
        state.before += 1
        return state.format(rules, "first")
    state.cont += 1
    if state.numbered_in_context and "unnumbered_after_numbered" in formats:
        return state.format(rules, "unnumbered_after_numbered")
    return state.format(rules, "continued")


def _follows(letter: str, value: str) -> bool:
    """``value`` is the letter after ``letter`` ("i" after "h")."""
    return len(letter) == 1 and len(value) == 1 and letter.isalpha() and ord(value) == ord(letter) + 1


def _push_sub(state: _State, value: str) -> None:
    """Nest a sub-paragraph label: a letter under the number, a roman numeral under a letter.

    "(i)" after "(h)" is the ninth letter; after "(a)" it opens roman numerals under "(a)".
    """
    value = value.lower()
    shown = f"({value})"
    letter = state.subs[0].strip("()") if state.subs else ""
    if len(state.subs) >= 2 and _ROMAN.match(value) and not _follows(letter, value):
        state.subs[-1] = shown
    elif len(state.subs) == 1 and value == "i" and not _follows(letter, value):
        state.subs.append(shown)
    else:
        state.subs = [shown]


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
