"""Time and memory to generate the national offer, store it in a fresh SQLite file, and read it back.

    python bench/bench_load.py [--scale national|demo] [--seed N] [--db PATH] [--sans-partage]

It also times the store codec alone (encode then decode every loaded entity, no database) and
prints the figures beside those of the first release's codec (national scale, measured before the
msgspec codec: load 20.4 s, store 43.8 s, peak RSS 1,152 MiB).

The data set is the seeded generator's (the same every run); what is measured is each phase's wall
time, its CPU time (`*_cpu_s`: comparable across runs on a shared, loaded machine) and the process's
peak resident memory after it. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import orjson

from ror_orientation.generateur import DEFAULT_SEED, generate
from ror_orientation.generateur.catalogue import checked_catalogue
from ror_orientation.generateur.etablissements import real_establishments
from ror_orientation.serialisation import decoder, encode
from ror_orientation.store import Store

# The first release's figures at national scale (generated code + orjson, shared values): wall
# times on a quiet machine, and CPU times measured at commit 3617a5c on the shared bench machine
# (CPU time is what compares across runs when the machine is loaded).
BEFORE = {"load_s": 20.4, "store_s": 43.8, "peak_rss_mib": 1152}
BEFORE_CPU = {"load_cpu_s": 17.2, "store_cpu_s": 34.2}


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("demo", "national"), default="national")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--db", type=Path, default=None, help="store file (default: a temp file)")
    parser.add_argument("--sans-partage", action="store_true",
                        help="load without sharing repeated values (to measure what sharing saves)")
    args = parser.parse_args(argv)

    t = time.perf_counter()
    real_establishments()
    checked_catalogue()
    fixtures_s = time.perf_counter() - t
    print(f"fixtures (real hospitals, nomenclatures): {fixtures_s:.1f} s", file=sys.stderr)

    t, c = time.perf_counter(), time.process_time()
    offre = generate(args.scale, args.seed)
    generate_s, generate_cpu = time.perf_counter() - t, time.process_time() - c
    counts = offre.counts()
    rss_generate = peak_rss_mib()
    print(f"generate {args.scale}: {generate_s:.1f} s ({generate_cpu:.1f} s CPU), {counts}, peak RSS {rss_generate:.0f} MiB",
          file=sys.stderr)

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.sqlite"
        store = Store(db)
        t, c = time.perf_counter(), time.process_time()
        store.import_offre(offre, source=f"bench:{args.scale}", replace_all=True)
        store_s, store_cpu = time.perf_counter() - t, time.process_time() - c
        rss_store = peak_rss_mib()
        size_mib = db.stat().st_size / 2 ** 20
        print(f"store (validate + one transaction): {store_s:.1f} s ({store_cpu:.1f} s CPU), file {size_mib:.0f} MiB, "
              f"peak RSS {rss_store:.0f} MiB", file=sys.stderr)
        del offre
        gc.collect()
        t, c = time.perf_counter(), time.process_time()
        loaded = store.load_offre(share=not args.sans_partage)
        load_s, load_cpu = time.perf_counter() - t, time.process_time() - c
        rss_load = peak_rss_mib()
        print(f"load_offre: {load_s:.1f} s ({load_cpu:.1f} s CPU), {loaded.counts()}, peak RSS {rss_load:.0f} MiB",
              file=sys.stderr)
        store.close()
    entities = [e for kind in ("ej", "eg", "oi", "uo", "professionnels")
                for e in getattr(loaded, kind).values()]
    gc.disable()
    t = time.process_time()
    rows = [(type(e), encode(e)) for e in entities]
    encode_s = time.process_time() - t
    t = time.process_time()
    for cls, raw in rows:
        decoder(cls).decode(raw)
    decode_s = time.process_time() - t
    gc.enable()
    print(f"codec alone: encode {encode_s:.1f} s, decode {decode_s:.1f} s CPU "
          f"({len(rows)} entities, {sum(len(r) for _c, r in rows) / 2 ** 20:.0f} MiB of JSON)",
          file=sys.stderr)
    now = {"load_s": load_s, "store_s": store_s, "peak_rss_mib": rss_load,
           "load_cpu_s": load_cpu, "store_cpu_s": store_cpu}
    for key, old in {**BEFORE, **BEFORE_CPU}.items():
        print(f"{key}: {now[key]:.1f} now, {old:.1f} with the first codec "
              f"({now[key] / old:.2f}x)", file=sys.stderr)
    result = {"scale": args.scale, "seed": args.seed, "fixtures_s": round(fixtures_s, 2),
              "generate_s": round(generate_s, 2), "store_s": round(store_s, 2),
              "load_s": round(load_s, 2), "generate_cpu_s": round(generate_cpu, 2),
              "store_cpu_s": round(store_cpu, 2), "load_cpu_s": round(load_cpu, 2),
              "load_avg_1m": round(os.getloadavg()[0], 1), "eg": counts["eg"], "uo": counts["uo"],
              "oi": counts["oi"], "professionnels": counts["professionnels"],
              "db_mib": round(size_mib, 1), "peak_rss_generate_mib": round(rss_generate),
              "peak_rss_store_mib": round(rss_store), "peak_rss_mib": round(rss_load),
              "codec_encode_cpu_s": round(encode_s, 2), "codec_decode_cpu_s": round(decode_s, 2),
              "partage": not args.sans_partage}
    print(orjson.dumps(result).decode())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
