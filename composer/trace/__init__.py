"""Agreed-language trace: the adopted compact (A/RES/73/195) as reference units, and each
clause's links to them.

Modules, in pipeline order: ``refs`` (``para 29(h)`` references), ``footnotes`` and ``compact``
(parse the vendored text), ``document`` (the compact as a document model), ``tokens``,
``matching``, ``lexical`` and ``embedding`` (matchers), ``store``, ``tracer`` and ``merge`` (the
stored trace and the loader's merge), ``evaluate`` (precision on the labelled sample).

Nothing is imported here on purpose: the library loader imports ``merge`` and must not pull in
the matchers (numpy, rank-bm25, an optional model) to read a clause file.
"""
