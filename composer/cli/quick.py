"""Reading a command's arguments from its Typer declarations without importing Typer.

Typer (0.2x) coerces every value through a pydantic ``TypeAdapter`` built when the command
runs, and importing Typer, pydantic and every command module costs more than a small
``compose diff a.docx b.docx --format docx`` spends on the documents. The declarations stay the
one source of truth: this module reads the ``typer.Argument``/``typer.Option`` calls of a
function's signature from its module's source (:mod:`ast`, literal values only) and handles the
plain cases: positional paths and strings, ``--name value``, ``--name=value``, short names,
boolean flags. Anything else (``--help``, an unknown or repeated option, a missing argument,
``--``, a value that looks like an option, a ``--x/--no-x`` flag, a type other than str, Path
and bool, a declaration that is not literal) gives None, and the caller hands the arguments to
Typer, which parses them and words any usage error itself. tests/test_cli_quick.py checks the
values against Typer's own on the real declarations.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
#: The annotations handled here (``from __future__ import annotations`` leaves them as names).
_CONVERT: dict[str, Callable[[str], Any]] = {"str": str, "Path": Path}
#: Keywords of a declaration that do not change how a value is read.
_INERT = {"help", "envvar", "show_default", "metavar", "hidden", "rich_help_panel"}


@dataclass(frozen=True)
class Param:
    """One declared parameter: an argument (positional) or an option with its spellings."""

    name: str
    argument: bool
    decls: tuple[str, ...]
    default: Any
    annotation: str
    envvar: str | None


def declared(module: str, function: str) -> list[Param] | None:
    """The parameters of ``function`` in ``composer/cli/<module>.py`` as declared for Typer, or None."""
    try:
        tree = ast.parse((HERE / module).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):  # an install without sources: Typer parses
        return None
    found = next((node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == function), None)
    if found is None or found.args.kwonlyargs or found.args.vararg or found.args.kwarg:
        return None
    args = found.args.args
    if len(found.args.defaults) != len(args):
        return None
    params = []
    for arg, default in zip(args, found.args.defaults, strict=True):
        param = _param(arg, default)
        if param is None:
            return None
        params.append(param)
    return params


def _param(arg: ast.arg, call: ast.expr) -> Param | None:
    annotation = arg.annotation
    name = annotation.id if isinstance(annotation, ast.Name) else None
    if name is None and isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        name = annotation.value
    if (not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute) or call.func.attr not in
            ("Argument", "Option") or not isinstance(call.func.value, ast.Name) or call.func.value.id != "typer"):
        return None
    try:
        values = [ast.literal_eval(a) for a in call.args]
        keywords = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    except ValueError:
        return None
    if None in keywords or set(keywords) - _INERT - {"default"} or ("default" in keywords and values):
        return None
    default = keywords.get("default", values[0] if values else None)
    decls = tuple(values[1:])
    envvar = keywords.get("envvar")
    if not all(isinstance(d, str) for d in decls) or not (envvar is None or isinstance(envvar, str)):
        return None
    return Param(arg.arg, call.func.attr == "Argument", decls, default, name or "", envvar)


def parse(params: list[Param] | None, args: Sequence[str]) -> dict[str, Any] | None:
    """The keyword arguments Typer would pass for ``args``, or None to let Typer parse them."""
    if params is None:
        return None
    positional: list[tuple[str, Callable[[str], Any]]] = []
    options: dict[str, tuple[str, Callable[[str], Any] | None]] = {}
    values: dict[str, Any] = {}
    for param in params:
        if param.argument:
            if param.annotation not in _CONVERT or param.envvar or param.default is not ... or param.decls:
                return None
            positional.append((param.name, _CONVERT[param.annotation]))
            continue
        decls = param.decls or (f"--{param.name.replace('_', '-')}",)
        if param.default is ... or any("/" in d for d in decls):
            return None
        if param.annotation == "bool" and param.default is False and not param.envvar:
            convert = None
        elif param.annotation in _CONVERT:
            convert = _CONVERT[param.annotation]
        else:
            return None
        for decl in decls:
            options[decl] = (param.name, convert)
        values[param.name] = _unset(param, convert)
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


def _unset(param: Param, convert: Callable[[str], Any] | None) -> Any:
    """An option's value when it is not given: its envvar if set and not empty (as Click), else its default."""
    if param.envvar:
        value = os.environ.get(param.envvar)
        if value and convert is not None:
            return convert(value)
    return param.default
