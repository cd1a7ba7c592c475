"""OLD's comment ranges on deleted text: kept when their comment comes back with the deleted text.

Deleted content copied from OLD carries OLD's ``w:commentReference`` (the comment itself is
copied into NEW's comments part then) and OLD's ``w:commentRangeStart``/``End`` markers. A
marker is written before the reference that decides whether its comment is carried over, so
the comparison tags it with OLD's id (:data:`composer.wml.names.OLD_COMMENT_ID`) and this pass
settles it afterwards: the marker takes the carried comment's id, or goes if the comment was
not carried (NEW's own markers for a comment NEW still has are NEW's, never doubled).
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from composer.wml.names import OLD_COMMENT_ID, w


def settle_comment_ranges(root: etree._Element, carried: Callable[[str], str | None]) -> bool:
    """Resolve every tagged OLD comment range marker under ``root``; whether any was found."""
    found = False
    for marker in list(root.iter(w("commentRangeStart"), w("commentRangeEnd"))):
        old_id = marker.attrib.pop(OLD_COMMENT_ID, None)
        if old_id is None:
            continue
        etree.cleanup_namespaces(marker)  # the tag's namespace declaration goes with it
        found = True
        new_id = carried(old_id)
        if new_id is None:
            marker.getparent().remove(marker)
        else:
            marker.set(w("id"), new_id)
    return found
