"""How a bracket's sponsors are written after it: "(proposed by Mexico, Sweden)".

Why one module: the DOCX, HTML and Markdown writers print the attribution, and the redline
compares it as part of the text, so all of them must use the same words. The wording is data
(``attribution`` and ``attribution_separator`` in ``composer/data/negotiation.yaml``, beside the
citation conventions), so a mission that writes "(sponsored by ...)" changes one file.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

CONVENTIONS_FILE = "negotiation.yaml"


@cache
def _wording() -> tuple[str, str]:
    """The format and the separator, read once per process."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw = yaml.load(resources.files("composer.data").joinpath(CONVENTIONS_FILE).read_text(encoding="utf-8"),
                    Loader=loader)
    return str(raw["attribution"]), str(raw["attribution_separator"])


def attribution(names: tuple[str, ...] | list[str]) -> str:
    """``(proposed by Mexico, Sweden)`` for ``("Mexico", "Sweden")``, as the data file writes it."""
    template, separator = _wording()
    return template.format(names=separator.join(names))
