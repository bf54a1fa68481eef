"""The JSON API against a live `accessconv serve` on a free loopback port, hostile inputs included."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import httpx
import jsonschema
import pytest

from service_builders import ROOT, SAMPLE, Server, post, small_draft, wait_done

SCHEMA = json.loads((ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8"))
CONFIG = "[service]\nmax_upload_mb = 1\nmax_drafts = 3\nrequests_per_minute = 600\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("svc") / "data"
    srv = Server(data, "--workers", "2", config=CONFIG)
    yield srv
    srv.stop()


def _leftovers(server: Server) -> list[Path]:
    return list((server.data / "incoming").iterdir())


def test_sample_converts_with_report_files_and_zip(server: Server) -> None:
    response = post(server.url, [("draft-strategy.md", SAMPLE.read_bytes())])
    assert response.status_code == 202, response.text
    body = response.json()
    assert response.headers["location"] == body["status_url"] == f"/api/v1/conversions/{body['id']}"
    status = wait_done(server.url, body["id"])
    assert status["converted"] == 1 and status["refused"] == 0
    report = httpx.get(server.url + status["report_url"]).json()
    jsonschema.validate(report, SCHEMA)
    assert report["files"][0]["source"] == "draft-strategy.md"
    assert status["check_errors"] == report["summary"]["errors"]
    assert status["exit_code"] == report["summary"]["exit_code"] == (1 if report["summary"]["errors"] else 0)
    names = {f["path"] for f in status["files"]}
    assert "draft-strategy/draft-strategy.html" in names
    assert "draft-strategy/draft-strategy-easy-read-review.html" in names
    page = httpx.get(
        server.url + f"/api/v1/conversions/{body['id']}/files/draft-strategy/draft-strategy.html"
    )
    assert page.status_code == 200 and "sandbox" in page.headers["content-security-policy"]
    archive = zipfile.ZipFile(io.BytesIO(httpx.get(server.url + status["zip_url"]).content))
    assert set(archive.namelist()) == names
    assert str(server.data) not in json.dumps(report)  # no server paths leak


def test_openapi_is_published(server: Server) -> None:
    doc = httpx.get(server.url + "/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.") and "/api/v1/conversions" in doc["paths"]


def test_profiles_are_chosen_and_unknown_ones_refused(server: Server) -> None:
    ok = post(server.url, [("notice.md", small_draft(1))], profiles=["html"])
    assert ok.status_code == 202
    assert ok.json()["profiles"] == ["html"]
    bad = post(server.url, [("notice.md", small_draft(1))], profiles=["../../etc"])
    assert bad.status_code == 400 and "Unknown format" in bad.json()["error"]
    assert _leftovers(server) == []


def test_wrong_content_type_is_415(server: Server) -> None:
    r = httpx.post(
        server.url + "/api/v1/conversions", content=b"# hello", headers={"content-type": "text/markdown"}
    )
    assert r.status_code == 415 and "multipart/form-data" in r.json()["error"]


def test_not_a_draft_is_415(server: Server) -> None:
    r = post(server.url, [("tool.exe", b"MZ\x90\x00")])
    assert r.status_code == 415 and "tool" in r.json()["error"]
    assert _leftovers(server) == []


def test_too_large_is_413_and_nothing_is_kept(server: Server) -> None:
    jobs_before = set((server.data / "jobs").iterdir())
    r = post(server.url, [("big.md", b"a " * 700_000)])
    assert r.status_code == 413 and "1 MB" in r.json()["error"]

    # Sent without a length (chunked): stopped while it streams in.
    def body():
        yield b'--xyz\r\nContent-Disposition: form-data; name="draft"; filename="a.md"\r\n\r\n'
        for _ in range(40):
            yield b"a" * 65536

    r = httpx.post(
        server.url + "/api/v1/conversions",
        content=body(),
        headers={"content-type": "multipart/form-data; boundary=xyz"},
    )
    assert r.status_code == 413
    assert set((server.data / "jobs").iterdir()) == jobs_before and _leftovers(server) == []


def test_too_many_drafts_is_413(server: Server) -> None:
    r = post(server.url, [(f"d{i}.md", small_draft(i)) for i in range(4)])
    assert r.status_code == 413
    assert _leftovers(server) == []


def test_truncated_multipart_is_400(server: Server) -> None:
    body = b'--xyz\r\nContent-Disposition: form-data; name="draft"; filename="a.md"\r\n\r\n# Title\n\nText'
    r = httpx.post(
        server.url + "/api/v1/conversions",
        content=body,
        headers={"content-type": "multipart/form-data; boundary=xyz"},
    )
    assert r.status_code == 400 and "cut off" in r.json()["error"]
    assert _leftovers(server) == []


def test_hostile_drafts_are_refused_like_the_cli(server: Server, tmp_path: Path) -> None:
    from test_bad_input import make_zip_bomb

    bomb = make_zip_bomb(tmp_path / "bomb.docx").read_bytes()
    r = post(server.url, [("bomb.docx", bomb), ("../../etc/passwd.md", small_draft(2))], profiles=["html"])
    assert r.status_code == 202
    status = wait_done(server.url, r.json()["id"])
    assert status["refused"] == 1 and status["converted"] == 1 and status["exit_code"] == 2
    assert [d["name"] for d in status["drafts"]] == ["bomb.docx", "passwd.md"]
    assert "unsafe size" in status["drafts"][0]["error"]
    assert all(not f["path"].startswith("..") for f in status["files"])
    script = b"<h1>Notice</h1><p>Hello</p><script>alert(1)</script><img src=x onerror=alert(2)>"
    r = post(server.url, [("page.html", script)], profiles=["html"])
    status = wait_done(server.url, r.json()["id"])
    html = httpx.get(server.url + status["files"][0]["url"]).text
    assert "alert(" not in html


def test_files_outside_a_job_are_404(server: Server) -> None:
    r = post(server.url, [("n.md", small_draft(3))], profiles=["html"])
    job = wait_done(server.url, r.json()["id"])
    base = f"{server.url}/api/v1/conversions/{job['id']}/files/"
    for bad in ("../job.json", "..%2Fjob.json", "%2e%2e/%2e%2e/queue.db", "n/../../report.json"):
        assert httpx.get(base + bad).status_code == 404, bad
    assert httpx.get(f"{server.url}/api/v1/conversions/AAAAAAAAAAAAAAAAAAAAAA").status_code == 404
    assert httpx.get(f"{server.url}/api/v1/conversions/..").status_code == 404


def test_flood_gets_429(tmp_path: Path) -> None:
    srv = Server(tmp_path / "data", "--no-workers", config="[service]\nrequests_per_minute = 10\n")
    try:
        codes = [
            httpx.post(
                srv.url + "/api/v1/conversions", content=b"x", headers={"content-type": "text/plain"}
            ).status_code
            for _ in range(12)
        ]
        assert codes[:5] == [415] * 5 and codes[-1] == 429
    finally:
        srv.stop()


def test_token_and_sign_in_when_required(tmp_path: Path) -> None:
    from service_builders import environment

    env = environment(ACCESSCONV_API_TOKEN="t0ken-for-tests", ACCESSCONV_LOGIN_SECRET="officer secret")
    srv = Server(tmp_path / "data", "--no-workers", env=env)
    try:
        assert post(srv.url, [("n.md", small_draft(1))]).status_code == 401
        wrong = post(srv.url, [("n.md", small_draft(1))], headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        right = post(srv.url, [("n.md", small_draft(1))], headers={"Authorization": "Bearer t0ken-for-tests"})
        assert right.status_code == 202
        assert httpx.get(srv.url + right.json()["status_url"]).status_code == 401
        with httpx.Client(base_url=srv.url) as browser:
            page = browser.get("/")
            assert page.status_code == 303 and page.headers["location"] == "/login"
            form = browser.get("/login")
            csrf = form.cookies.get("acv_csrf") or browser.cookies.get("acv_csrf")
            bad = browser.post("/login", data={"csrf_token": csrf, "secret": "guess"})
            assert bad.status_code == 401
            forged = browser.post("/login", data={"csrf_token": "forged", "secret": "officer secret"})
            assert forged.status_code == 401
            ok = browser.post("/login", data={"csrf_token": csrf, "secret": "officer secret"})
            assert ok.status_code == 303
            home = browser.get("/")
            assert home.status_code == 200 and "Content-Security-Policy" in home.headers
            no_csrf = browser.post("/conversions", files=[("draft", ("n.md", small_draft(1)))])
            assert no_csrf.status_code == 403
    finally:
        srv.stop()


def test_binding_elsewhere_needs_secrets(tmp_path: Path) -> None:
    import subprocess
    import sys

    from service_builders import environment

    run = subprocess.run(
        [sys.executable, "-m", "accessconv", "serve", "--bind", "0.0.0.0:0", "--data", str(tmp_path)],
        env=environment(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2 and "ACCESSCONV_API_TOKEN" in run.stderr


def test_page_headers_are_strict(server: Server) -> None:
    home = httpx.get(server.url + "/")
    csp = home.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert home.headers["x-frame-options"] == "DENY"
    assert time.time()  # keep the import used


def test_status_waits_for_a_change_with_wait(server: Server) -> None:
    r = post(server.url, [("waiting.md", small_draft(7))], profiles=["html"])
    url = server.url + r.json()["status_url"]
    answers = []
    while not answers or answers[-1]["state"] != "done":
        answers.append(httpx.get(url, params={"wait": "30"}, timeout=60).json())
        assert len(answers) <= 6, answers  # one answer per change (queued, running, done), not polling
    assert answers[-1]["converted"] == 1
    assert httpx.get(url, params={"wait": "soon"}).status_code == 400


def test_get_flood_gets_429_with_retry_after(tmp_path: Path) -> None:
    srv = Server(tmp_path / "data", "--no-workers", config="[service]\nreads_per_minute = 20\n")
    try:
        with httpx.Client(base_url=srv.url) as client:
            codes = [client.get("/api/v1/openapi.json").status_code for _ in range(30)]
            assert codes[0] == 200 and codes.count(200) <= 10 and codes[-1] == 429
            refused = client.get("/api/v1/openapi.json")
            assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
            page = client.get("/")
            assert page.status_code == 429 and "Too many requests" in page.text
            assert "retry-after" in page.headers
            # The page's one script is cached by browsers and cheap: not counted.
            assert {client.get("/static/service.js").status_code for _ in range(30)} == {200}
    finally:
        srv.stop()


def _flood(url: str, forwarded: list[str]) -> list[int]:
    """One post per X-Forwarded-For value (each refused as not multipart, or limited)."""
    return [
        httpx.post(
            url + "/api/v1/conversions",
            content=b"x",
            headers={"content-type": "text/plain", "x-forwarded-for": value},
        ).status_code
        for value in forwarded
    ]


def test_forwarded_for_is_believed_only_from_a_trusted_proxy(tmp_path: Path) -> None:
    # No trusted proxies (the default): a client naming a new address in every request still
    # meets its own limit.
    srv = Server(tmp_path / "plain", "--no-workers", config="[service]\nrequests_per_minute = 10\n")
    try:
        codes = _flood(srv.url, [f"203.0.113.{n}" for n in range(8)])
        assert codes[:5] == [415] * 5 and codes[-1] == 429
    finally:
        srv.stop()
    # Behind a trusted proxy (the test's loopback address): each person the proxy names has their
    # own allowance, and an address the person wrote themselves (left of the proxy's) is ignored.
    config = '[service]\nrequests_per_minute = 10\ntrusted_proxies = ["127.0.0.1"]\n'
    srv = Server(tmp_path / "proxied", "--no-workers", config=config)
    try:
        codes = _flood(srv.url, [f"198.51.100.{n}, 203.0.113.7" for n in range(8)])
        assert codes[:5] == [415] * 5 and codes[-1] == 429  # all the same person: 203.0.113.7
        assert _flood(srv.url, ["203.0.113.8"]) == [415]  # someone else is not held back
    finally:
        srv.stop()
