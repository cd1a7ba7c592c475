"""Moved to :mod:`composer.compact.footnotes` (the compact's footnote markers); this name stays for the trace stage's modules.

The library reads the compact and the trace file when it loads, so both sit below the library
(and the trace stage above it): no import cycle between ``library`` and ``trace``.
"""

from composer.compact.footnotes import *  # noqa: F403
