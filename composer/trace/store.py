"""Moved to :mod:`composer.library.trace_store` (the trace file (clauses/gcm-trace.yaml)); this name stays for the trace stage's modules.

The library reads the compact and the trace file when it loads, so both sit below the library
(and the trace stage above it): no import cycle between ``library`` and ``trace``.
"""

from composer.library.trace_store import *  # noqa: F403
