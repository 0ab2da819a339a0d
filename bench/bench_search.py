"""Search benchmark at national scale: build time, resident memory, in-process latency per query
family, each with its ratio to a brute-force scan (tests/reference.py) run in the same process.

    .venv/bin/python bench/bench_search.py [--scale national] [--queries 200] [--scan-sample 5]
                                           [--cache DIR]

The data set (the seeded generated offer) is built first and not measured (or read from `--cache`,
pickled there while the generator is unchanged, as bench_pertinence keeps it); then the engine build
(graph + arrays + name index + concept index) and a fixed, seeded mix of realistic queries: SAMU
(an aptitude + open now + beds + 50 km), aval (SMR or EHPAD by patientèle + 30 km), free text.
The machine is shared: wall-clock figures include waiting for a core, so CPU times (process
time for the build, thread time per query) and the 1-minute load average are printed too.
Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from bench_pertinence import offre_of  # noqa: E402

from ror_orientation.engine import Engine  # noqa: E402
from ror_orientation.engine.lieu import resolve  # noqa: E402
from ror_orientation.generateur import REFERENCE  # noqa: E402
from ror_orientation.requete import Lieu, Profil, Requete, Sexe  # noqa: E402
from ror_orientation.territoire import default_territoire  # noqa: E402
from tests.reference import scan  # noqa: E402

NOW = REFERENCE + timedelta(hours=1)
TEXTS = ("AVC", "coronarographie", "dialyse", "réanimation pédiatrique", "IRM", "SMR locomoteur",
         "EHPAD", "psychiatrie adulte", "maternité", "USIC", "hémodialyse", "soins palliatifs",
         "thrombolise", "urgences pédiatriques", "dialy", "centre hospitalier")


def rss_mib() -> tuple[float, float]:
    """(current VmRSS, peak VmHWM) in MiB, from /proc."""
    vals = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(("VmRSS", "VmHWM")):
                key, v = line.split(":")
                vals[key] = int(v.split()[0]) / 1024
    return round(vals.get("VmRSS", 0.0), 1), round(vals.get("VmHWM", 0.0), 1)


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def queries(engine: Engine, n: int, seed: int) -> list[tuple[str, Requete]]:
    """A fixed mix: 50 % SAMU, 30 % aval, 20 % free text, around real unit locations."""
    rng = random.Random(seed)
    apts = sorted(c for c, rows in engine.adj.postings.items()
                  if c.startswith(("R210:", "R243:")) and len(rows) >= 30)
    ids = engine.ids
    out: list[tuple[str, Requete]] = []

    def near() -> Lieu:
        row = engine.row_of[rng.choice(ids)]
        return Lieu(lat=float(engine.pos.lat[row]) + rng.uniform(-0.1, 0.1),
                    lon=float(engine.pos.lon[row]) + rng.uniform(-0.1, 0.1))

    for i in range(n):
        kind = "samu" if i % 10 < 5 else "aval" if i % 10 < 8 else "texte"
        if kind == "samu":
            req = Requete(profil=Profil.SAMU, aptitudes=(rng.choice(apts),), lits_min=1,
                          age=rng.randint(18, 90), sexe=rng.choice(list(Sexe)), lieu=near(),
                          rayon_km=50.0)
        elif kind == "aval":
            if rng.random() < 0.5:
                req = Requete(profil=Profil.AVAL, champs=("02",), age=rng.randint(65, 95),
                              lits_min=1, lieu=near(), rayon_km=30.0)
            else:
                req = Requete(profil=Profil.AVAL, categories_organisation=("21", "24"),
                              publics=("01",), age=rng.randint(75, 98), lieu=near(),
                              rayon_km=30.0)
        else:
            req = Requete(profil=Profil.SAMU, texte=rng.choice(TEXTS), lieu=near(), rayon_km=50.0,
                          ouvert_maintenant=False)
        out.append((kind, req))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", default="national", choices=("demo", "national"))
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--scan-sample", type=int, default=5, help="brute-force scans per family")
    ap.add_argument("--cache", type=Path, default=None, help="folder keeping the generated offer")
    args = ap.parse_args()

    t0 = time.perf_counter()
    offre = offre_of(args.scale, args.seed, args.cache, False)
    gen_s = time.perf_counter() - t0
    gc.collect()
    rss_data, _ = rss_mib()
    print(f"data set: {args.scale}, {offre.counts()}, generated in {gen_s:.1f} s, "
          f"RSS {rss_data} MiB", flush=True)

    t0 = time.perf_counter()
    c0 = time.process_time()
    from ror_orientation.index import default_concept_index

    default_concept_index()
    t1 = time.perf_counter()
    engine = Engine.build(offre)
    t2 = time.perf_counter()
    build_s = t2 - t0
    build_cpu_s = time.process_time() - c0
    gc.collect()
    rss_now, rss_peak = rss_mib()
    print(f"build {build_s:.1f} s wall, {build_cpu_s:.1f} s CPU (concept index {t1 - t0:.1f} s, "
          f"arrays + name index {engine.build_s['tableaux']:.1f} s; the graph is built only by "
          f"the features that walk it); RSS {rss_now} MiB (offer alone {rss_data} MiB), "
          f"peak {rss_peak} MiB", flush=True)

    mix = queries(engine, args.queries, args.seed)
    for _, req in mix[:20]:  # warm-up: imports, code-column caches
        engine.search(req, now=NOW - timedelta(hours=3))
    lat: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    totals: dict[str, list[int]] = {}
    truncated = 0
    slow: dict[str, list[tuple[float, float, int, str]]] = {}
    for i, (kind, req) in enumerate(mix):
        now = NOW + timedelta(seconds=7 * i)  # "now" moves on, as it does between real queries
        c = time.thread_time()
        t = time.perf_counter()
        rep = engine.search(req, now=now)
        lat.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
        cpu.setdefault(kind, []).append((time.thread_time() - c) * 1000)
        totals.setdefault(kind, []).append(rep.total)
        truncated += rep.tronque
        what = req.texte or ",".join(req.aptitudes or req.champs or req.categories_organisation)
        slow.setdefault(kind, []).append((lat[kind][-1], cpu[kind][-1], i, (
            f"{what!r} total {rep.total} relaxed {[r.critere for r in rep.relachements]}")))
    for kind, found in slow.items():  # where the tail comes from
        for wall, c_ms, i, what in sorted(found, reverse=True)[:3]:
            print(f"slowest {kind:6s} q{i:<3d} {wall:7.3f} ms (CPU {c_ms:.3f}) {what}")

    territoire = default_territoire()
    scan_ms: dict[str, list[float]] = {}
    agree = 0
    checked = 0
    for kind in lat:
        sample = [r for k, r in mix if k == kind and not r.texte][: args.scan_sample]
        for req in sample:
            strict = Requete(**{**{f: getattr(req, f) for f in req.__dataclass_fields__},
                                "elargir": False, "limite": 10**6})
            point = resolve(strict.lieu, territoire) if strict.lieu else None
            t = time.perf_counter()
            expected = scan(offre, strict, NOW, territoire, point)
            scan_ms.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
            got = {r.uo_id for r in engine.search(strict, now=NOW).resultats}
            agree += got == expected
            checked += 1
    all_scan = [v for vs in scan_ms.values() for v in vs]

    # the offer image (engine/image.py): written once, mapped by each worker; the mapped engine
    # must answer every query of the mix exactly as the built one
    import tempfile

    from ror_orientation.engine import image

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.image"
        t = time.perf_counter()
        image_bytes = image.write(path, engine.image_state(), {"bench": 1})
        write_s = time.perf_counter() - t
        t = time.perf_counter()
        got = image.read(path, {"bench": 1})
        assert got is not None
        mapped = Engine.from_image(got.state, offre)
        load_s = time.perf_counter() - t
        same = sum([(r.uo_id, r.score, r.distance_km) for r in engine.search(req, now=NOW).resultats]
                   == [(r.uo_id, r.score, r.distance_km) for r in mapped.search(req, now=NOW).resultats]
                   for _, req in mix)
        del mapped, got
    print(f"image {image_bytes / 2**20:.0f} MiB, written in {write_s:.2f} s, mapped in {load_s:.2f} s; "
          f"same answers {same}/{len(mix)}", flush=True)

    result: dict[str, object] = {"scale": args.scale, "units": len(offre.uo),
                                 "queries": len(mix), "truncated": truncated}
    for kind, vs in lat.items():
        ref = statistics.median(scan_ms.get(kind) or all_scan)
        result[kind] = {"p50_ms": round(pct(vs, 50), 3), "p95_ms": round(pct(vs, 95), 3),
                        "p99_ms": round(pct(vs, 99), 3),
                        "ratio_vs_scan": round(ref / statistics.median(vs), 1),
                        "cpu_p50_ms": round(pct(cpu[kind], 50), 3),
                        "cpu_p95_ms": round(pct(cpu[kind], 95), 3),
                        "cpu_p99_ms": round(pct(cpu[kind], 99), 3),
                        "median_total": statistics.median(totals[kind])}
        print(f"{kind:6s} n={len(vs):3d} p50 {pct(vs, 50):7.3f} ms  p95 {pct(vs, 95):7.3f} ms  "
              f"p99 {pct(vs, 99):7.3f} ms  scan median {ref:8.1f} ms  "
              f"×{ref / statistics.median(vs):.0f}  median results {statistics.median(totals[kind])}"
              f"  (CPU p50 {pct(cpu[kind], 50):.3f} p95 {pct(cpu[kind], 95):.3f} "
              f"p99 {pct(cpu[kind], 99):.3f} ms)")
    every = [v for vs in lat.values() for v in vs]
    result.update({"p50_ms": round(pct(every, 50), 3), "p95_ms": round(pct(every, 95), 3),
                   "p99_ms": round(pct(every, 99), 3),
                   "ratio_vs_scan": round(statistics.median(all_scan) / statistics.median(every), 1),
                   "scan_agreement": f"{agree}/{checked}", "build_s": round(build_s, 2), "build_cpu_s": round(build_cpu_s, 2),
                   "load_avg": round(os.getloadavg()[0], 1),
                   "generate_s": round(gen_s, 1), "rss_mib": rss_now, "rss_peak_mib": rss_peak,
                   "rss_offer_mib": rss_data, "image_mib": round(image_bytes / 2**20, 1),
                   "image_write_s": round(write_s, 2), "image_load_s": round(load_s, 2),
                   "image_agreement": f"{same}/{len(mix)}"})
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
