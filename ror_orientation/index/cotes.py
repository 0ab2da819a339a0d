"""Sides and positions: "droite", "gauche", "inférieur", "antérieur", "bilatéral" say where the
disease typed beside them is (a territory, a limb's side), never which care it needs.

The clinical vocabulary holds them in its labels ("Insuffisance cardiaque droite", "Ischémie du
membre inférieur"): read alone beside a need ("SCA ST+ inférieur", "FESF gauche" where the
abbreviation is read apart), such a word named those labels' care and dragged the answer away from
the need typed beside it. With the words they place they are read as before ("hémiplégie droite").
Folded forms.
"""

from __future__ import annotations

COTES: frozenset[str] = frozenset("""
    droit droite droits droites gauche gauches bilateral bilaterale bilateraux bilaterales
    unilateral unilaterale unilateraux unilaterales lateral laterale lateraux laterales
    inferieur inferieure inferieurs inferieures superieur superieure superieurs superieures
    anterieur anterieure anterieurs anterieures posterieur posterieure posterieurs posterieures
    """.split())
