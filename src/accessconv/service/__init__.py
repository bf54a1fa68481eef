"""`accessconv serve` and `accessconv worker`: a web page for officers and a versioned JSON API.

The web process (app.py, Starlette under uvicorn) takes drafts, stores them under random names
(storage.py) and queues one job per request on huey (jobs.py): SQLite by default, so queued jobs
survive a restart, or Redis for several worker processes on several machines. Workers run
pipeline.convert with the configured Limits, exactly as the CLI does. See docs/service.md.
"""

from __future__ import annotations

__all__: list[str] = []
