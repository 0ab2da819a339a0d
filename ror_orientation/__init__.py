"""ror-orientation: a graph-based multicriteria search engine over the French healthcare offer (ROR)."""

__version__ = "0.2.0"
