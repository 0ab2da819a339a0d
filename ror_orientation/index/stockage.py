"""Where the labels' whoosh index lives: in memory, its writer's temporary files too.

whoosh's `RamStorage` gives its writer a temporary folder named after the index ("MAIN.tmp") in
the system's temporary directory, the same for every process: two processes building an index at
once (two test suites, two workers) wrote into it and each deleted it, the other's files with it.
"""

from __future__ import annotations

from whoosh.filedb.filestore import RamStorage


class StockageMemoire(RamStorage):  # type: ignore[misc]  # whoosh ships no types
    """A `RamStorage` whose writers keep their temporary files in memory, each its own."""

    def temp_storage(self, name: str | None = None) -> RamStorage:
        return RamStorage()
