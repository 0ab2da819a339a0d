"""Editing costs over a generated offer: autosave, save, live help, publication until the next search
sees it, and what the hand-edit protection adds to a whole-offer import.

    python bench/bench_edition.py [--scale demo|national] [--db PATH] [--n 50]

The data set is the seeded generator's (reused from --db while current, see donnees.py); what is
measured is the library call (no HTTP): medians over `--n` units. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import orjson

from ror_orientation.droits import Appelant, Droit
from ror_orientation.edition.aide import aider_uo
from ror_orientation.edition.rapprochement import proteger_saisies
from ror_orientation.generateur import DEFAULT_SEED, generate
from ror_orientation.requete import Requete
from ror_orientation.service import Service
from ror_orientation.settings import Settings
from ror_orientation.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from donnees import data_key, is_current, mark  # noqa: E402


def ms(seconds: list[float]) -> float:
    return round(statistics.median(seconds) * 1000, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("demo", "national"), default="demo")
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--n", type=int, default=50)
    args = parser.parse_args(argv)
    db = args.db or Path(tempfile.mkdtemp()) / f"edition-{args.scale}.sqlite"
    key = data_key(args.scale, DEFAULT_SEED)
    t0 = time.perf_counter()
    if not is_current(db, key):
        store = Store(db)
        store.import_offre(generate(args.scale, DEFAULT_SEED), source="bench", replace_all=True)
        store.close()
        mark(db, key)
    print(f"data set: {db} ({time.perf_counter() - t0:.1f} s)")
    work = Path(tempfile.mkdtemp()) / "travail.sqlite"  # the cached set stays untouched
    shutil.copyfile(db, work)
    svc = Service.open(Settings(db=work), store=Store(work))
    offre = svc.engine.offre
    saisie = svc.saisie
    admin = Appelant(1, "bench", frozenset({Droit.ADMIN}))
    uos = sorted(offre.uo.values(), key=lambda u: u.id)[:: max(1, len(offre.uo) // args.n)][: args.n]
    t_brouillon, t_save, t_aide, t_submit, t_publish, t_visible = [], [], [], [], [], []
    t = time.perf_counter()
    first = uos[0]
    saisie.pratiques(offre, svc.engine.graph).proposer(
        first.activite, first.mode_prise_en_charge, svc.nomenclatures)
    t_apt_first = time.perf_counter() - t  # the first proposal after a (re)load
    t_apt: list[float] = []
    for uo in uos:
        f = saisie.fiche("uo", uo.id)
        data = {**f.data, "commentaire": "Relu avec le cadre de santé"}
        t = time.perf_counter()
        saisie.garder_brouillon(admin, "uo", uo.id, data, f.version)
        t_brouillon.append(time.perf_counter() - t)
        eg = svc.saisie.fiche("eg", uo.eg_id).data
        t = time.perf_counter()
        aider_uo(data, svc.nomenclatures, eg)
        t_aide.append(time.perf_counter() - t)
        t = time.perf_counter()
        saisie.pratiques(offre, svc.engine.graph).proposer(
            uo.activite, uo.mode_prise_en_charge, svc.nomenclatures)
        t_apt.append(time.perf_counter() - t)
        t = time.perf_counter()
        f = saisie.enregistrer(admin, "uo", uo.id, {**data, "nom": uo.nom + " (relu)"}, f.etag)
        t_save.append(time.perf_counter() - t)
        t = time.perf_counter()
        saisie.soumettre(admin, "uo", uo.id)
        saisie.valider(admin, "uo", uo.id, "Dr Bench")
        t_submit.append(time.perf_counter() - t)
        t = time.perf_counter()
        saisie.publier(admin, "uo", uo.id)
        t_publish.append(time.perf_counter() - t)
        t = time.perf_counter()
        svc.rechercher(Requete(texte=uo.nom + " (relu)", limite=5), admin)  # applies the feed first
        t_visible.append(time.perf_counter() - t)
        assert svc.engine.offre.uo[uo.id].nom.endswith("(relu)")
    full = svc.store.load_offre()
    for uo in uos:  # a file still carrying the old names: each hand-edited name is a conflict
        full.uo[uo.id] = replace(full.uo[uo.id], nom=uo.nom)
    t = time.perf_counter()
    conflits = proteger_saisies(svc.store, full)
    t_protect = time.perf_counter() - t
    out = {"bench": "edition", "scale": args.scale, "uo": len(offre.uo), "n": len(uos),
           "brouillon_ms": ms(t_brouillon), "aide_ms": ms(t_aide), "enregistrer_ms": ms(t_save),
           "aptitudes_pairs_ms": ms(t_apt), "aptitudes_premiere_ms": round(t_apt_first * 1000, 2),
           "soumettre_valider_ms": ms(t_submit), "publier_ms": ms(t_publish),
           "recherche_apres_publication_ms": ms(t_visible),
           "protection_import_s": round(t_protect, 3), "conflits": len(conflits)}
    for k, v in out.items():
        print(f"{k:32} {v}")
    print(orjson.dumps(out).decode())
    svc.store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
