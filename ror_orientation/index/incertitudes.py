"""Hedges: "suspicion de", "suspect", "probable", "évocateur de" say how sure the caller is of
the disease typed beside them, never which care it needs.

The clinical vocabulary holds them (CIM-10 Z03 "Mise en observation et examen médical pour
suspicion de maladies", read as general practice): "suspicion de méningite" read general practice
first, "suspicion de SCA" a second need beside the coronary one. They weigh as qualifiers do: read
with the disease, never alone. Folded forms.
"""

from __future__ import annotations

INCERTITUDES: frozenset[str] = frozenset("""
    suspicion suspicions suspect suspecte suspects suspectes suspecter suspectee suspectees
    probable probables evocateur evocatrice evocateurs evocatrices
    """.split())
