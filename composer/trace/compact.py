"""Moved to :mod:`composer.compact.parse` (the adopted compact's parsed text); this name stays for the trace stage's modules.

The library reads the compact and the trace file when it loads, so both sit below the library
(and the trace stage above it): no import cycle between ``library`` and ``trace``.
"""

from composer.compact.parse import *  # noqa: F403
