"""Everyday verbs and the noun the clinical labels use for the same need: "il ne dort plus" is a
sleep problem, "elle louche" a strabismus. Families describe needs with conjugated verbs; the
CIM-10 labels name them with the action noun (sommeil, strabisme, toux). Each verb's forms read as
its noun (`verbes.csv`: infinitive, noun, irregular forms).

Forms of regular first-group verbs (-er) are derived by the standard conjugation: present,
imperfect, past participle; other verbs list theirs. A verb may read as several label words
("manger": alimentation, and the "baies ingérées" of a poisoning).

Everyday nouns the labels never write read the same way (`equivalents.csv`): an irregular plural
("yeux" / "oeil") or an agent named for the mechanism the labels classify by ("javel", "soude":
corrosion, T26 / T54).
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..paths import fixtures_dir

# endings of a first-group verb's present (je/il, tu, ils, nous, vous), imperfect, past participle
TERMINAISONS_ER = ("e", "es", "ent", "ons", "ez", "ait", "ais", "aient", "é", "ée", "és", "ées", "ant")


def formes(infinitif: str, irregulieres: str = "") -> tuple[str, ...]:
    """The infinitive and its common conjugated forms: the listed ones, or for a regular -er verb
    those of the rule ("manger" keeps its e before a and o: "mangeons", "mangeait")."""
    out = [infinitif]
    listed = [f.strip() for f in irregulieres.split("|") if f.strip()]
    if listed:
        out += listed
    elif infinitif.endswith("er"):
        racine = infinitif[:-2]
        for t in TERMINAISONS_ER:
            doux = racine.endswith("g") and t[:1] in ("a", "o")
            out.append(racine + ("e" if doux else "") + t)
    return tuple(dict.fromkeys(out))


def noms(cellule: str) -> tuple[str, ...]:
    """The label words of a row ("alimentation|ingéré|ingérées")."""
    return tuple(n.strip() for n in cellule.split("|") if n.strip())


def charger_verbes(dossier: Path | None = None) -> list[tuple[str, str]]:
    """(verb form, noun) for every form of every verb of the shipped table."""
    dossier = dossier or fixtures_dir() / "terminologie"
    with (dossier / "verbes.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [(f, n) for r in rows for f in formes(r["infinitif"], r["formes"]) for n in noms(r["nom"])]


def charger_equivalents(dossier: Path | None = None) -> list[tuple[str, str]]:
    """(everyday word, label word) for every row of the table of equivalents."""
    dossier = dossier or fixtures_dir() / "terminologie"
    path = dossier / "equivalents.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [(f.strip(), n) for r in csv.DictReader(fh) for f in r["mots"].split("|") if f.strip()
                for n in noms(r["nom"])]
