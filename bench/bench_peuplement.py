"""Population tracking at national scale: time to compute the region × champ table from the store.

The data set (the generated national offer, ~30,000 EG and ~300,000 units; a seeded synthetic offer
of the same shape when the generator is not installed) is built once into a store file and reused;
what is measured is `calculer` + `tableau_de` (the table), then the quality checks and a snapshot.
Last line: one JSON object {"compute_s", "eg", "uo", ...}. Target: compute_s ≤ 30.

    .venv/bin/python bench/bench_peuplement.py [--db PATH] [--rebuild] [--synthetic] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from donnees import data_key, is_current, mark  # noqa: E402  (bench/ is on sys.path)

from ror_orientation.horaires import Fermeture, Horaires  # noqa: E402
from ror_orientation.offre import (  # noqa: E402
    Adresse,
    Autorisation,
    Canal,
    Contact,
    EntiteGeographique,
    EntiteJuridique,
    Offre,
    Statut,
    Telecom,
    UniteOperationnelle,
)
from ror_orientation.peuplement import qualite, snapshots  # noqa: E402
from ror_orientation.peuplement.statut import Parametres, calculer  # noqa: E402
from ror_orientation.peuplement.tableau import tableau_de  # noqa: E402
from ror_orientation.peuplement.trimestre import Trimestre  # noqa: E402
from ror_orientation.store import Store  # noqa: E402
from ror_orientation.territoire import REGIONS  # noqa: E402

REFERENCE = date(2026, 11, 26)
DEPS = {"01": "971", "02": "972", "03": "973", "04": "974", "06": "976", "11": "75", "24": "45",
        "27": "21", "28": "76", "32": "59", "44": "67", "52": "44", "53": "35", "75": "33",
        "76": "31", "84": "69", "93": "13", "94": "2A"}


def synthetic(n_eg: int = 30_000, uo_per_eg: float = 10.0, seed: int = 7) -> Offre:
    """A seeded offer of the national shape: hospitals with authorisations and many units,
    medico-social EGs with a few, a share of incomplete, draft and closed units."""
    rng = random.Random(seed)
    o = Offre()
    o.add(EntiteJuridique(id="000000001", nom="EJ"))
    sanitaire = ["355", "365", "109", "128", "292", "101", "106"]
    medico = ["500", "500", "500", "255", "183", "354", "209", "202", "246", "606"]
    uo_n = 0
    for i in range(n_eg):
        region = rng.choice(list(REGIONS))
        san = rng.random() < 0.25
        cat = rng.choice(sanitaire if san else medico)
        auts = ()
        if san:
            auts = tuple(Autorisation(a, "00", rng.choice(["01", "02", "05"]),
                                      date_fin=date(rng.choice([2020, 2027, 2030]), 6, 1))
                         for a in rng.sample(["01", "02", "03", "04", "14", "15", "50", "51"], 3))
        eg_id = f"{i:09d}"
        o.add(EntiteGeographique(
            id=eg_id, ej_id="000000001", nom=f"EG {i}", categorie=cat, region=region,
            departement=DEPS[region], date_ouverture=date(2000, 1, 1),
            date_fermeture=date(2020, 1, 1) if rng.random() < 0.02 else None,
            adresse=Adresse(voie="RUE", code_postal="35000", localite="X"), autorisations=auts))
        n = max(0, int(rng.expovariate(1 / (uo_per_eg * (2.2 if san else 0.6)))))
        for k in range(n):
            uo_n += 1
            champ = rng.choice(["01", "02", "03"]) if san else "04"
            complete = rng.random() < 0.7
            o.add(UniteOperationnelle(
                id=f"{eg_id}-{k}", eg_id=eg_id, nom=f"Unité {k}", champ=champ,
                activite=rng.choice(["088", "127", "157", "094"]), mode_prise_en_charge="28",
                categorie_organisation="01" if rng.random() < 0.8 else None,
                age_min=0, age_max=None if not complete and rng.random() < 0.5 else 130,
                contacts=(Contact(fonction="Cadre", telecoms=(Telecom(Canal.TELEPHONE, "0100"),)),)
                if complete or rng.random() < 0.5 else (),
                statut=Statut.BROUILLON if rng.random() < 0.03 else Statut.PUBLIE,
                horaires=Horaires(fermetures=(Fermeture(date(2025, 1, 1), definitive=True),))
                if rng.random() < 0.02 else Horaires(),
                maj=datetime(2026, 1, 1, tzinfo=UTC) - timedelta(days=rng.randint(0, 900))))
    return o


def build(db: Path, synthetic_only: bool) -> str:
    source = "synthetic"
    offre = None
    if not synthetic_only:
        try:
            from ror_orientation.generateur import generate
        except ImportError:
            generate = None
        if generate is not None:
            offre = generate("national")
            source = data_key("national")
    if offre is None:
        offre = synthetic()
    db.parent.mkdir(parents=True, exist_ok=True)
    if db.exists():
        db.unlink()
    store = Store(db)
    store.import_offre(offre, source="bench", check=False)
    mark(db, source)
    store.close()
    return source


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=ROOT / "var" / "bench" / "peuplement-national.sqlite")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the data set")
    ap.add_argument("--synthetic", action="store_true", help="use the synthetic offer")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    t0 = time.perf_counter()
    wanted = "synthetic" if args.synthetic else data_key("national")
    if args.rebuild or not is_current(args.db, wanted):
        source = build(args.db, args.synthetic)
        print(f"data set built in {time.perf_counter() - t0:.1f} s ({source})")
    source = wanted
    store = Store(args.db)
    counts = store.counts()
    print(f"store {args.db}: {counts['eg']} EG, {counts['uo']} UO ({source})")
    # default parameters: the generated hospitals (Eurostat records, no opening date) are in the
    # target under the opening-date mode "auto", so every hospital unit is measured
    p = Parametres(reference=REFERENCE)

    times, cpu = [], []
    for _ in range(args.repeat):
        t, c = time.perf_counter(), time.process_time()
        calcul = calculer(store, p)
        tableau = tableau_de(calcul.statuts)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    compute_s = statistics.median(times)
    load = os.getloadavg()[0]
    print(f"table: median {compute_s:.2f} s wall, {statistics.median(cpu):.2f} s CPU over "
          f"{args.repeat} runs (wall min {min(times):.2f}, max {max(times):.2f}); "
          f"{len(calcul.statuts)} target rows; load average {load:.1f} on {os.cpu_count()} cores")

    t = time.perf_counter()
    result = qualite.controler(store, parametres=p, max_ecarts=100)
    qualite_s = time.perf_counter() - t
    ecarts = {e["exigence"]: e["ecart"] for e in result["exigences"]}
    print(f"quality checks: {qualite_s:.2f} s; écarts {ecarts}")

    t = time.perf_counter()
    snapshots.enregistrer(store, Trimestre(2026, 4), tableau, statuts=calcul.statuts)
    snapshot_s = time.perf_counter() - t
    print(f"snapshot write (counts + {len(calcul.statuts)} target rows): {snapshot_s * 1000:.1f} ms")
    total = {c: tableau.total(c) for c in ("MCO", "PSY", "SSR", "ESMS PA", "ESMS PH")}
    print("TOTAL cible:", {c: v.cible for c, v in total.items()})
    print(json.dumps({"compute_s": round(compute_s, 3), "compute_cpu_s": round(statistics.median(cpu), 3),
                      "eg": counts["eg"], "uo": counts["uo"], "load_avg": round(load, 1),
                      "target_rows": len(calcul.statuts), "qualite_s": round(qualite_s, 3),
                      "snapshot_ms": round(snapshot_s * 1000, 1), "source": source,
                      "target_s": 30}))


if __name__ == "__main__":
    main()
