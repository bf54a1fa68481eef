"""What keeps the service safe: who may use it, forged form posts, floods and page headers.

- On 127.0.0.1 (the default) nobody signs in. Bound anywhere else, `serve` refuses to start
  without an API token (ACCESSCONV_API_TOKEN, sent as `Authorization: Bearer ...`) and a login
  secret for the page (ACCESSCONV_LOGIN_SECRET, typed once into the sign-in form).
- Form posts carry a CSRF token equal to a random cookie (double submit), with SameSite=Strict
  cookies and an Origin check.
- Each client may make `requests_per_minute` posts and `reads_per_minute` other requests (token
  buckets, static files aside); more get 429 with Retry-After.
- A client is its own address, unless it is one of `trusted_proxies` (none by default): then the
  address that proxy names in Forwarded (RFC 7239) or X-Forwarded-For (the nearest one not
  itself a trusted proxy). So behind a proxy each person has their own allowance, and without
  one nobody can pick theirs.
- Pages get a strict Content-Security-Policy: scripts and styles only from the service itself
  (the inline stylesheet by its hash); converted pages are served sandboxed.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import ipaddress
import os
import re
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

SESSION_COOKIE = "acv_session"
CSRF_COOKIE = "acv_csrf"
CSRF_FIELD = "csrf_token"
RECENT_COOKIE = "acv_recent"
RECENT_MAX = 10
KEY_FILE = "cookie.key"
SESSION_HOURS = 12
TOKEN_ENV = "ACCESSCONV_API_TOKEN"
LOGIN_ENV = "ACCESSCONV_LOGIN_SECRET"
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _forwarded_for(element: str) -> str:
    """The address in one `Forwarded` element: 'for=192.0.2.6;proto=https' -> '192.0.2.6',
    'for="[2001:db8::1]:4711"' -> '2001:db8::1'. Anything else (an obfuscated 'for=_hidden',
    'unknown', no for=) comes back as it is, which is not an address, so the walk stops there."""
    for pair in element.split(";"):
        name, _, value = pair.strip().partition("=")
        if name.strip().lower() != "for":
            continue
        value = value.strip().strip('"')
        if value.startswith("["):
            return value[1 : value.find("]")] if "]" in value else value
        host, colon, port = value.rpartition(":")
        # An IPv4 address with a port ("192.0.2.6:80"); a bare IPv6 address has more colons.
        return host if colon and host.count(":") == 0 and port.isdigit() else value
    return element.strip()


@dataclass(frozen=True)
class Proxies:
    """The proxies whose Forwarded / X-Forwarded-For header is believed (service.trusted_proxies)."""

    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def of(cls, entries: tuple[str, ...] | list[str]) -> Proxies:
        return cls(tuple(ipaddress.ip_network(e, strict=False) for e in entries))

    def trusted(self, host: str) -> bool:
        try:
            address = ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            return False
        return any(address in network for network in self.networks)

    def client(self, peer: str, forwarded_for: list[str]) -> str:
        """Who a request is from: `peer` itself unless it is a trusted proxy; then, reading
        X-Forwarded-For from the right (each proxy appends the address it was called from), the
        first address that is not a trusted proxy. Anything left of that was written by the client
        and may be forged, so it is never used; a malformed entry stops the walk at the last hop."""
        if not self.trusted(peer):
            return peer
        hops = [h.strip() for header in forwarded_for for h in header.split(",")]
        return self._walk(peer, hops)

    def client_of(self, peer: str, forwarded: list[str], forwarded_for: list[str]) -> str:
        """As `client`, from the standard `Forwarded` header (RFC 7239) when a proxy sent one,
        else from X-Forwarded-For. Only the `for=` of each element counts."""
        if not self.trusted(peer):
            return peer
        if not forwarded:
            return self.client(peer, forwarded_for)
        return self._walk(peer, [_forwarded_for(e) for h in forwarded for e in h.split(",")])

    def _walk(self, peer: str, hops: list[str]) -> str:
        client = peer
        for hop in reversed(hops):
            try:
                client = str(ipaddress.ip_address(hop.strip("[]")))
            except ValueError:
                return client
            if not self.trusted(client):
                return client
        return client


@dataclass
class Secrets:
    api_token: str | None = None
    login_secret: str | None = None
    # Signs session cookies; new at each start unless derived from the login secret.
    key: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    @classmethod
    def from_environment(cls, data_dir: Path | None = None) -> Secrets:
        """The token and secret from the environment. Cookies are signed with a key derived from
        the login secret, else with one kept in the data folder, so they outlive a restart."""
        token = os.environ.get(TOKEN_ENV) or None
        login = os.environ.get(LOGIN_ENV) or None
        if login:
            key = hashlib.sha256(b"accessconv-session:" + login.encode()).digest()
        elif data_dir is not None:
            key = _kept_key(data_dir / KEY_FILE)
        else:
            key = secrets.token_bytes(32)
        return cls(token, login, key)

    @property
    def required(self) -> bool:
        return self.api_token is not None or self.login_secret is not None

    def token_ok(self, authorization: str | None) -> bool:
        if self.api_token is None:
            return True
        if not authorization or not authorization.startswith("Bearer "):
            return False
        return hmac.compare_digest(authorization[7:].strip().encode(), self.api_token.encode())

    def login_ok(self, typed: str) -> bool:
        return self.login_secret is not None and hmac.compare_digest(
            typed.encode(), self.login_secret.encode()
        )

    def new_session(self, now: float | None = None) -> str:
        issued = str(int(time.time() if now is None else now))
        return f"{issued}.{self._sign(issued)}"

    def session_ok(self, cookie: str | None, now: float | None = None) -> bool:
        if self.login_secret is None:
            return True
        if not cookie or "." not in cookie:
            return False
        issued, signature = cookie.split(".", 1)
        if not issued.isdigit() or not hmac.compare_digest(signature, self._sign(issued)):
            return False
        return (time.time() if now is None else now) - int(issued) < SESSION_HOURS * 3600

    def recent_cookie(self, job_ids: list[str]) -> str:
        """This browser's own recent conversions, signed so no other list can be slipped in."""
        joined = ".".join(job_ids[:RECENT_MAX])
        return f"{joined}.{self._sign('recent:' + joined)}"

    def recent_ids(self, cookie: str | None) -> list[str]:
        if not cookie or "." not in cookie:
            return []
        joined, _, signature = cookie.rpartition(".")
        if not hmac.compare_digest(signature, self._sign("recent:" + joined)):
            return []
        return [i for i in joined.split(".") if i][:RECENT_MAX]

    def _sign(self, value: str) -> str:
        mac = hmac.new(self.key, value.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def _kept_key(path: Path) -> bytes:
    """A random key made once and kept (readable by this user only); a broken file is replaced."""
    with contextlib.suppress(OSError):
        kept = path.read_bytes()
        if len(kept) == 32:
            return kept
    key = secrets.token_bytes(32)
    part = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    os.replace(part, path)
    return key


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def csrf_ok(cookie: str | None, submitted: str | None) -> bool:
    return bool(cookie and submitted) and hmac.compare_digest(str(cookie), str(submitted))


class RateLimiter:
    """A token bucket per client: `per_minute` requests a minute, up to `burst` at once.

    Memory is bounded: at most `max_clients` buckets are kept, the least recently seen dropped
    first (a dropped client starts again with a full bucket, which costs a flood nothing: its
    own bucket is the most recently used, so it is never the one dropped)."""

    def __init__(self, per_minute: int, burst: int | None = None, max_clients: int = 10_000) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst if burst is not None else max(1, per_minute // 2))
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, client: str, now: float | None = None) -> bool:
        return self.wait_for(client, now) == 0.0

    def wait_for(self, client: str, now: float | None = None) -> float:
        """Take one token: 0.0 when the request may go ahead, else the seconds until it may."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.pop(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            self._buckets[client] = (tokens if wait else tokens - 1, now)
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
            return wait

    def __len__(self) -> int:
        return len(self._buckets)


def page_csp(html: str) -> str:
    """The policy for one of our pages: its inline stylesheet allowed by hash, nothing else inline."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(m.encode()).digest()).decode() + "'"
        for m in _STYLE.findall(html)
    )
    return (
        "default-src 'none'; script-src 'self'; "
        f"style-src 'self' {hashes}; img-src 'self' data:; connect-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )


# A converted page is the draft's content: shown in a sandbox (no scripts, its own origin).
OUTPUT_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:"
API_CSP = "default-src 'none'; frame-ancestors 'none'"

COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
