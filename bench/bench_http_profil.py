"""Where one worker's CPU goes when it answers the SAMU mix over HTTP (issue 14's answer path).

One `ror-orientation serve` worker on loopback answers the same SAMU mix as bench/bench_http.py
(same keep-alive client), while py-spy samples the worker (its Python frames, every thread; a pool
thread waiting for work and the event loop inside its C code are left out). Each sample is put in one part of the answer path: the deepest frame
naming one of our steps (key and rights, rate limit, query parsing, criteria checks, the
engine, the page's shaping, encoding, compression, the change feed's SQL…) decides; a sample in none
of them goes to the deepest framework frame (uvicorn's HTTP protocol, the event loop, FastAPI's
routing and dependency injection, Starlette's middleware, the thread pool). Printed: the worker's CPU
per request and each part's share of it. Needs py-spy (a development tool, not a dependency:
`pip install py-spy`). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_http import Server, cpu_s, load, prepare, samu_mix  # noqa: E402

from ror_orientation import applications  # noqa: E402
from ror_orientation.store import Store  # noqa: E402

# (part, substring of a py-spy frame "function (file:line)"): the deepest frame that matches one of
# these owns the sample, so SQL under the key check counts as the key check and the bed figures of
# the page's lines as bed figures, not page shaping.
STEPS: list[tuple[str, str]] = [
    ("key + rights", "_appelant (ror_orientation/web/routes/__init__.py"),
    ("key + rights", "(ror_orientation/web/acces.py"),
    ("rate limit", "(ror_orientation/web/ratelimit.py"),
    ("query parsing", "criteres_query ("),
    ("criteria checks", "to_requete ("),
    ("change feed (SQL)", "synchroniser ("),
    ("engine", "(ror_orientation/engine/"),
    ("bed figures", "(ror_orientation/disponibilite.py"),
    ("page shaping", "reponse_out ("),
    ("page shaping", "reponse_json ("),
    ("encoding", "encode (ror_orientation/web/routes/__init__.py"),
    ("encoding", "json_response ("),
    ("access log", "(logging/"),
]
# otherwise the deepest frame matching one of these
FRAMEWORK: list[tuple[str, str]] = [
    ("guard middleware", "(ror_orientation/web/app.py"),
    ("compression", "(starlette/middleware/gzip.py"),
    ("uvicorn HTTP protocol", "(uvicorn/protocols/"),
    ("uvicorn HTTP protocol", "(ror_orientation/web/protocole.py"),
    ("uvicorn HTTP protocol", "httptools"),
    ("event loop", "(asyncio/"),
    ("event loop", "uvloop"),
    ("thread pool", "(anyio/"),
    ("thread pool", "(concurrent/futures/"),
    ("thread pool", "(threading.py"),
    ("thread pool", "(ror_orientation/web/relais.py"),
    ("FastAPI routing + dependencies", "(fastapi/"),
    ("Starlette routing + middleware", "(starlette/"),
    ("pydantic", "(pydantic"),
    ("SQL", "(sqlalchemy/"),
    ("service", "(ror_orientation/"),
]


# a thread of the pool waiting for work, the event loop inside its C code (waiting on epoll, or
# reading and writing sockets: py-spy without --native cannot tell them apart): not answer-path CPU
IDLE = ("Condition.wait (threading.py", "Runner.run (asyncio/runners.py", "Event.wait (threading.py",
        "Relais._tourner (ror_orientation/web/relais.py")  # the search thread waiting on its queue


def part_of(stack: list[str]) -> str:
    if stack[-1].startswith(IDLE):
        return "idle or event loop in C"
    for frame in reversed(stack):
        for name, needle in STEPS:
            if needle in frame:
                return name
    for frame in reversed(stack):
        for name, needle in FRAMEWORK:
            if needle in frame:
                return name
    return "other"


def parse_raw(text: str) -> Counter[str]:
    """py-spy's raw (collapsed) output: 'thread;frame;frame… count' per line, root first."""
    parts: Counter[str] = Counter()
    for line in text.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        parts[part_of(stack.split(";"))] += int(count)
    return parts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", default="demo", choices=("demo", "national"))
    ap.add_argument("--db", type=Path, default=None,
                    help="the store to serve, used as is when it exists (refused when its key "
                         "names another --scale or --seed; default: a generated one)")
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--requests", type=int, default=4000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--rate", type=int, default=400, help="py-spy samples per second")
    ap.add_argument("--gil", action="store_true",
                    help="sample only the thread holding the GIL: a search thread waiting for it "
                         "(after any call releasing it: SQL, a lock, numpy) otherwise counts as "
                         "busy in that call while the event loop runs")
    ap.add_argument("--raw", type=Path, default=None, help="keep py-spy's raw samples there")
    ap.add_argument("--top", type=int, default=0, help="also print the N hottest leaf frames")
    ap.add_argument("--parse", type=Path, default=None,
                    help="only break down raw samples kept earlier with --raw (no server)")
    args = ap.parse_args()
    if args.parse:
        report(args.parse.read_text(), args, None, {})
        return
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(spy).exists():
        sys.exit("py-spy is needed: pip install py-spy")
    db = args.db or ROOT / "var" / "bench" / f"http-{args.scale}.sqlite"
    db.parent.mkdir(parents=True, exist_ok=True)
    prepare(db, args.scale, args.seed, given=args.db is not None)
    store = Store(db)
    queries = samu_mix(store, 200, args.seed)
    app, key = applications.create(store, nom="bench_http_profil", region=None,
                                   proprietaire="bench", droits=["lecture_regulation"])
    store.close()
    server = Server(db, 1)
    out = Path(tempfile.mkdtemp()) / "profile.txt"
    try:
        server.wait_ready(timeout=900)
        pid = server.worker_pids()[0]
        asyncio.run(load(server.port, key, queries, 200, 30.0, args.concurrency))  # warm-up
        spy_proc = subprocess.Popen([spy, "record", "--pid", str(pid), "--format", "raw",
                                     "--rate", str(args.rate), "--nonblocking",
                                     *(["--gil"] if args.gil else []),
                                     "--output", str(out)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cpu0 = cpu_s(pid)
        figures = asyncio.run(load(server.port, key, queries, args.requests, 120.0,
                                   args.concurrency))
        cpu = cpu_s(pid) - cpu0
        spy_proc.send_signal(2)
        spy_proc.wait(timeout=60)
    finally:
        server.stop()
        store = Store(db)
        applications.revoke(store, app.id)
        store.close()
    text = out.read_text()
    if args.raw:
        args.raw.write_text(text)
    n = int(figures["requests"])  # type: ignore[call-overload]
    report(text, args, 1000.0 * cpu / n, figures)


def report(text: str, args: argparse.Namespace, cpu_ms: float | None,
           figures: dict[str, object]) -> None:
    parts = parse_raw(text)
    idle = parts.pop("idle or event loop in C", 0)
    total = sum(parts.values()) or 1
    per = cpu_ms or 0.0
    if cpu_ms is not None:
        print(f"{figures['requests']} requests, {args.concurrency} connections: worker CPU "
              f"{cpu_ms:.3f} ms/request, {figures['rps']} req/s, p50 {figures['p50_ms']} ms, "
              f"p99 {figures['p99_ms']} ms")
    print(f"{total} samples on the answer path ({idle} idle or in the loop's C code left out)")
    shares = {k: round(v / total, 3) for k, v in parts.most_common()}
    for k, share in shares.items():
        print(f"  {k:32s} {100 * share:5.1f} %  {share * per * 1000:7.0f} µs/request")
    if args.top:
        leaves: Counter[str] = Counter()
        for line in text.splitlines():
            stack, _, count = line.rpartition(" ")
            if count.isdigit() and not stack.split(";")[-1].startswith(IDLE):
                leaves[stack.split(";")[-1]] += int(count)
        for frame, c in leaves.most_common(args.top):
            print(f"  {100 * c / total:5.1f} %  {frame}")
    print(orjson.dumps({"bench": "http_profil", "scale": args.scale, "load_avg":
                        round(os.getloadavg()[0], 1),
                        "cpu_ms_per_request": None if cpu_ms is None else round(cpu_ms, 3),
                        **figures, "samples": total, "samples_idle": idle,
                        "parts": shares}).decode())

if __name__ == "__main__":
    main()
