"""Small factories for hand-built offers: `make_uo(**overrides)` and friends, and the views of
an offer several test modules read."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime, time
from typing import Any

from ror_orientation.horaires import Horaires, Plage
from ror_orientation.offre import (
    Adresse,
    Canal,
    Capacite,
    Confidentialite,
    Contact,
    Coordonnees,
    EntiteGeographique,
    EntiteJuridique,
    Offre,
    Telecom,
    UniteOperationnelle,
)

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def make_ej(**kw: Any) -> EntiteJuridique:
    return replace(EntiteJuridique(id="350000741", nom="CHU DE RENNES"), **kw)


def make_eg(**kw: Any) -> EntiteGeographique:
    base = EntiteGeographique(
        id="350005179", ej_id="350000741", nom="CHU PONTCHAILLOU", categorie="101",
        adresse=Adresse(numero="2", type_voie="R", voie="HENRI LE GUILLOUX", code_postal="35000",
                        localite="RENNES", commune_insee="35238"),
        coordonnees=Coordonnees(48.1209, -1.6950), region="53", departement="35")
    return replace(base, **kw)


def make_uo(**kw: Any) -> UniteOperationnelle:
    base = UniteOperationnelle(
        id="uo-1", eg_id="350005179", nom="Unité neuro-vasculaire", champ="01", activite="157",
        mode_prise_en_charge="28", age_min=18, age_max=130,
        horaires=Horaires(permanent=True),
        contacts=(Contact(fonction="Cadre de santé", nature="soignant",
                          telecoms=(Telecom(Canal.TELEPHONE, "0299284321", Confidentialite.PUBLIC),)),),
        capacites=(Capacite("01", "01", "01", "04", 12, maj=NOW),
                   Capacite("01", "02", "01", "04", 2, maj=NOW)))
    return replace(base, **kw)


def make_offre(*uos: UniteOperationnelle) -> Offre:
    offre = Offre()
    offre.add(make_ej())
    offre.add(make_eg())
    for uo in uos or (make_uo(),):
        offre.add(uo)
    return offre


WEEKDAYS_8_18 = Horaires(plages=tuple(Plage(d, time(8), time(18)) for d in range(5)))


def activites_par_site(offre: Offre) -> dict[str, set[str]]:
    """Each site's (EG's) activities: where a generated unit's mother service is looked for."""
    out: dict[str, set[str]] = defaultdict(set)
    for uo in offre.uo.values():
        out[uo.eg_id].add(uo.activite)
    return out
