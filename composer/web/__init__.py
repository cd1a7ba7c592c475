"""``compose serve``: the pipeline behind a local web page and a JSON API.

The web layer only parses requests and renders templates; every result comes from the same
pipeline functions the command line calls (library queries, assemble, render, compare). It
imports no part of ``composer.cli``, and nothing below it imports it.
"""

from composer.web.app import create_app
from composer.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
