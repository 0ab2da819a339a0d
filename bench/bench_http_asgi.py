"""CPU per request of the answer path in one process: the app driven by ASGI messages, no network.

On a 2-core machine shared with other benches, the HTTP bench's req/s moves with the load more than
with a change to the answer path; a process's own CPU time moves much less. Here the served app
(`create_app(..., worker=True)`, its lifespan, its middleware, routes and search thread) answers the
bench's SAMU mix (bench/bench_http.py's `samu_mix`, a regulator's key) from `--concurrency` tasks on
uvloop, without a socket or uvicorn's HTTP parser: printed, per pass over the mix, the process's
CPU µs per request (every thread) and the wall time; the median of the passes last. Run it with each
version's own interpreter on its own copy of the store (an image is compiled by the code that reads
it); `--any-code` serves an image whose other keys match though another checkout's sources
compiled it (for two versions that differ only above the engine). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import orjson
import uvloop

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

# the interpreter's own package first: bench_http puts this checkout's on sys.path
import ror_orientation  # noqa: E402, I001

from bench_http import samu_mix  # noqa: E402
from ror_orientation import applications  # noqa: E402
from ror_orientation.settings import Settings  # noqa: E402
from ror_orientation.store import Store  # noqa: E402


def scope_of(query: dict[str, object], key: str) -> dict[str, Any]:
    path = "/api/v1/recherche"
    return {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1", "method": "GET", "scheme": "http", "path": path,
            "raw_path": path.encode(), "query_string": urlencode(query).encode(), "root_path": "",
            "headers": [(b"host", b"127.0.0.1"), (b"authorization", f"Bearer {key}".encode()),
                        (b"accept", b"application/json")],
            "client": ("127.0.0.1", 40000), "server": ("127.0.0.1", 8000)}


async def drive(app: Any, scopes: list[dict[str, Any]], passes: int, concurrency: int,
                state: dict[str, Any]) -> list[dict[str, float]]:
    async def one(scope: dict[str, Any]) -> int:
        status = 0

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]

        await app({**scope, "state": dict(state)}, receive, send)
        return status

    async def run_pass() -> dict[str, float]:
        todo = iter(scopes)
        statuses: list[int] = []

        async def worker() -> None:
            for scope in todo:
                statuses.append(await one(scope))

        c0, t0 = time.process_time(), time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        cpu, wall = time.process_time() - c0, time.perf_counter() - t0
        bad = sum(s != 200 for s in statuses)
        if bad:
            raise SystemExit(f"{bad} answers were not 200")
        return {"cpu_us_per_request": round(1e6 * cpu / len(statuses), 1),
                "wall_us_per_request": round(1e6 * wall / len(statuses), 1)}

    await run_pass()  # warm: caches, first-search loads
    print("warm", flush=True)  # a profiler may attach now
    out = []
    for _ in range(passes):
        out.append(await run_pass())
        print(out[-1], flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--passes", type=int, default=5, help="passes over the mix, after a warm one")
    ap.add_argument("--repeat", type=int, default=5, help="copies of the 200-query mix per pass")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--any-code", action="store_true",
                    help="serve the image though other sources compiled it (see the docstring)")
    args = ap.parse_args()
    store = Store(args.db)
    queries = samu_mix(store, 200, args.seed)
    appli, key = applications.create(store, nom="bench_http_asgi", region=None,
                                     proprietaire="bench", droits=["lecture_regulation"])
    store.close()
    if args.any_code:
        from ror_orientation.engine import image

        meta = image.read(args.db.with_name(args.db.name + ".image"), {})
        if meta is None:
            raise SystemExit("no readable image beside the store")
        code = meta.meta["code"]
        del meta
        image.code_digest = lambda: code  # type: ignore[assignment]
    from ror_orientation.web.app import create_app

    app = create_app(Settings(db=args.db, rate_limit_per_minute=10_000_000), worker=True)
    scopes = [scope_of(q, key) for q in queries] * args.repeat

    async def serve() -> list[dict[str, float]]:
        state: dict[str, Any] = {}
        async with app.router.lifespan_context(app) as maybe_state:
            state.update(maybe_state or {})
            return await drive(app, scopes, args.passes, args.concurrency, state)

    try:
        passes = uvloop.run(serve())
    finally:
        store = Store(args.db)
        applications.revoke(store, appli.id)
        store.close()
    print(orjson.dumps({
        "bench": "http_asgi", "code": str(Path(ror_orientation.__file__).parent),
        "requests_per_pass": len(scopes), "concurrency": args.concurrency,
        "cpu_us_per_request": statistics.median(p["cpu_us_per_request"] for p in passes),
        "wall_us_per_request": statistics.median(p["wall_us_per_request"] for p in passes),
        "passes": passes}).decode())


if __name__ == "__main__":
    main()
