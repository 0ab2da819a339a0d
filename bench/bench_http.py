"""HTTP throughput and latency of the SAMU search mix over loopback, at national scale.

Data set (separate from what is measured): the generated national offer (~300,000 units) imported
once into a SQLite file, reused by later runs (`--db`). Measured, for 1 and 2 uvicorn workers started
by `ror-orientation serve` on 127.0.0.1: worker start-up time (launch → every worker's "startup
complete"), resident memory per worker, then requests/s and p50 / p99 latency of the SAMU mix (an
aptitude + open now + a free bed + 50 km around a real site) sent over concurrent keep-alive
connections by a minimal asyncio HTTP/1.1 client on uvloop (cheap, since it shares the cores with the
server; its own CPU time is printed as `client_cpu_s`, and per request, user and kernel), bounded by a number of requests and a time
limit; also the CPU each worker spent (how the load
spread), both workers' CPU per request (`worker_cpu_ms_per_request`: the answer path's cost, less
bent by the machine's load than req/s; `..._by_thread`: the event loop's thread and the search
thread, user and kernel time) and the engine's own time per search (`duree_ms`) to
separate it from the HTTP layer.
Memory per worker is also read from /proc/PID/smaps_rollup: PSS (shared pages counted once over
the processes sharing them) and USS (the worker's private pages); with several workers, also the
serve process's, which holds what the workers share (they are forked from it). Time to the first answer: launch
→ the first `/healthz` answered. Capacity visibility: a PUT of a unit's beds through a connection
held by one worker, then searches through a connection held by the other worker until that
figure shows (p50/p99 over `--visibility` updates, each direction in turn).
Targets (issue 14) with 2 workers, 16 connections: ≥ 2,500 req/s, p99 ≤ 15 ms; start ≤ 5 s;
PSS ≤ 400 MiB and USS ≤ 150 MiB per worker; a capacity update visible ≤ 100 ms p99; `/healthz`
answered ≤ 50 ms p99 while the searches run (a probe on a new connection every 50 ms during each
load run, as a load balancer checks a worker).
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import orjson
import sqlalchemy as sa
import uvloop

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from donnees import data_key, is_current, mark  # noqa: E402  (bench/ is on sys.path)

from ror_orientation import applications  # noqa: E402
from ror_orientation.store import Store, uo_t  # noqa: E402

HOST = "127.0.0.1"  # loopback only
DEFAULT_DB = ROOT / "var" / "bench" / "http-national.sqlite"


def prepare(db: Path, scale: str, seed: int, *, given: bool = False) -> tuple[float, dict[str, int]]:
    """Generate and import the offer once; later runs reuse the file while the generator is the
    same (a file passed with --db and no key is trusted as given). A store `given` (--db) is
    never regenerated: used as is, or refused when its key names another scale or seed (a
    national store given without --scale national was deleted and generated again at demo
    scale)."""
    key = data_key(scale, seed)
    if given and db.exists():
        kf = db.parent / (db.name + ".key")
        held = kf.read_text() if kf.exists() else None
        if held is not None and not held.startswith(f"generateur {scale} seed={seed} "):
            sys.exit(f"{db} holds another data set ({held}), not {scale} seed={seed}: pass its "
                     "--scale and --seed, or another --db (a store given is never regenerated)")
        store = Store(db)
        try:
            if not store.is_empty():
                return 0.0, store.counts()
        finally:
            store.close()
    keyless = db.exists() and not (db.parent / (db.name + ".key")).exists()
    if is_current(db, key) or (keyless and db != DEFAULT_DB):
        store = Store(db)
        if not store.is_empty():
            counts = store.counts()
            store.close()
            return 0.0, counts
        store.close()
    from ror_orientation.generateur import generate

    if db.exists():
        db.unlink()
    t0 = time.perf_counter()
    offre = generate(scale, seed, reference=datetime.now(UTC))
    store = Store(db)
    store.import_offre(offre, source=f"bench_http:{scale}:{seed}")
    counts = store.counts()
    store.close()
    mark(db, key)
    return time.perf_counter() - t0, counts


def samu_mix(store: Store, n: int, seed: int) -> list[dict[str, object]]:
    """SAMU-like queries drawn from the data: an aptitude some unit has, near that unit's site."""
    rng = random.Random(seed)
    with store.engine.connect() as conn:
        ids = list(conn.execute(sa.select(uo_t.c.id).where(uo_t.c.champ == "01")).scalars())
    sample = rng.sample(ids, min(len(ids), 20 * n))
    uos = store.get_many("uo", sample)
    with_apt = [u for u in uos.values() if u.aptitudes]
    egs = store.get_many("eg", {u.eg_id for u in with_apt})
    queries: list[dict[str, object]] = []
    for u in with_apt:
        eg = egs.get(u.eg_id)
        if eg is None or eg.coordonnees is None:
            continue
        queries.append({
            "profil": "samu", "aptitudes": rng.choice(u.aptitudes),
            "lat": round(eg.coordonnees.lat + rng.uniform(-0.15, 0.15), 5),
            "lon": round(eg.coordonnees.lon + rng.uniform(-0.2, 0.2), 5),
            "rayon_km": 50, "lits_min": 1, "ouvert_maintenant": "true", "limit": 20,
        })
        if len(queries) >= n:
            break
    return queries


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    return 0.0


def smaps(pid: int) -> dict[str, float]:
    """RSS, PSS and USS (private clean + dirty) of a process, MiB, from smaps_rollup."""
    vals: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, _, rest = line.partition(":")
        if rest.strip().endswith("kB"):
            vals[key] = int(rest.split()[0])
    uss = vals.get("Private_Clean", 0) + vals.get("Private_Dirty", 0)
    return {"rss_mib": round(vals.get("Rss", 0) / 1024, 1), "pss_mib": round(vals.get("Pss", 0) / 1024, 1),
            "uss_mib": round(uss / 1024, 1)}


def socket_owner(port: int, client_port: int, pids: list[int]) -> int | None:
    """The worker holding the server end of a loopback connection (by socket inode)."""
    inode = None
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        f = line.split()
        local, remote = f[1], f[2]
        if int(local.split(":")[1], 16) == port and int(remote.split(":")[1], 16) == client_port:
            inode = f[9]
    if inode is None:
        return None
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if os.readlink(fd) == f"socket:[{inode}]":
                    return pid
            except OSError:
                continue
    return None


def children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        out += [int(x) for x in text]
    return out


class Server:
    """`ror-orientation serve` in its own process group; stdout watched for worker start-ups."""

    def __init__(self, db: Path, workers: int, command: list[str] | None = None,
                 env: dict[str, str] | None = None) -> None:
        """`command`: another server to run the same way (its `--port` is added), for
        bench_http_plancher's bare apps."""
        self.port = free_port()
        self.workers = workers
        self.ready_times: list[float] = []
        self.t0 = time.perf_counter()
        args = ([*command, "--port", str(self.port)] if command else
                [sys.executable, "-m", "ror_orientation", "serve", "--db", str(db), "--host", HOST,
                 "--port", str(self.port), "--workers", str(workers)])
        self.proc = subprocess.Popen(
            args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
            env=(env or dict(os.environ)) | {"ROR_RATE_LIMIT_PER_MINUTE": "10000000"})
        self.log: list[str] = []
        self.first_answer: float | None = None
        threading.Thread(target=self._watch, daemon=True).start()
        threading.Thread(target=self._poll_first_answer, daemon=True).start()

    def _poll_first_answer(self) -> None:
        """Launch → the first /healthz answered (what a load balancer would wait for)."""
        request = f"GET /healthz HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode()
        while self.proc.poll() is None:
            try:
                with socket.create_connection((HOST, self.port), timeout=1.0) as s:
                    s.sendall(request)
                    if s.recv(64).startswith(b"HTTP/1.1 200"):
                        self.first_answer = time.perf_counter() - self.t0
                        return
            except OSError:
                pass
            time.sleep(0.05)

    def _watch(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            line = raw.decode(errors="replace").rstrip()
            self.log.append(line)
            if re.search(r"Application startup complete", line):
                self.ready_times.append(time.perf_counter() - self.t0)
            if re.search(r"not ready in time|died|kill", line, re.IGNORECASE):
                print(f"server: {line}", flush=True)

    def wait_ready(self, timeout: float) -> float:
        deadline = time.perf_counter() + timeout
        while len(self.ready_times) < self.workers:
            if self.proc.poll() is not None or time.perf_counter() > deadline:
                raise RuntimeError("server did not start:\n" + "\n".join(self.log[-30:]))
            time.sleep(0.1)
        return max(self.ready_times)

    def worker_pids(self) -> list[int]:
        if self.workers > 1:  # uvicorn's supervisor → worker processes (not its resource tracker)
            return [p for p in children(self.proc.pid)
                    if b"resource_tracker" not in Path(f"/proc/{p}/cmdline").read_bytes()]
        return [self.proc.pid]

    def worker_rss(self) -> list[float]:
        return [round(rss_mib(p), 1) for p in self.worker_pids()]

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


class Connexion:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: the load generator shares the 2
    cores with the server, so it must cost far less per request than a general client (httpx)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, request: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        body = await self.reader.readexactly(length)
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


HEALTH_REQUEST = f"GET /healthz HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode()
HEALTH_EVERY_S = 0.05


def duree_ms(body: bytes) -> float:
    """The engine's time (`duree_ms`) of a search answer, read without decoding the whole answer
    (decoding it whole was ~0.06 of the ~0.07 ms of the client's CPU per answer, measured on a
    SAMU answer of 25 kB): the answer must be a JSON object, and that key is its own (one of the
    answer's, after its results; a string inside holds no unescaped quote)."""
    if body[:1] != b"{" or body[-1:] != b"}":
        raise ValueError(f"not a JSON object: {body[:80]!r}")
    i = body.rindex(b'"duree_ms":') + 11
    j = body.find(b",", i)
    return float(body[i:j if j >= 0 else len(body) - 1])


def requests_bytes(key: str, queries: list[dict[str, object]]) -> list[bytes]:
    from urllib.parse import urlencode

    return [(f"GET /api/v1/recherche?{urlencode(q)} HTTP/1.1\r\nHost: {HOST}\r\n"
             f"Authorization: Bearer {key}\r\nAccept: application/json\r\n\r\n").encode()
            for q in queries]


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_split(pid: int) -> dict[str, float]:
    """A worker's CPU seconds so far, split: its event loop's thread (the process's main thread:
    HTTP, the ASGI stack) and its other threads (the search thread: key, criteria, engine, page),
    each in user and system (kernel: sockets, futexes) time."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {"loop_user": 0.0, "loop_sys": 0.0, "threads_user": 0.0, "threads_sys": 0.0}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # a thread that just ended
            continue
        who = "loop" if task.name == str(pid) else "threads"
        out[f"{who}_user"] += int(fields[11]) / tick
        out[f"{who}_sys"] += int(fields[12]) / tick
    return out


async def visibility(port: int, admin_key: str, read_key: str, uo: dict[str, str], pids: list[int],
                     updates: int) -> dict[str, object]:
    """Capacity update through one worker → seen by a search answered by the other: seconds from
    the PUT's answer to the first search showing the new figure, per update. Each worker first
    answers that search once, timed apart (`cold_search_ms`): a worker's first search maps the
    image's pages it reads and fills its record cache, a cost of starting, not of visibility."""
    by_worker: dict[int, Connexion] = {}
    spare: list[Connexion] = []
    for _ in range(64):  # open connections until one is held by each worker
        c = Connexion(HOST, port)
        await c.get(f"GET /healthz HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
        assert c.writer is not None
        owner = socket_owner(port, c.writer.get_extra_info("sockname")[1], pids)
        if owner is not None and owner not in by_worker:
            by_worker[owner] = c
        else:
            spare.append(c)
        if len(by_worker) == len(pids):
            break
    for c in spare:
        c.close()
    conns = list(by_worker.values())
    if len(conns) < 2:
        return {"error": "could not hold a connection on each worker"}
    from urllib.parse import urlencode

    query = urlencode({"profil": "samu", "eg_ids": uo["eg_id"], "limit": 200,
                       "ouvert_maintenant": "false", "elargir": "false"})
    search_req = (f"GET /api/v1/recherche?{query} HTTP/1.1\r\nHost: {HOST}\r\n"
                  f"Authorization: Bearer {read_key}\r\nAccept: application/json\r\n\r\n"
                  ).encode()
    cold: list[float] = []
    for c in conns:
        t = time.perf_counter()
        await c.get(search_req)
        cold.append(round((time.perf_counter() - t) * 1000.0, 2))
    delays: list[float] = []
    polls: list[int] = []
    for i in range(updates):
        writer, reader = (conns[0], conns[1]) if i % 2 == 0 else (conns[1], conns[0])
        beds = 1000 * (i % 90 + 10)  # the unit's other records add less than 1,000
        body = orjson.dumps({"capacites": [{"nature": "01", "statut": "02", "temporalite": "01",
                                            "genre": "03", "nombre": beds}]})
        put = (f"PUT /api/v1/unites/{uo['id']}/capacites HTTP/1.1\r\nHost: {HOST}\r\n"
               f"Authorization: Bearer {admin_key}\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(body)}\r\n\r\n").encode() + body
        status, answer = await writer.get(put)
        if status != 200:
            return {"error": f"PUT {status}: {answer[:200]!r}"}
        t = time.perf_counter()
        for n in range(1, 2001):
            status, answer = await reader.get(search_req)
            found = [r for r in orjson.loads(answer).get("resultats", []) if r["uo_id"] == uo["id"]]
            figure = found[0].get("lits_disponibles") if found else None
            if figure is not None and beds <= figure < beds + 1000:
                delays.append((time.perf_counter() - t) * 1000.0)
                polls.append(n)
                break
    for c in conns:
        c.close()
    if not delays:
        return {"error": "never visible"}
    q = statistics.quantiles(delays, n=100, method="inclusive")
    return {"updates": len(delays), "p50_ms": round(q[49], 2), "p99_ms": round(q[98], 2),
            "max_ms": round(max(delays), 2), "searches_until_visible_max": max(polls),
            "cold_search_ms": cold}


async def load(port: int, key: str, queries: list[dict[str, object]], total: int, seconds: float,
               concurrency: int) -> dict[str, object]:
    """`total` requests (or `seconds`, whichever first) from `concurrency` keep-alive connections."""
    reqs = requests_bytes(key, queries)
    latencies: list[float] = []
    engine_ms: list[float] = []
    errors = 0
    counter = 0
    conns = [Connexion(HOST, port) for _ in range(concurrency)]
    for i, q in enumerate(reqs[:20]):  # warm-up (opens every connection), not measured
        await conns[i % concurrency].get(q)
    start = time.perf_counter()
    stop_at = start + seconds

    async def worker(conn: Connexion) -> None:
        nonlocal counter, errors
        while counter < total and time.perf_counter() < stop_at:
            request = reqs[counter % len(reqs)]
            counter += 1
            t = time.perf_counter()
            status, body = await conn.get(request)
            latencies.append((time.perf_counter() - t) * 1000.0)
            if status != 200:
                errors += 1
            else:
                engine_ms.append(duree_ms(body))

    health_ms: list[float] = []
    done = asyncio.Event()

    async def probe() -> None:
        # a load balancer's health check while the searches run: a new connection each time, so
        # the probes land on either worker, one every HEALTH_EVERY_S
        while not done.is_set():
            t = time.perf_counter()
            c = Connexion(HOST, port)
            status, _ = await c.get(HEALTH_REQUEST)
            health_ms.append((time.perf_counter() - t) * 1000.0)
            c.close()
            if status != 200:
                raise RuntimeError(f"/healthz answered {status} under load")
            await asyncio.sleep(HEALTH_EVERY_S)

    async def searches() -> None:
        await asyncio.gather(*(worker(c) for c in conns))
        done.set()

    cpu0 = time.process_time()
    times0 = os.times()
    await asyncio.gather(searches(), probe())
    elapsed = time.perf_counter() - start
    client_cpu = time.process_time() - cpu0
    times1 = os.times()
    for c in conns:
        c.close()
    latencies.sort()
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    e = (statistics.quantiles(engine_ms, n=100, method="inclusive") if len(engine_ms) > 1
         else [None] * 99)  # no answer carried the engine's time
    return {"requests": len(latencies), "errors": errors, "seconds": round(elapsed, 2),
            "rps": round(len(latencies) / elapsed, 1), "p50_ms": round(q[49], 2),
            "p99_ms": round(q[98], 2), "max_ms": round(latencies[-1], 2),
            "engine_p50_ms": e[49] and round(e[49], 2), "engine_p99_ms": e[98] and round(e[98], 2),
            "client_cpu_s": round(client_cpu, 2),
            "healthz_probes": len(health_ms),
            "healthz_p50_ms": round(statistics.median(health_ms), 2) if health_ms else None,
            "healthz_p99_ms": round(statistics.quantiles(health_ms, n=100, method="inclusive")[98], 2)
            if len(health_ms) > 1 else None,
            "healthz_max_ms": round(max(health_ms), 2) if health_ms else None,
            "client_cpu_ms_per_request": {
                "user": round(1000.0 * (times1.user - times0.user) / len(latencies), 3),
                "sys": round(1000.0 * (times1.system - times0.system) / len(latencies), 3)}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, default=None,
                    help="the store to serve, used as is when it exists (default: a generated "
                         "one, kept under var/bench/)")
    ap.add_argument("--scale", default="national", choices=("demo", "national"))
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--requests", type=int, default=3000, help="requests per worker setting")
    ap.add_argument("--seconds", type=float, default=60.0, help="time limit per worker setting")
    ap.add_argument("--concurrency", default="4,8",
                    help="concurrent keep-alive connections, one load run per value")
    ap.add_argument("--workers", default="1,2", help="worker counts to measure")
    ap.add_argument("--queries", type=int, default=200,
                    help="distinct queries in the mix, sent in turn (as many as --requests: every "
                         "request a new one, as a regulator's are; the 200 default repeats each, "
                         "so the units of its pages stay in the workers' memory)")
    ap.add_argument("--visibility", type=int, default=50,
                    help="capacity updates timed until seen by the other worker (0: skip)")
    args = ap.parse_args()
    # the client on uvloop too: it shares the cores with the server, so it must cost it little
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    given = args.db is not None
    args.db = args.db or DEFAULT_DB
    args.db.parent.mkdir(parents=True, exist_ok=True)
    concurrencies = [int(x) for x in args.concurrency.split(",")]

    prep_s, counts = prepare(args.db, args.scale, args.seed, given=given)
    print(f"data set: {counts} (prepared in {prep_s:.1f} s; 0 = reused {args.db})", flush=True)
    store = Store(args.db)
    queries = samu_mix(store, args.queries, args.seed)
    app, key = applications.create(store, nom="bench_http", region=None, proprietaire="bench",
                                   droits=["lecture_regulation"])
    admin, admin_key = applications.create(store, nom="bench_http_capacites", region=None,
                                           proprietaire="bench", droits=["admin"])
    with store.engine.connect() as conn:
        target = conn.execute(sa.select(uo_t.c.id, uo_t.c.eg_id).where(uo_t.c.champ == "01")
                              .order_by(uo_t.c.id).limit(1)).one()
    store.close()
    print(f"SAMU mix: {len(queries)} queries", flush=True)

    results: dict[str, dict[str, object]] = {}
    try:
        for w in (int(x) for x in args.workers.split(",")):
            server = Server(args.db, w)
            try:
                startup = server.wait_ready(timeout=900)
                rss = server.worker_rss()
                pids = server.worker_pids()
                memory = [smaps(p) for p in pids]
                # the serve process: with several workers, it holds what they share (forked)
                parent = smaps(server.proc.pid) if w > 1 else None
                vis: dict[str, object] = {}
                if w > 1 and args.visibility:
                    vis = asyncio.run(visibility(server.port, admin_key, key,
                                                 {"id": target[0], "eg_id": target[1]}, pids,
                                                 args.visibility))
                    print(f"{w} worker(s), capacity visible in the other worker: {vis}", flush=True)
                loads: dict[str, object] = {}
                for conc in concurrencies:
                    cpu0 = [cpu_s(p) for p in pids]
                    split0 = [cpu_split(p) for p in pids]
                    figures = asyncio.run(load(server.port, key, queries, args.requests,
                                               args.seconds, conc))
                    spent = [cpu_s(p) - c for p, c in zip(pids, cpu0, strict=True)]
                    split1 = [cpu_split(p) for p in pids]
                    cpu = [round(x, 1) for x in spent]
                    n = int(figures.get("requests") or 0)  # type: ignore[call-overload]
                    # the answer path's cost, comparable across loads: both workers' CPU / requests
                    per_request = round(1000.0 * sum(spent) / n, 3) if n else None
                    # ... and where it went: loop thread / other threads, user / kernel
                    parts = {k: round(1000.0 * sum(b[k] - a[k] for a, b in zip(split0, split1,
                                                                                 strict=True)) / n,
                                      3) if n else None for k in split0[0]}
                    loads[str(conc)] = {"cpu_s_per_worker": cpu,
                                        "worker_cpu_ms_per_request": per_request,
                                        "worker_cpu_ms_per_request_by_thread": parts, **figures}
                    print(f"{w} worker(s), {conc} connections: {loads[str(conc)]}", flush=True)
                rss_after = server.worker_rss()
                memory_after = [smaps(p) for p in pids]
                parent_after = smaps(server.proc.pid) if w > 1 else None
            finally:
                server.stop()
            first = server.first_answer
            results[str(w)] = {"startup_s": round(startup, 1),
                               "first_answer_s": None if first is None else round(first, 2),
                               "rss_mib_per_worker": rss, "memory_per_worker": memory,
                               "rss_mib_after_load": rss_after,
                               "memory_per_worker_after_load": memory_after,
                               "memory_serve_process": parent,
                               "memory_serve_process_after_load": parent_after,
                               "capacity_visible": vis, "par_connexions": loads}
            print(f"{w} worker(s): {results[str(w)]}", flush=True)
    finally:
        store = Store(args.db)
        applications.revoke(store, app.id)
        applications.revoke(store, admin.id)
        store.close()

    two = results.get("2", {}).get("par_connexions", {})
    meets = {c: float(f["p99_ms"]) <= 15 and float(f["rps"]) >= 2500  # type: ignore[index]
             for c, f in two.items()}
    health = {c: f.get("healthz_p99_ms") is not None and float(f["healthz_p99_ms"]) <= 50  # type: ignore[index,union-attr]
              for c, f in two.items()}
    summary = {
        "bench": "http", "scale": args.scale, "uo": counts.get("uo"), "queries": len(queries),
        "requests_per_run": args.requests, "load_avg": round(os.getloadavg()[0], 1),
        "workers": results, "target_p99_ms": 15, "target_rps": 2500, "target_start_s": 5,
        "target_pss_mib": 400, "target_uss_mib": 150, "target_visible_p99_ms": 100,
        "meets_targets_per_connexions": meets, "meets_targets": any(meets.values()),
        "target_healthz_p99_ms": 50, "healthz_meets_target_per_connexions": health,
    }
    print(orjson.dumps(summary).decode())


if __name__ == "__main__":
    main()
