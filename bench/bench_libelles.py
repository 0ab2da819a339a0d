"""Self-retrieval of the nomenclature: each carried code's own label, typed three ways, must find its
carriers; and how much of the CIM-10 block titles the diagnosis reading understands at all.

    .venv/bin/python bench/bench_libelles.py [--scale demo|national] [--cache DIR] [--tables T ...]
                                             [--profil auto|aval|samu] [--budget-ms MS] [-v]

For every active code of TRE_R211 (JDV_J17), TRE_R210, TRE_R245, JDV_J238 (TRE_R244) and TRE_R212
with at least one carrier in the generated offer, its label is searched three ways: as written
(`ecrit`), lower-case without accents (`plie`), and folded with one typo in its longest word
(`faute`: a doubled letter written once, else the middle letter dropped; words under 6 letters are
left alone, so such labels have no `faute` form). Each search is the engine's, as bench_pertinence
runs it: no place, top 10, profile `samu` when most carriers are MCO units, else `aval` (`--profil`
forces one). A query hits when a unit carrying the code, or any code of the five tables with the
same folded label, is in the top 3. Printed per table and form: n, HIT@1, HIT@3, zero-result share
(`-v` lists the misses with what the text was read as).

Then each CIM-10 block title (`fixtures/terminologie/cim10_groupes.csv`) is searched the same way
(profile aval); the share of blocks whose reading yields no concept at all is the coverage gap of
the diagnosis mapping (`-v` lists them). Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pertinence import NOW, TOP, codes_of, offre_of  # noqa: E402  (bench/ is on sys.path)

from ror_orientation.engine import Engine  # noqa: E402
from ror_orientation.nomenclatures import Nomenclatures, default_nomenclatures  # noqa: E402
from ror_orientation.offre import Offre  # noqa: E402
from ror_orientation.requete import Profil, Requete  # noqa: E402

# bench_pertinence's table key → (table whose active codes are read, value set restricting it)
TABLES: dict[str, tuple[str, str | None]] = {
    "R211": ("TRE_R211", "JDV_J17"), "R210": ("TRE_R210", None), "R245": ("TRE_R245", None),
    "J238": ("TRE_R244", "JDV_J238"), "R212": ("TRE_R212", None)}
FORMES = ("ecrit", "plie", "faute")
BLOCS = ROOT / "fixtures" / "terminologie" / "cim10_groupes.csv"
MCO = "01"  # TRE_R227: the acute field, searched with the regulator's profile


def plie(text: str) -> str:
    """Lower case without accents, as typed on a phone ("Réanimation" → "reanimation")."""
    nfkd = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in nfkd if not unicodedata.combining(c)).replace("œ", "oe")


def faute(text: str) -> str | None:
    """One typo in the longest word: a doubled letter written once, else its middle letter
    dropped; None when no word has six letters (a typo in a short word is another word)."""
    words = text.split(" ")
    k = max(range(len(words)), key=lambda i: (sum(ch.isalpha() for ch in words[i]), -i))
    w = words[k]
    if sum(ch.isalpha() for ch in w) < 6:
        return None
    for i in range(1, len(w) - 1):
        if w[i] == w[i + 1] and w[i].isalpha():
            words[k] = w[:i] + w[i + 1:]
            return " ".join(words)
    mid = len(w) // 2
    while mid < len(w) and not w[mid].isalpha():
        mid += 1
    words[k] = w[:mid] + w[mid + 1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Cible:
    table: str  # bench_pertinence's key: "R211"...
    code: str
    libelle: str
    profil: Profil
    attendus: dict[str, frozenset[str]]  # the codes a hit may carry (same folded label)


def cibles(offre: Offre, nom: Nomenclatures, tables: list[str], force: str) -> list[Cible]:
    """The carried active codes of `tables`, with their profile and their equally named codes."""
    porteurs: dict[str, Counter[str]] = {t: Counter() for t in TABLES}
    mco: dict[str, Counter[str]] = {t: Counter() for t in TABLES}
    for uo in offre.uo.values():
        codes = codes_of(uo, offre)
        for t in TABLES:
            porteurs[t].update(codes[t])
            if uo.champ == MCO:
                mco[t].update(codes[t])
    actifs: dict[str, dict[str, str]] = {}
    for t, (tre, jdv) in TABLES.items():
        allowed = set(nom.table(jdv).codes) if jdv else None
        actifs[t] = {c: e.libelle for c, e in nom.table(tre).codes.items()
                     if e.actif and (allowed is None or c in allowed)}
    homonymes: dict[str, dict[str, set[str]]] = {}
    for t, labels in actifs.items():
        for c, lib in labels.items():
            homonymes.setdefault(plie(lib).strip(), {}).setdefault(t, set()).add(c)
    out = []
    for t in tables:
        for c, lib in sorted(actifs[t].items()):
            n = porteurs[t][c]
            if not n:
                continue
            profil = Profil(force) if force != "auto" else (
                Profil.SAMU if mco[t][c] * 2 > n else Profil.AVAL)
            same = homonymes[plie(lib).strip()]
            out.append(Cible(t, c, lib, profil, {k: frozenset(v) for k, v in same.items()}))
    return out


def formes(libelle: str) -> dict[str, str]:
    f = {"ecrit": libelle, "plie": plie(libelle)}
    typo = faute(plie(libelle))
    if typo is not None:
        f["faute"] = typo
    return f


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", default="demo", choices=("demo", "national"))
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--cache", type=Path, default=None, help="folder keeping the generated offer")
    ap.add_argument("--rebuild", action="store_true", help="regenerate the cached offer")
    ap.add_argument("--tables", nargs="+", default=list(TABLES), choices=list(TABLES))
    ap.add_argument("--profil", default="auto", choices=("auto", "aval", "samu"))
    ap.add_argument("--budget-ms", type=float, default=Requete().budget_ms,
                    help="search time budget (a loaded machine cuts searches short: raise it to compare methods)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the misses")
    args = ap.parse_args()

    t0 = time.perf_counter()
    offre = offre_of(args.scale, args.seed, args.cache, args.rebuild)
    engine = Engine.build(offre)
    nom = default_nomenclatures()
    print(f"data set: {args.scale}, {len(offre.uo)} units, built in {time.perf_counter() - t0:.1f} s",
          flush=True)
    result: dict[str, object] = {"bench": "libelles", "scale": args.scale, "units": len(offre.uo)}
    lat: list[float] = []
    print(f"{'table':6s} {'forme':6s} {'n':>5s} {'HIT@1':>6s} {'HIT@3':>6s} {'zero':>6s}")
    every: dict[str, list[dict[str, float]]] = {f: [] for f in FORMES}
    for table in args.tables:
        per: dict[str, list[dict[str, float]]] = {f: [] for f in FORMES}
        misses: list[str] = []
        for cible in cibles(offre, nom, [table], args.profil):
            for forme, texte in formes(cible.libelle).items():
                t = time.perf_counter()
                rep = engine.search(Requete(texte=texte, profil=cible.profil, limite=TOP,
                                            budget_ms=args.budget_ms), now=NOW)
                lat.append((time.perf_counter() - t) * 1000)
                hits = [any(codes_of(offre.uo[r.uo_id], offre)[k] & v for k, v in cible.attendus.items())
                        for r in rep.resultats[:3]]
                m = {"hit1": float(any(hits[:1])), "hit3": float(any(hits)), "zero": float(not rep.resultats)}
                per[forme].append(m)
                every[forme].append(m)
                if not m["hit3"]:
                    misses.append(f"  {table}:{cible.code:5s} {forme:5s} {cible.profil.value:4s} {texte!r}"
                                  f"  ← {' '.join(rep.concepts[:5]) or '∅'}")
        result[table] = _figures(table, per)
        if args.verbose:
            print("\n".join(misses))
    result["overall"] = _figures("all", every)
    result["cim10_blocs"] = blocs(engine, args.budget_ms, args.verbose)
    lat.sort()
    result["p50_ms"] = round(lat[len(lat) // 2], 2) if lat else None
    result["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(result, ensure_ascii=False))


def _figures(name: str, per: dict[str, list[dict[str, float]]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for forme, ms in per.items():
        if not ms:
            continue
        fig = {k: round(statistics.fmean(m[k] for m in ms), 3) for k in ("hit1", "hit3", "zero")}
        print(f"{name:6s} {forme:6s} {len(ms):5d} {fig['hit1']:6.3f} {fig['hit3']:6.3f} {fig['zero']:6.3f}",
              flush=True)
        out[forme] = {"n": len(ms), **fig}
    return out


def blocs(engine: Engine, budget_ms: float, verbose: bool) -> dict[str, object]:
    """Each CIM-10 block title typed as is: the share read as no concept at all."""
    rows = list(csv.DictReader(BLOCS.open(encoding="utf-8")))
    rien = []
    for r in rows:
        rep = engine.search(Requete(texte=r["cim_groupe_libelle"], profil=Profil.AVAL, limite=TOP,
                                    budget_ms=budget_ms), now=NOW)
        if not rep.concepts:
            rien.append(f"  {r['cim_groupe']:8s} {r['cim_groupe_libelle']!r}")
    share = round(len(rien) / len(rows), 3) if rows else 0.0
    print(f"CIM-10 blocks: {len(rows)}, read as no concept: {len(rien)} ({share:.3f})")
    if verbose:
        print("\n".join(rien))
    return {"n": len(rows), "sans_concept": len(rien), "share": share}


if __name__ == "__main__":
    main()
