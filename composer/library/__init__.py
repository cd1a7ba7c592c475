"""The clause library: typed models, loading with ``file:line`` problems, provenance checks, queries."""

from composer.library.library import ActorIndex, Library
from composer.library.loader import load_library
from composer.library.models import Clause, Locator, Source

__all__ = ["ActorIndex", "Clause", "Library", "Locator", "Source", "load_library"]
