"""SMR mentions: the rehabilitation a speciality or an event calls for.

"SMR après un infarctus", "rééducation neurologique": the speciality named beside a rehabilitation
word says which SMR mention (décret n° 2022-24) is asked, not an acute unit. The mentions and the
CIM-10 chapters each takes care of are data (`fixtures/terminologie/smr_mentions.csv`); which acute
activity belongs to which mention is derived from the CIM-10 routes (`cim10_vers_ror.csv`): an
activity most of whose routes lie in a mention's chapters is that mention's acute side.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..paths import fixtures_dir
from .synonymes import Entree

MAJORITE = 0.5  # share of an activity's CIM-10 routes a mention must hold to claim it
MIN_ROUTES = 2  # and at least this many routes: one or two rows say too little about an activity
# Concepts that say "rehabilitation" without a mention: the SMR field, polyvalent SMR, the
# rehabilitation activities of every kind.
SMR_GENERAL = frozenset(("R227:02", "R244:100", "R211:090", "R211:171", "R211:172", "R211:242",
                         "R211:283", "R211:331"))
# The words naming rehabilitation that a mention's adjective follows ("SSR cardio", "rééducation
# orthopédique", "réadaptation respiratoire", "soins de suite gériatriques"): the field's names,
# today's and former (décrets n° 2008-377 and n° 2022-24).
TETES = ("SMR", "SSR", "rééducation", "réadaptation", "soins de suite", "soins de suite et de réadaptation",
         "soins médicaux et de réadaptation")


@dataclass(frozen=True, slots=True)
class Mention:
    nom: str
    concepts: tuple[str, ...]  # the SMR type (R244) and activities (R211) of the mention


class Readaptation:
    """Acute concept → the SMR mention taking over its patients; SMR concepts recognised."""

    def __init__(self, mentions: Iterable[Mention], aigus: dict[str, Mention]) -> None:
        self.mentions = tuple(mentions)
        self.aigus = aigus
        self.smr = SMR_GENERAL | {c for m in self.mentions for c in m.concepts}

    def mention(self, concept: str) -> Mention | None:
        return self.aigus.get(concept)


def _lire(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def charger_readaptation(dossier: Path | None = None, connus: Iterable[str] | None = None,
                         exclus: Iterable[str] = ()) -> Readaptation:
    """The shipped mentions; `connus`: concept ids that exist (others are dropped); `exclus`:
    concepts never given a mention (a child's units: children go to paediatric SMR, by age)."""
    dossier = dossier or fixtures_dir() / "terminologie"
    known = set(connus) if connus is not None else None

    def keep(cs: Iterable[str]) -> tuple[str, ...]:
        return tuple(c for c in cs if known is None or c in known)

    mentions: list[tuple[Mention, tuple[str, ...]]] = []
    aigus: dict[str, Mention] = {}
    for r in _lire(dossier / "smr_mentions.csv"):
        m = Mention(r["mention"], keep(r["concepts"].split()))
        mentions.append((m, tuple(r["cim10"].split())))
        for c in keep(r["activites"].split()):
            aigus[c] = m
    # a route names its concepts most fitting first: the first one weighs most
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    totaux: dict[str, float] = defaultdict(float)
    routes: Counter[str] = Counter()
    for r in _lire(dossier / "cim10_vers_ror.csv"):
        prefixe = r["prefixe"]
        dans = [m for m, chapitres in mentions if any(prefixe.startswith(p) for p in chapitres)]
        for rang, c in enumerate(keep(r["concepts"].split())):
            if not c.startswith(("R211:", "R244:")):
                continue
            poids = 1.0 / (1 + rang)
            totaux[c] += poids
            routes[c] += 1
            for m in dans:
                votes[c][m.nom] += poids
    par_nom = {m.nom: m for m, _ in mentions}
    smr = {c for m, _ in mentions for c in m.concepts} | SMR_GENERAL | set(exclus)
    for c, v in votes.items():
        nom = max(v, key=v.__getitem__)
        if c not in aigus and c not in smr and routes[c] >= MIN_ROUTES and v[nom] > MAJORITE * totaux[c]:
            aigus[c] = par_nom[nom]
    return Readaptation((m for m, _ in mentions), aigus)


def entrees_mentions(connus: Iterable[str], dossier: Path | None = None) -> tuple[Entree, ...]:
    """One synonym entry per mention and per SMR activity: each rehabilitation word (`TETES`)
    followed by each of its adjectives (`adjectifs` of `smr_mentions.csv`, `smr_activites.csv`)
    reads the mention's SMR type and activity, or the activity. A speciality adjective after
    "rééducation" was read by the clinical vocabulary as one span ("rééducation orthopédique" →
    general medicine) or as the acute speciality ("SMR néphro" → nephrology)."""
    dossier = dossier or fixtures_dir() / "terminologie"
    known = set(connus)
    rows = [(f"mention:{r['mention']}", r["concepts"], r["adjectifs"]) for r in _lire(dossier / "smr_mentions.csv")]
    rows += [(f"activite_smr:{r['activite']}", r["activite"], r["adjectifs"])
             for r in _lire(dossier / "smr_activites.csv")]
    out = []
    for eid, concepts, adjectifs in rows:
        cs = tuple(c for c in concepts.split() if c in known)
        cles = tuple(f"{t} {a}" for a in adjectifs.split("|") for t in TETES)
        if cs and cles:
            out.append(Entree(eid, cles, (), cs))
    return tuple(out)
