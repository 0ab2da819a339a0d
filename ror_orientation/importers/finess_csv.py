"""Reader of the public national FINESS extract `etalab_cs1100507` (data.gouv.fr), `;`-separated.

    read_finess_csv(path, base=None, *, nomenclatures=None) -> ImportResult

Layout (fixtures/finess/nomenclatures/format_etalabcs1100507.utf8.csv): a first line
`finess;etalab;<version>;<date>`, then `structureet;…` rows (30 fields, a trailing `numuai` tolerated) and
`geolocalisation;nofinesset;coordxet;coordyet;sourcecoordet;datemaj` rows, in latin-1 or UTF-8.
Coordinates are projected to WGS84 from the system `sourcecoordet` names (Lambert-93 or an overseas UTM
zone), else the département's. Categories outside JDV_J55 (the ROR perimeter) are skipped and counted;
a malformed row is an ImportFormatError naming file, line and field. The EJ of each site is created
when neither the file nor `base` holds it, named after its own site if it is one, else its first site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..errors import ImportFormatError, ValidationError
from ..nomenclatures import Nomenclatures, default_nomenclatures
from ..offre import Adresse, EntiteGeographique, EntiteJuridique, Offre
from ..projection import system_of, to_wgs84
from . import ImportResult, Known, as_known, float_field, keep_held_figures, phone, read_text
from .localisation import insee_code, region_of

SOURCE = "finess:etalab_cs1100507"
STRUCTURE_FIELDS = ("nofinesset nofinessej rs rslongue complrs compldistrib numvoie typvoie voie "
                    "compvoie lieuditbp commune departement libdepartement ligneacheminement telephone "
                    "telecopie categetab libcategetab categagretab libcategagretab siret codeape codemft "
                    "libmft codesph libsph dateouv dateautor datemaj").split()
GEO_FIELDS = ("nofinesset", "coordxet", "coordyet", "sourcecoordet", "datemaj")
MANDATORY = ("nofinesset", "nofinessej", "rs", "commune", "departement", "ligneacheminement",
             "categetab")
PATTERNS = {
    "nofinesset": re.compile(r"^[0-9][0-9A-Z][0-9]{7}$"),
    "nofinessej": re.compile(r"^[0-9][0-9A-Z][0-9]{7}$"),
    "commune": re.compile(r"^[0-9]{3}$"),
    "departement": re.compile(r"^[0-9][0-9A-Z]$"),
    "categetab": re.compile(r"^[0-9]{3}$"),
    "ligneacheminement": re.compile(r"^[0-9]{5} .+$"),
}


@dataclass(frozen=True, slots=True)
class _Geo:
    line: int
    x: str
    y: str
    source: str


def read_finess_csv(path: Path, base: Offre | Known | None = None, *,
                    nomenclatures: Nomenclatures | None = None) -> ImportResult:
    path = Path(path)
    name = path.name
    j55 = (nomenclatures or default_nomenclatures()).table("JDV_J55")
    find = as_known(base)
    lines = read_text(path).splitlines()
    if not lines or not lines[0].lower().startswith("finess;etalab"):
        raise ImportFormatError(name, 1, "not an etalab_cs1100507 extract (first line should be "
                                "'finess;etalab;…')", field="header")
    result = ImportResult(source=SOURCE)
    geo: dict[str, _Geo] = {}
    first_site_of_ej: dict[str, str] = {}
    for number, text in enumerate(lines[1:], start=2):
        if not text.strip():
            continue
        parts = text.split(";")
        section = parts[0].strip().lower()
        if section == "geolocalisation":
            if len(parts) != len(GEO_FIELDS) + 1:
                raise ImportFormatError(name, number, f"geolocalisation row has {len(parts) - 1} fields,"
                                        f" expected {len(GEO_FIELDS)}", field="geolocalisation")
            finess = parts[1].strip()
            if not PATTERNS["nofinesset"].match(finess):
                raise ImportFormatError(name, number, f"not a FINESS number: {finess!r}",
                                        field="nofinesset")
            geo[finess] = _Geo(number, parts[2].strip(), parts[3].strip(), parts[4].strip())
            continue
        if section != "structureet":
            raise ImportFormatError(name, number, f"unknown section {parts[0]!r}", field="section")
        if len(parts) - 1 not in (len(STRUCTURE_FIELDS), len(STRUCTURE_FIELDS) + 1):  # + numuai
            raise ImportFormatError(name, number, f"structureet row has {len(parts) - 1} fields, "
                                    f"expected {len(STRUCTURE_FIELDS)}", field="structureet")
        row = {f: v.strip() for f, v in zip(STRUCTURE_FIELDS, parts[1:], strict=False)}
        _check_row(row, name, number)
        result.read += 1
        finess = row["nofinesset"]
        if row["categetab"] not in j55:
            result.skip(f"{name}:{number}", f"category {row['categetab']} outside JDV_J55", finess)
            continue
        if finess in result.offre.eg:
            raise ImportFormatError(name, number, f"FINESS number {finess} given twice",
                                    field="nofinesset")
        result.offre.add(_eg(row, name, number))
        first_site_of_ej.setdefault(row["nofinessej"], finess)
    find.prefetch("eg", result.offre.eg)
    for finess, eg in result.offre.eg.items():
        result.offre.eg[finess] = keep_held_figures(eg, find.eg(finess))
    _place(result, geo, name)
    find.prefetch("ej", first_site_of_ej)
    for ej_id, site in first_site_of_ej.items():
        if find.ej(ej_id) is None:
            own = result.offre.eg.get(ej_id) or result.offre.eg[site]
            result.offre.add(EntiteJuridique(id=ej_id, nom=own.nom, source=SOURCE))
    return result


def _check_row(row: dict[str, str], name: str, number: int) -> None:
    for f in MANDATORY:
        if not row.get(f):
            raise ImportFormatError(name, number, "mandatory value missing", field=f)
    for f, pattern in PATTERNS.items():
        if not pattern.match(row[f]):
            raise ImportFormatError(name, number, f"{row[f]!r} does not match {pattern.pattern}",
                                    field=f)


def _date(value: str, name: str, number: int, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ImportFormatError(name, number, f"not a date (YYYY-MM-DD): {value!r}", field=field) from None


def _eg(row: dict[str, str], name: str, number: int) -> EntiteGeographique:
    insee = insee_code(row["departement"] + row["commune"])
    dep = insee[:3] if insee.startswith("97") else row["departement"]
    code_postal, _, localite = row["ligneacheminement"].partition(" ")
    return EntiteGeographique(
        id=row["nofinesset"], ej_id=row["nofinessej"], nom=row["rslongue"] or row["rs"],
        categorie=row["categetab"],
        adresse=Adresse(numero=(row["numvoie"] + row["compvoie"]) or None,
                        type_voie=row["typvoie"] or None, voie=row["voie"] or None,
                        lieu_dit=row["lieuditbp"] or None, code_postal=code_postal,
                        localite=localite.strip() or None, commune_insee=insee),
        region=region_of(dep), departement=dep, telephone=phone(row["telephone"]),
        date_ouverture=_date(row["dateouv"], name, number, "dateouv"),
        siret=row["siret"] or None, source=SOURCE)


def _place(result: ImportResult, geo: dict[str, _Geo], name: str) -> None:
    """Attach the geolocalisation rows to their sites, projected to WGS84."""
    for finess, g in geo.items():
        eg = result.offre.eg.get(finess)
        if eg is None:
            if not any(s.detail == finess for s in result.skipped):
                result.skip(f"{name}:{g.line}", "geolocalisation of a site absent from structureet",
                            finess)
            continue
        if not g.x or not g.y:
            continue
        x = float_field(g.x, name, g.line, "coordxet")
        y = float_field(g.y, name, g.line, "coordyet")
        system = system_of(g.source, eg.departement)
        try:
            coords = to_wgs84(x, y, system)
        except ValidationError as exc:
            raise ImportFormatError(name, g.line, exc.message, field="coordxet") from exc
        result.offre.eg[finess] = replace(eg, coordonnees=coords)
