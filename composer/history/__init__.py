"""Paragraph lineages across a series of drafts: ``compose history V1 ... VN``.

``build_history(drafts)`` aligns every consecutive pair with the diff engine
(:mod:`composer.compare`), chains the alignments into lineages (:mod:`.chain`), follows the
square brackets (:mod:`.brackets`) and, given proposals, says which survived (:mod:`.survival`).
The result is the :class:`~composer.history.model.History` model, which renderers in
:mod:`composer.render.history` turn into JSON, HTML/PDF, DOCX and Markdown.
"""
