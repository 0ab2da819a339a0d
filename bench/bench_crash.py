"""Crash bench: imports and capacity bursts killed with SIGKILL at random moments.

Each loop copies a clean store, starts a real writer process (a JSONL import through the CLI, or a
burst of capacity writes acknowledging each one on stdout), kills it with SIGKILL after a random
delay, then checks: `PRAGMA integrity_check` is ok, `ror-orientation check` reads the store, the
store is exactly as before or as after the import (digest of every row), and every acknowledged
capacity write is in the history and current. Ends with one JSON line.

    .venv/bin/python bench/bench_crash.py --loops 100 [--region 04] [--seed 1]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

TABLES = ("ej", "eg", "oi", "uo", "professionnel", "capacite_historique")

BURST = r"""
import sys
from ror_orientation.offre import Capacite
from ror_orientation.store import Store
store = Store(sys.argv[1])
uos = sys.argv[2].split(",")
n = 0
while True:
    n += 1
    uo = uos[n % len(uos)]
    store.set_capacites(uo, [Capacite("01", "02", "01", "04", n)], auteur="crash")
    print(uo, n, flush=True)  # acknowledged
"""


@dataclass
class Bilan:
    loops: int = 0
    imports: int = 0
    bursts: int = 0
    corrupt: int = 0
    neither_before_nor_after: int = 0
    check_failed: int = 0
    acked: int = 0
    lost_acked: int = 0
    failures: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "failures"} | {
            "failure_examples": self.failures[:5]}


def digest(db: Path) -> str:
    """Every row of every table that holds the offer, in a stable order."""
    h = hashlib.sha256()
    con = sqlite3.connect(db)
    try:
        for t in TABLES:
            for row in con.execute(f"SELECT * FROM {t} ORDER BY 1"):  # noqa: S608 - fixed names
                h.update(repr(row).encode())
    finally:
        con.close()
    return h.hexdigest()


def integrity(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        con.close()


def check_command(db: Path) -> int:
    """`ror-orientation check` (the CLI's entry point, in this process): 0 or 1 is an answer (clean
    or problems listed); an exception or any other code means the store cannot be read."""
    import contextlib
    import io

    from ror_orientation.cli import main as cli

    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            return cli(["check", "--db", str(db)])
    except Exception:  # noqa: BLE001 - any fault is the failure counted
        return -1


@dataclass
class Donnees:
    base: Path  # a clean store (closed: no WAL left)
    fichier: Path  # the JSONL import to kill
    avant: str
    apres: str
    uos: list[str]


def prepare(work: Path, region: str, base_offre: object | None = None) -> Donnees:
    """A base store (`base_offre`, or the generated `region` minus its last tenth) and the JSONL
    of the whole region to import over it; the digests before and after that import."""
    from ror_orientation.generateur import generate
    from ror_orientation.importers.jsonl import write_jsonl
    from ror_orientation.offre import Offre
    from ror_orientation.store import Store

    full = generate("demo", regions=(region,))
    fichier = work / "import.jsonl"
    with fichier.open("wb") as out:
        write_jsonl(((k, e) for k, bucket in (("ej", full.ej), ("eg", full.eg), ("oi", full.oi),
                                              ("uo", full.uo),
                                              ("professionnel", full.professionnels))
                     for e in bucket.values()), out)
    if base_offre is None:
        base_offre = Offre()
        for bucket, target in ((full.ej, base_offre.ej), (full.eg, base_offre.eg),
                               (full.oi, base_offre.oi)):
            target.update(bucket)  # type: ignore[arg-type]
        keep = sorted(full.uo)[: len(full.uo) * 9 // 10]
        base_offre.uo.update({i: full.uo[i] for i in keep})
    base = work / "base.sqlite"
    store = Store(base)
    store.import_offre(base_offre, source="crash-base")  # type: ignore[arg-type]
    uos = sorted(store.load_offre().uo)[:5]
    store.close()
    ref = work / "apres.sqlite"
    shutil.copy(base, ref)
    subprocess.run([sys.executable, "-m", "ror_orientation", "import", "jsonl", str(fichier),
                    "--db", str(ref)], check=True, capture_output=True, timeout=900)
    return Donnees(base, fichier, digest(base), digest(ref), uos)


def _kill_after(proc: subprocess.Popen[bytes], delay: float) -> None:
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def une_boucle(d: Donnees, work: Path, rng: random.Random, bilan: Bilan,
               duree_max: float = 4.0) -> None:
    """One loop; the writer is killed after a random delay of at most `duree_max` seconds."""
    db = work / "crash.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copy(d.base, db)
    bilan.loops += 1
    last = 0  # the child acknowledged writes 1..last (write n goes to unit n % len(uos))
    if rng.random() < 0.5:
        bilan.imports += 1
        proc = subprocess.Popen([sys.executable, "-m", "ror_orientation", "import", "jsonl",
                                 str(d.fichier), "--db", str(db)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _kill_after(proc, rng.uniform(0.2, duree_max))
        kind = "import"
    else:
        bilan.bursts += 1
        proc = subprocess.Popen([sys.executable, "-c", BURST, str(db), ",".join(d.uos)],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + rng.uniform(0.3, max(0.5, duree_max * 0.75))
        assert proc.stdout is not None
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            last = int(line.split()[1])
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        bilan.acked += last
        kind = "burst"
    ok = integrity(db)
    if ok != "ok":
        bilan.corrupt += 1
        bilan.failures.append(f"loop {bilan.loops} ({kind}): integrity {ok}")
        return
    if check_command(db) not in (0, 1):
        bilan.check_failed += 1
        bilan.failures.append(f"loop {bilan.loops} ({kind}): check did not answer")
    if kind == "import" and digest(db) not in (d.avant, d.apres):
        bilan.neither_before_nor_after += 1
        bilan.failures.append(f"loop {bilan.loops}: store neither before nor after the import")
    if kind == "burst" and last:
        from ror_orientation.store import Store

        store = Store(db)
        try:
            for i, uo in enumerate(d.uos):
                want = {n for n in range(1, last + 1) if n % len(d.uos) == i}
                sent = {r["capacite"].nombre for r in store.capacite_history(uo, 1_000_000)
                        if r["auteur"] == "crash"}
                current = max((c.nombre for c in store.get_uo(uo).capacites
                               if c.key == ("01", "02", "01", "04", None, None)), default=0)
                lost = want - sent
                if lost or (want and current < max(want)):
                    bilan.lost_acked += len(lost) or 1
                    bilan.failures.append(f"loop {bilan.loops}: acknowledged write(s) of {uo} "
                                          f"missing: {sorted(lost)[:5]}, current {current}")
        finally:
            store.close()


def boucle(loops: int, work: Path, region: str = "04", seed: int = 1,
           base_offre: object | None = None, duree_max: float = 4.0) -> Bilan:
    d = prepare(work, region, base_offre)
    rng = random.Random(seed)
    bilan = Bilan()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated codes of the generated data: not our subject
        for _ in range(loops):
            une_boucle(d, work, rng, bilan, duree_max)
    return bilan


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--loops", type=int, default=100)
    ap.add_argument("--region", default="04", help="generated region imported (04: La Réunion)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-crash-") as tmp:
        bilan = boucle(args.loops, Path(tmp), args.region, args.seed)
    out = bilan.to_dict() | {"bench": "crash", "seconds": round(time.perf_counter() - t0, 1)}
    for f in bilan.failures[:20]:
        print(f, file=sys.stderr)
    print(json.dumps(out))
    return 0 if not bilan.failures else 1


if __name__ == "__main__":
    sys.exit(main())
