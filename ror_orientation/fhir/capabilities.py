"""The CapabilityStatement, generated from what the code implements (the parameter table, the
include table, the interactions of `INTERACTIONS`) so it lists nothing the server does not do."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from .. import __version__
from . import parametres as F
from . import profils as P
from .recherche import COUNT_DEFAUT, COUNT_MAX

Json = dict[str, Any]
INTERACTIONS = {"HealthcareService": ["read", "search-type"],
                "Location": ["read", "search-type", "update", "patch"],
                "Organization": ["read", "search-type"],
                "Practitioner": ["read", "search-type"],
                "PractitionerRole": ["read", "search-type"]}


def capability_statement(base: str, export: bool = True) -> Json:
    resources = []
    for rtype in P.TYPES:
        includes = [f"{rtype}:{name}" for name in F.INCLUDES[rtype]]
        resources.append({
            "type": rtype, "profile": P.PROFILS[rtype],
            "interaction": [{"code": i} for i in INTERACTIONS[rtype]],
            "versioning": "versioned-update" if "update" in INTERACTIONS[rtype] else "no-version",
            "conditionalUpdate": False,
            "searchInclude": includes,
            "searchRevInclude": F.REVINCLUDES[rtype],
            "searchParam": [
                {k: v for k, v in {"name": p.nom, "definition": p.definition,
                                   "type": p.type, "documentation": p.documentation}.items()
                 if v} for p in F.PARAMETRES[rtype]],
        })
    rest: Json = {
        "mode": "server",
        "documentation": (f"Searches page with _count (default {COUNT_DEFAUT}, at most "
                          f"{COUNT_MAX}) and _getpagesoffset; _sort on _id, _lastUpdated, "
                          "name (and distance after near); _include and _include:iterate; "
                          "_revinclude. Same rights as the JSON API: a key in Authorization: "
                          "Bearer."),
        "resource": resources,
    }
    if export:
        rest["operation"] = [{"name": "export",
                              "definition": "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/"
                                            "export"}]
    rest = {k: v for k, v in rest.items() if v}
    return {
        "resourceType": "CapabilityStatement", "status": "active",
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "kind": "instance", "fhirVersion": "4.0.1", "format": ["application/fhir+json"],
        "software": {"name": "ror-orientation", "version": __version__},
        "implementation": {"description": "ROR offer (ANS IG ans.fhir.fr.ror "
                                          f"{P.IG_VERSION})", "url": base},
        "implementationGuide": [f"{P.IG}/ImplementationGuide/ans.fhir.fr.ror"],
        "rest": [rest],
    }
