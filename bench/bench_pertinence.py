"""Relevance benchmark: judged clinical queries through the engine, HIT@k, precision@10, zero-result.

    .venv/bin/python bench/bench_pertinence.py [--scale demo|national] [--requetes FILE.jsonl ...]
                                               [--cache DIR] [--rebuild] [-v]
                                               [--lignes samu|aval|mobile] [--profil samu|aval|mobile]

Each line of the judged file (format and scoring rule: ../shared/specs/requetes-cliniques.md) is
searched with its text, profile, age and sex, no place, and the top 10 units are judged: a unit is
good when it satisfies the line's `regle` over the expected codes and carries no excluded code (an
excluded activity does not disqualify a unit that also carries an expected one). Printed per kind of
query (`dev-<kind>-NNN`) and overall; the last line is one JSON object. The default offer is the demo
(seconds); `--scale national` is the issue's figure (minutes, ~2 GiB). Several judged files are run
on one offer, one JSON line each. The generated offer is kept in `--cache` (pickled, reused while the
generator that made it is unchanged, see donnees.py; `--rebuild` regenerates it). `--lignes P` keeps
the lines written for profile P; `--profil P` searches every line with P instead of its own (to
compare profiles on the same lines).
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import sys
import time
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from donnees import data_key, is_current, mark  # noqa: E402  (bench/ is on sys.path)

from ror_orientation.engine import Engine  # noqa: E402
from ror_orientation.generateur import REFERENCE, generate  # noqa: E402
from ror_orientation.offre import Offre, UniteOperationnelle  # noqa: E402
from ror_orientation.requete import Profil, Requete, Sexe  # noqa: E402

DEFAULT_REQUETES = ROOT.parent / "shared" / "specs" / "requetes-cliniques-dev.jsonl"
NOW = REFERENCE + timedelta(hours=1)
TOP = 10
# Relevance is judged on whole answers: a search on a loaded machine must not run out of the
# served time budget and lose its relaxations (a truncated answer is counted apart).
BUDGET_MS = 60_000.0


def profil_of(name: str, force: str | None = None) -> Profil:
    """The line's profile (samu, aval, mobile: the app's), or the one forced for every line."""
    return Profil(force or name)


def codes_of(uo: UniteOperationnelle, offre: Offre) -> dict[str, set[str]]:
    """The codes a judged line can name, per table key of the judged file."""
    eg = offre.eg.get(uo.eg_id)
    offre_type = {uo.categorie_organisation} if uo.categorie_organisation else set()
    return {"R211": {uo.activite}, "R210": set(uo.actes), "R245": set(uo.specialisations),
            "R244": offre_type, "J238": offre_type, "J55": {eg.categorie} if eg else set(),
            "R213": {uo.mode_prise_en_charge} if uo.mode_prise_en_charge else set(),
            "R212": {e.code for e in uo.equipements}, "R239": set(uo.publics),
            "R240": set(uo.temporalites_accueil)}


def good(codes: Mapping[str, set[str]], line: Mapping) -> bool:
    """The spec's rule: `any` / `all_tables` over `attendus`, and nothing of `exclus`."""
    attendus: dict[str, list[str]] = line["attendus"]
    hits = {t: bool(codes.get(t, set()) & set(v)) for t, v in attendus.items()}
    ok = all(hits.values()) if line.get("regle") == "all_tables" else any(hits.values())
    if not ok:
        return False
    for table, excl in (line.get("exclus") or {}).items():
        if table == "R211" and hits.get("R211"):
            continue  # judged on its expected activity
        if codes.get(table, set()) & set(excl):
            return False
    return True


def kind_of(qid: str) -> str:
    parts = qid.split("-")
    return parts[1] if len(parts) >= 3 else "autre"


def offre_of(scale: str, seed: int, cache: Path | None, rebuild: bool) -> Offre:
    """The generated offer, from the cache while the generator that made it is unchanged."""
    if cache is None:
        return generate(scale, seed=seed)
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"offre-{scale}-{seed}.pickle"
    key = data_key(scale, seed)
    if not rebuild and is_current(path, key):
        with path.open("rb") as fh:
            offre: Offre = pickle.load(fh)
        return offre
    offre = generate(scale, seed=seed)
    with path.open("wb") as fh:
        pickle.dump(offre, fh, protocol=pickle.HIGHEST_PROTOCOL)
    mark(path, key)
    return offre


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", default="demo", choices=("demo", "national"))
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--requetes", type=Path, nargs="+", default=[DEFAULT_REQUETES])
    ap.add_argument("--cache", type=Path, default=None, help="folder keeping the generated offer")
    ap.add_argument("--rebuild", action="store_true", help="regenerate the cached offer")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per query")
    ap.add_argument("--lignes", choices=tuple(Profil), default=None,
                    help="only the lines written for this profile")
    ap.add_argument("--profil", choices=tuple(Profil), default=None,
                    help="search every line with this profile instead of its own")
    args = ap.parse_args()
    for f in args.requetes:
        if not f.exists():
            sys.exit(f"bench_pertinence: {f}: no such file (pass --requetes FILE.jsonl)")

    t0 = time.perf_counter()
    offre = offre_of(args.scale, args.seed, args.cache, args.rebuild)
    engine = Engine.build(offre)
    build_s = time.perf_counter() - t0
    print(f"data set: {args.scale}, {len(offre.uo)} units, built in {build_s:.1f} s", flush=True)
    for f in args.requetes:
        lines = [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
        lines = [x for x in lines if args.lignes is None or x["profil"] == args.lignes]
        print(f"{len(lines)} judged queries from {f.name}"
              f"{f' (searched as {args.profil})' if args.profil else ''}", flush=True)
        run(engine, offre, lines, args.scale, f.name, args.verbose, args.profil)


def run(engine: Engine, offre: Offre, lines: list[dict], scale: str, fname: str, verbose: bool,
        profil: str | None = None) -> None:
    """Search every judged line, print the table per kind and one JSON line."""
    per: dict[str, dict[str, list[float]]] = {}
    lat: list[float] = []
    tronques = 0
    for line in lines:
        req = Requete(texte=line["texte"], profil=profil_of(line["profil"], profil), age=line.get("age"),
                      sexe=Sexe(line["sexe"]) if line.get("sexe") else None, limite=TOP,
                      budget_ms=BUDGET_MS)
        t = time.perf_counter()
        rep = engine.search(req, now=NOW)
        lat.append((time.perf_counter() - t) * 1000)
        tronques += rep.tronque
        verdicts = [good(codes_of(offre.uo[r.uo_id], offre), line) for r in rep.resultats[:TOP]]
        m = {"hit1": float(any(verdicts[:1])), "hit3": float(any(verdicts[:3])),
             "hit10": float(any(verdicts[:TOP])), "p10": sum(verdicts) / TOP,
             "zero": float(not rep.resultats)}
        for k in (kind_of(line["id"]), "overall"):
            for name, v in m.items():
                per.setdefault(k, {}).setdefault(name, []).append(v)
        if verbose:
            marks = "".join("+" if v else "." for v in verdicts) or "∅"
            print(f"{line['id']:14s} {marks:10s} {line['texte']!r}  ← {' '.join(rep.concepts[:6])}"
                  f"{' relaxed' if rep.relachements else ''}")

    result: dict[str, object] = {"scale": scale, "units": len(offre.uo), "queries": len(lines),
                                 "file": fname, "profil": profil}
    print(f"{'kind':8s} {'n':>3s} {'HIT@1':>6s} {'HIT@3':>6s} {'HIT@10':>6s} {'P@10':>6s} {'zero':>6s}")
    for kind in sorted(per, key=lambda k: (k == "overall", k)):
        vs = per[kind]
        fig = {name: round(statistics.fmean(v), 3) for name, v in vs.items()}
        print(f"{kind:8s} {len(vs['hit1']):3d} {fig['hit1']:6.3f} {fig['hit3']:6.3f} "
              f"{fig['hit10']:6.3f} {fig['p10']:6.3f} {fig['zero']:6.3f}")
        result[kind] = {"n": len(vs["hit1"]), "hit1": fig["hit1"], "hit3": fig["hit3"],
                        "hit10": fig["hit10"], "p10": fig["p10"], "zero": fig["zero"]}
    lat.sort()
    result["p50_ms"] = round(lat[len(lat) // 2], 2)
    result["max_ms"] = round(lat[-1], 2)
    result["truncated"] = tronques
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
