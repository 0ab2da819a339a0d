"""The API fuzzed from its own OpenAPI document (schemathesis, offline against the ASGI app): with a
regulator key and an admin key, no generated request gets a 5xx and every answer is valid against the
schema its operation declares. Bounded: ROR_FUZZ_EXAMPLES examples per operation and key (default
30; the bench-sized run is ROR_FUZZ_EXAMPLES=300)."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from tests.api_support import EG_RENNES, auth, key
from tests.test_securite_fuites import _client, offre_probe

EXAMPLES = int(os.environ.get("ROR_FUZZ_EXAMPLES", "30"))
STATS: Counter[str] = Counter()


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path: Path = tmp_path_factory.mktemp("fuzz") / "api.sqlite"
    for c in _client(path, offre_probe()):  # the lifespan has run: the app serves
        store = c.store  # type: ignore[attr-defined]
        c.fuzz_keys = {  # type: ignore[attr-defined]
            "regulation": auth(key(store, ["lecture_regulation"], nom="SAMU")),
            "admin": auth(key(store, ["admin", "editeur"], (EG_RENNES,), nom="ARS")),
        }
        c.app.state.ratelimit.capacity = 1e9  # type: ignore[attr-defined]  # fuzz, not throttle
        yield c


def test_no_5xx_and_answers_match_their_schema(api: TestClient) -> None:
    """Every operation of the document, fuzzed in turn (hypothesis drives schemathesis' strategies:
    its pytest plugin does not follow the pytest version used here)."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", api.app)
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck), phases=[Phase.generate])
        @given(case=operation.as_strategy())
        def fuzz(case: Any) -> None:
            for headers in api.fuzz_keys.values():  # type: ignore[attr-defined]
                response = case.call(headers=headers)
                STATS["requests"] += 1
                if response.status_code >= 500:
                    STATS["5xx"] += 1
                case.validate_response(response, checks=[not_a_server_error,
                                                         response_schema_conformance])

        try:
            fuzz()
        except Exception as exc:  # noqa: BLE001 - collected, reported together below
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:1500]}")
    print(json.dumps({"fuzzed_operations": operations, "fuzzed_requests": STATS["requests"],
                      "server_errors": STATS["5xx"],
                      "examples_per_operation_and_key": EXAMPLES}))
    assert operations >= 24
    assert not failures, "\n\n".join(failures)
