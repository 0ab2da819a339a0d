"""Code lists in the OpenAPI document: every input field or parameter whose values form a closed set
(a shipped nomenclature, the INSEE regions) carries its `enum`, so generated clients offer only values
the API accepts. Added once to the generated document; input models (`…In`, `…Query`) only."""

from __future__ import annotations

from typing import Any

from ..nomenclatures import Nomenclatures
from ..territoire import REGIONS

# input field / parameter name → nomenclature table
CODE_TABLES = {
    "activites": "TRE_R211", "champs": "TRE_R227", "modes": "TRE_R213",
    "categories_organisation": "TRE_R244", "publics": "TRE_R239", "equipements": "TRE_R212",
    "specialisations": "TRE_R245", "temporalites_accueil": "TRE_R240",
    "nature_lits": "TRE_R329", "statut_lits": "TRE_R330",
    "temporalite_lits": "TRE_R331", "nature": "TRE_R329", "statut": "TRE_R330",
    "temporalite": "TRE_R331", "genre": "TRE_R332", "source": "TRE_R335", "crise": "TRE_R336",
    "type_lit_supplementaire": "TRE_R334",
}


RECORD_FIELDS = {"nature", "statut", "temporalite", "genre", "source", "crise",
                 "type_lit_supplementaire"}  # fields of a capacity record: body models only


def _enum_into(schema: dict[str, Any], values: list[str]) -> None:
    """Put `values` on the string part of a (possibly nullable, possibly array) schema."""
    if schema.get("type") == "string":
        schema["enum"] = values
    elif schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        _enum_into(schema["items"], values)
    for key in ("anyOf", "oneOf"):
        for sub in schema.get(key, []):
            _enum_into(sub, values)


def with_code_lists(doc: dict[str, Any], nomenclatures: Nomenclatures) -> dict[str, Any]:
    lists = {name: sorted(nomenclatures.table(t).codes) for name, t in CODE_TABLES.items()}
    lists["regions"] = sorted(REGIONS)
    lists["region"] = sorted(REGIONS)
    for name, schema in doc.get("components", {}).get("schemas", {}).items():
        if not (name.endswith("In") or name.endswith("Query")):
            continue
        for prop, sub in schema.get("properties", {}).items():
            if prop in lists:
                _enum_into(sub, lists[prop])
    for item in doc.get("paths", {}).values():
        for op in item.values():
            for param in op.get("parameters", []) if isinstance(op, dict) else []:
                if (param.get("in") == "query" and param.get("name") in lists
                        and param["name"] not in RECORD_FIELDS):
                    _enum_into(param.get("schema", {}), lists[param["name"]])
    return doc
