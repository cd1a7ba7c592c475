"""The adopted compact (A/RES/73/195) as reference data: its units, references to them, its footnotes.

Like the taxonomy, this is data the library is checked against (a curator's ``gcm:`` references)
and the stages use (assemble quotes agreed language, trace links clauses to units), so it sits
below the library; the tracing stage (:mod:`composer.trace`) builds on it.
"""

#: The adopted compact's document symbol (kept here, light to import, for help texts).
COMPACT_SYMBOL = "A/RES/73/195"
