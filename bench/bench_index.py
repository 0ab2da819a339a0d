"""Benchmark of ror_orientation.index: build times and per-query latency.

Data set: the shipped nomenclatures and synonym table; ~200 fixed regulator queries (a third with
typos); keystroke-by-keystroke prefixes of those queries; 300,000 synthetic unit names made from
specialties × structure kinds × real commune names (fixtures/communes), seeded.
Measured: build times, p50/p95/p99 of resolve, suggest and name search (first call of each query,
"cold", and repeated, "warm"), and whoosh's own full-text and fuzzy search for comparison.
Usage: .venv/bin/python bench/bench_index.py [--names 300000]. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import time

BASE_QUERIES = [
    "AVC", "avc thrombolyse", "accident vasculaire cérébral", "thrombectomie", "USINV", "SCA",
    "infarctus", "IDM", "STEMI", "coronarographie", "angioplastie coronaire", "USIC",
    "cardiologie interventionnelle", "cardio interv", "SSR", "SMR gériatrie", "soins de suite",
    "EHPAD", "EHPAD Alzheimer", "unité protégée", "UVP", "PASA", "HDJ", "hôpital de jour", "UHCD",
    "IRM", "IRM pédiatrique", "scanner", "NIV", "VNI", "ventilation non invasive", "réa",
    "réanimation polyvalente", "réa pédiatrique", "réanimation néonatale", "dialyse", "hémodialyse",
    "hémodialyse chronique", "USC", "surveillance continue", "USI", "soins intensifs", "SMUR",
    "SAMU", "urgences pédiatriques", "déchocage", "polytraumatisé", "brûlés", "grands brûlés",
    "caisson hyperbare", "bariatrique", "obésité", "autisme", "TSA", "troubles du spectre de l'autisme",
    "MAS", "FAM", "IME", "SAMSAH", "SSIAD", "HAD", "hospitalisation à domicile", "CMP", "CMPP",
    "néonatalogie", "pédiatrie", "gériatrie", "personne âgée", "psychiatrie adulte", "pédopsychiatrie",
    "addictologie", "soins palliatifs", "USP", "oncologie", "chimiothérapie", "radiothérapie",
    "maternité", "IVG", "orthopédie", "traumatologie", "neurochirurgie", "ophtalmo", "ORL",
    "dermatologie", "plaies complexes", "embolie pulmonaire", "kiné", "téléconsultation",
    "AVC Rennes", "EHPAD Quimper", "réanimation Brest", "dialyse Lorient", "IRM Vannes",
    "SSR cardio-vasculaire", "SMR locomoteur", "SMR pédiatrique", "USLD", "ESAT", "SESSAD",
    "hébergement temporaire", "accueil de jour", "équipe mobile gériatrie", "LSF", "sourd",
    "chirurgie cardiaque", "chirurgie vasculaire", "neuroradiologie interventionnelle",
    "thrombolyse intraveineuse", "pontage coronarien", "TAVI", "ECG", "échographie",
]


def typo(word: str, rng: random.Random) -> str:
    """One or two edits (swap, drop, double, substitute) inside a long enough word."""
    if len(word) < 6:
        return word
    chars = list(word)
    for _ in range(1 if len(word) < 9 else 2):
        i = rng.randrange(1, len(chars) - 1)
        op = rng.choice("swap drop double sub".split())
        if op == "swap":
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        elif op == "drop":
            del chars[i]
        elif op == "double":
            chars.insert(i, chars[i])
        else:
            chars[i] = rng.choice("aeioulnrst")
    return "".join(chars)


def queries(rng: random.Random) -> list[str]:
    out = list(BASE_QUERIES)
    extra = ["coronarografie", "thrombolise", "hemodialise", "reanimatoin", "pediatrie"]
    out += extra
    long_ones = [q for q in BASE_QUERIES if max(len(w) for w in q.split()) >= 6]
    while len(out) < 200:
        q = rng.choice(long_ones)
        out.append(" ".join(typo(w, rng) for w in q.split()))
    return out[:200]


def pct(samples_s: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in samples_s)

    def q(p: float) -> float:
        return round(ms[min(len(ms) - 1, int(p * len(ms)))], 4)

    return {"p50_ms": round(statistics.median(ms), 4), "p95_ms": q(0.95), "p99_ms": q(0.99),
            "max_ms": round(ms[-1], 4), "n": len(ms)}


CPU: dict[int, list[float]] = {}  # id(wall list) → CPU seconds of the same calls


def timed(fn, args_list) -> list[float]:
    """Wall time per call; the thread's CPU time per call is kept aside (see `pct_cpu`): on a
    shared, loaded machine wall time includes waiting for a core, CPU time does not."""
    out, cpu = [], []
    for a in args_list:
        c0 = time.thread_time()
        t0 = time.perf_counter()
        fn(a)
        out.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)
    CPU[id(out)] = cpu
    return out


def both(samples: list[float], cpu: list[float] | None = None) -> dict[str, object]:
    """Wall percentiles, plus CPU percentiles when known."""
    out: dict[str, object] = pct(samples)
    cpu = cpu if cpu is not None else CPU.get(id(samples))
    if cpu:
        out["cpu"] = {k: v for k, v in pct(cpu).items() if k != "n"}
    return out


def repeat(fn, args_list, rounds: int) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for _ in range(rounds):
        w = timed(fn, args_list)
        wall += w
        cpu += CPU[id(w)]
    return wall, cpu


def synthetic_names(n: int, rng: random.Random) -> list[tuple[str, str, str, str | None]]:
    from ror_orientation.territoire import default_territoire

    towns = sorted({c.nom.title() for c in default_territoire().communes.values()})
    specs = ["Cardiologie interventionnelle", "Réanimation polyvalente", "Urgences adultes",
             "Urgences pédiatriques", "Néonatalogie", "SMR polyvalent", "SMR gériatrique",
             "Hémodialyse", "Unité neuro-vasculaire", "Psychiatrie adulte", "CMP adultes",
             "Hôpital de jour", "Soins palliatifs", "Maternité", "Chirurgie orthopédique",
             "Court séjour gériatrique", "Addictologie", "USIC", "Imagerie IRM", "Médecine interne",
             "Pneumologie", "Oncologie médicale", "Unité protégée", "Accueil de jour"]
    kinds = ["CHU", "CH", "Centre hospitalier", "Clinique", "Polyclinique", "EHPAD", "Résidence",
             "Hôpital privé", "GHT", "Fondation"]
    saints = ["Saint-Joseph", "Les Tilleuls", "du Parc", "Sainte-Anne", "Les Glycines", "Pasteur",
              "Jean Jaurès", "Les Oliviers", "", "", "", ""]
    items = []
    for i in range(n):
        town = rng.choice(towns)
        name = f"{rng.choice(specs)} - {rng.choice(kinds)} {rng.choice(saints)} {town}".replace("  ", " ")
        items.append((f"uo{i}", "uo" if i % 10 else "eg", name, town))
    return items


def name_queries(items, rng: random.Random) -> list[str]:
    out = []
    for _ in range(200):
        _, _, name, town = rng.choice(items)
        spec = name.split(" - ")[0].split()[0]
        town_word = max(town.replace("-", " ").split(), key=len)
        kind = rng.random()
        if kind < 0.4:
            out.append(f"{spec} {town_word}")
        elif kind < 0.7:
            out.append(f"{spec} {town_word[: max(3, len(town_word) - 2)]}")  # unfinished word
        else:
            out.append(f"{typo(spec, rng)} {typo(town_word, rng)}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--names", type=int, default=300_000)
    args = ap.parse_args()
    rng = random.Random(20241126)
    result: dict[str, object] = {"loadavg_1m": round(os.getloadavg()[0], 2), "cpus": os.cpu_count()}

    from ror_orientation.index import ConceptIndex, NameIndex
    from ror_orientation.nomenclatures import default_nomenclatures

    t0 = time.perf_counter()
    nom = default_nomenclatures()
    t1 = time.perf_counter()
    c1 = time.process_time()
    index = ConceptIndex.build(nom)
    t2 = time.perf_counter()
    result["concept_build_cpu_s"] = round(time.process_time() - c1, 3)
    assert index.whoosh_index is not None  # built on first use; built here to time it apart
    t3 = time.perf_counter()
    result["concept_build_s"] = round(t2 - t1, 3)
    result["nomenclatures_load_s"] = round(t1 - t0, 3)
    result["whoosh_build_s"] = round(t3 - t2, 3)
    result["concepts"] = len(index)
    result["synonym_entries"] = len(index.synonymes.entrees)
    print(f"concept index: {len(index)} concepts, {len(index.synonymes.entrees)} synonym entries, "
          f"build {t2 - t1:.3f} s (nomenclatures {t1 - t0:.3f} s), whoosh index {t3 - t2:.3f} s")

    qs = queries(rng)
    cold = both(timed(index.resolve, qs))
    warm = both(*repeat(index.resolve, qs, 5))
    result["resolve_cold"] = cold
    result["resolve_warm"] = warm
    explained = sum(1 for q in qs if index.resolve(q).groupes)
    result["resolve_explained_share"] = round(explained / len(qs), 3)
    print(f"resolve cold {cold}\nresolve warm {warm}\nqueries with ≥1 concept: {explained}/{len(qs)}")

    keystrokes = [q[:n] for q in qs[:120] for n in range(1, len(q) + 1)]
    cold_s = both(timed(index.suggest, keystrokes))
    warm_s = both(*repeat(index.suggest, keystrokes, 3))
    result["suggest_cold"] = cold_s
    result["suggest_warm"] = warm_s
    print(f"suggest ({len(keystrokes)} keystrokes) cold {cold_s}\nsuggest warm {warm_s}")

    ws = both(timed(index.search, qs))
    result["whoosh_search"] = ws
    print(f"whoosh BM25F search over labels {ws}")
    from whoosh.query import FuzzyTerm

    fuzzy_words = [w for q in qs[len(BASE_QUERIES):] for w in q.split() if len(w) >= 6][:40]
    ix = index.whoosh_index
    with ix.searcher() as s:
        fz = timed(lambda w: s.search(FuzzyTerm("texte", w.lower(), maxdist=2, prefixlength=1), limit=10),
                   fuzzy_words)
    fz_p = both(fz)
    result["whoosh_fuzzy"] = fz_p
    ours = both(timed(lambda w: index.fautes.chercher(w.lower()), fuzzy_words))
    result["symspell_fuzzy"] = ours
    result["fuzzy_ratio_whoosh_vs_ours_p50"] = round(fz_p["p50_ms"] / max(ours["p50_ms"], 1e-6), 1)
    print(f"typo lookup, {len(fuzzy_words)} words: whoosh FuzzyTerm(d=2) {fz_p}\n"
          f"                      symmetric deletion {ours}")

    items = synthetic_names(args.names, rng)
    gc.collect()
    t0 = time.perf_counter()
    c0 = time.process_time()
    names = NameIndex.build(items)
    t1 = time.perf_counter()
    result["names_build_cpu_s"] = round(time.process_time() - c0, 3)
    result["names"] = len(names)
    result["names_build_s"] = round(t1 - t0, 3)
    result["names_terms"] = len(names.postings)
    result["names_postings_mib"] = round(sum(a.nbytes for a in names.postings.values()) / 2**20, 2)
    print(f"name index: {len(names)} names, {len(names.postings)} terms, build {t1 - t0:.3f} s, "
          f"postings {result['names_postings_mib']} MiB")
    nq = name_queries(items, rng)
    n_cold = both(timed(names.search, nq))
    n_warm = both(*repeat(names.search, nq, 3))
    result["names_search_cold"] = n_cold
    result["names_search_warm"] = n_warm
    hits = [len(names.search(q)) for q in nq]
    result["names_queries_with_hits"] = sum(1 for h in hits if h)
    print(f"name search cold {n_cold}\nname search warm {n_warm}\n"
          f"name queries with hits: {result['names_queries_with_hits']}/{len(nq)}, "
          f"median hits {statistics.median(hits)}")
    result["rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    result["loadavg_1m_end"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
