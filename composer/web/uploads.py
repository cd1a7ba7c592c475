"""Uploaded drafts read out of a request: two for a comparison, a series for a history.

Shared by the pages and the API so both read uploads the same way: each file's bare name
checked (:func:`~composer.web.requests.upload_name`), its bytes read into memory and the
temporary file closed; nothing is written anywhere. The pipeline is imported only when a
corpus series is asked for, so the server still starts without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from composer.errors import UsageError
from composer.web.requests import upload_name

Upload = tuple[bytes, str]


async def read_two_uploads(form: Any) -> tuple[Upload, Upload]:
    """The ``old`` and ``new`` files of a form, as bytes and their bare names."""
    out = []
    for field in ("old", "new"):
        upload = form.get(field)
        if not isinstance(upload, UploadFile):
            raise UsageError(f"{field}: choose a file to upload")
        name = upload_name(upload.filename, field)
        out.append((await upload.read(), name))
    return out[0], out[1]


async def read_series(corpus: Path | None, versions: list[Any], series: str | None) -> list[Upload]:
    """The drafts of a history request: the uploads in order, or the named corpus series (not both)."""
    uploads = [v for v in versions if isinstance(v, UploadFile) and v.filename]
    if series and uploads:
        raise UsageError("give drafts to upload or a corpus series, not both")
    if series:
        from composer.web.services import read_corpus_series

        return await run_in_threadpool(read_corpus_series, corpus, series)
    drafts = []
    for upload in uploads:
        name = upload_name(upload.filename, "versions")
        drafts.append((await upload.read(), name))
        await upload.close()
    return drafts
