"""Every page the service shows, in every state, passes our own HTML checks (those that apply to an
application page: service/pagecheck.py), and each browser sees only its own recent conversions.

The app runs in this process (httpx's ASGI transport): no server, no workers, so a job's states
are set up by writing its job.json as a worker would."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from accessconv.service import security
from accessconv.service.app import Settings, build_app
from accessconv.service.pagecheck import check_service_page
from accessconv.service.storage import Store, new_job_id
from service_builders import small_draft

SECRET = "officer secret for tests"


def _job(store: Store, state: str, drafts: list[dict[str, Any]], **extra: Any) -> str:
    job_id = new_job_id()
    store.job_dir(job_id).mkdir(parents=True)
    store.write(
        job_id,
        {
            "id": job_id,
            "created": time.time(),
            "state": state,
            "profiles": ["html"],
            "drafts": drafts,
            **extra,
        },
    )
    return job_id


def _draft(name: str, state: str, **extra: Any) -> dict[str, Any]:
    stem = name.rsplit(".", 1)[0]
    return {"name": name, "stem": stem, "state": state, "error": None, "text": "", **extra}


REPORT = """notice.md
  Wrote 4 files to notice/
    ok notice.html (accessible web page): all 12 checks passed
    x notice-easy-read.docx (Easy Read): 23 of 27 checks passed, 2 problems
    x notice-easy-read.pdf (Easy Read): 16 of 20 checks passed, 2 problems
    x notice-easy-read.html (Easy Read): 21 of 25 checks passed, 2 problems, 1 thing to look at
  What accessconv changed for you:
    - Split 4 long sentences into shorter ones: see the review sheet.
  To fix in the outputs:
    Problem: notice-easy-read.docx, notice-easy-read.pdf, notice-easy-read.html: This sentence has 21 words.
      How to fix: Split it into two short sentences, one idea in each.
    Problem: notice-easy-read.docx, notice-easy-read.pdf, notice-easy-read.html: This sentence has 16 words.
      How to fix: Split it into two short sentences, one idea in each.
    Check: notice-easy-read.html: Reading ease is 76: aim for 80.
  Notes:
    Note: notice-easy-read.html, notice.html: The browser audit was skipped: it runs when asked.
  The draft itself: all 9 checks passed"""
NOTICE_FILES = [
    f"notice/{n}"
    for n in ("notice.html", "notice-easy-read.docx", "notice-easy-read.pdf", "notice-easy-read.html")
]


def _get(app: Any, path: str, cookies: dict[str, str] | None = None, **kw: Any) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1", cookies=cookies) as c:
            return await c.request(kw.pop("method", "GET"), path, **kw)

    return asyncio.run(go())


def _findings(response: httpx.Response, folder: Path, name: str) -> list[str]:
    path = folder / f"{name}.html"
    path.write_text(response.text, encoding="utf-8")
    return [f"{r.id}: {r.message} {r.where}" for r in check_service_page(path) if r.status != "pass"]


KEYS = security.Secrets()


@pytest.fixture
def store_app(tmp_path: Path) -> tuple[Store, Any]:
    data = tmp_path / "data"
    app = build_app(Settings(data_dir=data, reads_per_minute=60, secrets=KEYS))
    return Store(data), app


def test_every_page_in_every_state_passes_our_html_checks(
    tmp_path: Path, store_app: tuple[Store, Any]
) -> None:
    store, app = store_app
    queued = _job(store, "queued", [_draft("notice.md", "waiting")])
    running = _job(store, "running", [_draft("a.md", "converted"), _draft("b.docx", "converting")])
    done = _job(
        store,
        "done",
        [
            _draft("notice.md", "converted", text=REPORT),
            _draft("bomb.docx", "failed", error="bomb.docx: the document has an unsafe size."),
        ],
        files=["notice/notice.html", "notice/notice-easy-read.html", "notice/notice-easy-read-review.html"],
        closing="Done: 3 files written, 1 problem a person must fix.",
        finished=time.time(),
    )
    recent = {security.RECENT_COOKIE: KEYS.recent_cookie([done, queued])}
    pages = {
        "home": _get(app, "/"),
        "home-recent": _get(app, "/", cookies=recent),
        "queued": _get(app, f"/conversions/{queued}"),
        "running": _get(app, f"/conversions/{running}"),
        "done": _get(app, f"/conversions/{done}"),
        "not-found": _get(app, "/conversions/AAAAAAAAAAAAAAAAAAAAAA"),
        "forged-post": _get(app, "/conversions", method="POST", files=[("draft", ("n.md", small_draft(1)))]),
    }
    signed = build_app(Settings(data_dir=tmp_path / "signed", secrets=security.Secrets(login_secret=SECRET)))
    pages["login"] = _get(signed, "/login")
    pages["login-failed"] = _get(
        signed, "/login", method="POST", data={"secret": "wrong", security.CSRF_FIELD: "x"}
    )
    for _ in range(40):  # the read allowance (60 a minute, 30 at once) runs out: the 429 page
        flood = _get(app, "/")
    pages["too-many"] = flood
    assert [pages["forged-post"].status_code, pages["login-failed"].status_code, flood.status_code] == [
        403,
        401,
        429,
    ]
    assert "notice.md" in pages["home-recent"].text and "notice.md" not in pages["home"].text
    found = {name: _findings(response, tmp_path, name) for name, response in pages.items()}
    assert {name: f for name, f in found.items() if f} == {}


def test_service_safe_finds_what_an_application_page_must_not_do(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text(
        '<!doctype html><html lang="en-GB"><head><title>Bad</title></head><body>'
        '<a href="#m">Skip</a><main id="m"><h1>Bad</h1>'
        '<form method="post" action="https://elsewhere.example/steal"></form>'
        '<script>alert(1)</script><script src="https://cdn.example/x.js"></script>'
        '<img src="//tracker.example/p.gif" alt="x"><button onclick="go()">Go</button>'
        "</main></body></html>",
        encoding="utf-8",
    )
    messages = [r.message for r in check_service_page(page) if r.id == "service.safe"]
    assert any("does not post to the service" in m for m in messages)
    assert any("written into it" in m for m in messages)
    assert any("not one of the service's own files" in m for m in messages)
    assert any("from another site" in m for m in messages)
    assert any("onclick" in m for m in messages)
    assert not [r for r in check_service_page(page) if r.id == "html.safe"]  # replaced, not added


def test_each_browser_sees_only_its_own_recent_conversions(store_app: tuple[Store, Any]) -> None:
    store, app = store_app

    async def go() -> tuple[str, str, str]:
        transport = httpx.ASGITransport(app=app)
        async with (
            httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as first,
            httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as second,
        ):
            await first.get("/")
            csrf = first.cookies[security.CSRF_COOKIE]
            posted = await first.post(
                "/conversions",
                files=[("draft", ("budget-notice.md", small_draft(1)))],
                data={security.CSRF_FIELD: csrf, "profile": "html"},
            )
            assert posted.status_code == 303, posted.text
            job_id = posted.headers["location"].rsplit("/", 1)[-1]
            # A list slipped into a cookie by hand is not believed.
            second.cookies.set(security.RECENT_COOKIE, f"{job_id}.forged")
            return (await first.get("/")).text, (await second.get("/")).text, job_id

    mine, theirs, job_id = asyncio.run(go())
    assert "budget-notice.md" in mine and f"/conversions/{job_id}" in mine
    assert "budget-notice.md" not in theirs and "No conversions yet." in theirs
    assert len(job_id) >= 22  # 128 random bits: the only way to reach a job


def test_the_report_reads_as_headed_lists(store_app: tuple[Store, Any]) -> None:
    store, app = store_app
    done = _job(
        store,
        "done",
        [_draft("notice.md", "converted", text=REPORT)],
        files=NOTICE_FILES,
        closing="Done.",
        finished=time.time(),
    )
    page = _get(app, f"/conversions/{done}").text
    assert "<p>Wrote 4 files to notice/</p>" in page
    assert "<strong>Passed:</strong> notice.html (accessible web page): all 12 checks passed" in page
    assert "<li>Split 4 long sentences into shorter ones: see the review sheet.</li>" in page
    assert "<h4>To fix in the outputs</h4>" in page
    # Findings about the same files sit under one heading naming them, each read once.
    trio = "<h5>Easy Read: notice-easy-read.docx, notice-easy-read.pdf and notice-easy-read.html</h5>"
    assert page.count(trio) == 1 and "notice-easy-read.docx, notice-easy-read.pdf" not in page.replace(
        trio, ""
    )
    assert "<strong>Problem:</strong> This sentence has 21 words." in page
    assert "<strong>Problem:</strong> This sentence has 16 words." in page
    assert "<h5>Easy Read: notice-easy-read.html</h5>" in page
    assert "<strong>Check:</strong> Reading ease is 76: aim for 80." in page
    assert "<h5>notice-easy-read.html and notice.html</h5>" in page  # two kinds: names only
    assert "<strong>Note:</strong> The browser audit was skipped: it runs when asked." in page
    assert page.index(trio) < page.index("21 words") < page.index("<h5>Easy Read: notice-easy-read.html</h5>")
    assert '<span class="advice">How to fix: Split it into two short sentences' in page
