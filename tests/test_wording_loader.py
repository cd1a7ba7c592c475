"""One reader for the YAML data files under templates/ (wording and palette): composer.datafiles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from composer.assemble import wording as assemble_wording
from composer.datafiles import DATA_FILE_CAP, entry, read_mapping
from composer.errors import ComposerError
from composer.render import palette
from composer.render.history import wording as history_wording
from composer.render.redline import docx_summary

ROOT = Path(__file__).resolve().parents[1]
USERS = (
    "composer/assemble/wording.py",
    "composer/render/history/wording.py",
    "composer/render/redline/docx_summary.py",
    "composer/render/palette.py",
)


class _Broken(ComposerError):
    """Stands for a caller's own error type."""


def test_a_data_file_is_read_once(tmp_path):
    (tmp_path / "words.yaml").write_text("greeting: Hello\ngroup:\n  inner: Deep\n", encoding="utf-8")
    first = read_mapping("words.yaml", str(tmp_path))
    assert first == {"greeting": "Hello", "group": {"inner": "Deep"}}
    (tmp_path / "words.yaml").write_text("greeting: Changed\n", encoding="utf-8")
    assert read_mapping("words.yaml", str(tmp_path)) is first


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"a: [unclosed\n", "not valid YAML"),
        (b"- a\n- b\n", "expected a mapping"),
        (b"", "expected a mapping"),
        (b"a: \xff\xfe\n", "not UTF-8 text"),
        (b"a: b\n" + b"#" * DATA_FILE_CAP, "file too large"),
    ],
)
def test_a_broken_data_file_is_a_one_line_error_of_the_callers_type(tmp_path, content, message):
    if content is not None:
        (tmp_path / "broken.yaml").write_bytes(content)
    with pytest.raises(_Broken) as caught:
        read_mapping("broken.yaml", str(tmp_path), error=_Broken)
    text = str(caught.value)
    assert message in text and "broken.yaml" in text and "\n" not in text.strip()


def test_a_folder_is_not_a_data_file(tmp_path):
    (tmp_path / "folder.yaml").mkdir()
    with pytest.raises(_Broken, match="is a folder"):
        read_mapping("folder.yaml", str(tmp_path), error=_Broken)


def test_entry_follows_a_dotted_key():
    data = {"columns": {"old": "Old", "new": "New"}, "title": "Summary"}
    assert entry(data, "columns.old", where="x.yaml") == "Old"
    assert entry(data, "title", where="x.yaml") == "Summary"
    assert entry(data, "columns", where="x.yaml") == {"old": "Old", "new": "New"}
    with pytest.raises(_Broken, match=r"^x\.yaml: no entry 'columns\.kind'$"):
        entry(data, "columns.kind", where="x.yaml", error=_Broken)
    with pytest.raises(_Broken, match=r"no entry 'title\.more'"):
        entry(data, "title.more", where="x.yaml", error=_Broken)


def test_the_four_loaders_share_the_one_read():
    brief = assemble_wording.load_wording("brief.yaml")
    assert brief.data is read_mapping("brief.yaml", error=assemble_wording.WordingError)
    assert history_wording.load_wording().data is read_mapping(
        history_wording.WORDING_FILE, error=history_wording.WordingError
    )
    assert docx_summary.wording() is docx_summary.wording()
    assert palette.load_palette() == palette.load_palette()
    assert all(len(value) == 6 for value in vars(palette.load_palette()).values())


def test_each_loader_keeps_its_error_type(tmp_path):
    with pytest.raises(assemble_wording.WordingError, match=r"templates/brief\.yaml: no entry 'no\.such'"):
        assemble_wording.load_wording("brief.yaml").raw("no.such")
    with pytest.raises(assemble_wording.WordingError, match="no such file"):
        assemble_wording.load_wording("no-such-wording.yaml")
    with pytest.raises(history_wording.WordingError, match=r"history-report\.yaml: no entry 'no\.such'"):
        history_wording.load_wording().raw("no.such")
    (tmp_path / history_wording.WORDING_FILE).write_text("- not a mapping\n", encoding="utf-8")
    with pytest.raises(history_wording.WordingError, match="expected a mapping"):
        history_wording.load_wording(str(tmp_path))
    with pytest.raises(docx_summary.RedlineWordingError, match=r"redline\.yaml: no entry 'no\.such'"):
        docx_summary._word("no.such")
    (tmp_path / palette.PALETTE_FILE).write_text("accent: 1f5f8b\n", encoding="utf-8")
    with pytest.raises(ComposerError, match="rule must be a hex colour"):
        palette.load_palette(str(tmp_path))


def test_no_user_reads_yaml_itself():
    """The four users go through composer.datafiles; none imports yaml or caches its own copy."""
    for relative in USERS:
        tree = ast.parse((ROOT / relative).read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert "yaml" not in imported, relative
        assert "composer.datafiles" in imported, relative
