"""The CLI: queries, bad arguments (one line on stderr, non-zero exit, no traceback)."""

from __future__ import annotations

from tests.conftest import ROOT


def test_unknown_cluster_is_one_clear_line(run_cli):
    result = run_cli("--library", str(ROOT), "clauses", "list", "--cluster", "9")
    assert result.code != 0
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "unknown cluster 9" in lines[0] and "valid clusters are 1 (" in lines[0]


def test_unknown_objective(run_cli):
    result = run_cli("--library", str(ROOT), "clauses", "list", "--objective", "24")
    assert result.code != 0
    assert "unknown objective 24: valid objectives are 1-23" in result.err


def test_unknown_actor_suggests(run_cli):
    result = run_cli("--library", str(ROOT), "clauses", "list", "--actor", "Grece")
    assert result.code != 0
    assert "did you mean Greece" in result.err


def test_list_table_and_text_search(run_cli):
    result = run_cli("--library", str(ROOT), "clauses", "list", "--text", "detention")
    assert result.code == 0, result.err
    assert "detention" in result.out.lower()


def test_show_gives_full_provenance(run_cli):
    result = run_cli("--library", str(ROOT), "clauses", "show", "c1brief-rec4-information-on-rights")
    assert result.code == 0, result.err
    for needle in ("seeds/gfmd-2017-gcm-cluster1-briefing-paper.txt", "recommendation 4", "sha256", "quote:"):
        assert needle in result.out


def test_show_unknown_id(run_cli):
    result = run_cli("--library", str(ROOT), "clauses", "show", "nope")
    assert result.code != 0
    assert "no clause with id 'nope'" in result.err


def test_sources_and_stats(run_cli):
    sources = run_cli("--library", str(ROOT), "sources")
    assert sources.code == 0 and "iom-idm27" in sources.out
    stats = run_cli("--library", str(ROOT), "stats")
    assert stats.code == 0 and "Alternatives to detention" in stats.out


def test_invalid_library_refuses_to_compose(run_cli, small_project):
    (small_project / "clauses" / "broken.yaml").write_text("clauses:\n  - id: X\n", encoding="utf-8")
    result = run_cli("--library", str(small_project), "clauses", "list")
    assert result.code == 1
    assert "clauses/broken.yaml:2: X: id: String should match pattern" in result.err
    assert "Traceback" not in result.err


def test_brief_unwritable_output_folder_is_one_line(run_cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run_cli("--library", str(ROOT), "brief", "--cluster", "1", "--format", "md", "--out", str(blocker / "sub"))
    assert result.code != 0
    assert result.err.startswith("compose: error: cannot create output folder") and "Traceback" not in result.err


def test_brief_bad_template_is_refused_before_anything_is_written(run_cli, tmp_path):
    template = tmp_path / "house.docx"
    template.write_bytes(b"this is not a zip")
    out = tmp_path / "out"
    result = run_cli(
        "--library",
        str(ROOT),
        "brief",
        "--cluster",
        "1",
        "--format",
        "md,docx",
        "--template",
        str(template),
        "--out",
        str(out),
    )
    assert result.code != 0
    assert "not a DOCX" in result.err and len(result.err.strip().splitlines()) == 1
    assert not list(out.glob("*")) if out.exists() else True


def test_brief_unknown_format_and_empty_selection(run_cli, tmp_path):
    result = run_cli("--library", str(ROOT), "brief", "--cluster", "1", "--format", "odt", "--out", str(tmp_path))
    assert result.code != 0 and "unknown format 'odt': valid formats are docx, pdf, html, md, json" in result.err
    result = run_cli("--library", str(ROOT), "brief", "--cluster", "5", "--actor", "Greece", "--out", str(tmp_path))
    assert result.code != 0 and "no clause matches the selection (cluster 5, actor Greece)" in result.err


def test_failed_render_keeps_the_previous_good_file(run_cli, tmp_path, monkeypatch):
    good = run_cli("--library", str(ROOT), "brief", "--cluster", "1", "--format", "md", "--out", str(tmp_path))
    assert good.code == 0, good.err
    before = (tmp_path / "brief-cluster-1.md").read_bytes()

    import composer.render.markdown as markdown

    def explode(document):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(markdown, "render_markdown", explode)
    result = run_cli("--library", str(ROOT), "brief", "--cluster", "1", "--format", "md", "--out", str(tmp_path))
    assert result.code != 0
    assert (tmp_path / "brief-cluster-1.md").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_brief_markdown_and_json_outputs(run_cli, tmp_path):
    result = run_cli(
        "--library",
        str(ROOT),
        "brief",
        "--objective",
        "13",
        "--format",
        "md,json",
        "--date",
        "2026-11-24",
        "--delegation",
        "Ruritania",
        "--out",
        str(tmp_path),
    )
    assert result.code == 0, result.err
    # The name says what is in the file: the selection and the delegation.
    markdown = (tmp_path / "brief-objective-13-for-ruritania.md").read_text(encoding="utf-8")
    assert "Prepared for the delegation of Ruritania" in markdown and "[^1]:" in markdown
    from composer.model.jsonio import document_from_json

    document = document_from_json((tmp_path / "brief-objective-13-for-ruritania.json").read_text(encoding="utf-8"))
    assert document.meta.delegation == "Ruritania"


def test_draft_of_every_objective_renders_docx(run_cli, tmp_path):
    result = run_cli(
        "--library", str(ROOT), "draft", "--format", "docx,md", "--date", "2026-11-24", "--out", str(tmp_path)
    )
    assert result.code == 0, result.err
    import docx

    document = docx.Document(str(tmp_path / "draft.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert len(headings) >= 20 and headings[0].startswith("Objective 1:")


def test_same_inputs_give_byte_identical_docx(run_cli, tmp_path):
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        result = run_cli(
            "--library",
            str(ROOT),
            "brief",
            "--objective",
            "13",
            "--format",
            "docx,json,md",
            "--date",
            "2026-11-24",
            "--out",
            str(out),
        )
        assert result.code == 0, result.err
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outputs[0] == outputs[1] and len(outputs[0]) == 3


def test_markdown_emphasis_closes_in_commonmark():
    from composer.model.document import Document, Emph, Meta, Para, Strong, Text
    from composer.render.markdown import render_markdown

    text = render_markdown(
        Document(Meta("t"), [Para((Strong((Text("Agreed language: "),)), Emph((Text("We commit"),))))])
    )
    assert "**Agreed language:** *We commit*" in text
