"""The web application: the officers' page and the JSON API (Starlette, served by uvicorn)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
import re
import shutil
import time
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..config import ServiceConfig
from ..formats import label
from ..limits import DEFAULT, Limits
from ..version import __version__
from ..web.templates import render
from . import catalogue, security
from .jobs import enqueue, make_huey
from .openapi import openapi_document
from .storage import DRAFT_TYPES, Store, clean_stem, draft_type, new_job_id

API = "/api/v1"
STATIC = Path(__file__).resolve().parent / "templates" / "js"  # package data, like the templates
CHUNK = 1024 * 1024
MAX_WAIT = 30.0  # longest ?wait= on a status request, in seconds
WAIT_STEP = 0.1  # how often a held status request looks at the job
MAX_WAITING = 100  # status requests held at once (half uvicorn's limit); more are answered at once


@dataclass
class Settings:
    data_dir: Path
    queue: str | None = None
    service: ServiceConfig = field(default_factory=ServiceConfig)
    limits: Limits = DEFAULT
    profiles_dirs: list[Path] = field(default_factory=list)
    secrets: security.Secrets = field(default_factory=security.Secrets)
    requests_per_minute: int = 120
    reads_per_minute: int = 600


class RequestTooLarge(Exception):
    pass


class _BodyLimit:
    """ASGI middleware: a body over the limit stops with 413 (by Content-Length at once, or while
    it streams in), and remembers the body's last bytes so a cut-off multipart body is noticed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > self.max_bytes:
                    await _too_large(scope, send, self.max_bytes)
                    return
        seen = 0
        tail = bytearray()
        scope["accessconv.tail"] = tail

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                body = message.get("body", b"")
                seen += len(body)
                if seen > self.max_bytes:
                    raise RequestTooLarge
                tail.extend(body)
                del tail[:-512]
            return message

        await self.app(scope, limited, send)


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    response = _problem(413, f"The request is larger than this service takes ({limit // (1024 * 1024)} MB).")
    await response(scope, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.disconnect"}


def _problem(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, "status": status, **extra}, status_code=status)


class Service:
    """The routes, over one store and one queue."""

    def __init__(self, settings: Settings) -> None:
        self.s = settings
        self.store = Store(settings.data_dir)
        self.store.prepare()
        self.huey = make_huey(settings.queue, settings.data_dir)
        self.limiter = security.RateLimiter(settings.requests_per_minute)
        self.readers = security.RateLimiter(settings.reads_per_minute)
        self.proxies = security.Proxies.of(settings.service.trusted_proxies)
        self.waiting = 0  # status requests held open (?wait=), at most MAX_WAITING
        catalogue.writable(settings.profiles_dirs)  # loaded once now, not on the first post

    # ------------------------------------------------------------ helpers

    def profiles(self) -> list[dict[str, Any]]:
        return [
            {"name": p.name, "description": p.description, "default": p.default, "label": label(p.format)}
            for p in catalogue.writable(self.s.profiles_dirs)
        ]

    def page(self, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        csrf = request.cookies.get(security.CSRF_COOKIE) or security.new_csrf()
        html = render(
            template,
            "accessconv.service",
            language="en-GB",
            version=__version__,
            skip_link_label="Skip to main content",
            csrf=csrf,
            csrf_field=security.CSRF_FIELD,
            signed_in=self.s.secrets.login_secret is not None,
            **context,
        )
        response = HTMLResponse(html, status_code=status)
        response.headers["Content-Security-Policy"] = security.page_csp(html)
        response.headers["Cache-Control"] = "no-store"
        if request.cookies.get(security.CSRF_COOKIE) != csrf:
            response.set_cookie(
                security.CSRF_COOKIE,
                csrf,
                httponly=True,
                samesite="strict",
                secure=request.url.scheme == "https",
                path="/",
            )
        return response

    def signed_in(self, request: Request) -> bool:
        return self.s.secrets.session_ok(request.cookies.get(security.SESSION_COOKIE))

    def api_allowed(self, request: Request) -> bool:
        if self.s.secrets.token_ok(request.headers.get("authorization")):
            return True
        # The page's own script reads the status with the officer's session (GET only).
        return request.method == "GET" and self.s.secrets.login_secret is not None and self.signed_in(request)

    def client(self, request: Request) -> str:
        """The address a request's limits count against (security.Proxies)."""
        peer = request.client.host if request.client else "unknown"
        headers = request.headers
        return self.proxies.client_of(peer, headers.getlist("forwarded"), headers.getlist("x-forwarded-for"))

    def job_or_404(self, job_id: str) -> dict[str, Any]:
        try:
            return self.store.read(job_id)
        except KeyError:
            raise HTTPException(
                404, "There is no conversion with that number (it may have been deleted)."
            ) from None

    def status_json(self, job: dict[str, Any]) -> dict[str, Any]:
        base = f"{API}/conversions/{job['id']}"
        done = job["state"] == "done"
        return {
            "id": job["id"],
            "state": job["state"],
            "created": _iso(job["created"]),
            "finished": _iso(job.get("finished")),
            "profiles": job["profiles"],
            "drafts": [
                {"name": d["name"], "state": d["state"], "error": d.get("error")} for d in job["drafts"]
            ],
            "converted": job.get("converted") if done else None,
            "refused": job.get("refused") if done else None,
            "check_errors": job.get("check_errors") if done else None,
            "warnings": job.get("warnings") if done else None,
            "exit_code": job.get("exit_code") if done else None,
            "status_url": base,
            "report_url": f"{base}/report" if done else None,
            "zip_url": f"{base}/zip" if done else None,
            "page_url": f"/conversions/{job['id']}",
            "files": [{"path": f, "url": f"{base}/files/{f}"} for f in job.get("files", [])],
        }

    # ------------------------------------------------------------ taking drafts

    async def take_drafts(
        self, request: Request, form_names: tuple[str, ...]
    ) -> tuple[dict[str, Any] | None, Response | None]:
        """Parse a multipart post into a queued job, or an error response; nothing is left behind
        on any error."""
        ctype = request.headers.get("content-type", "")
        if not ctype.lower().startswith("multipart/form-data"):
            return None, _problem(415, "Send the drafts as multipart/form-data (a file field named 'draft').")
        svc = self.s.service
        folder = self.store.new_incoming()
        try:
            try:
                async with request.form(
                    max_files=svc.max_drafts, max_fields=40, max_part_size=64 * 1024
                ) as form:
                    tail = bytes(request.scope.get("accessconv.tail", b""))
                    boundary = ctype.split("boundary=", 1)[-1].split(";")[0].strip().strip('"')
                    if not boundary or not tail.rstrip(b"\r\n").endswith(b"--" + boundary.encode() + b"--"):
                        return None, _problem(400, "The request was cut off before its end. Send it again.")
                    extra = {"csrf": form.get(security.CSRF_FIELD)}
                    uploads = [
                        u for name in form_names for u in form.getlist(name) if isinstance(u, UploadFile)
                    ]
                    chosen = [str(v) for v in form.getlist("profile") if isinstance(v, str)]
                    if request.scope.get("accessconv.page") and not security.csrf_ok(
                        request.cookies.get(security.CSRF_COOKIE), str(extra["csrf"] or "")
                    ):
                        return None, _problem(
                            403, "This form has expired. Open the page again and resend it."
                        )
                    uploads = [u for u in uploads if u.filename]
                    if not uploads:
                        return None, _problem(
                            400, "No draft was sent. Choose a .docx, .odt, .md or .html file."
                        )
                    if len(uploads) > svc.max_drafts:
                        return None, _problem(413, f"Send at most {svc.max_drafts} drafts at once.")
                    drafts_or_refusal = await _store_uploads(uploads, folder)
                    if isinstance(drafts_or_refusal, Response):
                        return None, drafts_or_refusal
                    drafts = drafts_or_refusal
                    profiles = self.pick_profiles(chosen)
            except RequestTooLarge:
                return None, _problem(
                    413, f"The request is larger than this service takes ({svc.max_upload_mb} MB)."
                )
            except HTTPException as err:  # python-multipart's refusals (too many files, bad body)
                status = 413 if "maximum" in str(err.detail).lower() else 400
                return None, _problem(status, f"The drafts could not be read from the request: {err.detail}.")
            except ClientDisconnect:
                return None, _problem(400, "The request was cut off before its end. Send it again.")
            except ValueError as err:
                return None, _problem(400, str(err))
            job_id = new_job_id()
            job = {
                "id": job_id,
                "created": time.time(),
                "state": "queued",
                "profiles": profiles,
                "profiles_dirs": [str(p) for p in self.s.profiles_dirs],
                "limits": asdict(self.s.limits),
                "job_seconds": svc.job_seconds,
                "drafts": drafts,
                "runs": 0,
            }
            target = self.store.job_dir(job_id)
            target.mkdir(parents=True)
            os.replace(folder, target / "upload")
            self.store.write(job_id, job)
            enqueue(self.huey, self.s.data_dir, job_id)
            return job, None
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def pick_profiles(self, chosen: list[str]) -> list[str]:
        known = {p["name"]: p for p in self.profiles()}
        if not chosen:
            return [n for n, p in known.items() if p["default"]]
        unknown = [c for c in chosen if c not in known]
        if unknown:
            raise ValueError(f"Unknown format: {unknown[0][:40]}. Choose from {', '.join(known)}.")
        return list(dict.fromkeys(chosen))

    # ------------------------------------------------------------ API

    async def api_create(self, request: Request) -> Response:
        if not self.api_allowed(request) or request.method != "POST":
            return _problem(401, "Send the API token: Authorization: Bearer <token>.")
        if wait := self.limiter.wait_for(self.client(request)):
            return _retry_after(
                _problem(429, "Too many requests. Try again later.", retry_after=_seconds(wait)), wait
            )
        job, error = await self.take_drafts(request, ("draft",))
        if error is not None:
            return error
        assert job is not None
        body = self.status_json(job)
        return JSONResponse(body, status_code=202, headers={"Location": body["status_url"]})

    async def api_status(self, request: Request) -> Response:
        """The job's status; with `?wait=N` (up to MAX_WAIT seconds) the answer waits until the job
        changes or finishes, so a workflow needs one request where it would poll many times."""
        if not self.api_allowed(request):
            return _problem(401, "Send the API token: Authorization: Bearer <token>.")
        job = self.job_or_404(request.path_params["job_id"])
        try:
            wait = min(float(request.query_params.get("wait", "0")), MAX_WAIT)
        except ValueError:
            return _problem(400, "wait must be a number of seconds.")
        if wait > 0 and job["state"] != "done" and self.waiting < MAX_WAITING:
            self.waiting += 1
            try:
                job = await self.changed(job, wait)
            finally:
                self.waiting -= 1
        return JSONResponse(self.status_json(job))

    async def changed(self, job: dict[str, Any], wait: float) -> dict[str, Any]:
        """The job once job.json changes (a stat every WAIT_STEP seconds, no reads), or at `wait`."""
        path = self.store.job_dir(job["id"]) / "job.json"
        try:
            seen = os.stat(path).st_mtime_ns
        except OSError:
            return job
        end = time.monotonic() + wait
        while time.monotonic() < end:
            await asyncio.sleep(WAIT_STEP)
            try:
                if os.stat(path).st_mtime_ns != seen:
                    return self.job_or_404(job["id"])
            except OSError:
                break
        return self.job_or_404(job["id"])

    async def api_report(self, request: Request) -> Response:
        if not self.api_allowed(request):
            return _problem(401, "Send the API token: Authorization: Bearer <token>.")
        job = self.job_or_404(request.path_params["job_id"])
        if job["state"] != "done":
            return _problem(409, "The conversion has not finished yet.", state=job["state"])
        return FileResponse(self.store.job_dir(job["id"]) / "report.json", media_type="application/json")

    async def api_file(self, request: Request) -> Response:
        if not self.api_allowed(request):
            return _problem(401, "Send the API token: Authorization: Bearer <token>.")
        return self.file(request)

    async def api_zip(self, request: Request) -> Response:
        if not self.api_allowed(request):
            return _problem(401, "Send the API token: Authorization: Bearer <token>.")
        return await self.zip(request)

    async def api_openapi(self, request: Request) -> Response:
        return JSONResponse(openapi_document(__version__, self.s.service))

    def file(self, request: Request) -> Response:
        job = self.job_or_404(request.path_params["job_id"])
        path = self.store.output_file(job["id"], request.path_params["path"])
        if path is None:
            raise HTTPException(404, "There is no such file in this conversion.")
        inline = path.suffix.lower() in (".html", ".pdf", ".txt")
        response = FileResponse(
            path, filename=path.name, content_disposition_type="inline" if inline else "attachment"
        )
        response.headers["Content-Security-Policy"] = security.OUTPUT_CSP
        return response

    async def zip(self, request: Request) -> Response:
        job = self.job_or_404(request.path_params["job_id"])
        if job["state"] != "done":
            raise HTTPException(409, "The conversion has not finished yet.")
        path = await asyncio.to_thread(self.store.zip_path, job["id"])
        name = (job["drafts"][0]["stem"] if len(job["drafts"]) == 1 else "conversion") + " - accessible.zip"
        return FileResponse(path, filename=name, media_type="application/zip")

    # ------------------------------------------------------------ page

    def need_sign_in(self, request: Request) -> Response | None:
        if self.signed_in(request):
            return None
        return RedirectResponse("/login", status_code=303)

    async def home(self, request: Request) -> Response:
        if (redirect := self.need_sign_in(request)) is not None:
            return redirect
        return self.page(
            request,
            "service-home.html",
            title="Make accessible versions of a draft",
            profiles=self.profiles(),
            recent=self.recent(request),
            service=self.s.service,
            types=", ".join(DRAFT_TYPES),
            error=None,
        )

    def recent(self, request: Request) -> list[dict[str, Any]]:
        """This browser's own conversions (their ids in a signed cookie), newest first."""
        found = []
        for job_id in self.s.secrets.recent_ids(request.cookies.get(security.RECENT_COOKIE)):
            with contextlib.suppress(KeyError):
                found.append(_view(self.store.read(job_id)))
        return found

    async def page_create(self, request: Request) -> Response:
        if not self.signed_in(request):
            return RedirectResponse("/login", status_code=303)
        if not _same_origin(request):
            return self.error_page(
                request, 403, "This form was sent from another site, so it was not accepted."
            )
        if wait := self.limiter.wait_for(self.client(request)):
            return _retry_after(
                self.error_page(request, 429, "Too many requests. Wait a minute and try again."), wait
            )
        request.scope["accessconv.page"] = True
        job, error = await self.take_drafts(request, ("draft",))
        if error is not None:
            return self.error_page(request, error.status_code, json.loads(bytes(error.body))["error"])
        assert job is not None
        response = RedirectResponse(f"/conversions/{job['id']}", status_code=303)
        mine = self.s.secrets.recent_ids(request.cookies.get(security.RECENT_COOKIE))
        response.set_cookie(
            security.RECENT_COOKIE,
            self.s.secrets.recent_cookie([job["id"], *[i for i in mine if i != job["id"]]]),
            max_age=int(self.s.service.keep_hours * 3600),
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
        return response

    def error_page(self, request: Request, status: int, message: str) -> Response:
        return self.page(
            request, "service-error.html", status=status, title="That did not work", message=message
        )

    async def result(self, request: Request) -> Response:
        if (redirect := self.need_sign_in(request)) is not None:
            return redirect
        job = self.job_or_404(request.path_params["job_id"])
        view = _view(job)
        return self.page(
            request,
            "service-result.html",
            title=f"Results for {view['stems']}",
            job=view,
            status_url=f"{API}/conversions/{job['id']}",
        )

    async def page_file(self, request: Request) -> Response:
        if (redirect := self.need_sign_in(request)) is not None:
            return redirect
        return self.file(request)

    async def page_zip(self, request: Request) -> Response:
        if (redirect := self.need_sign_in(request)) is not None:
            return redirect
        return await self.zip(request)

    async def login(self, request: Request) -> Response:
        if self.s.secrets.login_secret is None:
            return RedirectResponse("/", status_code=303)
        message = None
        if request.method == "POST":
            if wait := self.limiter.wait_for(self.client(request)):
                page = self.error_page(request, 429, "Too many tries. Wait a minute and try again.")
                return _retry_after(page, wait)
            if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
                return self.error_page(request, 415, "Sign in with the form on this page.")
            try:
                async with request.form(max_files=0, max_fields=5) as form:
                    fields = {k: str(v) for k, v in form.items() if isinstance(v, str)}
            except (RequestTooLarge, HTTPException, ClientDisconnect):
                return self.error_page(request, 400, "Sign in with the form on this page.")
            ok = security.csrf_ok(request.cookies.get(security.CSRF_COOKIE), fields.get(security.CSRF_FIELD))
            if ok and _same_origin(request) and self.s.secrets.login_ok(fields.get("secret", "")):
                response = RedirectResponse("/", status_code=303)
                response.set_cookie(
                    security.SESSION_COOKIE,
                    self.s.secrets.new_session(),
                    httponly=True,
                    samesite="strict",
                    secure=request.url.scheme == "https",
                    max_age=security.SESSION_HOURS * 3600,
                )
                return response
            message = "That is not the service's sign-in secret. Try again."
        return self.page(
            request, "service-login.html", status=401 if message else 200, title="Sign in", message=message
        )

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ("service.js",):
            raise HTTPException(404, "Not found.")
        return FileResponse(
            STATIC / name, media_type="text/javascript", headers={"Cache-Control": "max-age=300"}
        )

    async def not_found(self, request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        detail = exc.detail if isinstance(exc, HTTPException) else "Something went wrong."
        if request.url.path.startswith(API):
            return _problem(status, str(detail))
        return self.error_page(request, status, str(detail))

    async def clean_up(self) -> None:
        while True:
            await asyncio.to_thread(self.store.remove_expired, self.s.service.keep_hours)
            await asyncio.sleep(300)


def _seconds(wait: float) -> int:
    return max(1, math.ceil(wait))


def _retry_after(response: Response, wait: float) -> Response:
    response.headers["Retry-After"] = str(_seconds(wait))
    return response


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None:  # browsers send it on posts; other clients need no check
        return True
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] == host


def _iso(stamp: float | None) -> str | None:
    return None if stamp is None else datetime.fromtimestamp(stamp, UTC).isoformat(timespec="seconds")


@dataclass
class ReportItem:
    label: str  # "Problem", "Check", "Note", "Passed", "To fix" or ""
    text: str
    more: list[str] = field(default_factory=list)  # "How to fix: ..." lines under it


@dataclass
class ReportGroup:
    """A part's items about the same files, under one heading naming them (none: not about files)."""

    heading: str
    items: list[ReportItem] = field(default_factory=list)


@dataclass
class ReportBlock:
    heading: str  # "To fix in the outputs" ... ("" for the opening "Wrote N files" part)
    intro: str
    items: list[ReportItem] = field(default_factory=list)
    groups: list[ReportGroup] = field(default_factory=list)


_LABELS = ("Problem: ", "Check: ", "Note: ")
_FILE_STATUS = {"ok ": "Passed", "x ": "To fix"}
_FILE_KIND = re.compile(r"^(?P<name>\S+) \((?P<kind>[^)]+)\):")


def report_blocks(text: str, files: list[str] | None = None) -> list[ReportBlock]:
    """The terminal report of one draft (report.to_text: a line for the draft, then parts at two
    spaces, their items at four and each item's advice at six) as headed lists for the page.
    Items that begin with the files they are about ("a.docx, a.pdf: ...", as the terminal says
    it) are grouped under one heading per set of files, so each finding is read once.
    `files`: the names that may begin an item (the draft's outputs and the draft itself)."""
    blocks: list[ReportBlock] = []
    for line in text.splitlines()[1:]:
        depth = len(line) - len(line.lstrip(" "))
        words = line.strip()
        if not words:
            continue
        if depth <= 2 or not blocks:
            heading = words[:-1] if words.endswith(":") else ""
            blocks.append(ReportBlock(heading, "" if heading else words))
        elif depth <= 4 or not blocks[-1].items:
            label = ""
            for marker, shown in [*((m, m.strip(": ")) for m in _LABELS), *_FILE_STATUS.items()]:
                if words.startswith(marker):
                    label, words = shown, words[len(marker) :]
                    break
            blocks[-1].items.append(ReportItem(label, words.removeprefix("- ")))
        else:
            blocks[-1].items[-1].more.append(words)
    known = set(files or ())
    kinds = {
        m["name"]: m["kind"]
        for b in blocks
        for i in b.items
        if (m := _FILE_KIND.match(i.text)) and not b.heading
    }
    for block in blocks:
        block.groups = _grouped(block.items, known | set(kinds), kinds)
    return blocks


def _grouped(items: list[ReportItem], known: set[str], kinds: dict[str, str]) -> list[ReportGroup]:
    groups: dict[tuple[str, ...], ReportGroup] = {}
    for item in items:
        about, sep, rest = item.text.partition(": ")
        names = tuple(n.strip() for n in about.split(",")) if sep else ()
        if not names or not all(n in known for n in names):
            names, rest = (), item.text
        if names not in groups:
            groups[names] = ReportGroup(_files_heading(names, kinds))
        groups[names].items.append(ReportItem(item.label, rest, item.more))
    return sorted(groups.values(), key=lambda g: g.heading != "")  # items about no file first


def _files_heading(names: tuple[str, ...], kinds: dict[str, str]) -> str:
    """'Easy Read: a.docx, a.pdf and a.html' (their kind, when the files share one)."""
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    shared = {kinds.get(n) for n in names}
    kind = shared.pop() if len(shared) == 1 else None
    return f"{kind[:1].upper()}{kind[1:]}: {listed}" if kind else listed  # "Braille: ..."


def _view(job: dict[str, Any]) -> dict[str, Any]:
    """What the templates show of a job."""
    names = ", ".join(d["name"] for d in job["drafts"])
    stamp = datetime.fromtimestamp(job["created"], UTC).strftime("%d %b %Y, %H:%M UTC")
    state_words = {"queued": "waiting to start", "running": "converting", "done": "finished"}[job["state"]]
    drafts = []
    for d in job["drafts"]:
        files = [f for f in job.get("files", []) if f.split("/", 1)[0] == d["stem"]]
        review = [f for f in files if f.endswith("-review.html")]
        drafts.append(
            {
                **d,
                "files": files,
                "review": review,
                "state_words": {
                    "waiting": "waiting",
                    "converting": "converting",
                    "converted": "converted",
                    "failed": "could not be converted",
                }[d["state"]],
            }
        )
    stems = ", ".join(d["stem"] for d in job["drafts"])
    for d in drafts:  # the page has no command line: name the JSON report by what it is here
        d["text"] = str(d.get("text") or "").replace("--report json", "the JSON report")
        known = [f.rsplit("/", 1)[-1] for f in d["files"]] + [d["name"]]
        d["report"] = report_blocks(d["text"], known)
    if job.get("closing"):
        closing = str(job["closing"]).replace("--report json", "the JSON report")
        job = {**job, "closing": re.sub(r" \(exit code \d\)$", "", closing)}
    return {
        **job,
        "names": names,
        "stems": stems,
        "when": stamp,
        "state_words": state_words,
        "drafts": drafts,
    }


def build_app(settings: Settings) -> ASGIApp:
    service = Service(settings)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(service.clean_up())
        yield
        task.cancel()

    routes = [
        Route("/", service.home),
        Route("/conversions", service.page_create, methods=["POST"]),
        Route("/conversions/{job_id}", service.result),
        Route("/conversions/{job_id}/download.zip", service.page_zip),
        Route("/conversions/{job_id}/files/{path:path}", service.page_file),
        Route("/login", service.login, methods=["GET", "POST"]),
        Route("/static/{name}", service.static),
        Route(f"{API}/conversions", service.api_create, methods=["POST"]),
        Route(f"{API}/conversions/{{job_id}}", service.api_status),
        Route(f"{API}/conversions/{{job_id}}/report", service.api_report),
        Route(f"{API}/conversions/{{job_id}}/zip", service.api_zip),
        Route(f"{API}/conversions/{{job_id}}/files/{{path:path}}", service.api_file),
        Route(f"{API}/openapi.json", service.api_openapi),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: service.not_found, 405: service.not_found},
    )
    app.state.service = service
    limited = _BodyLimit(app, settings.service.max_upload_mb * 1024 * 1024)
    return _Headers(_ReadLimit(limited, service))


class _ReadLimit:
    """Every request but a post (posts have their own, smaller allowance) takes a token from the
    client's read bucket; a flood gets 429 with Retry-After. The page's own script and nothing
    else is served from /static/: small, cached by the browser, so not counted."""

    def __init__(self, app: ASGIApp, service: Service) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope.get("method") == "POST" or path.startswith("/static/"):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        wait = self.service.readers.wait_for(self.service.client(request))
        if not wait:
            await self.app(scope, receive, send)
            return
        message = "Too many requests. Try again later."
        if path.startswith(API):
            response = _retry_after(_problem(429, message, retry_after=_seconds(wait)), wait)
        else:
            response = _retry_after(self.service.error_page(request, 429, message), wait)
        await response(scope, receive, send)


class _Headers:
    """Headers on every response: no sniffing, no referrer, no framing; an API policy by default."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for key, value in security.COMMON_HEADERS.items():
                    if key.lower().encode() not in present:
                        headers.append((key.lower().encode(), value.encode()))
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", security.API_CSP.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


async def _store_uploads(uploads: list[UploadFile], folder: Path) -> list[dict[str, Any]] | Response:
    """Each upload saved under a random name in `folder`, with the draft's entry for the job (a
    name made unique within the job), or the refusal of the first that is not a draft."""
    drafts: list[dict[str, Any]] = []
    stems: set[str] = set()
    for upload in uploads:
        name = str(upload.filename)
        suffix = draft_type(name)
        if suffix is None:
            return _problem(
                415,
                f'"{clean_stem(name)}" is not a draft accessconv reads '
                f"({', '.join(DRAFT_TYPES)}).",
            )
        stem = clean_stem(name)
        unique, n = stem, 2
        while unique.lower() in stems:
            unique, n = f"{stem} ({n})", n + 1
        stems.add(unique.lower())
        stored = f"{os.urandom(12).hex()}{suffix}"
        with (folder / stored).open("wb") as fh:
            while chunk := await upload.read(CHUNK):
                fh.write(chunk)
        drafts.append(
            {
                "name": f"{stem}{suffix}",
                "stem": unique,
                "upload": f"upload/{stored}",
                "work": f"work/{unique}{suffix}",
                "state": "waiting",
                "error": None,
            }
        )
    return drafts
