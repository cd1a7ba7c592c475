"""In-place DOCX redline: NEW's own package, OLD's deleted content copied back from OLD's XML.

The model-based redline (composer.compare + composer.render.redline) rebuilds a document from
plain paragraphs, which loses what the model does not hold (tables, images, text boxes, notes,
fields ...). For two Word files this package follows Open XML PowerTools' WmlComparer instead:

- ``atoms``: each paragraph becomes a sequence of atoms (words, tabs, breaks, images, equations,
  fields, note references ...), each keeping the chain of wrappers it sits in (hyperlink, content
  control, simple field) so that a word inside a link is not the same atom as the word outside;
- ``compare``: stories (body, table cells, notes, headers and footers) are aligned block by block,
  paired paragraphs word by word, tables row by row, and the result is written as NEW's XML with
  ``w:ins``/``w:del``, tracked rows, tracked paragraph marks and ``w:rPrChange``/``w:pPrChange``;
- ``revisions``: existing tracked changes (accept, reject, or keep NEW's run-level ones);
- ``package``: reading both packages through the safe readers, carrying OLD's images, links and
  notes across, and removing anything hostile (macros, external templates, OLE and frame links,
  non-web link targets, unnormalised part names) before a deterministic zip is written.

Entry point: :func:`composer.wml.redline.redline_docx`.
"""
