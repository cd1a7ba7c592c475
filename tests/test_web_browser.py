"""compose serve in a real Chromium (Debian's, driven by Playwright): the flows of issue 13.

The server runs in a thread on a free loopback port over a scratch copy of the library. Every
page is also checked for what a person would not see in a log: a Content-Security-Policy
violation or a script error in the console. Screenshots at desktop and laptop sizes go to
``COMPOSER_SCREENSHOTS`` when that is set (the README's picture is made this way).
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import docx
import pytest
import yaml

from composer.web import WebSettings, create_app
from tests.web_support import CORPUS, NEW_DRAFT, OLD_DRAFT, ServerThread, copy_library, free_port

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1440, "height": 900}
LAPTOP = {"width": 1280, "height": 720}

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_library(tmp_path_factory.mktemp("browser-library"))


@pytest.fixture(scope="module")
def server(project):
    app = create_app(WebSettings(root=project, corpus=CORPUS))
    running = ServerThread(app, free_port()).start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: `make system` installs it (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    opened.on("pageerror", lambda exc: problems.append(str(exc)))
    opened.problems = problems  # type: ignore[attr-defined]
    yield opened
    context.close()
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems


def shoot(page, name: str) -> None:
    """Desktop and laptop screenshots, when COMPOSER_SCREENSHOTS names a folder."""
    folder = os.environ.get("COMPOSER_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for label, size in (("desktop", DESKTOP), ("laptop", LAPTOP)):
        page.set_viewport_size(size)
        page.wait_for_timeout(150)
        page.screenshot(path=str(Path(folder) / f"{name}-{label}.png"))
    page.set_viewport_size(DESKTOP)


def test_filter_the_library_and_open_provenance(page, server):
    page.goto(f"{server.url}/library")
    total = int(page.inner_text("#count strong"))
    page.select_option("#f-cluster", "1")
    sync_api.expect(page.locator("#count strong")).not_to_have_text(str(total))
    in_cluster = int(page.inner_text("#count strong"))
    assert 0 < in_cluster < total
    assert "cluster=1" in page.url
    page.fill("#f-text", "integration")
    sync_api.expect(page.locator("#count strong")).not_to_have_text(str(in_cluster))
    narrowed = int(page.inner_text("#count strong"))
    assert 0 < narrowed < in_cluster
    first = page.locator("tr.clause-row").first
    clause_text = first.locator("button.open").inner_text()
    first.locator("button.open").click()
    panel = page.locator("tr.clause-row + tr.prov-row .provenance").first
    panel.wait_for()
    assert panel.locator("mark").inner_text().split()[:3] == clause_text.split()[:3]
    assert panel.locator("dd.locator").inner_text().strip()
    assert panel.locator(".seed-where").inner_text().endswith(tuple("0123456789"))
    shoot(page, "library")
    panel.locator("button.close").click()
    sync_api.expect(page.locator(".provenance")).to_have_count(0)


def test_compose_cluster_1_brief_and_a_picked_draft(page, server, tmp_path):
    page.goto(f"{server.url}/compose")
    page.check("input[name=cluster][value='1']")
    page.fill("input[name=delegation]", "Mission of Ghana")
    page.select_option("select[name=format]", "md")
    page.click("button.primary")
    link = page.locator("a.download")
    link.wait_for(timeout=120_000)
    with page.expect_download() as waiting:
        link.click()
    brief = Path(waiting.value.path()).read_text("utf-8")
    assert waiting.value.suggested_filename == "brief-cluster-1-for-mission-of-ghana.md"
    assert "Mission of Ghana" in brief and "Cluster 1" in brief
    shoot(page, "compose")

    page.goto(f"{server.url}/library?objective=16&kind=recommendation")
    boxes = page.locator("input[name=id]")
    picked = [boxes.nth(i).get_attribute("value") for i in range(2)]
    for i in range(2):
        boxes.nth(i).check()
    page.click("text=Compose from ticked clauses")
    page.wait_for_url(re.compile(r"/compose\?"))
    assert page.locator(".picked input:checked").count() == 2
    page.check("input[name=kind][value=draft]")
    page.select_option("select[name=format]", "docx")
    page.click("button.primary")
    link = page.locator("a.download")
    link.wait_for(timeout=120_000)
    with page.expect_download() as waiting:
        link.click()
    target = tmp_path / "draft.docx"
    waiting.value.save_as(target)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs)
    assert "Global Compact" in text
    records = {r["id"]: r for r in page.request.get(f"{server.url}/api/clauses?objective=16").json()}
    assert all((records[i]["draft_text"] or records[i]["text"])[:30] in text for i in picked)


def _docx_text(path: Path) -> str:
    document = docx.Document(io.BytesIO(path.read_bytes()))
    return "\n".join([p.text for p in document.paragraphs]
                     + [cell.text for table in document.tables for row in table.rows for cell in row.cells])


def test_brief_from_ticked_clauses(page, server, tmp_path):
    page.goto(f"{server.url}/library?objective=16&kind=recommendation")
    boxes = page.locator("input[name=id]")
    picked = [boxes.nth(i).get_attribute("value") for i in (0, 2)]
    for i in (0, 2):
        boxes.nth(i).check()
    page.click("text=Compose from ticked clauses")
    page.wait_for_url(re.compile(r"/compose\?"))
    listed = page.locator(".picked li")
    assert listed.count() == 2 and picked[0] in listed.first.inner_text()
    assert page.locator("input[name=kind][value=brief]").is_checked()
    page.fill("input[name=delegation]", "Mission of Chile")
    shoot(page, "compose-picked")
    page.click("button.primary")
    link = page.locator("a.download")
    link.wait_for(timeout=120_000)
    with page.expect_download() as waiting:
        link.click()
    assert waiting.value.suggested_filename == "brief-2-clauses-for-mission-of-chile.docx"
    target = tmp_path / "brief.docx"
    waiting.value.save_as(target)
    text = _docx_text(target)
    records = {r["id"]: r for r in page.request.get(f"{server.url}/api/clauses?objective=16").json()}
    assert "Mission of Chile" in text
    assert all((records[i]["draft_text"] or records[i]["text"])[:40] in text for i in picked)
    unpicked = page.request.get(f"{server.url}/api/clauses?objective=16&kind=recommendation").json()[1]
    assert (unpicked["draft_text"] or unpicked["text"])[:40] not in text


def test_history_of_a_series(page, server):
    page.goto(f"{server.url}/compare")
    page.click("#to-history")
    page.wait_for_url(re.compile(r"/history$"))
    files = sorted(CORPUS.glob("unga_ict4sd_v*.txt"))[:3]
    page.set_input_files("#versions", [str(f) for f in files])
    page.fill("#labels", "Res 79, G77 draft, Facilitator")
    page.click("#show-history")
    headline = page.locator("#history-headline")
    headline.wait_for(timeout=60_000)
    assert headline.inner_text().startswith("Res 79 to Facilitator: 3 versions")
    assert page.locator("table.lineages th.num").all_inner_texts() == ["Res 79", "G77 draft", "Facilitator"]
    shoot(page, "history")
    row = page.locator("tr.lineage-row.changed").filter(has=page.locator("ins")).nth(2)
    row.locator("summary").click()
    wordings = row.locator(".wording")
    sync_api.expect(wordings.first).to_be_visible()
    assert wordings.count() >= 2
    assert row.locator("ins, del").first.is_visible()
    wordings.last.scroll_into_view_if_needed()
    shoot(page, "history-lineage")
    page.select_option("#series", "unga_ldc-followup")
    page.set_input_files("#versions", [])
    page.fill("#labels", "")
    page.click("#show-history")
    sync_api.expect(headline).to_contain_text("4 versions", timeout=60_000)
    with page.expect_download() as waiting:
        page.click("#history-form button[value=docx]")
    assert waiting.value.suggested_filename == "history-unga_ldc-followup.docx"
    page.select_option("#series", "")
    page.set_input_files("#versions", [str(files[0])])
    page.click("#show-history")
    error = page.locator("#history .error")
    error.wait_for()
    assert "at least two drafts" in error.inner_text()


def test_compare_two_corpus_drafts(page, server):
    page.goto(f"{server.url}/compare")
    page.set_input_files("#old", str(OLD_DRAFT))
    page.set_input_files("#new", str(NEW_DRAFT))
    page.click("#show-changes")
    headline = page.locator("#headline")
    headline.wait_for(timeout=60_000)
    assert re.search(r"\d+ (modified|inserted|deleted)", headline.inner_text())
    assert page.locator(".redline section.marked ins").count() > 0
    assert page.locator(".redline section.marked del").count() > 0
    shoot(page, "compare")
    with page.expect_download() as waiting:
        page.click("button[value=docx]")
    assert waiting.value.suggested_filename.endswith(".docx")
    page.set_input_files("#new", {"name": "fake.docx", "mimeType": "application/octet-stream",
                                  "buffer": b"not really a word file"})
    page.click("#show-changes")
    error = page.locator("#redline .error")
    error.wait_for()
    assert "fake.docx" in error.inner_text() and "not a DOCX" in error.inner_text()


def test_confirm_a_link_and_see_it_in_the_clause_file(page, server, project):
    page.goto(f"{server.url}/agreed")
    page.fill("#ref", "para 29")
    page.click("button.primary")
    row = page.locator("tr.link-row").first
    row.wait_for()
    clause_id = row.get_attribute("id").removeprefix("link-")
    shoot(page, "agreed")
    row.locator("input[name=refs]").fill("para 29(c)")
    row.locator("select[name=gap]").select_option("partial")
    row.locator("input[name=why]").fill("the compact names no timeline")
    row.locator("button[type=submit]").click()
    saved = page.locator(f"#link-{clause_id} .saved")
    saved.wait_for()
    record = next(r for r in page.request.get(f"{server.url}/api/clauses?gcm=para 29(c)").json()
                  if r["id"] == clause_id)
    assert saved.inner_text() == f"Saved to {record['file']}"
    entry = next(c for c in yaml.safe_load((project / record["file"]).read_text("utf-8"))["clauses"]
                 if c["id"] == clause_id)
    assert entry["gcm"] == {"refs": ["para 29(c)"], "gap": "partial", "confirmed": True,
                            "why": "the compact names no timeline"}
