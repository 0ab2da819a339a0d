"""The orientation engine: `Engine.build(offre, index)` then `Engine.search(Requete) -> Reponse`.

A library: importing it loads no web or CLI framework (a test checks it)."""

from .engine import Engine
from .profils import AVAL, MOBILE, SAMU, Reglages
from .scoring import Weights

__all__ = ["AVAL", "MOBILE", "SAMU", "Engine", "Reglages", "Weights"]
