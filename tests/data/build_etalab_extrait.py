"""Build `etalab_cs1100507_extrait.csv`: a small extract in the national FINESS layout, from real records.

The full national file is not shipped. Every establishment here is real: the open `structureet` records
of the FINESS XML stock fixture (finess_cs1400102) plus the closed SMUR 010787190 (category 321, outside
JDV_J55), the Clinique Convert of the ANS JSON sample with its real Lambert-93 coordinates, and a sample of
SAE 2023 establishments (identity, address, category) of several départements, Corsica and every
overseas département. Their `geolocalisation` rows carry Eurostat's real WGS84 position projected into
the system FINESS uses there (Lambert-93, or the local UTM zone overseas); `sourcecoordet` says so.
Fields no source gives stay empty; `datemaj` of an SAE row is the end of the SAE year.

Run from the project root: `.venv/bin/python tests/data/build_etalab_extrait.py` (deterministic).
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from ror_orientation.offre import Coordonnees
from ror_orientation.paths import fixtures_dir
from ror_orientation.projection import BY_DEPARTEMENT, from_wgs84
from ror_orientation.territoire import default_territoire

FIX = fixtures_dir()
OUT = Path(__file__).with_name("etalab_cs1100507_extrait.csv")
FIELDS = ("nofinesset nofinessej rs rslongue complrs compldistrib numvoie typvoie voie compvoie "
          "lieuditbp commune departement libdepartement ligneacheminement telephone telecopie categetab "
          "libcategetab categagretab libcategagretab siret codeape codemft libmft codesph libsph dateouv "
          "dateautor datemaj").split()
SAE_DEPARTEMENTS = ("01", "35", "29", "75", "13", "2A", "2B", "9A", "9B", "9C", "9D", "9F")
PER_DEPARTEMENT = 3


def categories() -> dict[str, dict[str, str]]:
    path = FIX / "finess" / "nomenclatures" / "finess_categories_etablissement_avec_agregats_20211214.csv"
    with path.open(encoding="utf-8") as fh:
        return {r["code"]: r for r in csv.DictReader(fh, delimiter=";")}


def xml_rows() -> list[tuple[dict[str, str], None]]:
    tree = ET.parse(FIX / "finess" / "helios-flux-fixtures" / "finess_cs1400102_stock_20211214-0336.xml")
    out = []
    for node in tree.getroot().iter("structureet"):
        rec = {child.tag: (child.text or "").strip() for child in node}
        if rec.get("datefermeture") and rec["nofinesset"] != "010787190":
            continue
        row = {f: rec.get(f, "") for f in FIELDS}
        out.append((row, None))
    return out


def json_rows() -> list[tuple[dict[str, str], tuple[str, str, str]]]:
    path = FIX / "finess" / "ansforge-finess" / "exemple-finess-structures-journalier-20260309.SUBSET.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    cats = categories()
    out = []
    for pm in data["pmej"]:
        for ege in pm["ege"]:
            info = ege["informationsGeneralesEGE"]
            if info.get("dateFermeture"):
                continue
            adr = ege["adresse"][0]
            geo = adr["coordonneesGeographique"]
            cat = ege["categorieentiteGeographiqueExercice"]
            row = dict.fromkeys(FIELDS, "")
            row.update(nofinesset=info["numFinessEge"], nofinessej=pm["informationsGeneralesPMEJ"]["numFinessPm"],
                       rs=info["nomEgeCourt"].strip(), rslongue=info["nomEgeLong"].strip(),
                       numvoie=adr.get("numeroVoie", ""), typvoie=adr.get("typeVoie", "").strip(),
                       voie=adr.get("libelleVoie", "").strip(), lieuditbp=adr.get("lieuDit", ""),
                       commune=adr["cogCommune"][2:], departement=adr["cogCommune"][:2],
                       libdepartement="AIN",
                       ligneacheminement=f"{adr['codePostal']} {adr['ligneAcheminement']}",
                       telephone=ege["contact"][0]["telecom"].get("telephone", ""), categetab=cat,
                       libcategetab=cats[cat]["libelle"], categagretab=cats[cat]["codeagr3"],
                       libcategagretab=cats[cat]["libelleagr3"], siret=info.get("siret", ""),
                       codemft=ege.get("modefixationtarifaire", ""), dateouv=info.get("dateOuverture", ""),
                       dateautor=info.get("datePremiereAutorisation", ""),
                       datemaj=ege["dateDerniereMaj"][:10])
            # In this flux coordonneeX is the Lambert-93 northing and coordonneeY the easting.
            geoloc = (geo["coordonneeY"], geo["coordonneeX"],
                      f"1,BAN,{round(float(geo['scoreBAN']) * 100)},ANS,FINESS_STRUCTURES,V1,LAMBERT_93")
            out.append((row, geoloc))
    return out


def sae_rows() -> list[tuple[dict[str, str], tuple[str, str, str] | None]]:
    with (FIX / "etablissements" / "eurostat_healthcare_FR_2020.csv").open(encoding="utf-8") as fh:
        eurostat = {r["id"].zfill(9): r for r in csv.DictReader(fh)}
    with (FIX / "etablissements" / "sae2023_ID_2023r.latin1.csv").open(encoding="latin-1") as fh:
        sae = list(csv.DictReader(fh, delimiter=";"))
    cats = categories()
    names = default_territoire().dept_names
    taken: dict[str, int] = {}
    out = []
    for r in sae:
        dep = r["dep"]
        if dep not in SAE_DEPARTEMENTS or r["cat"] == "999" or r["fi"] not in eurostat:
            continue
        if taken.get(dep, 0) >= PER_DEPARTEMENT:
            continue
        taken[dep] = taken.get(dep, 0) + 1
        eu = eurostat[r["fi"]]
        cat = cats[r["cat"]]
        tel = "".join(ch for ch in eu["tel"] if ch.isdigit())
        row = dict.fromkeys(FIELDS, "")
        row.update(nofinesset=r["fi"], nofinessej=r["fi_ej"], rs=r["rs"][:38],
                   rslongue=eu["hospital_name"][:60], numvoie=r["NUMVOI"], typvoie=r["TYPVOI"][:4],
                   voie=r["NOMVOI"][:27], lieuditbp=r["COMPD"] or r["BP"], commune=r["COMINSEE"][2:],
                   departement=dep, libdepartement=names.get(dep, "").upper()[:24],
                   ligneacheminement=f"{r['CPO']} {r['LIBCOM']}",
                   telephone=tel.zfill(10) if len(tel) == 9 else tel, categetab=r["cat"],
                   libcategetab=cat["libelle"], categagretab=cat["codeagr3"],
                   libcategagretab=cat["libelleagr3"], siret=r["sir"],
                   datemaj="2023-12-31")
        system = BY_DEPARTEMENT.get(dep, "LAMBERT_93")
        x, y = from_wgs84(Coordonnees(float(eu["lat"]), float(eu["lon"])), system)
        source = f"1,EUROSTAT,{100 if eu['geo_qual'] == '1' else 50},GISCO,HEALTHCARE_FR,2020,{system}"
        if dep == "9C" and taken[dep] == 1:
            source = "3,EUROSTAT,50,GISCO,HEALTHCARE_FR,2020,"  # no system named: the département decides
        out.append((row, (f"{x:.1f}", f"{y:.1f}", source)))
    return out


def main() -> None:
    records = xml_rows() + json_rows() + sae_rows()
    lines = ["finess;etalab;95;2024-01-01"]
    geolines = []
    for row, geo in records:
        lines.append(";".join(["structureet"] + [row[f].replace(";", ",") for f in FIELDS]))
        if geo:
            geolines.append(f"geolocalisation;{row['nofinesset']};{geo[0]};{geo[1]};{geo[2]};{row['datemaj']}")
    OUT.write_bytes(("\n".join(lines + geolines) + "\n").encode("latin-1"))
    print(f"{OUT}: {len(records)} structureet, {len(geolines)} geolocalisation")


if __name__ == "__main__":
    main()
