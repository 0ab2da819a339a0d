"""What an import did (counts per kind, records skipped with why, warnings raised)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class ImportReport:
    """What an import did: counts per kind, records skipped with why, warnings raised."""

    source: str
    counts: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"source": self.source, "counts": self.counts, "skipped": len(self.skipped),
                "skipped_examples": self.skipped[:10], "warnings": len(self.warnings),
                "warning_examples": self.warnings[:10]}
