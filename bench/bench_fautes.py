"""Typo correction against a French error model: words of the labels misspelt the ways people
misspell them, read alone by the concept index (no offer: a few seconds).

    .venv/bin/python bench/bench_fautes.py [--seed N] [--mots N] [-v]

Words: the folded words of 5 letters or more of the ROR labels and of the clinical vocabulary's
labels (CIM-10, CCAM, lay words), a seeded sample. Each is misspelt once per error class it admits:

- `phonetique`: one French sound written another way (ph/f, y/i, qu/k, c/ss, au/o, an/en, th/t...)
- `h`: a silent h dropped ("emorragie", "alzeimer")
- `finale`: the ending misheard (é → er/ez/ée, a silent final letter added or dropped)
- `double`: a single consonant doubled or a double one written once
- `inversion`: two neighbouring letters swapped (not the first)
- `azerty`: one letter hit as an AZERTY neighbour
- `deux`: two of the above in a word of 9 letters or more

A form that is itself a word of either vocabulary, or a word of the French dictionary of another
root (`index/dictionnaire.py`: "avent" is no typo of "avant"), is left out (another word, not a typo). The word
typed right gives the reference: its first three concepts. A form is `juste` when its first
concept is among them, `faux` when it reads another concept (a wrong correction), `rien` when it
reads nothing (and the CPU time of reading each form: p50, p99). Then the precision side: every clinical word no ROR label writes, typed right
(e.g. "thrombolyse" is in the labels, "toxidermie" not), must not be read through a correction
(`corrige` share; "STEMI" is no "semi-internat"), nor any common French word that neither
vocabulary holds, typed alone, within a correction's reach of their words (`courants` share read through a correction or labels not writing the word:
"dépense" is no "démence"; another form of the same word, "certifier" for "certifié", may be read).
Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ror_orientation.index.analyse import plier  # noqa: E402
from ror_orientation.index.concepts import ConceptIndex, default_concept_index  # noqa: E402
from ror_orientation.index.dictionnaire import mots_francais, racine  # noqa: E402

WORD = re.compile(r"[a-zàâäçéèêëîïôöùûüÿœæ]+")
VOYELLES = "aeiouy"
# French sounds and their other spellings (each way): the substitutions of phonetic spelling
SONS = (("ph", "f"), ("y", "i"), ("qu", "k"), ("qu", "c"), ("ss", "c"), ("th", "t"), ("ch", "sh"),
        ("au", "o"), ("eau", "o"), ("an", "en"), ("ain", "in"), ("ein", "in"), ("gu", "g"),
        ("c", "k"), ("x", "cs"), ("rh", "r"), ("ai", "e"), ("er", "e"), ("s", "z"))
AZERTY = ("azertyuiop", "qsdfghjklm", "wxcvbn")


def _voisins_clavier() -> dict[str, str]:
    out: dict[str, str] = {}
    for r, row in enumerate(AZERTY):
        for i, ch in enumerate(row):
            near = {row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)}
            for rr in (r - 1, r + 1):
                if 0 <= rr < len(AZERTY):
                    near |= {AZERTY[rr][j] for j in (i - 1, i, i + 1) if 0 <= j < len(AZERTY[rr])}
            out[ch] = "".join(sorted(near))
    return out


CLAVIER = _voisins_clavier()


def _sonne(suite: str, src: str, dst: str) -> bool:
    """Whether writing `dst` for `src` before `suite` keeps the sound: "c" is "ss" before e, i, y
    only, and "k" before anything else."""
    if "ss" in (src, dst) and "c" in (src, dst):
        return suite in ("e", "i", "y")
    if "c" in (src, dst) and dst in ("k", "qu") or src in ("k", "qu"):
        return suite not in ("e", "i", "y")
    return True


def phonetique(w: str, rnd: random.Random) -> str | None:
    options = []
    for a, b in SONS:
        for src, dst in ((a, b), (b, a)):
            options += [(k, src, dst) for k in range(1, len(w)) if w.startswith(src, k)
                        and _sonne(w[k + len(src):k + len(src) + 1], src, dst)]
    if not options:
        return None
    k, src, dst = rnd.choice(options)
    return w[:k] + dst + w[k + len(src):]


def sans_h(w: str, rnd: random.Random) -> str | None:
    ks = [k for k, ch in enumerate(w) if ch == "h" and (k == 0 or w[k - 1] not in "cps")]
    if not ks:
        return None
    k = rnd.choice(ks)
    return w[:k] + w[k + 1:]


def finale(surface: str, rnd: random.Random) -> str | None:
    w = plier(surface)
    if surface.endswith("é"):
        return w[:-1] + rnd.choice(("er", "ez", "ee"))
    if surface.endswith("ée"):
        return w[:-2] + rnd.choice(("e", "er"))
    if w[-1] in "stdx" and w[-2] not in "stdx":
        return w[:-1]
    if w[-1] in VOYELLES:
        return w + rnd.choice("st")
    return w + "e"


def double(w: str, rnd: random.Random) -> str | None:
    dbl = [k for k in range(1, len(w) - 1) if w[k] == w[k + 1]]
    if dbl and rnd.random() < 0.5:
        k = rnd.choice(dbl)
        return w[:k] + w[k + 1:]
    simples = [k for k in range(1, len(w) - 1) if w[k] not in VOYELLES and w[k] != w[k - 1]
               and w[k] != w[k + 1] and w[k] in "bcdfglmnprst"]
    if not simples:
        return None
    k = rnd.choice(simples)
    return w[:k] + w[k] + w[k:]


def inversion(w: str, rnd: random.Random) -> str | None:
    ks = [k for k in range(1, len(w) - 1) if w[k] != w[k + 1]]
    if not ks:
        return None
    k = rnd.choice(ks)
    return w[:k] + w[k + 1] + w[k] + w[k + 2:]


def azerty(w: str, rnd: random.Random) -> str | None:
    k = rnd.randrange(1, len(w))
    return w[:k] + rnd.choice(CLAVIER[w[k]]) + w[k + 1:] if w[k] in CLAVIER else None


SIMPLES: dict[str, Callable[[str, random.Random], str | None]] = {
    "phonetique": phonetique, "h": sans_h, "double": double, "inversion": inversion, "azerty": azerty}
CLASSES = ("phonetique", "h", "finale", "double", "inversion", "azerty", "deux")


def formes(surface: str, rnd: random.Random) -> dict[str, str]:
    w = plier(surface)
    out: dict[str, str | None] = {name: f(w, rnd) for name, f in SIMPLES.items()}
    out["finale"] = finale(surface, rnd)
    if len(w) >= 9:
        a, b = rnd.sample(("phonetique", "double", "inversion", "azerty"), 2)
        first = SIMPLES[a](w, rnd)
        out["deux"] = SIMPLES[b](first, rnd) if first else None
    return {k: v for k, v in out.items() if v and v != w}


def mots(idx: ConceptIndex) -> list[str]:
    """The accented words of 5 letters or more of the ROR labels and clinical labels."""
    textes = [c.libelle for c in idx.concepts]
    voc = idx.vocabulaire
    if voc is not None:
        textes += [t.libelle for t in voc.termes]
    return sorted({w for t in textes for w in WORD.findall(t.lower()) if len(w) >= 5})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20261205)
    ap.add_argument("--mots", type=int, default=600, help="words sampled")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the wrong corrections")
    args = ap.parse_args()
    t0 = time.process_time()
    idx = default_concept_index()
    voc = idx.vocabulaire
    connus = set(idx._surface) | (set(voc.surface) if voc is not None else set())
    francais = mots_francais()
    print(f"index built in {time.process_time() - t0:.1f} s CPU", flush=True)
    rnd = random.Random(args.seed)
    pool = mots(idx)
    sample = rnd.sample(pool, min(args.mots, len(pool)))
    counts = {c: {"n": 0, "juste": 0, "faux": 0, "rien": 0} for c in CLASSES}
    faux: list[str] = []
    lat: list[float] = []  # CPU ms per misspelt word read
    t1 = time.process_time()
    for surface in sample:
        ref = idx.resolve(surface).concepts[:3]
        if not ref:
            continue
        for classe, typo in formes(surface, rnd).items():
            if typo in connus or (typo in francais and racine(typo) != racine(plier(surface))):
                continue
            c0 = time.thread_time()
            got = idx.resolve(typo).concepts
            lat.append((time.thread_time() - c0) * 1000)
            c = counts[classe]
            c["n"] += 1
            verdict = "rien" if not got else "juste" if got[0] in ref else "faux"
            c[verdict] += 1
            if verdict != "juste":
                faux.append(f"{verdict} "f" {classe:10s} {typo!r} ({surface}) → {' '.join(got[:3])}  ≠ {' '.join(ref)}")
    intact = {"n": 0, "corrige": 0}
    corriges: list[str] = []
    if voc is not None:
        cliniques = sorted(w for w in voc.surface if len(w) >= 5 and w.isalpha() and w not in idx._surface)
        for w in random.Random(args.seed).sample(cliniques, min(args.mots, len(cliniques))):
            r = idx.resolve(w)
            intact["n"] += 1
            if any(g.via == "faute" for g in r.groupes):
                intact["corrige"] += 1
                corriges.append(f"  {w!r} → {' '.join(r.concepts[:3])}")
    # common French words no vocabulary holds, a correction away from one of their words
    courants = {"n": 0, "lu": 0}
    lus: list[str] = []
    reach = sorted(w for w in francais if len(w) >= 5 and w.isalpha() and w not in connus
                   and any(racine(c) != racine(w) for c, _ in idx.fautes.chercher(w)))
    for w in random.Random(args.seed).sample(reach, min(args.mots, len(reach))):
        r = idx.resolve(w)
        courants["n"] += 1
        # read as another word: a typo group, or clinical labels none of which writes its root
        if any(g.via == "faute" or (g.via == "terminologie" and g.sources
                                    and not any(racine(w)[:5] in plier(t) for t in g.sources))
               for g in r.groupes):
            courants["lu"] += 1
            lus.append(f"  {w!r} → {' '.join(r.concepts[:3])}  [{'; '.join(g.sources[0] for g in r.groupes if g.sources)}]")
    cpu = time.process_time() - t1
    print(f"{'classe':10s} {'n':>5s} {'juste':>6s} {'faux':>6s} {'rien':>6s}")
    total = {"n": 0, "juste": 0, "faux": 0, "rien": 0}
    result: dict[str, object] = {"bench": "fautes", "seed": args.seed, "mots": len(sample)}
    for classe, c in [*counts.items(), ("tout", total)]:
        if classe != "tout":
            for k in total:
                total[k] += c[k]
        n = max(1, c["n"])
        row = {"n": c["n"], **{k: round(c[k] / n, 3) for k in ("juste", "faux", "rien")}}
        result[classe] = row
        print(f"{classe:10s} {c['n']:5d} {row['juste']:6.3f} {row['faux']:6.3f} {row['rien']:6.3f}")
    share = intact["corrige"] / max(1, intact["n"])
    print(f"clinical words typed right, read through a correction: {intact['corrige']}/{intact['n']} ({share:.3f})")
    result["intact"] = {"n": intact["n"], "corrige": round(share, 3)}
    share = courants["lu"] / max(1, courants["n"])
    print(f"common French words no vocabulary holds, read as another word: {courants['lu']}/{courants['n']} ({share:.3f})")
    result["courants"] = {"n": courants["n"], "corrige": round(share, 3)}
    result["cpu_s"] = round(cpu, 1)
    lat.sort()
    result["typo_cpu_ms"] = {"p50": round(lat[len(lat) // 2], 3), "p99": round(lat[len(lat) * 99 // 100], 3)}
    print(f"CPU per misspelt word: p50 {result['typo_cpu_ms']['p50']} ms, p99 {result['typo_cpu_ms']['p99']} ms")
    if args.verbose:
        print("wrong corrections and misses:", *faux, "corrected though right:", *corriges,
              "common words read as another:", *lus, sep="\n")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
