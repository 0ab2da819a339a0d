"""Context stability: a need the engine reads well alone, typed inside clinical shorthand, must read
the same need.

    .venv/bin/python bench/bench_contexte.py [--n 60] [--seed 12] [--sans-offre] [-v] [--kinds K ...]

Regulators type "<need> + clinical context": a value or a score ("GCS 7", "Hb 6 g/dl"), a time mark
("H2", "depuis 3 h"), the treatment under way ("sous AOD", "sous O2"), a transfer word ("à
transférer", "pour avis"). The context says how the patient is, not which care is needed: the
phrase must neither lose the need, nor make a context word a required need (which empties the
answer), nor read a value as an abbreviation of something else.

Needs (sampled, seeded, `--n` per source), kept only when their reading alone names a concept:
`jargon` (the capitalised keys of the jargon table, as bench_sigles takes them), `inventaire`
(the abbreviations of the licensed inventory, in capitals), `libelles` (TRE_R211 labels and
CIM-10 labels, as bench_libelles types them).

Context kinds (`KINDS`, each fragment generated from a template and seeded values): `valeur`
(scores, constants and lab values with their units), `temps` (time marks), `traitement` (the
treatment or the state under way; life support — vasopressors, intubation — is left out: it asks
intensive care beside the need, by design), `transport` (what is asked of the receiving unit), `mixte` (one
of each of the first three), `temoin` (other wordings, kept apart from the lists the recogniser
was written from). Each need gets one fragment of each kind, after it (before it one time in five).

For each (need, kind): `lecture` — the phrase's three best required concepts are the need's (same
first, same set); `ajout` — the phrase has a required group or an unexplained word the need alone
has not (a context word read as a need, or sent to the name search); with the demo offer (default;
`--sans-offre` skips it), `porteurs` — the same three first units (profile samu, no place) and
`vide` — the phrase finds no unit where the need alone finds some. Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_sigles import inventaire, jargon  # noqa: E402  (bench/ is on sys.path)

from ror_orientation.index import Interpretation, default_concept_index  # noqa: E402
from ror_orientation.index.concepts import ConceptIndex  # noqa: E402
from ror_orientation.index.suppleances import suppleances  # noqa: E402
from ror_orientation.nomenclatures import default_nomenclatures  # noqa: E402

TOP = 3
PROFIL = "samu"
AVANT = 0.2  # share of the phrases with the context written before the need
SEPARATEURS = (" ", ", ", " - ")
CIM10 = ROOT / "fixtures" / "terminologie" / "cim10_libelles.csv"

Gen = Callable[[random.Random], str]


def _num(lo: float, hi: float, dec: int = 0, virgule: bool = True) -> Gen:
    def f(r: random.Random) -> str:
        v = f"{r.uniform(lo, hi):.{dec}f}"
        return v.replace(".", ",") if virgule and r.random() < 0.5 else v
    return f


def _choix(*xs: str) -> Gen:
    return lambda r: r.choice(xs)


def _gabarit(form: str, **vals: Gen) -> Gen:
    return lambda r: form.format(**{k: g(r) for k, g in vals.items()})


# The context kinds: templates of what a regulator writes beside the need. Values are drawn in
# plausible ranges; spacing and units vary as typed ("88 %", "88%").
KINDS: dict[str, list[Gen]] = {
    "valeur": [
        _gabarit("GCS {v}", v=_num(3, 15)), _gabarit("Glasgow {v}", v=_num(3, 15)),
        _gabarit("Hb {v} g/dl", v=_num(4, 9, 1)), _gabarit("K+ {v}", v=_num(5.5, 8, 1)),
        _gabarit("SpO2 {v}{u}", v=_num(70, 94), u=_choix(" %", "%")),
        _gabarit("NYHA {v}", v=_choix("II", "III", "IV")), _gabarit("Fisher {v}", v=_num(1, 4)),
        _gabarit("{v} SA", v=_num(24, 40)), _gabarit("T° {v}", v=_num(38, 41, 1)),
        _gabarit("TA {a}/{b}", a=_num(7, 22), b=_num(4, 12)), _gabarit("PAS {v}", v=_num(60, 220)),
        _gabarit("FC {v}", v=_num(35, 180)), _gabarit("lactates {v}", v=_num(2, 12, 1)),
        _gabarit("INR {v}", v=_num(1, 9, 1)), _gabarit("EVA {v}/10", v=_num(4, 10)),
        _gabarit("glycémie {v} g/l", v=_num(0.3, 5, 1)), _gabarit("FR {v}", v=_num(8, 40)),
        _gabarit("pH {v}", v=_choix("7,10", "7.2", "7,45")), _gabarit("troponine {v}", v=_num(50, 5000)),
        _gabarit("WFNS {v}", v=_num(1, 5)), _gabarit("Apgar {v}", v=_num(1, 9)),
    ],
    "temps": [
        _gabarit("H{v}", v=_num(1, 12)), _gabarit("H+{v}", v=_num(1, 12)),
        _gabarit("depuis {v} h", v=_num(1, 12)), _gabarit("depuis {v}h", v=_num(1, 48)),
        _gabarit("depuis {v} jours", v=_num(2, 10)), _gabarit("il y a {v} min", v=_num(10, 50)),
        _gabarit("J{v}", v=_num(1, 15)), _gabarit("à H{v}", v=_num(1, 6)),
        _gabarit("début {v}h{m}", v=_num(1, 23), m=_choix("00", "15", "30")),
    ],
    "traitement": [
        _choix("sous AOD", "sous AVK", "sous anticoagulants", "sous anticoagulant", "sous NAD",
               "sous noradrénaline", "sous amines", "sous antiagrégants", "sous Kardégic", "sous héparine",
               "sous O2", "sous oxygène", "sous insuline", "intubé ventilé", "intubée ventilée", "IOT",
               "intubé", "sédaté", "sous HBPM", "sous corticoïdes"),
        _gabarit("post-op J{v}", v=_num(1, 10)), _gabarit("J{v} post-op", v=_num(1, 10)),
        _gabarit("sous O2 {v} l/min", v=_num(1, 15)),
    ],
    "transport": [
        _choix("à transférer", "pour avis", "demande de place", "transfert", "demande de transfert",
               "pour prise en charge", "pour PEC", "à muter", "mutation", "recherche de place",
               "pour hospitalisation", "transfert secondaire", "demande d'avis"),
    ],
}


# Other wordings of the same kinds, kept apart as a check of the method: the recogniser's lists
# were written from the templates above, these test how it carries to what it was not shown
# (`temoin`: a measure, a time, a treatment or a request, written otherwise).
TEMOIN: list[Gen] = [
    _gabarit("GCS à {v}", v=_num(3, 15)), _gabarit("Glasgow {v}/15", v=_num(3, 15)),
    _gabarit("sat {v}% AA", v=_num(70, 94)), _gabarit("Rankin {v}", v=_num(0, 5)),
    _gabarit("NIHSS {v}", v=_num(2, 25)), _gabarit("Hb à {v}", v=_num(4, 9, 1)),
    _gabarit("natrémie {v} mmol/l", v=_num(110, 160)), _gabarit("kaliémie à {v}", v=_num(5, 8, 1)),
    _gabarit("PA {a}/{b} mmHg", a=_num(70, 220), b=_num(40, 120)), _gabarit("{v} SA + 3 j", v=_num(24, 40)),
    _gabarit("H{v} du début", v=_num(1, 6)), _gabarit("J+{v}", v=_num(1, 9)),
    _gabarit("il y a {v} h", v=_num(1, 9)), _gabarit("depuis {v} min", v=_num(5, 55)),
    _choix("sous Eliquis", "sous Xarelto", "sous Previscan", "sous Plavix", "sous adrénaline",
           "IOT VM", "intubée sédatée", "sous VNI", "sous lunettes à O2", "post-opératoire"),
    _choix("transfert pour avis", "demande de lit", "pour PEC spécialisée", "à hospitaliser",
           "recherche de lit", "demande d'hospitalisation"),
]


def neutre(fragment_: str) -> bool:
    """Life support under way ("sous NAD", "intubé") is no neutral context: it asks intensive care
    beside the need (`index/suppleances.py`), so the stability measure does not draw it."""
    return not suppleances([("traitement", fragment_)])


def fragment(kind: str, r: random.Random) -> str:
    if kind == "mixte":
        return " ".join(fragment(k, r) for k in ("valeur", "temps", "traitement"))
    gens = TEMOIN if kind == "temoin" else KINDS[kind]
    while not neutre(drawn := r.choice(gens)(r)):
        pass
    return drawn


def phrase_de(need: str, ctx: str, r: random.Random) -> str:
    """The need with its context, after it mostly, sometimes before ("à transférer : AVC")."""
    return f"{ctx}, {need}" if r.random() < AVANT else f"{need}{r.choice(SEPARATEURS)}{ctx}"


def lecture(it: Interpretation) -> list[str]:
    """The required concepts a text reads, best first (as bench_sigles reads them)."""
    matches = sorted((m for g in it.groupes if not g.souple for m in g.matches), key=lambda m: -m.score)
    return list(dict.fromkeys(m.concept for m in matches))


def same(a: list[str], b: list[str]) -> bool:
    return bool(a) and bool(b) and a[0] == b[0] and set(a[:TOP]) == set(b[:TOP])


def besoins(ix: ConceptIndex, n: int, seed: int) -> dict[str, list[str]]:
    """The needs per source: sampled, kept when they read a concept alone."""
    r = random.Random(seed)
    nom = default_nomenclatures()
    r211 = sorted({e.libelle for c, e in nom.table("TRE_R211").codes.items()
                   if e.actif and c in set(nom.table("JDV_J17").codes)})
    with CIM10.open(encoding="utf-8") as fh:
        cim = sorted({row["libelle"] for row in csv.DictReader(fh) if len(row["code"]) == 3})
    sources = {"jargon": sorted({k for k, _s, _f in jargon(ix)}),
               "inventaire": sorted({a for a, _s, _f in inventaire()}),
               "libelles": r211 + cim}
    out: dict[str, list[str]] = {}
    for src, xs in sources.items():
        xs = list(xs)
        r.shuffle(xs)
        out[src] = [x for x in xs if lecture(ix.resolve(x, profil=PROFIL))][:n]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=60, help="needs per source")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--kinds", nargs="+", default=[*KINDS, "mixte", "temoin"],
                    choices=[*KINDS, "mixte", "temoin"])
    ap.add_argument("--sans-offre", action="store_true", help="reading only, no engine on the demo offer")
    ap.add_argument("--cache", type=Path, default=None, help="folder keeping the generated demo offer")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per changed reading")
    args = ap.parse_args()
    t0 = time.perf_counter()
    ix = default_concept_index()
    needs = besoins(ix, args.n, args.seed)
    engine = None
    if not args.sans_offre:
        from bench_pertinence import NOW, offre_of

        from ror_orientation.engine import Engine
        from ror_orientation.requete import Profil, Requete
        engine = Engine.build(offre_of("demo", 20261126, args.cache, False))

        def porteurs(texte: str) -> list[str]:
            rep = engine.search(Requete(texte=texte, profil=Profil.SAMU, limite=TOP, budget_ms=60_000.0), now=NOW)
            return [x.uo_id for x in rep.resultats[:TOP]]
    print(f"needs: {', '.join(f'{k} {len(v)}' for k, v in needs.items())}; "
          f"ready in {time.perf_counter() - t0:.1f} s", flush=True)
    r = random.Random(args.seed)
    per: dict[str, dict[str, list[float]]] = {}
    for src, xs in needs.items():
        for need in xs:
            it0 = ix.resolve(need, profil=PROFIL)
            a = lecture(it0)
            requis0 = sum(not g.souple for g in it0.groupes)
            p0 = porteurs(need) if engine is not None else []
            for kind in args.kinds:
                phrase = phrase_de(need, fragment(kind, r), r)
                it1 = ix.resolve(phrase, profil=PROFIL)
                b = lecture(it1)
                ajout = sum(not g.souple for g in it1.groupes) > requis0 \
                    or bool(set(it1.inexpliques) - set(it0.inexpliques))
                m = {"lecture": float(same(a, b)), "ajout": float(ajout)}
                if engine is not None:
                    p1 = porteurs(phrase)
                    m["porteurs"] = float(set(p1) == set(p0))
                    m["vide"] = float(bool(p0) and not p1)
                for k in (kind, "tout"):
                    for name, v in m.items():
                        per.setdefault(k, {}).setdefault(name, []).append(v)
                if args.verbose and (not m["lecture"] or ajout or m.get("vide")):
                    print(f"  {kind:10s} [{src}] {phrase!r}: {it1}  ≠  {a[:3]}")
    result: dict[str, object] = {"bench": "contexte", "seed": args.seed,
                                 "needs": {k: len(v) for k, v in needs.items()}}
    names = ("lecture", "ajout") + (("porteurs", "vide") if engine is not None else ())
    print(f"{'kind':10s} {'n':>4s} " + " ".join(f"{n:>8s}" for n in names))
    for kind in [*args.kinds, "tout"]:
        vs = per.get(kind)
        if not vs:
            continue
        fig = {n: round(statistics.fmean(vs[n]), 3) for n in names}
        print(f"{kind:10s} {len(vs['lecture']):4d} " + " ".join(f"{fig[n]:8.3f}" for n in names))
        result[kind] = {"n": len(vs["lecture"]), **fig}
    result["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
