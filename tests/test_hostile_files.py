"""Files that are not what they claim (issue 15, sections 3 and 5): devices, pipes, folders, loops,
odd encodings. Read with a cap on bytes actually read, only regular files, UTF-16 understood."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from tests.hostile.harness import assert_refused, run_compose

GOOD = "1. We commit to strengthen the global evidence base.\n2. We commit to ensure proof of legal identity.\n"
NEW = "1. We commit to strengthen the global evidence base.\n2. We commit to ensure proof of identity for all.\n"


def _good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def _special(tmp_path: Path, kind: str) -> Path:
    if kind == "dev-zero":
        return Path("/dev/zero")
    if kind == "dev-null":
        return Path("/dev/null")
    if kind == "dev-urandom":
        return Path("/dev/urandom")
    if kind == "fifo":
        path = tmp_path / "pipe.docx"
        os.mkfifo(path)
        return path
    if kind == "symlink-to-zero":
        path = tmp_path / "zero.docx"
        path.symlink_to("/dev/zero")
        return path
    if kind == "symlink-loop":
        path = tmp_path / "loop.txt"
        path.symlink_to(path)
        return path
    if kind == "dangling-symlink":
        path = tmp_path / "gone.txt"
        path.symlink_to(tmp_path / "nothing-here")
        return path
    if kind == "folder":
        path = tmp_path / "folder.docx"
        path.mkdir()
        return path
    if kind == "missing":
        return tmp_path / "missing.docx"
    raise AssertionError(kind)


SPECIAL = ["dev-zero", "dev-null", "dev-urandom", "fifo", "symlink-to-zero", "symlink-loop",
           "dangling-symlink", "folder", "missing"]


@pytest.mark.parametrize("kind", SPECIAL)
def test_special_files_are_refused_quickly_in_bounded_memory(tmp_path, kind):
    path = _special(tmp_path, kind)
    run = run_compose("diff", path, _good(tmp_path), timeout=30, memory=1024 * 1024 * 1024)
    assert_refused(run, path.name)


def test_library_yaml_that_is_a_fifo_does_not_hang(small_project):
    os.mkfifo(small_project / "clauses" / "pipe.yaml")
    run = run_compose("--library", small_project, "check", timeout=30)
    assert not run.timed_out
    assert "pipe.yaml" in run.out and "FIFO" in run.out, run.out
    assert run.code == 1 and "Traceback" not in run.err


def test_manifest_that_is_a_device_is_refused(run_cli, small_project, tmp_path):
    link = tmp_path / "m.yaml"
    link.symlink_to("/dev/zero")
    result = run_cli("--library", str(small_project), "draft", str(link), "--format", "md", "--out", str(tmp_path / "o"))
    assert result.code == 1 and "m.yaml" in result.err and "device" in result.err, result.err


ENCODINGS = {
    "utf-16-bom": GOOD.encode("utf-16"),
    "utf-16-le-bom": b"\xff\xfe" + GOOD.encode("utf-16-le"),
    "utf-16-be-bom": b"\xfe\xff" + GOOD.encode("utf-16-be"),
    "utf-16-le-no-bom": GOOD.encode("utf-16-le"),
    "utf-16-be-no-bom": GOOD.encode("utf-16-be"),
    "utf-32-bom": GOOD.encode("utf-32"),
    "utf-8-bom": GOOD.encode("utf-8-sig"),
    "crlf": GOOD.replace("\n", "\r\n").encode("utf-8"),
}


@pytest.mark.parametrize("case", sorted(ENCODINGS))
def test_text_in_other_unicode_encodings_is_read(run_cli, tmp_path, case):
    old = tmp_path / f"{case}.txt"
    old.write_bytes(ENCODINGS[case])
    new = tmp_path / "new.txt"
    new.write_text(NEW, encoding="utf-8")
    result = run_cli("diff", str(old), str(new), "--format", "json", "--out", str(tmp_path / "o"))
    assert result.code == 0, result.err
    assert "1 modified (1 unchanged)" in result.out, result.out


@pytest.mark.parametrize(("case", "data", "words"), [
    ("latin-1", "1. Réfugiés et migrants.\n".encode("latin-1"), "not utf-8"),
    ("binary", bytes(range(256)) * 8, "binary"),
    ("empty", b"", "empty"),
    ("blank", b"  \n\t\n  ", "empty"),
    ("nul-only", b"\x00" * 100, "binary"),
    ("odd-utf-16", b"\xff\xfe" + b"\x00\xd8a\x00", "not utf-16"),
])
def test_undecodable_text_is_refused_by_name(run_cli, tmp_path, case, data, words):
    path = tmp_path / f"{case}.txt"
    path.write_bytes(data)
    result = run_cli("diff", str(path), str(_good(tmp_path)), "--format", "md")
    assert result.code == 1, result.err
    assert f"{case}.txt" in result.err and words in result.err.lower(), result.err


@pytest.mark.parametrize("char", ["\x1b[31m", "\x00", "\x07", "\x0b", "\x9b2J", "\ufffe"])
def test_control_characters_in_a_text_draft_reach_no_output(run_cli, tmp_path, char):
    old = tmp_path / "old.txt"
    old.write_text(f"1. We commit{char} to strengthen the evidence base.\n", encoding="utf-8")
    new = tmp_path / "new.txt"
    new.write_text("1. We commit to strengthen the global evidence base.\n", encoding="utf-8")
    out = tmp_path / "o"
    result = run_cli("diff", str(old), str(new), "--format", "md,html,json,docx", "--out", str(out))
    if char == "\x00":  # a NUL marks a binary file
        assert result.code == 1 and "binary" in result.err
        return
    assert result.code == 0, result.err
    for path in out.iterdir():
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                texts = [archive.read(n) for n in archive.namelist() if n.endswith((".xml", ".rels"))]
        else:
            texts = [path.read_bytes()]
        for text in texts:
            assert char.encode("utf-8") not in text and b"\x1b" not in text, path.name
    terminal = run_cli("diff", str(old), str(new))
    assert "\x1b" not in terminal.out and "\x07" not in terminal.out


def test_file_names_with_escapes_are_shown_escaped(run_cli, tmp_path):
    name = tmp_path / "evil\x1b[2Jname.txt"
    result = run_cli("diff", str(name), str(_good(tmp_path)))
    assert result.code in (1, 2)
    assert "\x1b" not in result.err and "\\x1b" in result.err and len(result.err.strip().splitlines()) == 1
