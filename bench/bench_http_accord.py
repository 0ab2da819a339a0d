"""Whether two versions of the code answer the SAMU mix with the same JSON: a check to run before
comparing their speed (a faster answer path must give the same bytes).

`prepare DIR`: a demo store generated against a fixed instant, and the bench's SAMU mix drawn from
it (bench/bench_http.py's `samu_mix`) plus a few free-text queries. `answer DIR OUT`: each query of
DIR through the app in-process (TestClient), by a regulator, a public reader and the editor of one
site (without the free-bed criterion, theirs to refuse), each accepting gzip as TestClient does,
and by a regulator whose client does not (`regulation_identite`), the clock fixed to that instant,
one JSON line per answer: its status, its headers in their order (names and values; the length,
which follows the engine time `duree_ms`, as present or not) and its JSON (that time left out); run
it with each version's own interpreter on its own copy of DIR's store, and say
`ror_orientation.__file__` to show which code ran. `compare A B`: answers equal, line by line. The
last line of each command is one JSON object.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

import orjson

NOW = datetime(2026, 12, 4, 21, 0, 7, 250000, tzinfo=UTC)  # the fixed instant of every answer
SEED = 20261126
TEXTES = ("infarctus", "avc thrombolyse", "fracture du col du fémur enfant", "psychiatrie",
          "dialyse", "brûlure grave")


def prepare(folder: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_http import samu_mix

    from ror_orientation.generateur import generate
    from ror_orientation.store import Store

    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "demo.sqlite"
    db.unlink(missing_ok=True)
    store = Store(db)
    store.import_offre(generate("demo", SEED, reference=NOW), source=f"accord:demo:{SEED}")
    queries = samu_mix(store, 200, SEED)
    first = queries[0]
    queries += [{"profil": "samu", "texte": t, "lat": first["lat"], "lon": first["lon"]}
                for t in TEXTES]
    queries += [{**q, "expliquer": "false", "limit": 5} for q in queries[:10]]
    # the editor's site: one of the units the first query asks about is likely near it
    ids = store.offre.ids("uo")
    editeur = store.get_uo(ids[len(ids) // 2]).eg_id
    store.close()
    (folder / "queries.json").write_bytes(orjson.dumps({"queries": queries, "editeur": editeur}))
    print(orjson.dumps({"prepared": str(db), "queries": len(queries)}).decode())


def answer(folder: Path, out: Path) -> None:
    from fastapi.testclient import TestClient

    import ror_orientation
    from ror_orientation import applications
    from ror_orientation.settings import Settings
    from ror_orientation.store import Store
    from ror_orientation.web import app as web_app
    from ror_orientation.web.routes import recherche

    spec = orjson.loads((folder / "queries.json").read_bytes())
    work = out.with_suffix(".sqlite")
    shutil.copyfile(folder / "demo.sqlite", work)
    store = Store(work)
    keys = {}
    for nom, droits, egs in (("regulation", ["lecture_regulation"], []),
                             ("public", ["lecture_publique"], []),
                             ("editeur", ["lecture_publique", "editeur"], [spec["editeur"]])):
        keys[nom] = applications.create(store, nom=f"accord {nom}", region=None,
                                        proprietaire="bench", droits=droits, eg_ids=egs)[1]
    store.close()

    class Fixed(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def,override]
            return NOW if tz is None else NOW.astimezone(tz)

    lines = []
    settings = Settings(db=work, rate_limit_per_minute=10_000_000)
    callers = [(caller, key, {}) for caller, key in keys.items()]
    callers.append(("regulation_identite", keys["regulation"], {"Accept-Encoding": "identity"}))
    with mock.patch.object(recherche, "datetime", Fixed), \
            TestClient(web_app.create_app(settings)) as client:
        for caller, key, extra in callers:
            for i, q in enumerate(spec["queries"]):
                if not caller.startswith("regulation"):  # free-bed criteria: regulators' (403)
                    q = {k: v for k, v in q.items() if k != "lits_min"}
                r = client.get("/api/v1/recherche", params=q,
                               headers={"Authorization": f"Bearer {key}", **extra})
                body = r.json()
                if isinstance(body, dict):
                    body.pop("duree_ms", None)
                headers = [(k, "<present>" if k == "content-length" else v)
                           for k, v in r.headers.multi_items()]
                lines.append(orjson.dumps({"caller": caller, "query": i, "status": r.status_code,
                                           "headers": headers, "body": body},
                                          option=orjson.OPT_SORT_KEYS))
    out.write_bytes(b"\n".join(lines) + b"\n")
    work.unlink(missing_ok=True)
    for extra in work.parent.glob(work.name + "*"):
        extra.unlink(missing_ok=True)
    print(orjson.dumps({"code": str(Path(ror_orientation.__file__).parent), "answers": len(lines),
                        "out": str(out)}).decode())


def compare(a: Path, b: Path) -> None:
    la, lb = a.read_bytes().splitlines(), b.read_bytes().splitlines()
    same = sum(x == y for x, y in zip(la, lb, strict=False))
    differ = [orjson.loads(x)["query"] for x, y in zip(la, lb, strict=False) if x != y]
    results = sum(len(orjson.loads(x)["body"].get("resultats", [])) for x in la)
    print(orjson.dumps({"answers": max(len(la), len(lb)), "identical": same,
                        "result_lines": results, "differing_queries": differ[:20]}).decode())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("folder", type=Path)
    p = sub.add_parser("answer")
    p.add_argument("folder", type=Path)
    p.add_argument("out", type=Path)
    p = sub.add_parser("compare")
    p.add_argument("a", type=Path)
    p.add_argument("b", type=Path)
    args = ap.parse_args()
    if args.command == "prepare":
        prepare(args.folder)
    elif args.command == "answer":
        answer(args.folder, args.out)
    else:
        compare(args.a, args.b)


if __name__ == "__main__":
    main()
