"""Every JSON example in docs/ is an instance of the wire model its marker names, so the docs cannot
drift from the API: a renamed, added or retyped field fails here.

Convention: a fenced ```json block is preceded by `<!-- wire: ModelName -->` (a model of
`ror_orientation.web.wire`); a JSON block without a marker is itself an error.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from ror_orientation.web import wire

DOCS = Path(__file__).resolve().parent.parent / "docs"
MARKER = re.compile(r"^<!--\s*wire:\s*(\w+)\s*-->$")
FENCE = re.compile(r"^```json\s*$")


def examples(text: str) -> list[tuple[int, str | None, str]]:
    """(line of the fence, model named by the marker or None, JSON text) of each ```json block."""
    lines = text.splitlines()
    out = []
    i = 0
    while i < len(lines):
        if FENCE.match(lines[i].strip()):
            start = i
            j = i - 1
            while j >= 0 and not lines[j].strip():
                j -= 1
            m = MARKER.match(lines[j].strip()) if j >= 0 else None
            body = []
            i += 1
            while i < len(lines) and lines[i].strip() != "```":
                body.append(lines[i])
                i += 1
            out.append((start + 1, m.group(1) if m else None, "\n".join(body)))
        i += 1
    return out


def check(name: str, text: str) -> list[str]:
    """What is wrong with the examples of one document (empty: nothing)."""
    problems = []
    for line, model_name, body in examples(text):
        where = f"{name}:{line}"
        if model_name is None:
            problems.append(f"{where}: JSON example without a <!-- wire: Model --> marker")
            continue
        model = getattr(wire, model_name, None)
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            problems.append(f"{where}: {model_name} is not a wire model")
            continue
        try:
            data = json.loads(body)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not JSON ({exc})")
            continue
        try:
            model.model_validate(data)
        except PydanticValidationError as exc:
            problems.append(f"{where}: not a {model_name}: {exc}")
    return problems


DOC_FILES = sorted(DOCS.glob("*.md"))


@pytest.mark.parametrize("path", DOC_FILES, ids=lambda p: p.name)
def test_every_json_example_of_the_docs_is_its_wire_model(path):
    assert check(path.name, path.read_text(encoding="utf-8")) == []


def test_the_api_docs_show_every_main_shape():
    named = {m for f in DOC_FILES for _line, m, _body in examples(f.read_text(encoding="utf-8"))}
    assert {"RechercheIn", "ErreurOut", "ReponseOut", "UniteOut", "EtablissementOut", "TablesOut", "TableOut",
            "SuggestionsOut", "CommunesOut", "CapacitesIn", "CapaciteMajOut", "LotCapacitesBrutIn",
            "LotCapacitesOut", "HistoriqueOut", "LigneExtractionOut", "ApplicationIn",
            "ApplicationCreeeOut", "ParRegionOut", "HealthOut", "CarteOut", "DetailOut",
            "TableauOut"} <= named


@pytest.mark.parametrize(
    ("doc", "fault"),
    [
        ('<!-- wire: SuggestionsOut -->\n```json\n{"q": "x", "suggestions": [{"label": "x"}]}\n```',
         "not a SuggestionsOut"),
        ('<!-- wire: HealthOut -->\n```json\n{"status": "ok", "uo": 1, "engine": true, '
         '"version": "1", "extra": 1}\n```', "not a HealthOut"),
        ('```json\n{"a": 1}\n```', "without a <!-- wire: Model --> marker"),
        ('<!-- wire: Nope -->\n```json\n{}\n```', "Nope is not a wire model"),
        ('<!-- wire: HealthOut -->\n```json\n{"status": "ok", ...}\n```', "not JSON"),
    ],
)
def test_a_drifted_example_is_reported(doc, fault):
    (problem,) = check("doc.md", doc)
    assert problem.startswith("doc.md:") and fault in problem


def test_the_request_examples_are_accepted_by_the_api(tmp_path):
    """The bodies the docs show are not only well shaped: the API takes them (codes, ids, rights)."""
    from tests.api_support import auth, client, key

    sends = {"RechercheIn": ("POST", "/api/v1/recherche", 200),
             "CapacitesIn": ("PUT", "/api/v1/unites/uo-unv/capacites", 200),
             "LotCapacitesBrutIn": ("POST", "/api/v1/capacites", 200),
             "ApplicationIn": ("POST", "/api/v1/applications", 201)}
    bodies = [(m, json.loads(body)) for f in DOC_FILES
              for _line, m, body in examples(f.read_text(encoding="utf-8")) if m in sends]
    assert {m for m, _ in bodies} == set(sends)
    with client(tmp_path) as c:
        admin = auth(key(c.store, ["admin"], nom="admin"))
        for model, body in bodies:
            method, path, status = sends[model]
            r = c.request(method, path, json=body, headers=admin)
            assert r.status_code == status, (model, r.text)
