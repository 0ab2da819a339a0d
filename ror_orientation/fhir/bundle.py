"""Searchset Bundles (entries, search mode, the location-distance extension, paging links) and
OperationOutcome, the one error shape of the FHIR door (from the product's `RorError`)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from ..errors import RorError
from . import profils as P
from .recherche import Resultat

Json = dict[str, Any]

# RorError.code → OperationOutcome.issue.code (FHIR IssueType)
ISSUE = {"validation_error": "invalid", "unknown_code": "code-invalid", "not_found": "not-found",
         "forbidden": "forbidden", "unauthenticated": "login", "conflict": "conflict",
         "precondition_failed": "conflict", "not_supported": "not-supported",
         "rate_limited": "throttled", "unavailable": "transient", "payload_too_large": "too-long",
         "uri_too_long": "too-long", "method_not_allowed": "not-supported",
         "not_acceptable": "not-supported", "unsupported_media_type": "not-supported",
         "internal": "exception"}


def operation_outcome(status: int, code: str, message: str, field: str | None = None,
                      severity: str | None = None) -> Json:
    issue: Json = {"severity": severity or ("fatal" if status >= 500 else "error"),
                   "code": ISSUE.get(code, "processing"), "diagnostics": message,
                   "details": {"text": code}}
    if field:
        issue["expression"] = [field]
    return {"resourceType": "OperationOutcome", "issue": [issue]}


def outcome_of(exc: RorError) -> Json:
    return operation_outcome(exc.status, exc.code, exc.message, exc.field)


def _url(base: str, resource_type: str, params: list[tuple[str, str]], offset: int,
         count: int) -> str:
    kept = [(k, v) for k, v in params if k not in ("_getpagesoffset", "_count")]
    kept += [("_count", str(count)), ("_getpagesoffset", str(offset))]
    return f"{base}/{resource_type}?{urlencode(kept)}"


def searchset(base: str, params: list[tuple[str, str]], res: Resultat) -> Json:
    """The Bundle of one page: self / first / previous / next / last links on `base` (the server's
    /fhir URL), match entries (with their distance after a near search), then include entries."""
    n, off, total = res.count, res.offset, res.total
    links = [{"relation": "self", "url": _url(base, res.resource_type, params, off, n)},
             {"relation": "first", "url": _url(base, res.resource_type, params, 0, n)}]
    if n and off > 0:
        links.append({"relation": "previous",
                      "url": _url(base, res.resource_type, params, max(0, off - n), n)})
    if n and off + n < total:
        links.append({"relation": "next",
                      "url": _url(base, res.resource_type, params, off + n, n)})
    if n and total:
        links.append({"relation": "last", "url": _url(base, res.resource_type, params,
                                                      (total - 1) // n * n, n)})
    entries: list[Json] = []
    for r in res.matches:
        search: Json = {"mode": "match"}
        if r["id"] in res.distances:
            search["extension"] = [{"url": P.EXT_DISTANCE, "valueDistance": {
                "value": round(res.distances[r["id"]], 3), "unit": "km",
                "system": "http://unitsofmeasure.org", "code": "km"}}]
        entries.append({"fullUrl": f"{base}/{r['resourceType']}/{r['id']}", "resource": r,
                        "search": search})
    entries += [{"fullUrl": f"{base}/{r['resourceType']}/{r['id']}", "resource": r,
                 "search": {"mode": "include"}} for r in res.includes]
    for text in res.avertissements:
        entries.append({"resource": operation_outcome(200, "incomplete", text,
                                                      severity="warning"),
                        "search": {"mode": "outcome"}})
    return {"resourceType": "Bundle", "id": str(uuid.uuid4()),
            "meta": {"lastUpdated": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")},
            "type": "searchset", "total": total, "link": links, "entry": entries}
