"""ror-orientation: a graph-based multicriteria search engine over the French healthcare offer (ROR)."""

import hashlib
from pathlib import Path

__version__ = "0.2.0"


def _sources_digest() -> str:
    """A digest of the package's Python sources as they are when the package is first imported:
    the code a process runs is what was on disk then, so an offer image it compiles is keyed by
    that code, even when the files are replaced while it compiles (the image is then stale for the
    new code, and rebuilt, never served as theirs)."""
    root = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=16)
    for p in sorted(root.rglob("*.py")):
        h.update(str(p.relative_to(root)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()


SOURCES_DIGEST = _sources_digest()
