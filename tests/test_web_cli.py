"""``compose serve`` as a command: where it listens, whom it answers, what it warns about."""

from __future__ import annotations

import pytest

from composer.cli import serve_cmds


@pytest.fixture
def started(monkeypatch):
    """Capture what ``compose serve`` would run instead of starting a server."""
    import uvicorn

    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def test_defaults_bind_loopback_only(run_cli, started, small_project):
    result = run_cli("--library", str(small_project), "serve")
    assert result.code == 0, result.err
    (call,) = started
    assert call["host"] == "127.0.0.1" and call["port"] == 8000
    settings = call["app"].state.settings
    assert settings.root == small_project.resolve()
    assert "127.0.0.1" in settings.allowed_hosts and "localhost" in settings.allowed_hosts
    assert settings.max_upload_bytes == 20 * 1024 * 1024
    assert "warning" not in result.err and "http://127.0.0.1:8000/" in result.err


def test_other_host_warns_and_needs_allowed_names(run_cli, started, small_project):
    result = run_cli("--library", str(small_project), "serve", "--host", "0.0.0.0", "--port", "8123",
                     "--allow-host", "drafting.example", "--max-upload-mb", "5")
    assert result.code == 0, result.err
    assert "warning: listening on 0.0.0.0" in result.err
    settings = started[0]["app"].state.settings
    assert "drafting.example" in settings.allowed_hosts and "0.0.0.0" not in settings.allowed_hosts
    assert settings.max_upload_bytes == 5 * 1024 * 1024
    bare = run_cli("--library", str(small_project), "serve", "--host", "192.0.2.7")
    assert "add --allow-host" in bare.err and "192.0.2.7" in started[1]["app"].state.settings.allowed_hosts


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("::1", True), ("localhost", True),
                                                ("127.5.0.1", True), ("0.0.0.0", False), ("example.org", False)])
def test_loopback_detection(host, loopback):
    assert serve_cmds._is_loopback(host) is loopback


def test_serve_does_not_import_the_web_app_until_it_runs():
    import subprocess
    import sys

    code = "import sys, composer.cli; print('composer.web' in sys.modules, 'fastapi' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_corpus_folder_reaches_the_settings(run_cli, started, small_project, tmp_path):
    from tests.web_support import CORPUS

    result = run_cli("--library", str(small_project), "serve", "--corpus", str(CORPUS))
    assert result.code == 0, result.err
    assert started[0]["app"].state.settings.corpus == CORPUS.resolve()
    missing = run_cli("--library", str(small_project), "serve", "--corpus", str(tmp_path / "nowhere"))
    assert missing.code != 0 and "nowhere" in missing.err and "Traceback" not in missing.err
