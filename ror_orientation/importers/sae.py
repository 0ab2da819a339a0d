"""Reader of the SAE 2023 files (DREES, `;`, ISO-8859-1): identities, MCO beds and emergency units.

    read_sae(path, base=None, *, commune_centroid=False, nomenclatures=None) -> ImportResult

`path` is the ID file, any of the three files, or the folder holding `sae*_ID_*`, `sae*_MCO_*` and
`sae*_URGENCES2_*`. The figures go to the EG's `sae` dict: from MCO every `LIT_*`, `PLA_*` column plus
`SEJHC_MCO`/`SEJHP_MCO`; from URGENCES2 `URG_PASSU` and `LIT_UHCD` (summed over the general and
paediatric rows) and `URG_GEN_PASSU` / `URG_PED_PASSU`. When `base` (an `Offre` or a `Store`) already
holds the EG, the figures are MERGED into it and nothing else changes; otherwise the EG is built from
the ID row (category `cat`, address, COMINSEE, EJ `fi_ej`), without coordinates unless
`commune_centroid=True` puts it on its commune's centroid. Rows whose category is outside JDV_J55, and
figure rows of an establishment neither in the ID file nor in `base`, are skipped and counted.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import ImportFormatError
from ..nomenclatures import Nomenclatures, default_nomenclatures
from ..offre import Adresse, Coordonnees, EntiteGeographique, EntiteJuridique, Offre
from ..territoire import default_territoire
from ..validation import FINESS_RE
from . import ImportResult, Known, as_known, csv_rows, int_or_none
from .localisation import locate

SOURCE = "sae:2023"
MCO_EXTRA = ("SEJHC_MCO", "SEJHP_MCO")


def sae_files(path: Path) -> dict[str, Path]:
    """The ID, MCO and URGENCES2 files from a folder or from one of them (its siblings)."""
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    if not folder.is_dir():
        raise FileNotFoundError(2, "no such file or folder", str(path))
    out: dict[str, Path] = {}
    for part in ("ID", "MCO", "URGENCES2"):
        found = sorted(folder.glob(f"sae*_{part}_*.csv"))
        if found:
            out[part] = found[0]
    if path.is_file() and not any(p == path for p in out.values()):
        out["ID"] = path  # an ID file with another name
    if "ID" not in out:
        raise ImportFormatError(str(path), None, "no SAE ID file (sae*_ID_*.csv) found", field="ID")
    return out


def read_sae(path: Path, base: Offre | Known | None = None, *, commune_centroid: bool = False,
             nomenclatures: Nomenclatures | None = None) -> ImportResult:
    files = sae_files(path)
    nom = nomenclatures or default_nomenclatures()
    j55 = nom.table("JDV_J55")
    find = as_known(base)
    result = ImportResult(source=SOURCE)
    ids: dict[str, tuple[int, dict[str, str]]] = {}
    for line, row in csv_rows(files["ID"], ";"):
        for name in ("fi", "rs", "cat"):
            if not row.get(name):
                raise ImportFormatError(files["ID"].name, line, "mandatory value missing", field=name)
        if not FINESS_RE.match(row["fi"]):
            raise ImportFormatError(files["ID"].name, line, f"not a FINESS number: {row['fi']!r}",
                                    field="fi")
        ids[row["fi"]] = (line, row)
    figures: dict[str, dict[str, int]] = {fi: {} for fi in ids}
    read_figures(files, figures, result)
    find.prefetch("eg", set(figures) | set(ids))
    find.prefetch("ej", {row["fi_ej"] for _line, row in ids.values() if row.get("fi_ej")})
    # MCO / URGENCES rows of establishments absent from the ID file can only merge into held data.
    for fi in sorted(set(figures) | set(ids)):
        result.read += 1
        held = find.eg(fi)
        if held is not None:
            result.offre.add(replace(held, sae={**held.sae, **figures.get(fi, {})}))
            continue
        if fi not in ids:
            result.skip(f"SAE {fi}", "figures for an establishment unknown to the ID file and the base")
            continue
        line, row = ids[fi]
        if row["cat"] not in j55:
            result.skip(f"{files['ID'].name}:{line}", f"category {row['cat']} outside JDV_J55", fi)
            continue
        eg = _eg_from_id(row, figures.get(fi, {}), commune_centroid)
        result.offre.add(eg)
        ej_id = eg.ej_id
        if ej_id and ej_id not in result.offre.ej and find.ej(ej_id) is None:
            own = ids.get(ej_id)
            result.offre.add(EntiteJuridique(id=ej_id, nom=(own or (0, row))[1]["rs"],
                                             statut_juridique=row.get("stj") or None, source=SOURCE))
    return result


def read_figures(files: dict[str, Path], figures: dict[str, dict[str, int]], result: ImportResult) -> None:
    """Fill `figures[finess]` from the MCO and URGENCES2 files (when present)."""
    if "MCO" in files:
        for line, row in csv_rows(files["MCO"], ";"):
            fi = _finess(row, files["MCO"], line)
            out = figures.setdefault(fi, {})
            for name, value in row.items():
                if name.startswith(("LIT_", "PLA_")) or name in MCO_EXTRA:
                    n = int_or_none(value, files["MCO"].name, line, name)
                    if n is not None:
                        out[name] = n
    if "URGENCES2" in files:
        seen: set[str] = set()
        for line, row in csv_rows(files["URGENCES2"], ";"):
            fi = _finess(row, files["URGENCES2"], line)
            out = figures.setdefault(fi, {})
            if fi not in seen:  # a re-import replaces, never adds to, the held totals
                seen.add(fi)
                out["URG_PASSU"] = 0
                out["LIT_UHCD"] = 0
            kind = row.get("URG") or "GEN"
            passu = int_or_none(row.get("PASSU", ""), files["URGENCES2"].name, line, "PASSU") or 0
            uhcd = int_or_none(row.get("LIT_UHCD", ""), files["URGENCES2"].name, line, "LIT_UHCD") or 0
            out[f"URG_{kind}_PASSU"] = out.get(f"URG_{kind}_PASSU", 0) + passu
            out["URG_PASSU"] += passu
            out["LIT_UHCD"] += uhcd


def _finess(row: dict[str, str], path: Path, line: int) -> str:
    fi = row.get("FI") or row.get("fi") or ""
    if not FINESS_RE.match(fi):
        raise ImportFormatError(path.name, line, f"not a FINESS number: {fi!r}", field="FI")
    return fi


def _eg_from_id(row: dict[str, str], figures: dict[str, int], commune_centroid: bool) -> EntiteGeographique:
    lieu = locate(insee=row.get("COMINSEE") or None, postcode=row.get("CPO") or None,
                  city=row.get("LIBCOM") or row.get("NOMCOM"))
    coords = None
    c = default_territoire().communes.get(lieu.commune_insee or "") if commune_centroid else None
    if c is not None:
        coords = Coordonnees(c.lat, c.lon)
    return EntiteGeographique(
        id=row["fi"], ej_id=row.get("fi_ej") or None, nom=row["rs"], categorie=row["cat"],
        adresse=Adresse(numero=row.get("NUMVOI") or None, type_voie=row.get("TYPVOI") or None,
                        voie=row.get("NOMVOI") or None, lieu_dit=row.get("COMPD") or None,
                        code_postal=row.get("CPO") or None,
                        localite=row.get("LIBCOM") or row.get("NOMCOM") or None,
                        commune_insee=lieu.commune_insee),
        coordonnees=coords, region=lieu.region or (row.get("reg") or None),
        departement=lieu.departement, siret=row.get("sir") or None, sae=dict(figures), source=SOURCE)
