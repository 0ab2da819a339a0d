"""The published region × champ table (spec §4): counts, ratios, the TOTAL row and the programme's
number format ("81,99%", "Donnée non disponible"), rendered as text, CSV and JSON from one dict.

The CLI and the API both render `Tableau.to_dict()`, so they cannot disagree.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..territoire import REGIONS
from .criteres import StatutPeuplement
from .perimetre import CHAMPS, CHAMPS_TABLEAU
from .statut import StatutEG

NON_DISPONIBLE = "Donnée non disponible"
TOTAL = "TOTAL"
INDICATEURS = {
    "peuples": "% EG peuplés ou en cours de peuplement",
    "qualite": "% EG peuplés respectant le critère qualité",
}


@dataclass(frozen=True, slots=True)
class Compte:
    """Counts of target rows of one region and champ, by status."""

    cible: int = 0
    finalise: int = 0
    en_cours: int = 0
    a_faire: int = 0

    def __add__(self, other: Compte) -> Compte:
        return Compte(self.cible + other.cible, self.finalise + other.finalise,
                      self.en_cours + other.en_cours, self.a_faire + other.a_faire)

    def numerateur(self, indicateur: str) -> int:
        return self.finalise + self.en_cours if indicateur == "peuples" else self.finalise


def pourcentage(num: int, den: int) -> Fraction | None:
    """100 × num / den exactly, or None when there is no denominator (no data)."""
    return None if den <= 0 else Fraction(100 * num, den)


def arrondi_half_up(value: Fraction, decimales: int = 0) -> Fraction:
    """Round half away from zero (values here are never negative): 75.5 → 76, 81.985 → 81.99."""
    scale = 10 ** decimales
    return Fraction(int(value * scale + Fraction(1, 2)), scale)


def format_pct(num: int, den: int) -> str:
    """The programme's way: two decimals, decimal comma, "%" glued: "81,99%"."""
    pct = pourcentage(num, den)
    if pct is None:
        return NON_DISPONIBLE
    r = arrondi_half_up(pct, 2)
    whole, cents = divmod(int(r * 100), 100)
    return f"{whole},{cents:02d}%"


def valeur_pct(num: int, den: int) -> float | None:
    pct = pourcentage(num, den)
    return None if pct is None else float(arrondi_half_up(pct, 2))


@dataclass(slots=True)
class Tableau:
    """Counts per (region, champ); regions outside the programme's 18 are counted apart."""

    cellules: dict[tuple[str, str], Compte] = field(default_factory=dict)
    hors_regions: int = 0

    def compte(self, region: str, champ: str) -> Compte:
        return self.cellules.get((region, champ), Compte())

    def total(self, champ: str) -> Compte:
        out = Compte()
        for region in REGIONS:
            out = out + self.compte(region, champ)
        return out

    def ligne(self, region: str, champ: str) -> Compte:
        return self.total(champ) if region == TOTAL else self.compte(region, champ)


def tableau_de(statuts: Iterable[StatutEG],
               region_of_departement: Callable[[str], str | None] | None = None) -> Tableau:
    """Group target rows by region and champ; a row without a region takes its département's."""
    cells: dict[tuple[str, str], list[int]] = {}
    hors = 0
    for s in statuts:
        region = s.ligne.region
        if region is None and s.ligne.departement and region_of_departement:
            region = region_of_departement(s.ligne.departement)
        if region not in REGIONS:
            hors += 1
            continue
        c = cells.setdefault((region, s.ligne.champ), [0, 0, 0, 0])
        c[0] += 1
        c[1 + (StatutPeuplement.FINALISE, StatutPeuplement.EN_COURS,
               StatutPeuplement.A_FAIRE).index(s.statut)] += 1
    return Tableau({k: Compte(*v) for k, v in cells.items()}, hors)


def evolution_points(cur: Compte | None, prev: Compte | None, indicateur: str) -> float | None:
    """The change of an indicator since the previous quarter, in percentage points: the exact
    difference of the two ratios rounded to one decimal, half away from zero (+3.2, -0.5); None
    when either quarter has no data (no snapshot, or no target row)."""
    if cur is None or prev is None:
        return None
    a = pourcentage(cur.numerateur(indicateur), cur.cible)
    b = pourcentage(prev.numerateur(indicateur), prev.cible)
    if a is None or b is None:
        return None
    d = a - b
    r = arrondi_half_up(abs(d), 1)
    return float(r if d >= 0 else -r)


def _cellule(c: Compte | None) -> dict[str, Any]:
    if c is None:  # no snapshot for that quarter: the data is not available
        return {"disponible": False, "cible": None, "finalise": None, "en_cours": None,
                "a_faire": None, "pct_peuples": NON_DISPONIBLE, "pct_qualite": NON_DISPONIBLE,
                "pct_peuples_valeur": None, "pct_qualite_valeur": None}
    return {"disponible": c.cible > 0, "cible": c.cible, "finalise": c.finalise,
            "en_cours": c.en_cours, "a_faire": c.a_faire,
            "pct_peuples": format_pct(c.numerateur("peuples"), c.cible),
            "pct_qualite": format_pct(c.numerateur("qualite"), c.cible),
            "pct_peuples_valeur": valeur_pct(c.numerateur("peuples"), c.cible),
            "pct_qualite_valeur": valeur_pct(c.numerateur("qualite"), c.cible)}


def to_dict(tableau: Tableau, *, champs: Iterable[str] = CHAMPS_TABLEAU,
            entete: dict[str, Any] | None = None, precedent: Tableau | None = None,
            avec_precedent: bool = False, applications: dict[str, int] | None = None) -> dict[str, Any]:
    """The table as plain JSON: one line per region in the programme's order, then TOTAL."""
    champs = list(champs)
    apps = applications or {}
    lignes = []
    for region in [*REGIONS, TOTAL]:
        line: dict[str, Any] = {
            "region": region, "libelle": REGIONS.get(region, TOTAL),
            "applications": sum(apps.get(r, 0) for r in REGIONS) if region == TOTAL
            else apps.get(region, 0),
            "champs": {},
        }
        for champ in champs:
            cur = tableau.ligne(region, champ)
            cell = _cellule(cur)
            if avec_precedent:
                prev = precedent.ligne(region, champ) if precedent else None
                cell["precedent"] = _cellule(prev)
                for ind in INDICATEURS:
                    cell[f"evolution_{ind}"] = evolution_points(cur, prev, ind)
            line["champs"][champ] = cell
        lignes.append(line)
    return {**(entete or {}), "champs": champs, "indicateurs": INDICATEURS,
            "hors_regions": tableau.hors_regions, "lignes": lignes}


def _valide_champ(champ: str) -> str:
    from ..errors import ValidationError

    for c in CHAMPS:
        if c.lower() == champ.strip().lower():
            return c
    raise ValidationError(f"champ: unknown champ {champ!r}, expected one of {', '.join(CHAMPS)}",
                          field="champ")


def champ_valide(champ: str | None) -> list[str]:
    """The champs to show: all the table's, or the one asked for (case-insensitive)."""
    return list(CHAMPS_TABLEAU) if champ is None else [_valide_champ(champ)]


def _heading(data: dict[str, Any], key: str) -> str:
    return data.get(key) or "courant"


def rendu_texte(data: dict[str, Any]) -> str:
    """The programme's layout: one block per champ, region rows in order, then TOTAL."""
    out: list[str] = []
    cur = _heading(data, "libelle")
    prev = (data.get("precedent") or {}).get("libelle")
    out.append(f"Suivi du peuplement du ROR — {cur}")
    for champ in data["champs"]:
        headers = ["Région"]
        for title in ("Nb EG cible", INDICATEURS["peuples"], INDICATEURS["qualite"]):
            if prev:
                headers.append(f"{title} {prev}")
            headers.append(f"{title} {cur}" if prev else title)
        headers.append("Applications connectées")
        rows = []
        for line in data["lignes"]:
            cell = line["champs"][champ]
            row = [line["libelle"] if line["region"] == TOTAL else f"{line['region']} {line['libelle']}"]
            for key in ("cible", "pct_peuples", "pct_qualite"):
                for c in ([cell["precedent"]] if prev else []) + [cell]:
                    v = c[key]
                    row.append(NON_DISPONIBLE if v is None else str(v))
            row.append(str(line["applications"]))
            rows.append(row)
        widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
        out.append("")
        out.append(champ)
        for r in [headers, *rows]:
            out.append(" | ".join(v.ljust(w) if i == 0 else v.rjust(w)
                                  for i, (v, w) in enumerate(zip(r, widths, strict=True))).rstrip())
    return "\n".join(out) + "\n"


CSV_COLUMNS = ["trimestre", "region", "libelle", "champ", "cible", "finalise", "en_cours", "a_faire",
               "pct_peuples", "pct_qualite"]


def rendu_csv(data: dict[str, Any]) -> str:
    """One line per region × champ (TOTAL included), ';'-separated as French spreadsheets expect."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    with_prev = data.get("precedent") is not None
    cols = CSV_COLUMNS + ([f"precedent_{c}" for c in CSV_COLUMNS[4:]] if with_prev else []) + [
        "applications"]
    w.writerow(cols)
    for line in data["lignes"]:
        for champ in data["champs"]:
            cell = line["champs"][champ]
            row = [data.get("trimestre") or "", line["region"], line["libelle"], champ]
            row += ["" if cell[k] is None else cell[k] for k in CSV_COLUMNS[4:]]
            if with_prev:
                row += ["" if cell["precedent"][k] is None else cell["precedent"][k]
                        for k in CSV_COLUMNS[4:]]
            row.append(line["applications"])
            w.writerow(row)
    return buf.getvalue()
