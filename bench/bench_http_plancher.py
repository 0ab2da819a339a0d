"""The floor of the HTTP stack on this machine: what serving the SAMU mix costs without the answer.

With bench/bench_http.py's own load client and settings (2 uvicorn workers on uvloop + the
project's httptools protocol, access log off, 16 keep-alive connections, 3,000 requests), three
servers answer the same 200 SAMU queries:
- `reel`: `ror-orientation serve` on the national store (the real route). Its answers to the 200
  queries (status, headers, body bytes) are recorded first, then replayed by the two others;
- `asgi`: a bare ASGI app returning, for each query string, the real route's recorded answer (same
  bytes, same headers; uvicorn adds its `date` and `server` as it does for the real one);
- `fastapi`: the same answers through one plain FastAPI route (`Response(body, headers=...)`);
- `fastapi_thread` (with `--thread`): that route answering from anyio's thread pool under a
  2-thread limiter, as the search routes did until the relay (what that hop to a thread costs);
- `fastapi_relais` (with `--thread`): that route answering from a `web.relais.Relais`, the search
  routes' own threads (what their hop costs).
Per run: req/s, p50 / p99 latency, both workers' CPU per request (/proc), the load client's CPU,
the load average. One warm-up run per server, then `--runs` measured runs. What the stack alone
costs here says how much of a real request's CPU the answer path can still give back, and whether
2,500 req/s is reachable on these 2 cores at all. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import orjson
from fastapi import Request
from fastapi.responses import Response

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

# headers uvicorn writes itself on every answer (not recorded, not replayed)
OWN_HEADERS = {b"date", b"server"}
ANSWERS_ENV = "ROR_PLANCHER_ANSWERS"


def _answers() -> dict[bytes, tuple[int, list[tuple[bytes, bytes]], bytes]]:
    """The recorded answers, by raw query string (the file the bench wrote)."""
    data = orjson.loads(Path(os.environ[ANSWERS_ENV]).read_bytes())
    return {q.encode(): (status, [(k.encode(), v.encode()) for k, v in headers],
                         bytes.fromhex(body))
            for q, status, headers, body in data}


def app_asgi() -> Any:
    """uvicorn factory: a bare ASGI app, one dict lookup then the recorded answer."""
    answers = _answers()

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":  # lifespan
            message = await receive()
            while message["type"] != "lifespan.shutdown":
                await send({"type": message["type"] + ".complete"})
                message = await receive()
            await send({"type": "lifespan.shutdown.complete"})
            return
        status, headers, body = answers.get(scope["query_string"], (200, [], b"{}"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app


def _fastapi(thread: bool, relais: bool = False) -> Any:
    import anyio
    import anyio.to_thread
    from fastapi import FastAPI

    from ror_orientation.web.relais import Relais

    answers = _answers()
    _relais = [Relais(2)] if relais else []
    app = FastAPI(telemetry={"tracing": False, "metrics": False, "logs": False})
    limiter: list[anyio.CapacityLimiter] = []

    def answer(request: Request) -> Response:
        status, headers, body = answers.get(request.scope["query_string"], (200, [], b"{}"))
        response = Response(body, status_code=status)
        response.raw_headers = list(headers)  # the recorded ones, content-length included
        return response

    @app.get("/api/v1/recherche")
    async def recherche(request: Request) -> Response:
        if relais:
            return await _relais[0].run(answer, request)
        if not thread:
            return answer(request)
        if not limiter:
            limiter.append(anyio.CapacityLimiter(2))
        return await anyio.to_thread.run_sync(answer, request, limiter=limiter[0])

    return app


def app_fastapi() -> Any:
    """uvicorn factory: one FastAPI route answering on the event loop."""
    return _fastapi(thread=False)


def app_fastapi_thread() -> Any:
    """uvicorn factory: one FastAPI route answering from the thread pool (2-thread limiter)."""
    return _fastapi(thread=True)


def app_fastapi_relais() -> Any:
    """uvicorn factory: one FastAPI route answering from the search routes' own 2 threads
    (ror_orientation/web/relais.py)."""
    return _fastapi(thread=False, relais=True)


def main() -> None:
    import uvloop
    from bench_http import (
        DEFAULT_DB,
        Connexion,
        Server,
        cpu_s,
        load,
        prepare,
        requests_bytes,
        samu_mix,
    )

    from ror_orientation import applications
    from ror_orientation.store import Store

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, default=None,
                    help="the store to serve, used as is when it exists (default: a generated one)")
    ap.add_argument("--scale", default="national", choices=("demo", "national"))
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--requests", type=int, default=3000)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3, help="measured runs per server")
    ap.add_argument("--modes", default="reel,asgi,fastapi",
                    help="servers to measure, in order (reel first: it records the answers)")
    ap.add_argument("--thread", action="store_true", help="also fastapi_thread, fastapi_relais")
    ap.add_argument("--answers", type=Path, default=None,
                    help="keep the real route's recorded answers there; without `reel` in "
                         "--modes, replay the ones kept by an earlier run")
    args = ap.parse_args()
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    modes = args.modes.split(",") + (["fastapi_thread", "fastapi_relais"] if args.thread else [])
    if modes[0] != "reel" and (args.answers is None or not args.answers.exists()):
        sys.exit("the real route comes first (the others replay its answers), or --answers FILE")

    given = args.db is not None
    args.db = args.db or DEFAULT_DB
    prepare(args.db, args.scale, args.seed, given=given)
    store = Store(args.db)
    queries = samu_mix(store, 200, args.seed)
    app, key = applications.create(store, nom="bench_http_plancher", region=None,
                                   proprietaire="bench", droits=["lecture_regulation"])
    store.close()
    reqs = requests_bytes(key, queries)
    answers_file = args.answers or Path(tempfile.mkdtemp()) / "answers.json"
    answer_bytes: list[int] = []
    if modes[0] != "reel":
        answer_bytes = [len(x[3]) // 2 for x in orjson.loads(answers_file.read_bytes())]

    async def record(port: int) -> list[Any]:
        """Each query's answer as the real route gives it: status, headers, body."""
        conn = Connexion("127.0.0.1", port)
        out = []
        for raw in reqs:
            _status, _body = await conn.get(raw)  # answered once before: caches as under load
            conn.writer.write(raw)  # type: ignore[union-attr]
            head = await conn.reader.readuntil(b"\r\n\r\n")  # type: ignore[union-attr]
            lines = head.split(b"\r\n")
            status = int(lines[0][9:12])
            headers = [tuple(x.strip() for x in line.split(b":", 1)) for line in lines[1:] if line]
            length = int(next(v for k, v in headers if k.lower() == b"content-length"))
            body = await conn.reader.readexactly(length)  # type: ignore[union-attr]
            query = raw.split(b" ", 2)[1].partition(b"?")[2].decode()
            out.append([query, status, [(k.decode(), v.decode()) for k, v in headers
                                        if k.lower() not in OWN_HEADERS], body.hex()])
        conn.close()
        return out

    env = os.environ | {ANSWERS_ENV: str(answers_file)}
    uvicorn_args = ["--host", "127.0.0.1", "--workers", str(args.workers), "--loop", "uvloop",
                    "--http", "ror_orientation.web.protocole:HttpToolsJson", "--no-access-log",
                    "--log-level", "info", "--app-dir", str(ROOT / "bench"), "--factory"]
    results: dict[str, Any] = {}
    try:
        for mode in modes:
            if mode == "reel":
                server = Server(args.db, args.workers)
            else:
                server = Server(args.db, args.workers, command=[
                    sys.executable, "-m", "uvicorn", f"bench_http_plancher:app_{mode}",
                    *uvicorn_args], env=env)
            try:
                server.wait_ready(timeout=900)
                pids = server.worker_pids()
                if mode == "reel":
                    recorded = asyncio.run(record(server.port))
                    answers_file.write_bytes(orjson.dumps(recorded))
                    answer_bytes = [len(x[3]) // 2 for x in recorded]
                asyncio.run(load(server.port, key, queries, args.requests, 60.0,
                                 args.concurrency))  # warm-up run, not measured
                runs = []
                for _ in range(args.runs):
                    cpu0 = [cpu_s(p) for p in pids]
                    figures = asyncio.run(load(server.port, key, queries, args.requests, 60.0,
                                               args.concurrency))
                    spent = sum(cpu_s(p) - c for p, c in zip(pids, cpu0, strict=True))
                    n = int(figures["requests"])  # type: ignore[call-overload]
                    run = {"load_avg": round(os.getloadavg()[0], 1),
                           "worker_cpu_ms_per_request": round(1000.0 * spent / n, 3),
                           **{k: figures[k] for k in ("requests", "errors", "rps", "p50_ms",
                                                      "p99_ms", "max_ms", "client_cpu_s")}}
                    if mode == "reel":
                        run |= {k: figures[k] for k in ("engine_p50_ms", "engine_p99_ms")}
                    runs.append(run)
                    print(f"{mode}: {run}", flush=True)
            finally:
                server.stop()

            def median(k: str, runs: list[dict[str, Any]] = runs) -> float:
                return round(statistics.median(float(r[k]) for r in runs), 3)

            results[mode] = {"runs": runs, **{f"median_{k}": median(k) for k in
                                              ("rps", "p50_ms", "p99_ms",
                                               "worker_cpu_ms_per_request", "client_cpu_s")}}
            print(f"{mode}: medians {({k: v for k, v in results[mode].items() if k != 'runs'})}",
                  flush=True)
    finally:
        store = Store(args.db)
        applications.revoke(store, app.id)
        store.close()
    print(orjson.dumps({
        "bench": "http_plancher", "scale": args.scale, "workers": args.workers,
        "concurrency": args.concurrency, "requests_per_run": args.requests,
        "answer_bytes_mean": round(statistics.mean(answer_bytes)) if answer_bytes else None,
        "servers": results, "target_rps": 2500, "target_p99_ms": 15,
    }).decode())


if __name__ == "__main__":
    main()
