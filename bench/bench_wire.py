"""Encoding cost of the API's two main answers: a 20-result search answer and a unit sheet.

Data set (separate from what is measured): the generated offer of one region (Bretagne by default),
imported into a temporary store; the answers are the real routes' wire models for a regulator
(`web/routes/recherche.reponse_out`, `web/routes/unites.fiche_unite`). Measured, median of
`--repeat` runs of `--number` calls each, in microseconds per call:

- `build`: the route's mapping from the library's objects to the pydantic models (validated);
- encoders of the built answer: pydantic-core `model_dump_json` (str) and `__pydantic_serializer__`
  `.to_json` (bytes), `TypeAdapter.dump_json`, orjson over `model_dump(mode="json")`;
- orjson over `model_dump()` (python mode: datetimes left to orjson);
- orjson over a plain dict of the same answer (`model_dump()`, made once): what the former
  hand-built dicts cost to encode;
- msgspec (when installed): Structs generated field for field from the same models, encoded with
  `msgspec.json.encode`; also the cost of building that Struct tree from the values, beside
  rebuilding the pydantic tree from the same values with validation and with `model_construct`
  (same walk: the differences are the construction itself). The sheet's `build` includes the
  store reads of its hierarchy and professionals.

For context, the whole search route in process (engine, mapping, encoding, ASGI via TestClient).
The choice is whichever keeps one definition for the route and the OpenAPI document at the lowest
total (build + encode) per answer. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import functools
import operator
import statistics
import sys
import tempfile
import time
import types
import typing
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, TypeAdapter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from ror_orientation import applications  # noqa: E402
from ror_orientation.droits import Appelant, Droit  # noqa: E402
from ror_orientation.generateur import generate  # noqa: E402
from ror_orientation.requete import Profil, Requete  # noqa: E402
from ror_orientation.service import Service  # noqa: E402
from ror_orientation.settings import Settings  # noqa: E402
from ror_orientation.store import Store  # noqa: E402
from ror_orientation.web.app import create_app  # noqa: E402
from ror_orientation.web.routes.recherche import reponse_out  # noqa: E402
from ror_orientation.web.routes.unites import fiche_unite  # noqa: E402
from ror_orientation.web.wire import ReponseOut, UniteOut  # noqa: E402

try:
    import msgspec
except ImportError:  # optional: only to compare
    msgspec = None


def per_call_us(fn: Callable[[], object], number: int, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - t0) / number * 1e6)
    return round(statistics.median(runs), 2)


# -- msgspec Structs mirroring the pydantic models field for field --------------------------------
def _struct_type(ann: Any, cache: dict[type, Any]) -> Any:
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return _struct_of(ann, cache)
    origin, args = typing.get_origin(ann), typing.get_args(ann)
    if origin in (types.UnionType, typing.Union):
        return functools.reduce(operator.or_, [_struct_type(a, cache) for a in args])
    if origin is list:
        return list[_struct_type(args[0], cache)]  # type: ignore[misc]
    if origin is dict:
        return dict[args[0], _struct_type(args[1], cache)]  # type: ignore[misc]
    return ann


def _struct_of(model: type[BaseModel], cache: dict[type, Any]) -> Any:
    if model not in cache:
        fields: list[Any] = []
        for name, f in model.model_fields.items():
            t = _struct_type(f.annotation, cache)
            fields.append((name, t) if f.is_required() else (name, t, f.get_default()))
        cache[model] = msgspec.defstruct(model.__name__, fields, kw_only=True)
    return cache[model]


def to_struct(value: Any, cache: dict[type, Any]) -> Any:
    if isinstance(value, BaseModel):
        cls = _struct_of(type(value), cache)
        return cls(**{k: to_struct(getattr(value, k), cache) for k in type(value).model_fields})
    if isinstance(value, list):
        return [to_struct(v, cache) for v in value]
    if isinstance(value, dict):
        return {k: to_struct(v, cache) for k, v in value.items()}
    return value


def rebuild(value: Any, validate: bool) -> Any:
    """The same tree of pydantic models rebuilt from its values: with validation (what the routes
    do) or `model_construct` (none); the walk is the same as `to_struct`'s, so the difference between
    the three is the construction itself."""
    if isinstance(value, BaseModel):
        cls = type(value)
        kw = {k: rebuild(getattr(value, k), validate) for k in cls.model_fields}
        return cls(**kw) if validate else cls.model_construct(**kw)
    if isinstance(value, list):
        return [rebuild(v, validate) for v in value]
    if isinstance(value, dict):
        return {k: rebuild(v, validate) for k, v in value.items()}
    return value


def measure(name: str, build: Callable[[], BaseModel], number: int, repeat: int) -> dict[str, Any]:
    model = build()
    adapter = TypeAdapter(type(model))
    plain = model.model_dump()
    serializer = model.__pydantic_serializer__
    out: dict[str, Any] = {
        "bytes": len(model.model_dump_json()),
        "build_us": per_call_us(build, number, repeat),
        "model_dump_json_us": per_call_us(model.model_dump_json, number, repeat),
        "serializer_to_json_us": per_call_us(lambda: serializer.to_json(model), number, repeat),
        "typeadapter_dump_json_us": per_call_us(lambda: adapter.dump_json(model), number, repeat),
        "orjson_model_dump_us": per_call_us(
            lambda: orjson.dumps(model.model_dump(mode="json")), number, repeat),
        "orjson_model_dump_python_us": per_call_us(
            lambda: orjson.dumps(model.model_dump()), number, repeat),
        "orjson_plain_dict_us": per_call_us(lambda: orjson.dumps(plain), number, repeat),
        "pydantic_build_from_values_us": per_call_us(lambda: rebuild(model, True), number, repeat),
        "pydantic_construct_from_values_us": per_call_us(
            lambda: rebuild(model, False), number, repeat),
    }
    if msgspec is not None:
        cache: dict[type, Any] = {}
        struct = to_struct(model, cache)
        encoder = msgspec.json.Encoder()
        assert orjson.loads(encoder.encode(struct)) == orjson.loads(model.model_dump_json())
        out["msgspec_encode_us"] = per_call_us(lambda: encoder.encode(struct), number, repeat)
        out["msgspec_build_from_values_us"] = per_call_us(
            lambda: to_struct(model, cache), number, repeat)
    print(f"{name}: {out}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--region", default="53", help="INSEE region of the generated offer")
    ap.add_argument("--number", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "wire.sqlite"
        t0 = time.perf_counter()
        store = Store(db)
        offre = generate("demo", regions=(args.region,), reference=datetime.now(UTC))
        store.import_offre(offre, source="bench:wire")
        svc = Service.open(Settings(db=str(db)), store=store)
        print(f"data set: region {args.region}, {len(offre.uo)} units, "
              f"built in {time.perf_counter() - t0:.1f} s")
        regulateur = Appelant(1, "bench", frozenset({Droit.LECTURE_REGULATION}))
        eg = next(e for e in offre.eg.values() if e.coordonnees is not None)
        requete = Requete(profil=Profil.AVAL, lieu=None, limite=20, ouvert_maintenant=False,
                          budget_ms=5000.0, voir_sensibles=True)
        reponse = svc.rechercher(requete)
        assert len(reponse.resultats) == 20, len(reponse.resultats)
        # the sheet of the unit with the most capacity records and contacts: the heavy case
        uo = max(offre.uo.values(), key=lambda u: (len(u.capacites), len(u.contacts), u.id))
        now = datetime.now(UTC)
        del eg

        recherche = measure("search answer (20 results, explained)",
                            lambda: reponse_out(reponse, svc, regulateur, True),
                            args.number, args.repeat)
        fiche = measure("unit sheet", lambda: fiche_unite(svc, regulateur, uo, now),
                        args.number, args.repeat)
        # in context: the whole search route in process (engine, mapping, encoding, ASGI)
        app = create_app(Settings(db=str(db)), engine=svc.engine, store=store)
        with TestClient(app) as client:
            k = applications.create(store, nom="bench", region="53", proprietaire="bench",
                                    droits=["lecture_regulation"], eg_ids=[])[1]
            params = {"profil": "aval", "ouvert_maintenant": "false", "limit": 20,
                      "budget_ms": 5000}
            headers = {"Authorization": f"Bearer {k}"}
            assert len(client.get("/api/v1/recherche", params=params,
                                  headers=headers).json()["resultats"]) == 20
            route_us = per_call_us(
                lambda: client.get("/api/v1/recherche", params=params, headers=headers),
                max(20, args.number // 10), args.repeat)
        print(f"whole search route in process (TestClient): {route_us} us")
        assert isinstance(reponse_out(reponse, svc, regulateur, True), ReponseOut)
        assert isinstance(fiche_unite(svc, regulateur, uo, now), UniteOut)
        store.close()

    def total(m: dict[str, Any], encoder: str) -> float:
        return round(m["build_us"] + m[encoder], 2)

    candidates = ["model_dump_json_us", "serializer_to_json_us", "typeadapter_dump_json_us",
                  "orjson_model_dump_us", "orjson_model_dump_python_us"]
    best = min(candidates, key=lambda c: total(recherche, c) + total(fiche, c))
    result = {
        "bench": "wire",
        "msgspec": msgspec.__version__ if msgspec is not None else None,
        "recherche_20": recherche,
        "fiche_uo": fiche,
        "route_recherche_20_us": route_us,
        "pydantic_best_encoder": best.removesuffix("_us"),
        "recherche_total_us": total(recherche, best),
        "fiche_total_us": total(fiche, best),
        "ratio_best_pydantic_vs_orjson_model_dump": round(
            (recherche[best] + fiche[best])
            / (recherche["orjson_model_dump_us"] + fiche["orjson_model_dump_us"]), 3),
    }
    if msgspec is not None:
        result["ratio_msgspec_encode_vs_best_pydantic_encode"] = round(
            (recherche["msgspec_encode_us"] + fiche["msgspec_encode_us"])
            / (recherche[best] + fiche[best]), 3)
    print(orjson.dumps(result).decode())


if __name__ == "__main__":
    main()
