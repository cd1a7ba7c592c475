"""The web's own user-facing errors, each mapped to one HTTP status (kept light: no pipeline imports)."""

from __future__ import annotations

from composer.errors import ComposerError, InputDocumentError


class CsrfError(ComposerError):
    """A state-changing POST without this browser's token (HTTP 403)."""


class LinkConflictError(ComposerError):
    """The clause's entry changed since the curator opened it (HTTP 409)."""


class UnsupportedUploadError(InputDocumentError):
    """An upload of a kind no reader takes (HTTP 415)."""
