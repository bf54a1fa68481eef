"""What keeps the service safe: who may use it, forged form posts, floods and page headers.

- On 127.0.0.1 (the default) nobody signs in. Bound anywhere else, `serve` refuses to start
  without an API token (ACCESSCONV_API_TOKEN, sent as `Authorization: Bearer ...`) and a login
  secret for the page (ACCESSCONV_LOGIN_SECRET, typed once into the sign-in form).
- Form posts carry a CSRF token equal to a random cookie (double submit), with SameSite=Strict
  cookies and an Origin check.
- Each client may make `requests_per_minute` posts (a token bucket); more get 429.
- Pages get a strict Content-Security-Policy: scripts and styles only from the service itself
  (the inline stylesheet by its hash); converted pages are served sandboxed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import os
import re
import secrets
import threading
import time
from dataclasses import dataclass, field

SESSION_COOKIE = "acv_session"
CSRF_COOKIE = "acv_csrf"
CSRF_FIELD = "csrf_token"
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


@dataclass
class Secrets:
    api_token: str | None = None
    login_secret: str | None = None
    # Signs session cookies; new at each start unless derived from the login secret.
    key: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    @classmethod
    def from_environment(cls) -> Secrets:
        token = os.environ.get(TOKEN_ENV) or None
        login = os.environ.get(LOGIN_ENV) or None
        key = (
            hashlib.sha256(b"accessconv-session:" + login.encode()).digest()
            if login
            else secrets.token_bytes(32)
        )
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

    def _sign(self, value: str) -> str:
        mac = hmac.new(self.key, value.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def csrf_ok(cookie: str | None, submitted: str | None) -> bool:
    return bool(cookie and submitted) and hmac.compare_digest(str(cookie), str(submitted))


class RateLimiter:
    """A token bucket per client: `per_minute` posts a minute, up to `burst` at once."""

    def __init__(self, per_minute: int, burst: int | None = None) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst if burst is not None else max(1, per_minute // 2))
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens < 1:
                self._buckets[client] = (tokens, now)
                return False
            self._buckets[client] = (tokens - 1, now)
            if len(self._buckets) > 10_000:  # forget the quiet ones
                self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < 120}
            return True


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
