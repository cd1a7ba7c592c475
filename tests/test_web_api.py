"""compose serve through the framework's test client: every endpoint, every bad upload, the guards.

Results are read back independently: DOCX with python-docx and lxml, JSON against the CLI's
own ``clauses list --json``, clause files with PyYAML.
"""

from __future__ import annotations

import io
import json
import re
import threading
import zipfile

import docx
import pytest
import yaml
from fastapi.testclient import TestClient
from lxml import etree

from composer.compact.parse import load_compact
from composer.ooxml.safezip import MAX_MEMBER_BYTES
from composer.web import WebSettings, create_app
from composer.web.security import CSRF_COOKIE
from tests.test_redline_support import Block, build_docx, rezip
from tests.web_support import CORPUS, NEW_DRAFT, OLD_DRAFT, copy_library

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_library(tmp_path_factory.mktemp("web-library"))


@pytest.fixture(scope="module")
def client(project):
    app = create_app(WebSettings(root=project, warm_library=False, max_upload_bytes=2 * 1024 * 1024, corpus=CORPUS))
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as test_client:
        yield test_client


def csrf(client: TestClient, page: str = "/compare") -> str:
    """The form token the page hands this client (and the cookie it sets with it)."""
    html = client.get(page).text
    return re.search(r'name="csrf_token" value="([0-9a-f]+)"', html).group(1)


def _docx_paragraph_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


# --- service, headers, host check -----------------------------------------------------------

def test_healthz_and_strict_headers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.text == "ok"
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"


def test_foreign_host_header_is_refused(client):
    """DNS rebinding: a page at evil.example resolved to 127.0.0.1 still sends its own Host."""
    response = client.get("/api/clauses", headers={"host": "evil.example:8000"})
    assert response.status_code == 400
    assert "clauses" not in response.text
    assert client.get("/healthz", headers={"host": "localhost:8000"}).status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/library", "/compose", "/compare", "/api/clauses?cluster=1",
                                  "/docs", "/static/web.css"])
def test_head_answers_like_get_without_a_body(client, path):
    get, head = client.get(path), client.head(path)
    assert get.status_code == head.status_code == 200
    assert head.content == b"" and len(get.content) > 0
    assert head.headers["content-length"] == str(len(get.content))
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-security-policy"] == get.headers["content-security-policy"]


def test_head_on_a_post_route_is_still_refused(client):
    response = client.head("/api/brief")
    assert response.status_code == 405 and response.content == b""
    assert "head" not in client.get("/openapi.json").json()["paths"]["/api/clauses"]


def test_openapi_and_docs_page(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/clauses", "/api/brief", "/api/draft", "/api/diff", "/api/history", "/healthz"):
        assert path in spec["paths"], path
    body = spec["paths"]["/api/diff"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in body
    history = spec["paths"]["/api/history"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    fields = spec["components"]["schemas"][history["$ref"].rsplit("/", 1)[-1]]["properties"]
    assert set(fields) == {"versions", "series", "labels", "format"}
    assert "ids" in spec["components"]["schemas"]["ComposeRequest"]["properties"]
    page = client.get("/docs")
    assert page.status_code == 200 and "/api/diff" in page.text and "<script" not in page.text.split("</head>")[1]


# --- library ---------------------------------------------------------------------------------

def test_api_clauses_matches_the_cli(client, project, run_cli):
    result = run_cli("--library", str(project), "clauses", "list", "--cluster", "1", "--kind", "recommendation",
                     "--json")
    assert result.code == 0, result.err
    expected = json.loads(result.out)
    got = client.get("/api/clauses", params={"cluster": 1, "kind": "recommendation"}).json()
    assert got == expected and len(got) > 5


def test_api_clauses_bad_filter_is_one_line(client):
    response = client.get("/api/clauses", params={"objective": 99})
    assert response.status_code == 400
    assert response.json() == {"detail": "unknown objective 99: valid objectives are 1-23"}
    assert client.get("/api/clauses", params={"actor": "Atlantis"}).status_code == 400


def test_library_page_filters_and_escapes(client):
    page = client.get("/library", params={"cluster": 1, "text": "integration"})
    assert page.status_code == 200
    count = int(re.search(r'id="count"><strong>(\d+)</strong>', page.text).group(1))
    expected = client.get("/api/clauses", params={"cluster": 1, "text": "integration"}).json()
    assert count == len(expected) > 0
    hostile = client.get("/library", params={"text": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in hostile.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile.text or "&#39;&lt;script&gt;" in hostile.text


def test_provenance_fragment_marks_the_quote(client):
    records = client.get("/api/clauses", params={"cluster": 1, "kind": "recommendation"}).json()
    record = next(r for r in records if r["gcm_refs"])
    fragment = client.get(f"/library/clauses/{record['id']}").text
    mark = re.search(r"<mark>(.*?)</mark>", fragment, re.S).group(1)
    assert mark == record["quote"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&#34;").replace("'", "&#39;")
    locator_key, locator_value = next(iter(record["locator"].items()))
    assert f"{locator_key} {locator_value}" in fragment
    assert f'gap-{record["gcm_gap"]}' in fragment
    if record["gcm_refs"]:
        compact = re.search(r'<blockquote class="compact-text">(.*?)</blockquote>', fragment, re.S).group(1)
        words = re.sub(r"<[^>]+>", "", compact).split()
        assert words[:6] == load_compact().unit(record["gcm_refs"][0]).text.split()[:6]
    assert client.get("/library/clauses/no-such-clause").status_code == 404


def test_no_request_path_reaches_the_file_system(client):
    for path in ("/static/../clauses/sources.yaml", "/static/%2e%2e/%2e%2e/pyproject.toml",
                 "/library/clauses/..%2F..%2Fpyproject.toml", "/jobs/..%2F..%2Fetc%2Fpasswd/file"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "sources:" not in response.text and "[project]" not in response.text
    bad = client.post("/api/brief", json={"clusters": [1], "template": "../../pyproject.toml"})
    assert bad.status_code == 400 and "unknown template" in bad.json()["detail"]


# --- compose ---------------------------------------------------------------------------------

def test_api_brief_markdown(client):
    response = client.post("/api/brief", json={"clusters": [1], "date": "2026-03-01", "delegation": "Mexico",
                                               "format": "md"})
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"] == 'attachment; filename="brief-cluster-1-for-mexico.md"'
    assert response.headers["content-type"].startswith("text/markdown")
    assert "Mexico" in response.text and "Cluster 1" in response.text


def test_api_brief_is_the_cli_brief(client, project, run_cli, tmp_path):
    """Same options, same pipeline: the API's file has the CLI's name and the CLI's bytes."""
    result = run_cli("--library", str(project), "brief", "--cluster", "1", "--annexes", "none", "--delegation", "Kenya",
                     "--date", "2026-03-01", "--format", "md", "--out", str(tmp_path))
    assert result.code == 0, result.err
    (written,) = tmp_path.glob("*.md")
    response = client.post("/api/brief", json={"clusters": [1], "annexes": "none", "delegation": "Kenya",
                                               "date": "2026-03-01", "format": "md"})
    assert response.headers["content-disposition"] == f'attachment; filename="{written.name}"'
    assert response.content == written.read_bytes()
    full = client.post("/api/brief", json={"clusters": [1], "date": "2026-03-01", "format": "md"})
    assert len(full.content) > len(response.content)


def test_api_draft_docx_reads_back(client):
    """A draft of clauses picked one by one, as DOCX, read back with python-docx."""
    picked = client.get("/api/clauses", params={"objective": 16, "kind": "recommendation"}).json()[:3]
    response = client.post("/api/draft", json={"ids": [r["id"] for r in picked], "date": "2026-03-01"})
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"] == 'attachment; filename="draft-3-clauses.docx"'
    text = _docx_paragraph_text(response.content)
    assert "Global Compact" in text
    assert any((r["draft_text"] or r["text"])[:40] in text for r in picked)


def test_api_brief_from_picked_clauses_is_the_cli_brief(client, project, run_cli, tmp_path):
    """Clauses ticked one by one: the API's brief is `compose brief --clauses`'s, byte for byte."""
    picked = client.get("/api/clauses", params={"objective": 16, "kind": "recommendation"}).json()[:3]
    ids = [r["id"] for r in picked]
    result = run_cli("--library", str(project), "brief", "--clauses", ",".join(ids), "--date", "2026-03-01",
                     "--format", "md", "--out", str(tmp_path))
    assert result.code == 0, result.err
    (written,) = tmp_path.glob("*.md")
    assert written.name == "brief-3-clauses.md"
    md = client.post("/api/brief", json={"ids": ids, "date": "2026-03-01", "format": "md"})
    assert md.status_code == 200, md.text
    assert md.headers["content-disposition"] == f'attachment; filename="{written.name}"'
    assert md.content == written.read_bytes()
    docx_file = client.post("/api/brief", json={"ids": ids, "date": "2026-03-01"})
    document = docx.Document(io.BytesIO(docx_file.content))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    assert "Objective 16" in text
    assert all((r["draft_text"] or r["text"])[:40] in text for r in picked)
    others = client.get("/api/clauses", params={"objective": 16, "kind": "recommendation"}).json()[3:]
    assert not any((r["draft_text"] or r["text"])[:40] in text for r in others)  # the ticked clauses only


def test_api_brief_unknown_clause_id_is_one_line(client):
    response = client.post("/api/brief", json={"ids": ["no-such-clause"], "format": "md"})
    assert response.status_code == 400
    assert response.json() == {"detail": "unknown clause id 'no-such-clause'; `compose clauses list` shows the ids"}


@pytest.mark.parametrize(
    ("payload", "status", "words"),
    [
        ({}, 400, "choose a cluster"),
        ({"clusters": [9]}, 400, "unknown cluster 9"),
        ({"clusters": [1], "date": "yesterday"}, 422, "pattern"),
        ({"clusters": [1], "format": "exe"}, 422, "format"),
        ({"clusters": [1], "sneaky": True}, 422, "Extra inputs"),
    ],
)
def test_api_compose_bad_options(client, payload, status, words):
    response = client.post("/api/brief", json=payload)
    assert response.status_code == status
    assert words in response.text and "Traceback" not in response.text


def test_compose_page_job_polls_then_downloads(client):
    token = csrf(client, "/compose")
    started = client.post("/compose/jobs", data={"csrf_token": token, "kind": "brief", "cluster": "1",
                                                 "format": "md", "date": "2026-03-01"})
    assert started.status_code == 202
    job_id = re.search(r'hx-get="/jobs/([\w-]+)"', started.text).group(1)
    for _ in range(600):
        status = client.get(f"/jobs/{job_id}").text
        if "Download" in status or "failed" in status:
            break
        threading.Event().wait(0.05)
    assert "Download brief-cluster-1.md" in status
    download = client.get(f"/jobs/{job_id}/file")
    assert download.status_code == 200 and "Cluster 1" in download.text
    assert client.post("/compose/jobs", data={"kind": "brief", "cluster": "1"}).status_code == 403


# --- compare ---------------------------------------------------------------------------------

def _pair(old: bytes | None = None, new: bytes | None = None, names=("old.txt", "new.txt")):
    return {"old": (names[0], old if old is not None else OLD_DRAFT.read_bytes()),
            "new": (names[1], new if new is not None else NEW_DRAFT.read_bytes())}


def test_api_diff_markdown_and_docx(client, project):
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    md = client.post("/api/diff", files=_pair(), data={"format": "md"})
    assert md.status_code == 200
    assert "inserted" in md.text or "modified" in md.text
    redline = client.post("/api/diff", files=_pair(), data={"format": "docx"})
    assert redline.status_code == 200
    with zipfile.ZipFile(io.BytesIO(redline.content)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    assert body.iter(f"{W}ins").__next__() is not None and body.iter(f"{W}del").__next__() is not None
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before  # nothing of an upload kept


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b" " * (MAX_MEMBER_BYTES + 10))
    return out.getvalue()


_XXE = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>")
_GOOD = build_docx([Block("A heading", heading=1), Block("1. First paragraph.")])

BAD_UPLOADS = [
    ("not-a-docx", "x.docx", b"plain words, no zip", 422, "not a DOCX"),
    ("zip-bomb", "bomb.docx", None, 422, "zip bomb"),
    ("xxe", "xxe.docx", None, 422, "DTD"),
    ("encrypted", "locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, 422, "encrypted"),
    ("corrupt", "cut.docx", _GOOD[: len(_GOOD) // 2], 422, "corrupt"),
    ("empty", "empty.txt", b"\n \n", 422, "empty"),
    ("unsupported", "tool.exe", b"MZ\x90\x00", 415, "not a draft"),
]


def _bad_bytes(kind: str, data: bytes | None) -> bytes:
    if kind == "zip-bomb":
        return _bomb()
    if kind == "xxe":
        return rezip(_GOOD, {"word/document.xml": _XXE})
    return data  # type: ignore[return-value]


@pytest.mark.parametrize(("kind", "name", "data", "status", "words"), BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS])
def test_bad_uploads_api(client, kind, name, data, status, words):
    response = client.post("/api/diff", files=_pair(new=_bad_bytes(kind, data), names=("old.txt", name)),
                           data={"format": "md"})
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert words in detail and (name in detail or (kind == "unsupported" and "tool.exe" in detail))
    assert "Traceback" not in response.text and "/tmp" not in detail


@pytest.mark.parametrize(("kind", "name", "data", "status", "words"), BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS])
def test_bad_uploads_page(client, kind, name, data, status, words):
    token = csrf(client)
    response = client.post("/compare", files=_pair(old=_bad_bytes(kind, data), names=(name, "new.txt")),
                           data={"csrf_token": token}, headers={"hx-request": "true"})
    assert response.status_code == status
    assert 'class="error"' in response.text and words in response.text and "Traceback" not in response.text


def test_upload_over_the_cap_is_413(client):
    big = b"word " * (600 * 1024)  # 3 MB against the 2 MiB cap of this app
    response = client.post("/api/diff", files=_pair(new=big), data={"format": "md"})
    assert response.status_code == 413 and "too large" in response.text


def test_missing_upload_field(client):
    response = client.post("/api/diff", files={"old": ("old.txt", b"one")}, data={"format": "md"})
    assert response.status_code == 422
    token = csrf(client)
    page = client.post("/compare", data={"csrf_token": token}, files={"old": ("old.txt", b"one")})
    assert page.status_code == 400 and "new: choose a file" in page.text


def test_compare_page_needs_csrf(client):
    response = client.post("/compare", files=_pair())
    assert response.status_code == 403 and "reload the page" in response.text


def test_compare_page_shows_summary_and_marks(client):
    token = csrf(client)
    response = client.post("/compare", files=_pair(), data={"csrf_token": token}, headers={"hx-request": "true"})
    assert response.status_code == 200
    assert 'id="headline"' in response.text and ("<ins>" in response.text or "<del>" in response.text)


# --- agreed language and confirming links ----------------------------------------------------

def _first_traced(client, ref: str = "para 23") -> dict:
    """A clause linked to ``ref``: an automatic link if any is left, else a confirmed one (a curator
    corrects those through the same form; as people confirm labels, fewer automatic links remain)."""
    records = client.get("/api/clauses", params={"gcm": ref}).json()
    return sorted(records, key=lambda r: r["gcm_confirmed"])[0]


def _confirm(client, clause_id: str, token: str, version: str, refs: str, gap: str, why: str = ""):
    return client.post("/agreed/confirm", headers={"hx-request": "true"},
                       data={"csrf_token": token, "clause": clause_id, "version": version, "refs": refs,
                             "gap": gap, "why": why, "ref": refs})


def _version(html: str, clause_id: str) -> str:
    row = html[html.index(f'id="link-{clause_id}"'):]
    return re.search(r'name="version" value="([0-9a-f]+)"', row).group(1)


def test_agreed_page_lists_traced_clauses(client):
    page = client.get("/agreed", params={"ref": "para 23"})
    assert page.status_code == 200
    expected = client.get("/api/clauses", params={"gcm": "para 23"}).json()
    assert f"{len(expected)} clause" in page.text
    assert all(f'id="link-{r["id"]}"' in page.text for r in expected)
    bad = client.get("/agreed", params={"ref": "para 99"})
    assert bad.status_code == 400 and "the compact has no para 99" in bad.text


def test_confirm_link_writes_the_clause_file(client, project):
    record = _first_traced(client)
    page = client.get("/agreed", params={"ref": "para 23"}).text
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page).group(1)
    response = _confirm(client, record["id"], token, _version(page, record["id"]), "para 23(b), para 23",
                        "weaker", 'the compact only "encourages"')
    assert response.status_code == 200, response.text
    assert f"Saved to {record['file']}" in response.text
    data = yaml.safe_load((project / record["file"]).read_text("utf-8"))
    entry = next(c for c in data["clauses"] if c["id"] == record["id"])
    assert entry["gcm"] == {"refs": ["para 23(b)", "para 23"], "gap": "weaker", "confirmed": True,
                            "why": 'the compact only "encourages"'}
    again = client.get("/api/clauses", params={"gcm": "para 23(b)"}).json()
    confirmed = next(r for r in again if r["id"] == record["id"])
    assert confirmed["gcm_confirmed"] is True and confirmed["gcm_gap"] == "weaker"


def test_confirm_needs_csrf_and_valid_values(client):
    record = _first_traced(client, "para 31")
    page = client.get("/agreed", params={"ref": "para 31"}).text
    version = _version(page, record["id"])
    assert _confirm(client, record["id"], "0" * 64, version, "para 31", "same").status_code == 403
    client.cookies.delete(CSRF_COOKIE)
    token = csrf(client, "/agreed?ref=para+31")
    bad_ref = _confirm(client, record["id"], token, version, "para 99", "same")
    assert bad_ref.status_code == 400 and "the compact has no para 99" in bad_ref.text
    bad_gap = _confirm(client, record["id"], token, version, "para 31", "related")
    assert bad_gap.status_code == 400 and "unknown gap label" in bad_gap.text


def test_stale_version_is_a_conflict_not_a_lost_change(client, project):
    record = _first_traced(client, "para 27")
    page = client.get("/agreed", params={"ref": "para 27"}).text
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page).group(1)
    version = _version(page, record["id"])
    first = _confirm(client, record["id"], token, version, "para 27", "same", "curator A")
    assert first.status_code == 200
    second = _confirm(client, record["id"], token, version, "para 27", "partial", "curator B")
    assert second.status_code == 409 and "changed by someone else" in second.text
    data = yaml.safe_load((project / record["file"]).read_text("utf-8"))
    entry = next(c for c in data["clauses"] if c["id"] == record["id"])
    assert entry["gcm"]["why"] == "curator A"


def test_two_curators_at_once_in_one_file_both_land(client, project):
    records = sorted(client.get("/api/clauses", params={"gcm": "para 33"}).json(), key=lambda r: r["gcm_confirmed"])
    by_file: dict[str, list[dict]] = {}
    for r in records:
        by_file.setdefault(r["file"], []).append(r)
    same_file = next(group for group in by_file.values() if len(group) >= 2)[:2]
    page = client.get("/agreed", params={"ref": "para 33"}).text
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page).group(1)
    versions = {r["id"]: _version(page, r["id"]) for r in same_file}
    results: list[int] = []

    def confirm(record: dict) -> None:
        results.append(_confirm(client, record["id"], token, versions[record["id"]], "para 33", "same").status_code)

    threads = [threading.Thread(target=confirm, args=(r,)) for r in same_file]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [200, 200]
    data = yaml.safe_load((project / same_file[0]["file"]).read_text("utf-8"))
    entries = {c["id"]: c for c in data["clauses"]}
    assert all(entries[r["id"]]["gcm"]["confirmed"] is True for r in same_file)


# --- history of a series -----------------------------------------------------------------------

ICT4SD = sorted(CORPUS.glob("unga_ict4sd_v*.txt"))


def _versions(paths=ICT4SD, datas=None):
    return [("versions", (path.name, datas[i] if datas else path.read_bytes())) for i, path in enumerate(paths)]


def test_api_history_is_the_cli_history(client, project, run_cli, tmp_path):
    """Same drafts, same labels, same pipeline: the API's JSON is `compose history --format json`'s bytes."""
    labels = "Res 79,G77 draft,Facilitator,Res 80"
    result = run_cli("--library", str(project), "history", *map(str, ICT4SD), "--labels", labels,
                     "--format", "json", "--out", str(tmp_path), "--name", "ict4sd")
    assert result.code == 0, result.err
    response = client.post("/api/history", files=_versions(), data={"labels": labels, "format": "json"})
    assert response.status_code == 200, response.text
    assert response.content == (tmp_path / "ict4sd.json").read_bytes()
    data = json.loads(response.content)
    assert [v["label"] for v in data["versions"]] == labels.split(",")
    assert len(data["lineages"]) > 100


def test_api_history_of_a_corpus_series_as_docx(client):
    response = client.post("/api/history", data={"series": "unga_ict4sd", "format": "docx"})
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"] == 'attachment; filename="history-unga_ict4sd.docx"'
    text = _docx_paragraph_text(response.content)
    assert "v1_A-RES-79-194_adopted_2024-12-19" in text and "v4_A-RES-80-118_adopted_2025-12-15" in text


def test_history_page_follows_each_paragraph(client):
    token = csrf(client, "/history")
    page = client.get("/history").text
    assert '<option value="unga_ict4sd">' in page and "/compare" in page
    response = client.post("/history", data={"csrf_token": token, "series": "unga_ict4sd"},
                           headers={"hx-request": "true"})
    assert response.status_code == 200, response.text
    data = json.loads(client.post("/api/history", data={"series": "unga_ict4sd"}).content)
    rows = re.findall(r'<tr class="lineage-row[^"]*" id="lineage-([\w.]+)">', response.text)
    assert rows == [lineage["id"] for lineage in data["lineages"]]
    modified = next(lin for lin in data["lineages"] if any(s["kind"] == "modified" and s["share"] > 0.05
                                                           for s in lin["steps"]))
    row = response.text[response.text.index(f'id="lineage-{modified["id"]}"'):]
    row = row[: row.index("</tr>")]
    assert "<ins>" in row or "<del>" in row
    assert len(re.findall(r'<div class="wording">', row)) == sum(n is not None for n in modified["numbers"])
    words = re.sub(r"<del>.*?</del>|<[^>]+>", "", row.split('<div class="wording">')[-1])
    assert " ".join(modified["last_text"].split()[:8]) in " ".join(words.split())


HISTORY_BAD = [
    ("one draft", {"files": _versions(ICT4SD[:1])}, 400, "at least two drafts"),
    ("same file twice", {"files": _versions([ICT4SD[0], ICT4SD[1], ICT4SD[0]])}, 400, "the same file as version 1"),
    ("labels do not fit", {"files": _versions(), "data": {"labels": "a,b"}}, 400, "2 label(s) for 4 versions"),
    ("unknown series", {"data": {"series": "../../etc"}}, 400, "no corpus series '../../etc'"),
    ("series and uploads", {"files": _versions(), "data": {"series": "paris"}}, 400, "not both"),
    ("unsupported file", {"files": [*_versions(ICT4SD[:1]), ("versions", ("tool.exe", b"MZ"))]}, 415, "not a draft"),
    ("not a docx", {"files": [*_versions(ICT4SD[:1]), ("versions", ("x.docx", b"plain words"))]}, 422, "not a DOCX"),
    ("too many", {"files": [("versions", (f"v{i}.txt", f"Paragraph {i}.".encode())) for i in range(13)]}, 400,
     "at most 12"),
    ("bad format", {"files": _versions(), "data": {"format": "exe"}}, 422, "format"),
]


@pytest.mark.parametrize(("kind", "request_", "status", "words"), HISTORY_BAD, ids=[b[0] for b in HISTORY_BAD])
def test_api_history_bad_input_is_one_line(client, kind, request_, status, words):
    response = client.post("/api/history", files=request_.get("files"), data=request_.get("data"))
    assert response.status_code == status, response.text
    assert words in response.text and "Traceback" not in response.text
    if status != 422 or kind != "bad format":
        detail = response.json()["detail"]
        assert isinstance(detail, str) and "\n" not in detail


def test_history_page_errors_and_csrf(client):
    assert client.post("/history", data={"series": "paris"}).status_code == 403
    token = csrf(client, "/history")
    response = client.post("/history", data={"csrf_token": token}, files=_versions(ICT4SD[:1]),
                           headers={"hx-request": "true"})
    assert response.status_code == 400
    assert 'class="error"' in response.text and "at least two drafts" in response.text
    assert "Traceback" not in response.text
