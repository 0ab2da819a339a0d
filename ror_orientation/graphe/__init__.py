"""The offer graph: built with networkx (`construction`), traversed for explanations and
alternatives (`parcours`), compiled into arrays for queries (`compilation`)."""

from .compilation import Adjacence
from .construction import build_graph, node, update_uo

__all__ = ["Adjacence", "build_graph", "node", "update_uo"]
