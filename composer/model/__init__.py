"""The document model (``document``), tree walking (``walk``) and JSON round-trip (``jsonio``)."""
