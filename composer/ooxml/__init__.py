"""One OOXML layer under every DOCX reader and writer (as python-docx keeps ``oxml/`` apart).

Nothing above this package parses a zip, resolves a relationship, spells a namespace URI or
builds XML from strings. Everything here takes and returns lxml elements or bytes; it imports
only lxml, the standard library and :mod:`composer.errors`.

API overview (import the submodule you need; this package imports nothing eagerly):

``ns``
    ``NS`` (prefix -> URI, one table), ``qn("w:p")`` -> Clark name, ``w("p")`` shorthand,
    ``is_on(toggle)``; relationship kinds ``OFFICE_DOCUMENT``, ``FOOTNOTES``, ``ENDNOTES``,
    ``STYLES``, ``NUMBERING``, ``SETTINGS`` and full types/content types for notes parts.
``safezip``
    ``open_package(data, name) -> Package``: a zip opened without trusting it (size caps, zip
    bomb ratio, encryption refused); ``Package.has/read/names``.
``safexml``
    ``parse_xml(data, where)``: no DTD, no entities, no network, comments and PIs dropped.
``rels``
    ``main_document_part(package)``; ``Relationships(package, part)`` with ``.find(kind)``,
    ``.target(kind, required=False)`` which refuses targets missing or outside the package;
    ``resolve_target(source_part, target)``; ``rels_part_name(part)``; ``PartMap(name, dict)``
    lets parts held in memory be resolved the same way.
``zipwriter``
    ``write_package(parts, order=None) -> bytes`` (fixed dates, attributes, compression;
    ``[Content_Types].xml`` and ``_rels/.rels`` first) and ``normalise_zip(data)``.
``notes``
    ``new_notes_root("footnote"|"endnote")`` with the two separators (defined once);
    ``separator_declaration(kind)`` for the settings; ``is_separator``, ``note_id`` (checked),
    ``real_notes(root, kind, where) -> {id: element}``, ``reference_id``.
``bookmarks``
    block id <-> Word bookmark name (``PREFIX = "id_"``, here only): ``bookmark_name``,
    ``is_lossless``, ``default_block_id``, ``block_id_for_bookmark(name, table)``.
``custom_props``
    ``docProps/custom.xml``: ``bookmark_table_from_xml(root)``, ``properties(root)``,
    ``custom_properties_xml(kept, table) -> bytes``.
``attrs``
    checked attribute reading: ``int_attr``, ``bool_attr``, ``enum_attr``, ``child_int``; a bad
    value raises ``BadAttributeError`` (an ``InputDocumentError``) naming file, part, element
    and attribute, so outside input never ends in a ``ValueError`` traceback.
``order``
    ``CHILD_ORDER`` (schema child order per parent, declared once) and
    ``insert_child(parent, child, parent_tag, child_tag, replace=False)``.
"""
