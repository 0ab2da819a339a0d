"""Generated professionals: RPPS-like ids, a profession and speciality, and where they practise.

Ids are 11 digits starting with 8, a range the real RPPS does not use for people, so a generated
professional can never be mistaken for a real one.
"""

from __future__ import annotations

import random

from ..offre import Exercice, Professionnel, UniteOperationnelle
from .catalogue import BY_KEY

NOMS = ("Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
        "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
        "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
        "Muller", "Lefevre", "Faure", "Andre", "Mercier", "Blanc", "Guerin", "Boyer", "Garnier",
        "Chevalier", "Francois", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clement",
        "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Le Gall", "Le Goff",
        "Le Roux", "Guillou", "Tanguy", "Le Bihan", "Kerjean", "Hoarau", "Payet", "Grondin",
        "Nguyen", "Benali", "Diallo", "Lopez", "Da Silva", "Ferreira")
PRENOMS = ("Marie", "Jean", "Camille", "Nicolas", "Julie", "Thomas", "Sophie", "Pierre", "Claire",
           "Antoine", "Laura", "Julien", "Emma", "Lucas", "Anne", "Hugo", "Manon", "Yann", "Gwenaëlle",
           "Erwan", "Léa", "Maxime", "Sarah", "Mathieu", "Chloé", "Paul", "Inès", "Karim", "Élodie",
           "Romain", "Aurélie", "Louis", "Nadia", "Vincent", "Marion", "Olivier", "Céline", "Loïc")

# Nursing specialities (TRE_R38) by unit kind.
INFIRMIER = {"urgences": "SI05", "samu": "SI05", "smur": "SI05", "rea": "SI07",
             "urgences_ped": "SI08", "pediatrie": "SI08", "neonat": "SI08", "usin": "SI08",
             "rea_neonat": "SI08", "rea_ped": "SI08", "sc_ped": "SI08", "psy_hc": "SI04",
             "cmp": "SI04", "hemodialyse": "SI03", "oncologie": "SI02"}


class Rpps:
    """Unique generated national ids, drawn from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def next(self) -> str:
        while True:
            candidate = f"8{self.rng.randrange(10 ** 10):010d}"
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate


def professionnels(units: list[tuple[UniteOperationnelle, str]], rng: random.Random, rpps: Rpps
                   ) -> list[Professionnel]:
    """Professionals practising in the given units (unit, kind key) of one establishment."""
    out: list[Professionnel] = []
    for uo, key in units:
        t = BY_KEY[key]
        if not t.professions:
            continue
        if t.regulation:
            n = rng.randint(2, 4)
        elif t.champ == "04":
            n = 1 if rng.random() < 0.5 else 0
        else:
            n = rng.randint(0, 2)
        for _ in range(n):
            profession = rng.choice(t.professions)
            specialite = None
            if profession == "10":
                specialite = rng.choice(t.specialites)
            elif profession in ("60", "69") and rng.random() < 0.5:
                specialite = INFIRMIER.get(key)
            equip = tuple(e.code for e in uo.equipements) if profession == "98" else ()
            exercices = [Exercice(uo.id, uo.activite, equip)]
            if len(units) > 1 and rng.random() < 0.2:
                other, _k = rng.choice(units)
                if other.id != uo.id:
                    exercices.append(Exercice(other.id, other.activite))
            out.append(Professionnel(rpps.next(), rng.choice(NOMS).upper(), rng.choice(PRENOMS),
                                     profession, specialite, tuple(exercices), genere=True))
    return out
