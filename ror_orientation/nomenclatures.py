"""The ANS nomenclatures (TRE / JDV tables) and the checking of coded fields against them.

Every coded field of the model names its table here; an unknown code is an error naming the field,
the code and the table, a deprecated one is accepted with a warning.
"""

from __future__ import annotations

import csv
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import NotFoundError, UnknownCodeError
from .paths import fixtures_dir


class DeprecatedCodeWarning(UserWarning):
    """A code that its table marks deprecated: still accepted, but the data should be updated."""


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    libelle: str
    libelle_court: str | None
    actif: bool
    date_debut: str | None
    date_fin: str | None


@dataclass(frozen=True, slots=True)
class Table:
    id: str  # e.g. "TRE_R211"
    nom: str  # e.g. "ActiviteOperationnelle"
    codes: dict[str, Code]

    def label(self, code: str) -> str:
        c = self.codes.get(code)
        return c.libelle if c else code

    def __contains__(self, code: object) -> bool:
        return code in self.codes


# Which table each coded field of the model is checked against.
FIELD_TABLES: dict[str, str] = {
    "eg.categorie": "JDV_J55",
    "oi.type": "TRE_R207",
    "uo.champ": "TRE_R227",
    "uo.activite": "TRE_R211",
    "uo.mode_prise_en_charge": "TRE_R213",
    "uo.categorie_organisation": "TRE_R244",
    "uo.actes": "TRE_R210",
    "uo.competences": "TRE_R243",
    "uo.publics": "TRE_R239",
    "uo.specialisations": "TRE_R245",
    "uo.temporalites_accueil": "TRE_R240",
    "uo.equipements.code": "TRE_R212",
    "uo.equipements.caracteristique": "TRE_R340",
    "capacite.nature": "TRE_R329",
    "capacite.statut": "TRE_R330",
    "capacite.temporalite": "TRE_R331",
    "capacite.genre": "TRE_R332",
    "capacite.source": "TRE_R335",
    "capacite.crise": "TRE_R336",
    "capacite.type_lit_supplementaire": "TRE_R334",
    "professionnel.profession": "TRE_G15",
    "professionnel.specialite": "TRE_R38",
    "exercice.activite": "TRE_R211",
    "exercice.equipements": "TRE_R212",
    "exercice.mode_exercice": "TRE_R23",
    "exercice.savoir_faire": "JDV_J209",
    "capacite.type_fermeture": "TRE_R333",
    "capacite.affectation_temporaire": "TRE_R337",
    "lieu.fonctions": "TRE_R343",
    "uo.horaires.type_horaire": "TRE_R252",
    "uo.type_maternite": "TRE_R253",
    "uo.ouverture_annuelle": "TRE_R238",
    "eg.aides_financieres": "TRE_R241",
    "ej.statut_juridique": "TRE_R72",  # checked by the FHIR reader (other sources carry other codes)
    "ej.agregat_statut_juridique": "TRE_R69",
    "identifiant.structure": "TRE_G07",
    "identifiant.offre": "TRE_R355",
    "identifiant.lieu": "TRE_R354",
    "identifiant.oi": "TRE_R345",
    "telecom.canal": "TRE_R200",
    "uo.zones_intervention.type": "TRE_R201",
    "contact.nature": "TRE_R287",
    "uo.region": "TRE_R30",
    "lieu.region": "TRE_R30",
    # the ROR binds age units to JDV_J37 (UCUM time units, from TRE_R247, which is not shipped)
    "uo.tranche_age.unite": "JDV_J37",
}

# The ROR value set (JDV) the IG binds a field to, where it is narrower than the field's table: a
# code of the table outside the value set is refused, unless the table marks it deprecated (then
# it is old data: accepted with a warning that names the value set).
FIELD_JDV: dict[str, str] = {
    "uo.activite": "JDV_J17",
    "uo.categorie_organisation": "JDV_J238",
    "oi.type": "JDV_J203",
    "capacite.genre": "JDV_J190",
    "telecom.canal": "JDV_J225",
    "uo.zones_intervention.type": "JDV_J223",
    "contact.nature": "JDV_J221",
}


def _read_table(path: Path) -> Table:
    stem = path.stem  # TRE_R211_ActiviteOperationnelle / TRE_G15-ProfessionSante_20250328
    if stem.startswith("TRE_G15") or stem.startswith("TRE_R38-"):
        table_id, nom = stem.split("-", 1)[0], stem.split("-", 1)[1].rsplit("_", 1)[0]
    else:
        parts = stem.split("_")
        table_id, nom = "_".join(parts[:2]), "_".join(parts[2:])
    codes: dict[str, Code] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        sample = fh.read(4096)
        fh.seek(0)
        dialect = csv.Sniffer().sniff(sample.splitlines()[0], delimiters=",;")
        for row in csv.DictReader(fh, dialect=dialect):
            code = (row.get("code") or row.get("Code") or "").strip()
            if not code:
                continue
            statut = (row.get("statut") or "active").strip()
            codes[code] = Code(
                code=code,
                libelle=(row.get("libelle") or row.get("Libellé") or code).strip(),
                libelle_court=(row.get("libelle_court") or "").strip() or None,
                actif=statut != "deprecated",
                date_debut=(row.get("date_debut") or "").strip() or None,
                date_fin=(row.get("date_fin") or "").strip() or None,
            )
    return Table(table_id, nom, codes)


class Nomenclatures:
    """All tables, by id (`TRE_R211`, `JDV_J55`, `TRE_G15`...)."""

    def __init__(self, tables: dict[str, Table]) -> None:
        self.tables = tables

    @classmethod
    def load(cls, root: Path | None = None) -> Nomenclatures:
        root = root or fixtures_dir()
        files = sorted((root / "nomenclatures").glob("*.csv"))
        files += [p for p in sorted((root / "rpps").glob("TRE_*.csv"))]
        tables = {}
        for p in files:
            t = _read_table(p)
            tables[t.id] = t
        return cls(tables)

    def table(self, table_id: str) -> Table:
        try:
            return self.tables[table_id]
        except KeyError:
            raise NotFoundError(f"unknown nomenclature table {table_id!r}", field="table") from None

    def label(self, table_id: str, code: str) -> str:
        return self.table(table_id).label(code)

    def check(self, field: str, code: str | None, *, table_id: str | None = None) -> None:
        """Refuse an unknown code (naming field, code and table); warn on a deprecated one."""
        if code is None:
            return
        tid = table_id or FIELD_TABLES[field]
        table = self.table(tid)
        entry = table.codes.get(code)
        if entry is None:
            raise UnknownCodeError(field, code, tid)
        jdv_id = FIELD_JDV.get(field) if table_id is None else None
        jdv = self.tables.get(jdv_id) if jdv_id else None
        if jdv is not None and code not in jdv.codes:
            if entry.actif:
                exc = UnknownCodeError(field, code, jdv.id)
                exc.message = (f"{field}: code {code!r} of {tid} ({entry.libelle}) is not in the ROR "
                               f"value set {jdv.id}")
                exc.args = (exc.message,)
                raise exc
            warnings.warn(f"{field}: code {code!r} is deprecated in {tid} ({entry.libelle}) and no "
                          f"longer in the ROR value set {jdv.id}", DeprecatedCodeWarning, stacklevel=2)
            return
        if not entry.actif:
            warnings.warn(f"{field}: code {code!r} is deprecated in {tid} ({entry.libelle})",
                          DeprecatedCodeWarning, stacklevel=2)


def default_nomenclatures(root: str | None = None) -> Nomenclatures:
    """The tables of `root`, by default of the reference data folder (ROR_FIXTURES_DIR), loaded
    once per folder: the folder is resolved at each call, so a setting changed later is seen."""
    return _load((Path(root) if root else fixtures_dir()).resolve())


@lru_cache(maxsize=4)
def _load(root: Path) -> Nomenclatures:
    return Nomenclatures.load(root)
