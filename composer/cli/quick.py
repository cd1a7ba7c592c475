"""Reading a command's arguments straight from its Typer declarations, without Typer's machinery.

Typer (0.2x) coerces every parameter through a pydantic ``TypeAdapter`` built when the command
runs: importing pydantic and building the adapters costs about 0.1 s, more than a small
``compose diff a.docx b.docx --format docx`` spends on the documents. The declarations stay the
one source of truth: this module reads the ``typer.Argument``/``typer.Option`` objects of the
command's signature and handles the plain cases (positional paths and strings, ``--name value``,
``--name=value``, short names, boolean flags); anything else (``--help``, an unknown or repeated
option, a missing argument, ``--``, a value that looks like an option, a ``--x/--no-x`` flag, a
type other than str, Path and bool) returns None, and the caller hands the arguments to Typer,
which parses them and words any usage error itself.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from typer.models import ArgumentInfo, OptionInfo

#: The annotation names (``from __future__ import annotations`` keeps them as strings) handled here.
_CONVERT: dict[str, Callable[[str], Any]] = {"str": str, "Path": Path}


def parse(command: Callable[..., Any], args: Sequence[str]) -> dict[str, Any] | None:
    """The keyword arguments Typer would pass to ``command`` for ``args``, or None to let Typer parse."""
    positional: list[tuple[str, Callable[[str], Any]]] = []
    options: dict[str, tuple[str, Callable[[str], Any] | None]] = {}
    values: dict[str, Any] = {}
    for name, param in inspect.signature(command).parameters.items():
        info = param.default
        annotation = param.annotation if isinstance(param.annotation, str) else getattr(param.annotation, "__name__", "")
        if isinstance(info, ArgumentInfo):
            if annotation not in _CONVERT or info.envvar or info.callback or info.default is not ...:
                return None
            positional.append((name, _CONVERT[annotation]))
            continue
        if not isinstance(info, OptionInfo) or info.callback or info.default is ... or info.prompt:
            return None
        decls = info.param_decls or (f"--{name.replace('_', '-')}",)
        if any("/" in d for d in decls):
            return None
        if annotation == "bool" and info.default is False and not info.envvar:
            convert = None
        elif annotation in _CONVERT:
            convert = _CONVERT[annotation]
        else:
            return None
        for decl in decls:
            options[decl] = (name, convert)
        values[name] = _unset(info, convert)
    given: set[str] = set()
    words: list[str] = []
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if not arg.startswith("-") or arg == "-":
            words.append(arg)
            continue
        decl, equals, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if decl not in options or options[decl][0] in given:
            return None
        name, convert = options[decl]
        given.add(name)
        if convert is None:
            if equals:
                return None
            values[name] = True
        elif equals:
            values[name] = convert(inline)
        elif rest and not rest[0].startswith("-"):
            values[name] = convert(rest.pop(0))
        else:
            return None
    if len(words) != len(positional):
        return None
    for (name, convert), word in zip(positional, words, strict=True):
        values[name] = convert(word)
    return values


def defaults(callback: Callable[..., Any]) -> dict[str, Any] | None:
    """The values Typer would pass to an option-only callback given no arguments (envvars read)."""
    return parse(callback, ())


def _unset(info: OptionInfo, convert: Callable[[str], Any] | None) -> Any:
    """An option's value when it is not given: its envvar if set and not empty (as Click), else its default."""
    names = [info.envvar] if isinstance(info.envvar, str) else list(info.envvar or ())
    for envvar in names:
        value = os.environ.get(envvar)
        if value and convert is not None:
            return convert(value)
    return info.default
