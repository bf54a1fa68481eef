"""The service's parts that need no server: names, leases, fencing, retention, limits, tokens, settings."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from accessconv.config import load
from accessconv.errors import UsageError
from accessconv.service import security
from accessconv.service.storage import Store, clean_stem, draft_type, new_job_id


@pytest.mark.parametrize(
    ("sent", "stem"),
    [
        ("../../etc/passwd.md", "passwd"),
        ("C:\\Users\\me\\Budget 2026.docx", "Budget 2026"),
        (".hidden.md", "hidden"),
        ("<script>x.md", "_script_x"),
        ("....md", "draft"),
        ("a" * 300 + ".md", "a" * 80),
    ],
)
def test_client_names_are_cleaned(sent: str, stem: str) -> None:
    assert clean_stem(sent) == stem


def test_draft_types() -> None:
    assert draft_type("A.DOCX") == ".docx" and draft_type("x.exe") is None and draft_type("md") is None


def _job(store: Store, **extra: object) -> str:
    job_id = new_job_id()
    store.job_dir(job_id).mkdir(parents=True)
    store.write(job_id, {"id": job_id, "created": time.time(), "state": "queued", "drafts": [], **extra})
    return job_id


def test_a_sqlite_lease_is_held_once_and_lapses_with_its_process_or_heartbeat(tmp_path: Path) -> None:
    import subprocess
    import sys

    from accessconv.service.jobs import SqliteLeases

    store = Store(tmp_path)
    job_id = _job(store)
    leases = SqliteLeases(tmp_path, seconds=60)
    first = leases.take(job_id)
    assert first == 1 and leases.take(job_id) is None  # this process is alive and holds it
    assert leases.holds(job_id, 1) and leases.renew(job_id, 1) and leases.expired() == []
    # Held by a process that has gone (as after SIGKILL): lapsed at once, and the next take
    # gets the next fencing token.
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    leases.db.execute("UPDATE leases SET pid = ? WHERE job = ?", (int(gone.stdout), job_id))
    assert leases.expired() == [job_id] and not leases.holds(job_id, 1)
    assert leases.take(job_id) == 2 and not leases.renew(job_id, 1)
    # A heartbeat older than the lease: lapsed although the process lives (a stalled worker).
    leases.db.execute("UPDATE leases SET beat = ? WHERE job = ?", (time.time() - 61, job_id))
    assert leases.expired() == [job_id] and leases.reclaim(job_id) and not leases.reclaim(job_id)
    assert leases.leased() == set() and leases.take(job_id) == 3
    leases.drop(job_id, 2)  # not the holder: nothing happens
    assert leases.leased() == {job_id}
    leases.drop(job_id, 3, finished=True)
    assert leases.leased() == set()


def test_only_the_attempt_job_json_names_may_write_it(tmp_path: Path) -> None:
    store = Store(tmp_path)
    job_id = _job(store, drafts=[{"name": "a.md", "state": "waiting"}])
    first = store.begin_attempt(job_id, 1, "here 1")
    assert first is not None and first["runs"] == 1 and first["drafts"][0]["state"] == "converting"
    assert store.write_fenced(job_id, {**first, "note": "1"}, 1)
    assert store.reset(job_id)  # its lease lapsed: the job waits again, attempt 1 is fenced out
    assert not store.write_fenced(job_id, {**first, "note": "late"}, 1)
    second = store.begin_attempt(job_id, 2, "here 2")
    assert second is not None and second["runs"] == 2
    assert not store.write_fenced(job_id, {**first, "note": "late"}, 1)
    assert store.write_fenced(job_id, {**second, "state": "done"}, 2)
    assert store.read(job_id)["state"] == "done" and "late" not in str(store.read(job_id))
    assert store.begin_attempt(job_id, 3, "here 3") is None  # a finished job is never run again
    with store.locked(job_id), store.locked(job_id, wait=0.2) as got:
        assert not got  # held: a reaper gives up and comes back


def test_finished_jobs_are_deleted_after_keep_hours(tmp_path: Path) -> None:
    store = Store(tmp_path)
    old = _job(store, state="done", finished=time.time() - 3 * 3600)
    new = _job(store, state="done", finished=time.time())
    waiting = _job(store)
    assert store.remove_expired(keep_hours=2) == [old]
    assert {j["id"] for j in store.all_jobs()} == {new, waiting}


def test_output_files_stay_inside_the_job(tmp_path: Path) -> None:
    store = Store(tmp_path)
    job_id = _job(store)
    out = store.job_dir(job_id) / "out" / "d"
    out.mkdir(parents=True)
    (out / "d.html").write_text("ok")
    (out / "link.html").symlink_to(store.job_dir(job_id) / "job.json")
    assert store.output_file(job_id, "d/d.html") == (out / "d.html").resolve()
    for bad in ("../job.json", "d/../../job.json", "/etc/passwd", "d/link.html", "d", "", "d/\x00"):
        assert store.output_file(job_id, bad) is None, bad
    with pytest.raises(KeyError):
        store.job_dir("../x")


def test_rate_limiter() -> None:
    limiter = security.RateLimiter(per_minute=60, burst=3)
    assert [limiter.allow("a", now=0) for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b", now=0)
    assert limiter.allow("a", now=1.5)


def test_sessions_and_tokens() -> None:
    s = security.Secrets(api_token="tok", login_secret="secret")
    assert s.token_ok("Bearer tok") and not s.token_ok("Bearer to") and not s.token_ok(None)
    cookie = s.new_session(now=1000)
    assert s.session_ok(cookie, now=1001)
    assert not s.session_ok(cookie, now=1000 + 13 * 3600)
    assert not s.session_ok(cookie.replace(".", ".x"), now=1001)
    assert security.Secrets().session_ok(None)  # nothing to sign in to on 127.0.0.1
    assert security.is_loopback("127.0.0.1") and security.is_loopback("::1")
    assert not security.is_loopback("0.0.0.0")


def test_csp_allows_only_the_page_own_stylesheet() -> None:
    policy = security.page_csp("<style>a{}</style>")
    assert "'sha256-" in policy and "unsafe-inline" not in policy and "script-src 'self'" in policy


def test_service_settings_from_the_project_file(tmp_path: Path) -> None:
    path = tmp_path / "accessconv.toml"
    path.write_text('[service]\nmax_upload_mb = 5\nbind = "127.0.0.1:9000"\nkeep_hours = 1.5\n')
    service = load(path).service
    assert (service.max_upload_mb, service.bind, service.keep_hours, service.workers) == (
        5,
        "127.0.0.1:9000",
        1.5,
        2,
    )
    for bad in ("max_upload_mb = 0", "workers = 1.5", 'bind = ""', "colour = 1", "max_drafts = true"):
        path.write_text(f"[service]\n{bad}\n")
        with pytest.raises(UsageError, match="service"):
            load(path)


def test_rate_limiter_memory_is_bounded_and_says_when_to_retry() -> None:
    limiter = security.RateLimiter(per_minute=60, burst=2, max_clients=100)
    for n in range(10_000):  # a flood from many addresses
        limiter.allow(f"10.0.{n // 256}.{n % 256}", now=0)
    assert len(limiter) == 100
    assert limiter.wait_for("flooder", now=0) == 0 and limiter.wait_for("flooder", now=0) == 0
    assert limiter.wait_for("flooder", now=0) == pytest.approx(1.0)  # one token a second
    assert limiter.wait_for("flooder", now=1.0) == 0


def test_recent_conversions_cookie_is_signed() -> None:
    keys = security.Secrets()
    ids = [new_job_id() for _ in range(12)]
    cookie = keys.recent_cookie(ids)
    assert keys.recent_ids(cookie) == ids[: security.RECENT_MAX]
    assert keys.recent_ids(cookie.replace(ids[0], new_job_id())) == []  # a list slipped in
    assert security.Secrets().recent_ids(cookie) == []  # another service's key
    assert keys.recent_ids(None) == [] and keys.recent_ids("junk") == []


def test_cookie_key_is_kept_in_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(security.LOGIN_ENV, raising=False)
    first = security.Secrets.from_environment(tmp_path)
    again = security.Secrets.from_environment(tmp_path)  # after a restart
    assert first.key == again.key
    assert (tmp_path / security.KEY_FILE).stat().st_mode & 0o077 == 0


def test_reset_puts_a_job_back_to_waiting(tmp_path: Path) -> None:
    store = Store(tmp_path)
    job_id = _job(store, state="running", drafts=[{"name": "a.md", "state": "converted", "text": "x"}])
    assert store.reset(job_id)
    job = store.read(job_id)
    assert job["state"] == "queued" and job["drafts"][0]["state"] == "waiting"
    store.update(job_id, state="done")
    assert not store.reset(job_id)  # a finished job is never run again


def test_zip_is_made_at_the_first_download(tmp_path: Path) -> None:
    import zipfile

    store = Store(tmp_path)
    job_id = _job(store, state="done")
    out = store.job_dir(job_id) / "out" / "a"
    out.mkdir(parents=True)
    (out / "a.html").write_text("<p>ok</p>")
    assert not (store.job_dir(job_id) / "accessible.zip").exists()
    path = store.zip_path(job_id)
    assert zipfile.ZipFile(path).namelist() == ["a/a.html"]
    assert store.zip_path(job_id) == path


def test_the_client_behind_trusted_proxies() -> None:
    proxies = security.Proxies.of(["10.0.0.0/8", "127.0.0.1"])
    assert security.Proxies().client("127.0.0.1", ["203.0.113.9"]) == "127.0.0.1"  # none trusted
    assert proxies.client("192.0.2.1", ["203.0.113.9"]) == "192.0.2.1"  # not from a proxy
    assert proxies.client("127.0.0.1", ["203.0.113.9"]) == "203.0.113.9"
    # Two proxies: the nearest address that is not a proxy; the forged left part is not read.
    assert proxies.client("127.0.0.1", ["1.2.3.4, 203.0.113.9, 10.1.2.3"]) == "203.0.113.9"
    assert proxies.client("127.0.0.1", ["1.2.3.4", "203.0.113.9"]) == "203.0.113.9"
    assert proxies.client("127.0.0.1", ["junk, 10.1.2.3"]) == "10.1.2.3"  # stops at the malformed
    assert proxies.client("127.0.0.1", []) == "127.0.0.1"


def test_standard_forwarded_header_names_the_client_behind_a_trusted_proxy() -> None:
    """RFC 7239 `Forwarded` is read the same way as X-Forwarded-For, and wins over it."""
    proxies = security.Proxies.of(["10.0.0.0/8", "127.0.0.1"])
    assert proxies.client_of("127.0.0.1", ["for=203.0.113.9;proto=https"], []) == "203.0.113.9"
    assert proxies.client_of("127.0.0.1", ['for="203.0.113.9:4711"'], []) == "203.0.113.9"
    assert proxies.client_of("127.0.0.1", ['for="[2001:db8::17]:4711"'], []) == "2001:db8::17"
    # A forged left-most entry is never used; trusted hops on the right are skipped.
    assert proxies.client_of("127.0.0.1", ["for=1.2.3.4, for=203.0.113.9, for=10.1.2.3"], []) == "203.0.113.9"
    assert proxies.client_of("127.0.0.1", ["for=1.2.3.4", "for=203.0.113.9;by=10.0.0.1"], []) == "203.0.113.9"
    # An obfuscated or unknown hop stops the walk at the last address we could read.
    assert proxies.client_of("127.0.0.1", ["for=_hidden, for=10.1.2.3"], []) == "10.1.2.3"
    assert proxies.client_of("127.0.0.1", ["for=unknown"], []) == "127.0.0.1"
    # Forwarded wins; without it X-Forwarded-For is read; from an untrusted peer neither is.
    assert proxies.client_of("127.0.0.1", ["for=203.0.113.9"], ["198.51.100.7"]) == "203.0.113.9"
    assert proxies.client_of("127.0.0.1", [], ["198.51.100.7"]) == "198.51.100.7"
    assert proxies.client_of("192.0.2.1", ["for=203.0.113.9"], ["198.51.100.7"]) == "192.0.2.1"


def test_trusted_proxies_setting(tmp_path: Path) -> None:
    path = tmp_path / "accessconv.toml"
    path.write_text('[service]\ntrusted_proxies = ["10.0.0.1/8", "::1"]\n')
    assert load(path).service.trusted_proxies == ("10.0.0.0/8", "::1/128")
    path.write_text('[service]\ntrusted_proxies = "10.0.0.1"\n')
    with pytest.raises(UsageError, match="trusted_proxies"):
        load(path)
    path.write_text('[service]\ntrusted_proxies = ["proxy.example"]\n')
    with pytest.raises(UsageError, match="trusted_proxies"):
        load(path)


def test_an_unexpected_failure_leaves_the_lease_to_lapse_and_the_reaper_requeues(tmp_path: Path) -> None:
    from accessconv.service import jobs

    store = Store(tmp_path)
    store.prepare()
    draft = {"name": "a.md", "stem": "a", "work": "work/a.md", "upload": "upload/gone.md", "state": "waiting"}
    job_id = _job(store, drafts=[draft], limits={}, job_seconds=60, profiles=["html"], runs=0)
    jobs._worker.lease_seconds = 0.3
    try:
        with pytest.raises(FileNotFoundError):  # its upload vanished: not the draft's own fault
            jobs.run_job(str(tmp_path), job_id)
        leases = jobs.SqliteLeases(tmp_path, seconds=0.3)
        assert leases.leased() == {job_id} and store.read(job_id)["state"] == "running"
        huey = jobs.make_huey(None, tmp_path)
        time.sleep(0.5)  # the heartbeat stopped with the failure: the lease lapses
        assert jobs.reap_once(leases, huey, store) == [job_id]
        assert store.read(job_id)["state"] == "queued" and huey.pending_count() == 1
        assert leases.leased() == set() and jobs.reap_once(leases, huey, store) == []
    finally:
        jobs._worker.lease_seconds = 60.0
