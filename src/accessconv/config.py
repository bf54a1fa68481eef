"""The project file `accessconv.toml`: a team's defaults, so `accessconv batch` needs no options.

It is found in the current folder, or named with `--config`. Relative paths in it are read from
the file's own folder, so the file works wherever the command is run from. An option given on
the command line always wins over the file.

    profiles = ["html"]                # default profiles (-p)
    out = "Accessible"                 # output folder (-o)
    profiles_dirs = ["our-profiles"]   # extra profile folders (--profiles-dir)
    fail_on = "error"                  # or "warning" (--fail-on)

    [batch]
    source = "Drafts"                  # the folder `accessconv batch` converts (SRC)
    jobs = 2                           # worker processes (--jobs)
    interval = 30                      # seconds between looks with --watch (--interval)
    settle = 2                         # seconds a draft must stay unchanged (--settle)
    prune = true                       # remove outputs of deleted drafts (--prune/--keep-orphans)
    stale_lock_minutes = 30            # a lock older than this is cleared (--stale-lock)

    [limits]                           # what one draft may cost (see accessconv.limits)
    max_unpacked_mb = 1024             # a .docx/.odt unpacked, all parts together
    max_part_mb = 256                  # any one part of it
    max_media_mb = 512                 # all pictures in one draft
    max_image_megapixels = 60          # any one picture, read from its header before decoding
    pandoc_memory_mb = 1024            # pandoc's heap
    draft_seconds = 300                # one draft, all profiles (0 = no limit)

    [service]                          # `accessconv serve` and `accessconv worker` (docs/service.md)
    max_upload_mb = 20                 # one request, all drafts together
    max_drafts = 10                    # drafts in one request
    job_seconds = 600                  # one conversion request, all its drafts
    keep_hours = 24                    # results are deleted this long after they finish
    workers = 2                        # conversions run at once by `serve` (and by `worker`)
    bind = "127.0.0.1:8080"            # where `serve` listens
    requests_per_minute = 120          # posts one client may make (a flood gets 429)
    reads_per_minute = 600             # other requests one client may make (static files aside)
    lease_seconds = 60                 # a job whose worker stops renewing this long is re-queued
    trusted_proxies = []               # proxy addresses/networks whose X-Forwarded-For is believed
"""

from __future__ import annotations

import ipaddress
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import click

from .errors import UsageError, shown
from .limits import KEYS as LIMIT_KEYS
from .limits import Limits

FILE_NAME = "accessconv.toml"

# How `accessconv batch` behaves on a shared drive when neither the command line nor the project
# file says otherwise (how a run behaves, not standards: those live in the profiles).
DEFAULT_SETTLE_SECONDS = 2.0  # a draft's size and time must stay the same this long
DEFAULT_INTERVAL_SECONDS = 10.0  # --watch looks for new or changed drafts this often
DEFAULT_STALE_LOCK_MINUTES = 30.0  # a lock untouched this long belongs to a run that died
# The smallest values that make sense; the command line's options and the project file share them.
MIN_INTERVAL_SECONDS = 0.1  # looking more often only keeps the shared drive busy
MIN_STALE_LOCK_MINUTES = 1.0  # a live run touches its lock far more often than this
TOP_KEYS = {"profiles", "out", "profiles_dirs", "fail_on", "batch", "limits", "service"}
BATCH_KEYS = {"source", "jobs", "interval", "settle", "prune", "stale_lock_minutes"}


@dataclass(frozen=True)
class BatchConfig:
    source: Path | None = None
    jobs: int | None = None
    interval: float | None = None
    settle: float | None = None
    prune: bool | None = None
    stale_lock_minutes: float | None = None


@dataclass(frozen=True)
class ServiceConfig:
    """The [service] table: limits and settings of `accessconv serve` / `accessconv worker`."""

    max_upload_mb: int = 20
    max_drafts: int = 10
    job_seconds: float = 600.0
    keep_hours: float = 24.0
    workers: int = 2
    bind: str = "127.0.0.1:8080"
    requests_per_minute: int = 120  # posts one client may make; more get 429
    reads_per_minute: int = 600  # GETs one client may make (static files aside); more get 429
    lease_seconds: float = 60.0  # a job whose worker has not renewed its lease this long is re-queued
    trusted_proxies: tuple[str, ...] = ()  # X-Forwarded-For is believed only from these addresses


SERVICE_KEYS = {f for f in ServiceConfig.__dataclass_fields__}


@dataclass(frozen=True)
class Config:
    """What the project file sets; None (or empty) means 'not set, use the built-in default'."""

    path: Path | None = None
    profiles: list[str] = field(default_factory=list)
    out: Path | None = None
    profiles_dirs: list[Path] = field(default_factory=list)
    fail_on: str | None = None
    batch: BatchConfig = field(default_factory=BatchConfig)
    limits: Limits = field(default_factory=Limits)
    service: ServiceConfig = field(default_factory=ServiceConfig)


def find(start: Path | None = None) -> Path | None:
    """The project file in `start` (default: the current folder), if there is one."""
    candidate = (start or Path.cwd()) / FILE_NAME
    return candidate if candidate.is_file() else None


def load(path: Path | str | None = None) -> Config:
    """Read the project file at `path`, or the one in the current folder; no file gives an empty Config."""
    if path is None:
        found = find()
        if found is None:
            return Config()
        path = found

    path = Path(path)
    if not path.is_file():
        raise UsageError(f'The settings file "{path}" does not exist. Check the name given with --config.')
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as err:
        raise UsageError(f'The settings file "{path}" is not valid TOML: {err}.') from err
    except OSError as err:
        raise UsageError(f'The settings file "{path}" cannot be read: {err.strerror}.') from err
    return _parse(path, data)


def _parse(path: Path, data: dict[str, Any]) -> Config:
    base = path.resolve().parent
    _known(path, data, TOP_KEYS, "")
    batch = data.get("batch", {})
    if not isinstance(batch, dict):
        raise UsageError(f'The settings file "{path}": [batch] must be a table.')
    _known(path, batch, BATCH_KEYS, "batch.")
    fail_on = _get(path, data, "fail_on", str)
    if fail_on is not None and fail_on not in ("error", "warning"):
        raise UsageError(f'The settings file "{path}": "fail_on" must be "error" or "warning".')
    limits = data.get("limits", {})
    if not isinstance(limits, dict):
        raise UsageError(f'The settings file "{path}": [limits] must be a table.')
    _known(path, limits, LIMIT_KEYS, "limits.")
    jobs = _get(path, batch, "jobs", int, "batch.")
    if jobs is not None and jobs < 1:
        raise UsageError(f'The settings file "{path}": "batch.jobs" must be 1 or more.')
    return Config(
        path=path,
        profiles=_get_list(path, data, "profiles"),
        out=_path(base, _get(path, data, "out", str)),
        profiles_dirs=[base / p for p in _get_list(path, data, "profiles_dirs")],
        fail_on=fail_on,
        batch=BatchConfig(
            source=_path(base, _get(path, batch, "source", str, "batch.")),
            jobs=jobs,
            interval=_number(path, batch, "interval", MIN_INTERVAL_SECONDS, "seconds"),
            settle=_number(path, batch, "settle", 0, "seconds"),
            prune=_get(path, batch, "prune", bool, "batch."),
            stale_lock_minutes=_number(path, batch, "stale_lock_minutes", MIN_STALE_LOCK_MINUTES, "minutes"),
        ),
        limits=_limits(path, limits),
        service=_service(path, data.get("service", {})),
    )


def _service(path: Path, table: Any) -> ServiceConfig:
    if not isinstance(table, dict):
        raise UsageError(f'The settings file "{path}": [service] must be a table.')
    _known(path, table, SERVICE_KEYS, "service.")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "bind":
            if not isinstance(value, str) or not value.strip():
                raise UsageError(
                    f'The settings file "{path}": "service.bind" must be text like "127.0.0.1:8080".'
                )
            values[key] = value.strip()
            continue
        if key == "trusted_proxies":
            values[key] = _networks(path, value)
            continue
        whole = key in ("max_upload_mb", "max_drafts", "workers", "requests_per_minute", "reads_per_minute")
        if isinstance(value, bool) or not isinstance(value, int if whole else int | float) or value <= 0:
            kind = "a whole number" if whole else "a number"
            raise UsageError(f'The settings file "{path}": "service.{key}" must be {kind} above 0.')
        values[key] = int(value) if whole else float(value)
    return ServiceConfig(**values)


def _networks(path: Path, value: Any) -> tuple[str, ...]:
    """service.trusted_proxies: a list of IP addresses or networks ("10.0.0.0/8")."""
    problem = (
        f'The settings file "{path}": "service.trusted_proxies" must be a list of IP addresses or '
        'networks, like ["127.0.0.1", "10.0.0.0/8"].'
    )
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(problem)
    try:
        return tuple(str(ipaddress.ip_network(v.strip(), strict=False)) for v in value)
    except ValueError as err:
        raise UsageError(problem) from err


def _limits(path: Path, table: dict[str, Any]) -> Limits:
    values: dict[str, Any] = {}
    for key, value in table.items():
        least = 0 if key == "draft_seconds" else 1
        if isinstance(value, bool) or not isinstance(value, int | float) or value < least:
            raise UsageError(
                f'The settings file "{path}": "limits.{key}" must be a number of {least} or more.'
            )
        values[key] = float(value) if key == "draft_seconds" else int(value)
    return Limits(**values)


def _known(path: Path, table: dict[str, Any], allowed: set[str], prefix: str) -> None:
    for key in table:
        if key not in allowed:
            raise UsageError(
                f'The settings file "{path}": unknown setting "{prefix}{key}". '
                f"Settings you can use: {', '.join(prefix + k for k in sorted(allowed))}."
            )


T = TypeVar("T", str, int, bool)


def _get(path: Path, table: dict[str, Any], key: str, kind: type[T], prefix: str = "") -> T | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        words = {str: "text in quotes", int: "a whole number", bool: "true or false"}[kind]

        raise UsageError(f'The settings file "{path}": "{prefix}{key}" must be {words}, not {shown(value)}.')
    return value


def _number(path: Path, table: dict[str, Any], key: str, least: float, unit: str) -> float | None:
    """A [batch] number of at least `least`."""
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < least:
        raise UsageError(
            f'The settings file "{path}": "batch.{key}" must be a number of {least:g} or more ({unit}).'
        )
    return float(value)


def _get_list(path: Path, table: dict[str, Any], key: str) -> list[str]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f'The settings file "{path}": "{key}" must be a list like ["a", "b"].')
    return value


def _path(base: Path, value: str | None) -> Path | None:
    return None if value is None else base / value


# ---------------------------------------------------------------- the CLI's --config option


def default_map(config: Config, command: str) -> dict[str, Any]:
    """Click defaults for `command` from the project file (parameter name -> value)."""
    values: dict[str, Any] = {}
    if config.profiles:
        values["profile_names"] = list(config.profiles)
    if config.out is not None:
        values["out_dir"] = str(config.out)
    if config.profiles_dirs:
        values["profiles_dirs"] = [str(p) for p in config.profiles_dirs]
    if config.fail_on is not None:
        values["fail_on"] = config.fail_on
    if command == "batch":
        b = config.batch
        for name, value in (
            ("src", b.source),
            ("jobs", b.jobs),
            ("interval", b.interval),
            ("settle", b.settle),
            ("prune", b.prune),
            ("stale_lock_minutes", b.stale_lock_minutes),
        ):
            if value is not None:
                values[name] = str(value) if isinstance(value, Path) else value
    if command == "profiles":
        values = {k: v for k, v in values.items() if k == "profiles_dirs"}
    elif command == "check":
        # `check` names one file, and its profile comes from -p or the file type.
        values = {k: v for k, v in values.items() if k in ("profiles_dirs", "fail_on")}
    return values


def config_option(command: str) -> Callable[[Any], Any]:
    """`--config FILE` for a command. It is read before the other options, so the file's values
    become their defaults and anything typed on the command line still wins."""

    def callback(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
        if ctx.resilient_parsing:  # --help, shell completion
            return value
        try:
            config = load(value)
        except UsageError as err:
            click.echo(f"accessconv: {err}", err=True)
            ctx.exit(2)
        ctx.meta["accessconv.config"] = config
        ctx.default_map = {**(ctx.default_map or {}), **default_map(config, command)}
        return value

    return click.option(
        "--config",
        "config_file",
        type=click.Path(path_type=Path, dir_okay=False),
        is_eager=True,
        expose_value=False,
        callback=callback,
        help=f"Project settings file. Default: {FILE_NAME} in the current folder, if there is one.",
    )
