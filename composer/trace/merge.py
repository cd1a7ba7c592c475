"""Moved to :mod:`composer.library.links` (merging the stored trace into a loaded library); this name stays for the trace stage's modules.

The library reads the compact and the trace file when it loads, so both sit below the library
(and the trace stage above it): no import cycle between ``library`` and ``trace``.
"""

from composer.library.links import *  # noqa: F403
