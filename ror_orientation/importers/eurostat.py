"""Reader of the Eurostat healthcare-facilities CSV for France (5,368 hospitals with WGS84 coordinates).

    read_eurostat(path, *, sae_id=DEFAULT, base=None) -> ImportResult

`id` is the FINESS ET number with its leading zero dropped by a spreadsheet (padded back to 9).
`facility_type` is a FINESS category label: it is mapped to its code by label through the FINESS
category table; when the SAE ID file (beside the CSV by default, `sae_id=None` to ignore it) knows the
establishment, its category and EJ win. `base` (an `Offre` or a `Store`) keeps SAE figures and
authorisations already held for the same EG. Categories outside JDV_J55 are skipped and counted.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from ..errors import ImportFormatError
from ..nomenclatures import Nomenclatures, default_nomenclatures
from ..offre import Adresse, Coordonnees, EntiteGeographique, EntiteJuridique, Offre
from ..paths import fixtures_dir
from ..territoire import fold
from ..validation import FINESS_RE
from . import ImportResult, Known, as_known, csv_rows, float_field, keep_held_figures, phone
from .localisation import locate

SOURCE = "eurostat:healthcare_FR_2020"
REQUIRED = ("id", "hospital_name", "lat", "lon", "postcode", "city", "facility_type")
_DEFAULT = object()


@lru_cache(maxsize=1)
def category_by_label() -> dict[str, str]:
    """FINESS category code by folded label (open categories win over closed ones of the same label)."""
    path = fixtures_dir() / "finess" / "nomenclatures" / "finess_categories_etablissement_avec_agregats_20211214.csv"
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    for row in sorted(rows, key=lambda r: r["datefin"] == ""):  # open ones last, so they win
        out[fold(row["libelle"])] = row["code"]
    return out


def _default_sae_id(path: Path) -> Path | None:
    found = sorted(path.parent.glob("sae*_ID_*.csv"))
    return found[0] if found else None


def read_eurostat(path: Path, *, sae_id: Path | None | object = _DEFAULT,
                  base: Offre | Known | None = None,
                  nomenclatures: Nomenclatures | None = None) -> ImportResult:
    path = Path(path)
    nom = nomenclatures or default_nomenclatures()
    j55 = nom.table("JDV_J55")
    labels = category_by_label()
    sae_path = _default_sae_id(path) if sae_id is _DEFAULT else sae_id
    sae_rows: dict[str, dict[str, str]] = {}
    if isinstance(sae_path, Path):
        sae_rows = {row["fi"]: row for _line, row in csv_rows(sae_path, ";")}
    find = as_known(base)
    result = ImportResult(source=SOURCE)
    rows = list(csv_rows(path, ","))
    find.prefetch("eg", {row.get("id", "").zfill(9) for _line, row in rows})
    find.prefetch("ej", {r["fi_ej"] for r in sae_rows.values() if r.get("fi_ej")})
    for line, row in rows:
        result.read += 1
        for name in REQUIRED:
            if name not in row:
                raise ImportFormatError(path.name, line, "column missing from the header", field=name)
            if not row[name]:
                raise ImportFormatError(path.name, line, "mandatory value missing", field=name)
        finess = row["id"].zfill(9)
        if not FINESS_RE.match(finess):
            raise ImportFormatError(path.name, line, f"not a FINESS number: {row['id']!r}", field="id")
        sae = sae_rows.get(finess)
        categorie = sae["cat"] if sae else labels.get(fold(row["facility_type"]))
        if categorie is None:
            result.skip(f"{path.name}:{line}", "facility_type without a FINESS category",
                        row["facility_type"])
            continue
        if categorie not in j55:
            result.skip(f"{path.name}:{line}", f"category {categorie} outside JDV_J55", finess)
            continue
        lat = float_field(row["lat"], path.name, line, "lat")
        lon = float_field(row["lon"], path.name, line, "lon")
        lieu = locate(insee=sae["COMINSEE"] if sae else None, postcode=row["postcode"], city=row["city"],
                      finess=finess)
        nom_eg = row["hospital_name"] + (f" - {row['site_name']}" if row["site_name"] else "")
        eg = EntiteGeographique(
            id=finess, ej_id=sae["fi_ej"] if sae else None, nom=nom_eg, categorie=categorie,
            adresse=Adresse(numero=row.get("house_number") or None, voie=row.get("street") or None,
                            code_postal=row["postcode"], localite=row["city"],
                            commune_insee=lieu.commune_insee),
            coordonnees=Coordonnees(lat, lon), region=lieu.region, departement=lieu.departement,
            telephone=phone(row.get("tel", "")), siret=(sae or {}).get("sir") or None, source=SOURCE)
        eg = keep_held_figures(eg, find.eg(finess))
        if finess in result.offre.eg:
            result.skip(f"{path.name}:{line}", "duplicate FINESS number", finess)
            continue
        result.offre.add(eg)
        if eg.ej_id and eg.ej_id not in result.offre.ej and find.ej(eg.ej_id) is None:
            result.offre.add(EntiteJuridique(id=eg.ej_id, nom=_ej_name(eg.ej_id, sae_rows, row),
                                             statut_juridique=(sae or {}).get("stj") or None,
                                             source=SOURCE))
    return result


def _ej_name(ej_id: str, sae_rows: dict[str, dict[str, str]], row: dict[str, str]) -> str:
    """Neither file names the EJ: use its own SAE row if it is also an ET, else the hospital name."""
    own = sae_rows.get(ej_id)
    return own["rs"] if own else row["hospital_name"]
