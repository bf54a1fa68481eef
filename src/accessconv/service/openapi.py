"""The service's OpenAPI 3.1 document, published at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

from ..config import ServiceConfig

_ID = {
    "name": "job_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{22}$"},
}
_PROBLEM = {
    "description": "A problem, in plain words",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
}
_TOO_MANY = {
    **_PROBLEM,
    "description": "Too many requests from this client; try again after Retry-After seconds",
    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
}
_WAIT = {
    "name": "wait",
    "in": "query",
    "required": False,
    "schema": {"type": "number", "minimum": 0, "maximum": 30},
    "description": "Seconds to hold the answer until the conversion changes (long poll); "
    "one request instead of many",
}


def openapi_document(version: str, service: ServiceConfig) -> dict[str, Any]:
    status = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "accessconv service",
            "version": version,
            "description": (
                "Convert council drafts into Easy Read, large print, braille and accessible HTML, "
                "with every output checked. Post drafts, poll the status, fetch the report, files or zip. "
                f"Limits: {service.max_upload_mb} MB a request, {service.max_drafts} drafts a request, "
                f"{service.requests_per_minute} posts and {service.reads_per_minute} other requests "
                "a minute from one client."
            ),
        },
        "security": [{"token": []}],
        "paths": {
            "/api/v1/conversions": {
                "post": {
                    "summary": "Convert one or more drafts",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "required": ["draft"],
                                    "properties": {
                                        "draft": {
                                            "type": "array",
                                            "items": {"type": "string", "format": "binary"},
                                            "description": ".docx, .odt, .md or .html; repeat the field",
                                        },
                                        "profile": {
                                            "type": "array",
                                            "items": {"type": "string"},
                                            "description": "profile names; default: the default profiles",
                                        },
                                    },
                                }
                            }
                        },
                    },
                    "responses": {
                        "202": {"description": "Queued", **status},
                        "400": _PROBLEM,
                        "401": _PROBLEM,
                        "413": _PROBLEM,
                        "415": _PROBLEM,
                        "429": _TOO_MANY,
                    },
                }
            },
            "/api/v1/conversions/{job_id}": {
                "get": {
                    "summary": "The status (with ?wait=, once it changes)",
                    "parameters": [_ID, _WAIT],
                    "responses": {
                        "200": {"description": "Status", **status},
                        "400": _PROBLEM,
                        "404": _PROBLEM,
                        "429": _TOO_MANY,
                    },
                }
            },
            "/api/v1/conversions/{job_id}/report": {
                "get": {
                    "summary": "The JSON report (schema/report.schema.json, as `--report json`)",
                    "parameters": [_ID],
                    "responses": {
                        "200": {"description": "The report", "content": {"application/json": {}}},
                        "404": _PROBLEM,
                        "409": _PROBLEM,
                    },
                }
            },
            "/api/v1/conversions/{job_id}/files/{path}": {
                "get": {
                    "summary": "One output file",
                    "parameters": [
                        _ID,
                        {"name": "path", "in": "path", "required": True, "schema": {"type": "string"}},
                    ],
                    "responses": {"200": {"description": "The file"}, "404": _PROBLEM},
                }
            },
            "/api/v1/conversions/{job_id}/zip": {
                "get": {
                    "summary": "Every output in one zip",
                    "parameters": [_ID],
                    "responses": {
                        "200": {"description": "A zip", "content": {"application/zip": {}}},
                        "404": _PROBLEM,
                        "409": _PROBLEM,
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {
                "token": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "Needed when the service is not bound to 127.0.0.1",
                }
            },
            "schemas": {
                "Problem": {
                    "type": "object",
                    "required": ["error", "status"],
                    "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
                },
                "Status": {
                    "type": "object",
                    "required": ["id", "state", "status_url"],
                    "properties": {
                        "id": {"type": "string"},
                        "state": {"enum": ["queued", "running", "done"]},
                        "converted": {"type": ["integer", "null"], "description": "drafts converted"},
                        "refused": {
                            "type": ["integer", "null"],
                            "description": "drafts that could not be converted (the CLI's exit code 2)",
                        },
                        "check_errors": {
                            "type": ["integer", "null"],
                            "description": "check errors a person must fix (exit code 1)",
                        },
                        "warnings": {"type": ["integer", "null"]},
                        "exit_code": {
                            "enum": [0, 1, 2, None],
                            "description": "what `accessconv convert` would exit with",
                        },
                        "status_url": {"type": "string"},
                        "report_url": {"type": ["string", "null"]},
                        "zip_url": {"type": ["string", "null"]},
                        "drafts": {"type": "array"},
                        "files": {"type": "array"},
                    },
                },
            },
        },
    }
