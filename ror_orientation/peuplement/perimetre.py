"""The target perimeter of the population indicators ("Nb EG cible"), from the FINESS side of the store.

Owns the category lists, the authorisation → champ rules and the target rows (one per EG and champ),
as the national BI views define them (spec §1). Works on the codec's plain dicts so the national scale
is read without rebuilding model objects; `plain()` accepts a model object too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..serialisation import to_plain

DATE_MIN_AUTORISATION = date(2021, 5, 1)  # an authorisation ending before this no longer counts
DEPARTEMENTS_EXCLUS = frozenset({"975"})  # Saint-Pierre-et-Miquelon is outside the programme

SANITAIRE = frozenset({
    "101", "106", "109", "114", "122", "127", "128", "129", "131", "141", "146", "156", "161", "166",
    "292", "355", "362", "365", "366", "412", "415", "425", "430", "444", "696", "697", "698", "638"})
PSYCHIATRIE = frozenset({"156", "161", "166", "292", "366", "412", "415", "425", "430", "444"})
CEGIDD = "638"
ESMS_PA = frozenset({"202", "207", "381", "500", "501", "502"})
ESMS_PH = frozenset({
    "182", "183", "186", "188", "189", "190", "192", "194", "195", "196", "198", "221", "238", "246",
    "249", "252", "253", "255", "370", "377", "379", "382", "390", "395", "396", "402", "437", "445",
    "446", "448", "449"})
ESMS_DOMICILE = frozenset({"209", "354", "460"})
COORDINATION = frozenset({"604", "606"})
VILLE = frozenset({"603"})

ACTIVITES_MCO = frozenset({"01", "02", "03", "07", *(f"{n:02d}" for n in range(9, 20)),
                           *(str(n) for n in range(80, 89))})
ACTIVITE_PSY = "04"
ACTIVITES_SSR = frozenset(str(n) for n in range(50, 60))
FORME_HAD = "05"

# Champs of the target rows. The published table shows the first five.
MCO, PSY, SSR = "MCO", "PSY", "SSR"
ESMS_PA_CHAMP, ESMS_PH_CHAMP = "ESMS PA", "ESMS PH"
ESMS_DOMICILE_CHAMP, AUTRES_MS, COORDINATION_CHAMP, VILLE_CHAMP = (
    "ESMS domicile", "autres MS", "coordination", "ville")
CHAMPS_TABLEAU = (MCO, PSY, SSR, ESMS_PA_CHAMP, ESMS_PH_CHAMP)
CHAMPS = CHAMPS_TABLEAU + (ESMS_DOMICILE_CHAMP, AUTRES_MS, COORDINATION_CHAMP, VILLE_CHAMP)
CHAMPS_SANITAIRES = (MCO, PSY, SSR)

# A sanitaire row counts the EG's units of the matching TRE_R227 champ (SSR is now called SMR);
# a medico-social row counts all the EG's units.
CHAMP_UO: dict[str, str] = {MCO: "01", SSR: "02", PSY: "03"}


@dataclass(frozen=True, slots=True)
class LigneCible:
    """One target row: an EG counted in one champ (a multi-champ hospital has one row per champ)."""

    eg_id: str
    champ: str
    region: str | None
    departement: str | None
    categorie: str


def plain(entity: Any) -> dict[str, Any]:
    """The codec's plain form (ISO date strings) of a model object; a dict is returned as is."""
    return entity if isinstance(entity, dict) else to_plain(entity)


def _iso(d: date | str | None) -> str | None:
    return d.isoformat() if isinstance(d, date) else d


def eg_ferme(eg: Any, reference: date | None = None) -> bool:
    """Closed in FINESS: a closing date, or lapsed (a caducité date on or before the reference day;
    our rule: a caducité announced for later does not lapse the EG yet)."""
    e = plain(eg)
    if e.get("date_fermeture"):
        return True
    caducite = e.get("date_caducite")
    return caducite is not None and caducite <= _iso(reference or date.today())


# Sources whose records never carry an opening date: a missing date there says nothing.
SOURCES_SANS_DATE_OUVERTURE = ("eurostat:", "sae:", "fhir:")


def ouverture_requise(eg: Any, date_ouverture_requise: bool | None = None) -> bool:
    """Whether this EG needs an opening date to be open: True / False force it; None (auto) requires
    it unless the record comes from a source that carries none (Eurostat, SAE, a ROR FHIR export) —
    every FINESS record has one, so FINESS data follows the national rule exactly."""
    if date_ouverture_requise is not None:
        return date_ouverture_requise
    source = str(plain(eg).get("source") or "")
    return not source.startswith(SOURCES_SANS_DATE_OUVERTURE)


def eg_ouvert(eg: Any, reference: date | None = None, *,
              date_ouverture_requise: bool | None = None) -> bool:
    """Open in FINESS: opened (an opening date on or before the reference day), not closed, not
    lapsed; see `ouverture_requise` for records without any opening date."""
    e = plain(eg)
    ouverture = e.get("date_ouverture")
    if ouverture is None:
        if ouverture_requise(e, date_ouverture_requise):
            return False
    elif ouverture > _iso(reference or date.today()):
        return False  # announced, not opened yet
    return not eg_ferme(e, reference)


def autorisation_compte(autorisation: Any, date_min: date = DATE_MIN_AUTORISATION) -> bool:
    """An authorisation counts when it ends on or after `date_min`; no end date means still valid."""
    fin = plain(autorisation).get("date_fin")
    return fin is None or fin >= date_min.isoformat()


def champs_sanitaires(categorie: str, autorisations: list[dict[str, Any]],
                      date_min: date = DATE_MIN_AUTORISATION) -> list[str]:
    """The champs of a sanitaire EG, in table order (spec §1): one target row per champ."""
    found: set[str] = set()
    if categorie in PSYCHIATRIE:
        found.add(PSY)
    if categorie == CEGIDD:
        found.add(MCO)
    for a in autorisations:
        if not autorisation_compte(a, date_min):
            continue
        activite = str(a.get("activite") or "").zfill(2)
        had = a.get("forme") == FORME_HAD
        if activite == ACTIVITE_PSY:
            found.add(PSY)
        elif activite in ACTIVITES_MCO or had:
            found.add(MCO)  # HAD counts as MCO whatever its activity, psychiatry apart
        elif activite in ACTIVITES_SSR:
            found.add(SSR)
    return [c for c in CHAMPS_SANITAIRES if c in found]


def champ_medico_social(categorie: str, categories_ror: frozenset[str] | None = None) -> str | None:
    """The single champ of a non-sanitaire EG from its category. "autres MS" is any other category of
    the ROR's category list (JDV_J55) when it is given; a category outside it is not in the target."""
    if categorie in ESMS_PA:
        return ESMS_PA_CHAMP
    if categorie in ESMS_PH:
        return ESMS_PH_CHAMP
    if categorie in ESMS_DOMICILE:
        return ESMS_DOMICILE_CHAMP
    if categorie in COORDINATION:
        return COORDINATION_CHAMP
    if categorie in VILLE:
        return VILLE_CHAMP
    if categories_ror is not None and categorie in categories_ror:
        return AUTRES_MS
    return None


def lignes_cible(eg: Any, *, date_min: date = DATE_MIN_AUTORISATION, reference: date | None = None,
                 categories_ror: frozenset[str] | None = None,
                 date_ouverture_requise: bool | None = None) -> list[LigneCible]:
    """The target rows of one EG (none when it is closed, lapsed, in 975 or outside the perimeter)."""
    e = plain(eg)
    if (not eg_ouvert(e, reference, date_ouverture_requise=date_ouverture_requise)
            or e.get("departement") in DEPARTEMENTS_EXCLUS):
        return []
    categorie = e.get("categorie") or ""
    if categorie in SANITAIRE:
        champs = champs_sanitaires(categorie, e.get("autorisations") or [], date_min)
    else:
        champ = champ_medico_social(categorie, categories_ror)
        champs = [champ] if champ else []
    return [LigneCible(e["id"], c, e.get("region"), e.get("departement"), categorie) for c in champs]


def motif_hors_perimetre(eg: Any, *, date_min: date = DATE_MIN_AUTORISATION,
                         reference: date | None = None,
                         categories_ror: frozenset[str] | None = None,
                         date_ouverture_requise: bool | None = None) -> str | None:
    """Why an EG has no target row (None when it has one): what the EG detail tells an ARS."""
    e = plain(eg)
    day = _iso(reference or date.today())
    if e.get("date_fermeture"):
        return f"fermée dans FINESS le {e['date_fermeture']}"
    if e.get("date_caducite") and e["date_caducite"] <= day:
        return f"caduque depuis le {e['date_caducite']}"
    if e.get("date_ouverture") is None and ouverture_requise(e, date_ouverture_requise):
        return "sans date d'ouverture dans FINESS"
    if e.get("date_ouverture") and e["date_ouverture"] > day:
        return f"ouverture prévue le {e['date_ouverture']}"
    if e.get("departement") in DEPARTEMENTS_EXCLUS:
        return f"département {e['departement']} exclu du programme"
    if lignes_cible(e, date_min=date_min, reference=reference, categories_ror=categories_ror,
                    date_ouverture_requise=date_ouverture_requise):
        return None
    if (e.get("categorie") or "") in SANITAIRE:
        return (f"établissement sanitaire sans autorisation MCO, PSY ou SSR valide au "
                f"{date_min.isoformat()} ou après")
    return f"catégorie {e.get('categorie')!r} hors du périmètre"


def champ_uo_de(champ: str) -> str | None:
    """The TRE_R227 unit champ a target row counts, or None when all the EG's units count."""
    return CHAMP_UO.get(champ)
