"""The compiled offer image: the engine's arrays in one file next to the store, memory-mapped by
every worker so they share one copy in the page cache and start without rebuilding anything.

One file: a magic, a JSON header (what it was compiled from, where each array lies, a CRC of the
rest), every numpy array 64-byte aligned, then a pickle of the objects holding them, whose arrays
are out-of-band buffers (pickle protocol 5) — so loading creates numpy arrays *over the mapping*,
copying none. The mapping is private copy-on-write: a row patched in place (a capacity update fed
by the change feed) copies that page into the worker alone, the rest stays shared and the file is
never rewritten by a worker. Written aside and renamed, so a reader sees the old file or the new one;
a file whose header, size, CRC or compile key do not match is refused (the caller rebuilds it).
The CRC (re-reading the whole file: 1.4 s at national scale) is skipped when a sidecar says this
very file (same device, inode, size, modification and change times) passed it for this key.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import io
import json
import logging
import mmap
import os
import pickle
import struct
import time
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import SOURCES_DIGEST

log = logging.getLogger("ror_orientation.engine.image")

MAGIC = b"RORIMG01"
FORMAT = 2
ALIGN = 64
_LEN = struct.Struct("<Q")
_CHUNK = 8 << 20
# A file's times come from the kernel's coarse clock (a tick of up to 10 ms behind the fine one):
# a file changed less than this before its CRC was read could be changed again with the same
# times, so its check is not recorded (git's "racily clean" entries).
RACE_NS = 100_000_000


@dataclass(frozen=True, slots=True)
class Image:
    """A loaded image: the engine's state (arrays over the mapping) and what it was compiled from."""

    state: Any
    meta: dict[str, Any]
    path: Path


def _pad(n: int) -> int:
    return (-n) % ALIGN


def write(path: Path, state: object, meta: Mapping[str, Any]) -> int:
    """Write `state` (any picklable object; its numpy arrays go out of band) with `meta`, atomically:
    a temporary file in the same directory, flushed to disk, then renamed over `path`. Returns the
    file's size in bytes."""
    buffers: list[pickle.PickleBuffer] = []
    body = pickle.dumps(state, protocol=5, buffer_callback=buffers.append)
    raws = [b.raw() for b in buffers]
    # layout of the part after the header: arrays, then the pickle; offsets from the data start
    spans: list[tuple[int, int]] = []
    at = 0
    for r in raws:
        spans.append((at, r.nbytes))
        at += r.nbytes + _pad(r.nbytes)
    pickle_span = (at, len(body))
    size = at + len(body)
    crc = 0
    for r in raws:
        crc = zlib.crc32(r, crc)
        crc = zlib.crc32(b"\0" * _pad(r.nbytes), crc)
    crc = zlib.crc32(body, crc)
    # the arrays' spans as raw int64 pairs after the JSON (tens of thousands of them: parsing
    # them as JSON cost half a second at national scale)
    header = json.dumps({"format": FORMAT, "meta": dict(meta), "buffers": len(spans),
                         "pickle": pickle_span, "size": size, "crc": crc}).encode()
    header += struct.pack(f"<{2 * len(spans)}q", *(v for span in spans for v in span))
    head = MAGIC + _LEN.pack(len(header)) + _LEN.pack(len(spans)) + header
    head += b"\0" * _pad(len(head))
    path = Path(path)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(head)
            for r in raws:
                f.write(r)
                f.write(b"\0" * _pad(r.nbytes))
            f.write(body)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    verified_path(path).unlink(missing_ok=True)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return len(head) + size


def signature(path: Path) -> str:
    """Which file `path` is now (device, inode, size, modification and change times): an image is
    replaced by renaming a new file over it, and any write, rename or `utime` sets the change
    time (which no call sets back), so an equal signature is the same, unchanged file."""
    return _signature(os.stat(path))


def _signature(st: os.stat_result) -> str:
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


def verified_path(path: Path) -> Path:
    """The sidecar recording the last CRC check the image at `path` passed."""
    return Path(f"{path}.verified")


def _verified(path: Path, st: os.stat_result, expect: Mapping[str, Any], crc: int) -> bool:
    """Whether the sidecar says the file `st` passed its CRC `crc` for `expect`, unchanged since."""
    try:
        held = json.loads(verified_path(path).read_bytes())
        key = json.loads(json.dumps(dict(expect)))
    except (OSError, TypeError, ValueError):
        return False
    return bool(held == {"signature": _signature(st), "crc": crc, "key": key})


def _record(path: Path, st: os.stat_result, expect: Mapping[str, Any], crc: int,
            since_ns: int) -> None:
    """Record that the file `st` passed its CRC `crc` for `expect` (read from `since_ns` on),
    unless it changed too shortly before that read for a later change to show in its times.
    Best effort: an unwritable directory only means the next start checks the CRC again."""
    if max(st.st_mtime_ns, st.st_ctime_ns) > since_ns - RACE_NS:
        return
    side = verified_path(path)
    tmp = side.with_name(f"{side.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps({"signature": _signature(st), "crc": crc, "key": dict(expect)}))
        os.replace(tmp, side)
    except (OSError, TypeError, ValueError) as exc:
        log.info("offer image %s: check not recorded (%s)", path, exc)
    finally:
        tmp.unlink(missing_ok=True)


def read(path: Path, expect: Mapping[str, Any], verified: str | None = None) -> Image | None:
    """The image at `path` when it is whole and compiled from what `expect` says (every key equal
    in its meta); None otherwise, with the reason logged — never a partial or stale state.
    `verified`: the `signature` of a file whose CRC another process has just checked (serve
    before starting its workers): when the file opened is that one, its CRC is not read again."""
    path = Path(path)
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below, once checked
    except OSError as exc:
        log.info("offer image %s: not usable (%s)", path, exc)
        return None
    with f:
        try:
            mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_COPY)
        except (OSError, ValueError) as exc:  # empty (mmap refuses a 0-byte file)
            log.info("offer image %s: not usable (%s)", path, exc)
            return None
        same = verified == _signature(os.fstat(f.fileno()))
        reason = _check(mm, expect, f, path, crc=not same)
    if isinstance(reason, str):
        log.warning("offer image %s: %s; it will be rebuilt", path, reason)
        return None
    header, start = reason
    view = memoryview(mm)
    try:
        bufs = [view[start + o: start + o + n] for o, n in header["buffers"]]
        po, pn = header["pickle"]
        # no cyclic collection while unpickling: tens of thousands of new objects, none garbage,
        # would trigger several full passes over the heap
        collecting = gc.isenabled()
        gc.disable()
        try:
            state = pickle.loads(view[start + po: start + po + pn], buffers=bufs)
        finally:
            if collecting:
                gc.enable()
    except Exception as exc:  # noqa: BLE001 - any unpickling failure means: rebuild
        log.warning("offer image %s: unreadable (%s); it will be rebuilt", path, exc)
        return None
    return Image(state, dict(header["meta"]), path)


def valid(path: Path, expect: Mapping[str, Any]) -> bool:
    """Whether the image at `path` is whole and compiled from `expect` (header, size and CRC
    checked; nothing unpickled)."""
    try:
        with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            return not isinstance(_check(mm, expect, f, Path(path)), str)
    except (OSError, ValueError):
        return False


def _crc(f: io.BufferedReader, start: int) -> int:
    """CRC of the file from `start`, read with `readinto` rather than through the mapping: pages
    touched through the mapping would count in this process's resident (and proportional) size
    though no search reads them; read this way they only pass through the page cache."""
    crc = 0
    buf = bytearray(_CHUNK)
    view = memoryview(buf)
    f.seek(start)
    while n := f.readinto(buf):
        crc = zlib.crc32(view[:n], crc)
    return crc


def _check(mm: mmap.mmap, expect: Mapping[str, Any], f: io.BufferedReader, path: Path,
           crc: bool = True) -> tuple[dict[str, Any], int] | str:
    """(header, data start) of a whole image compiled from `expect` (`f`: the mapped file, at
    `path`), else why not. The CRC is read unless `crc` is false or the file at `path` is the one
    its sidecar recorded as checked; a file passing it is recorded there."""
    fixed = len(MAGIC) + 2 * _LEN.size
    if len(mm) < fixed or mm[: len(MAGIC)] != MAGIC:
        return "not an offer image"
    (n,) = _LEN.unpack_from(mm, len(MAGIC))
    (k,) = _LEN.unpack_from(mm, len(MAGIC) + _LEN.size)
    start = fixed + n
    if start > len(mm) or 16 * k > n:
        return "truncated header"
    try:
        header = json.loads(bytes(mm[fixed: start - 16 * k]))
        spans = struct.unpack_from(f"<{2 * k}q", mm, start - 16 * k)
    except (ValueError, struct.error):
        return "unreadable header"
    if not isinstance(header, dict) or header.get("buffers") != k:
        return "another format"
    header["buffers"] = list(zip(spans[::2], spans[1::2], strict=True))
    start += _pad(start)
    if header.get("format") != FORMAT:
        return "another format"
    meta = header.get("meta", {})
    stale = sorted(k for k, v in expect.items() if meta.get(k) != v)
    if stale:
        return "compiled from another " + ", ".join(stale)
    if len(mm) != start + header["size"]:
        return f"truncated ({len(mm)} bytes, {start + header['size']} expected)"
    if crc and not _verified(path, os.fstat(f.fileno()), expect, header["crc"]):
        since = time.time_ns()
        if _crc(f, start) != header["crc"]:
            return "corrupt (CRC)"
        _record(path, os.fstat(f.fileno()), expect, header["crc"], since)
    return header, start


@contextmanager
def lock(path: Path) -> Iterator[None]:
    """One process at a time checks and (re)writes the image at `path` (an advisory lock on a
    sibling file): workers starting together build it once, the others then map it."""
    with open(Path(f"{path}.lock"), "a+b") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def files_digest(root: Path) -> str:
    """A digest of the names, sizes and modification times of the files under `root` (the
    reference data an image's concept index was built from): cheap enough for every start."""
    h = hashlib.blake2b(digest_size=16)
    for folder, dirs, files in os.walk(root, followlinks=True):
        dirs.sort()
        for name in sorted(files):
            p = Path(folder) / name
            st = p.stat()
            h.update(f"{p.relative_to(root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def code_digest() -> str:
    """A digest of the package's Python sources, taken when the package was imported (the code
    this process runs): an image compiled by other code is stale."""
    return SOURCES_DIGEST
