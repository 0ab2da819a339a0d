"""Soak bench: the real server (2 workers, loopback only) under a fixed rate of mixed searches and
capacity writes for a bounded time; reports errors, latency percentiles and the server's memory at
start and end. The data set (a generated region) is separate from what is measured.

    .venv/bin/python bench/bench_soak.py --duration 600 --rate 100 [--workers 2] [--region 04]

Memory is the resident set of the server's processes (master + workers) read from /proc. Ends with one
JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

SEARCHES = (
    {"champs": "01"},
    {"texte": "cardiologie", "lat": -21.11, "lon": 55.53},
    {"profil": "samu", "texte": "AVC", "lat": -20.88, "lon": 55.45},
    {"texte": "psychiatrie", "limit": 50},
    {"profil": "aval", "champs": "02", "expliquer": "false"},
)


def rss_mib(root: int) -> float:
    """Resident memory of a process and all its descendants (MiB)."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{pid}/task").iterdir():
                kids = (task / "children").read_text().split()
                todo += [int(k) for k in kids]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total / 1024.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(db: Path, region: str) -> tuple[str, str, list[str]]:
    """A store of the generated region; a regulator key, an admin key and units to write."""
    from ror_orientation import applications
    from ror_orientation.generateur import generate
    from ror_orientation.store import Store

    store = Store(db)
    if store.is_empty():
        store.import_offre(generate("demo", regions=(region,)), source=f"soak:{region}")
    _a, reg = applications.create(store, nom="soak SAMU", region=None, proprietaire="bench",
                                  droits=["lecture_regulation"])
    _b, adm = applications.create(store, nom="soak admin", region=None, proprietaire="bench",
                                  droits=["admin"])
    uos = sorted(store.load_offre().uo)[:200]
    store.close()
    return reg, adm, uos


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--duration", type=float, default=600.0, help="seconds of load (default 600)")
    ap.add_argument("--rate", type=float, default=100.0, help="requests per second (fixed)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--writes", type=float, default=0.2, help="share of capacity writes")
    ap.add_argument("--region", default="04")
    ap.add_argument("--threads", type=int, default=16)
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="bench-soak-")
    db = Path(tmp.name) / "soak.sqlite"
    reg, adm, uos = prepare(db, args.region)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "ror_orientation", "serve", "--db", str(db), "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(args.workers)],
        env=os.environ | {"ROR_DB": str(db), "ROR_RATE_LIMIT_PER_MINUTE": "1000000"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        for _ in range(50):  # warm both workers before the first memory reading
            httpx.get(f"{base}/api/v1/recherche", params={"champs": "01"},
                      headers={"Authorization": f"Bearer {reg}"}, timeout=30)
        rss_start = rss_mib(server.pid)

        lock = threading.Lock()
        lat: list[float] = []
        counts = {"requests": 0, "errors_5xx": 0, "errors_other": 0, "status_4xx": 0,
                  "writes_acked": 0, "late_starts": 0}
        n_total = int(args.duration * args.rate)
        t0 = time.monotonic()
        nxt = [0]

        def worker(seed: int) -> None:
            rng = random.Random(seed)
            with httpx.Client(base_url=base, timeout=30) as c:
                while True:
                    with lock:
                        i = nxt[0]
                        nxt[0] += 1
                    if i >= n_total:
                        return
                    due = t0 + i / args.rate
                    delay = due - time.monotonic()
                    if delay > 0:
                        time.sleep(delay)
                    elif delay < -1.0:
                        with lock:
                            counts["late_starts"] += 1
                    start = time.monotonic()
                    try:
                        if rng.random() < args.writes:
                            r = c.put(f"/api/v1/unites/{rng.choice(uos)}/capacites",
                                      headers={"Authorization": f"Bearer {adm}"},
                                      json={"capacites": [{"nature": "01", "statut": "02",
                                                           "temporalite": "01", "genre": "04",
                                                           "nombre": rng.randint(0, 30)}]})
                            write = True
                        else:
                            r = c.get("/api/v1/recherche", params=rng.choice(SEARCHES),
                                      headers={"Authorization": f"Bearer {reg}"})
                            write = False
                        status = r.status_code
                    except httpx.HTTPError:
                        status, write = -1, False
                    took = time.monotonic() - start
                    with lock:
                        counts["requests"] += 1
                        lat.append(took)
                        if status >= 500:
                            counts["errors_5xx"] += 1
                        elif status < 0:
                            counts["errors_other"] += 1
                        elif status >= 400:
                            counts["status_4xx"] += 1
                        elif write:
                            counts["writes_acked"] += 1

        threads = [threading.Thread(target=worker, args=(k,)) for k in range(args.threads)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - t0
        rss_end = rss_mib(server.pid)
        lat.sort()

        def pct(p: float) -> float:
            return round(lat[min(len(lat) - 1, int(p * len(lat)))] * 1000, 1) if lat else 0.0

        out = {"bench": "soak", "duration_s": round(elapsed, 1), "rate_asked": args.rate,
               "rate_achieved": round(counts["requests"] / elapsed, 1), "workers": args.workers,
               **counts, "p50_ms": pct(0.50), "p99_ms": pct(0.99), "max_ms": pct(1.0),
               "rss_start_mib": round(rss_start, 1), "rss_end_mib": round(rss_end, 1),
               "rss_drift_mib": round(rss_end - rss_start, 1)}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        tmp.cleanup()
    print(json.dumps(out))
    return 0 if out["errors_5xx"] == 0 and out["errors_other"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
