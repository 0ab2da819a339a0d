"""The dashboard's region drill-down on the demo offer: what a click on a region costs the server.

Data set (built once into var/bench/peuplement-demo.sqlite, reused while the generator is unchanged):
the generated demo offer (Bretagne, Pays de la Loire, La Réunion). The app runs in-process (the
population routes only; an empty search engine), the table is asked for first as the page does, so
the population pass is cached. Then, for each region with data × each champ, measured:
- `nouveau`: the one request the page makes per click, GET /peuplement/etablissements?region=..&
  champ=..&statut=en_cours&statut=a_faire (rows from the per-region index of the cached pass);
- `ancien`: what the page made before, GET /peuplement/qualite?exigence=CP4&region=.. (a whole-offer
  evaluation) then GET /peuplement/eg/{id} for the 20 EG listed first.
Target: a click answered in under 300 ms (the browser's own timing is in
tests/test_pages_peuplement_browser.py). `--profil` prints the top functions of one `nouveau` click.
Last line: one JSON object.

    .venv/bin/python bench/bench_peuplement_region.py [--db PATH] [--repeat N] [--profil]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from donnees import data_key, is_current, mark  # noqa: E402  (bench/ is on sys.path)

from ror_orientation.api import create_app  # noqa: E402
from ror_orientation.engine import Engine  # noqa: E402
from ror_orientation.offre import Offre  # noqa: E402
from ror_orientation.settings import Settings  # noqa: E402
from ror_orientation.store import Store  # noqa: E402

DEFAULT_DB = ROOT / "var" / "bench" / "peuplement-demo.sqlite"
CHAMPS = ("MCO", "PSY", "SSR", "ESMS PA", "ESMS PH")
PAGE_EG = 20
CIBLE_MS = 300


def prepare(db: Path) -> dict[str, int]:
    key = data_key("demo")
    if not is_current(db, key):
        from ror_orientation.generateur import generate

        db.parent.mkdir(parents=True, exist_ok=True)
        if db.exists():
            db.unlink()
        store = Store(db)
        store.import_offre(generate("demo", reference=datetime.now(UTC)), source="bench:demo")
        store.close()
        mark(db, key)
    store = Store(db)
    counts = store.counts()
    store.close()
    return counts


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=DEFAULT_DB)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profil", action="store_true")
    args = ap.parse_args()
    counts = prepare(args.db)

    from fastapi.testclient import TestClient

    store = Store(args.db)
    app = create_app(Settings(db=str(args.db)), engine=Engine.build(Offre()), store=store)
    api = "/api/v1/peuplement"
    with TestClient(app) as client:
        t = time.perf_counter()
        table = client.get(api, params={"champ": "MCO", "precedent": "true"})
        table.raise_for_status()
        chargement_s = time.perf_counter() - t
        regions = [li["region"] for li in table.json()["lignes"]
                   if li["region"] != "TOTAL" and li["champs"]["MCO"]["disponible"]]
        print(f"page load (table, population pass computed): {chargement_s * 1000:.0f} ms; "
              f"regions with data: {', '.join(regions)}")

        def nouveau(region: str, champ: str) -> tuple[float, list[str]]:
            t0 = time.perf_counter()
            r = client.get(f"{api}/etablissements", params=[
                ("region", region), ("champ", champ), ("statut", "en_cours"), ("statut", "a_faire"),
                ("limit", "100000")])
            r.raise_for_status()
            return time.perf_counter() - t0, [e["eg_id"] for e in r.json()["etablissements"]]

        def ancien(region: str, champ: str) -> tuple[float, list[str]]:
            t0 = time.perf_counter()
            r = client.get(f"{api}/qualite", params={"exigence": "CP4", "region": region,
                                                     "max_ecarts": 2000})
            r.raise_for_status()
            ids = [i["eg_id"] for i in r.json()["exigences"][0]["ecarts"] if i["champ"] == champ]
            for eg_id in ids[:PAGE_EG]:
                client.get(f"{api}/eg/{eg_id}").raise_for_status()
            return time.perf_counter() - t0, ids

        mesures: dict[str, list[float]] = {"ancien": [], "nouveau": []}
        for _ in range(args.repeat):
            for region in regions:
                for champ in CHAMPS:
                    dn, ids_n = nouveau(region, champ)
                    da, ids_a = ancien(region, champ)
                    assert sorted(ids_n) == sorted(ids_a), (region, champ)  # the same EG listed
                    mesures["nouveau"].append(dn * 1000)
                    mesures["ancien"].append(da * 1000)
        if args.profil:  # the library calls behind each path (the routes run them in a thread)
            from ror_orientation.peuplement import publication, qualite

            for nom, appel in (
                    ("nouveau", lambda: publication.etablissements(
                        store, region=regions[0], champ="MCO", statut=["en_cours", "a_faire"],
                        limit=100_000)),
                    ("ancien", lambda: qualite.controler(store, exigences=["CP4"],
                                                         region=regions[0], max_ecarts=2000))):
                prof = cProfile.Profile()
                prof.enable()
                appel()
                prof.disable()
                print(f"--- profile, {nom}")
                pstats.Stats(prof).sort_stats("cumulative").print_stats(8)
    store.close()

    out: dict[str, object] = {"mesure": "peuplement_clic_region", "eg": counts["eg"], "uo": counts["uo"],
                              "clics": len(mesures["nouveau"]), "cible_ms": CIBLE_MS}
    for chemin, valeurs in mesures.items():
        med, p95 = statistics.median(valeurs), pct(valeurs, 0.95)
        print(f"{chemin:8s}: median {med:7.1f} ms, p95 {p95:7.1f} ms, max {max(valeurs):7.1f} ms "
              f"over {len(valeurs)} clicks")
        out[f"{chemin}_median_ms"] = round(med, 1)
        out[f"{chemin}_p95_ms"] = round(p95, 1)
    out["gain"] = round(statistics.median(mesures["ancien"]) / statistics.median(mesures["nouveau"]), 1)
    out["load_avg"] = round(os.getloadavg()[0], 1)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
