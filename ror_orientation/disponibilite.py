"""What can take this patient now, for one unit and one caller: the one place that reads capacity records.

Search (through the engine's arrays, which group records with `grouper` below), result cards, sheets,
the PDF and extractions all call `disponibilite`, so they cannot disagree. The answer keeps apart:
- **maintenant**: available now (statut disponible, temporalité courant, genders compatible with
  the patient) in the natures counted;
- **supplementaires**: extra beds *mobilisés* (statut 06, type 01, count > 0) with their crisis and
  type. Those declared under a crisis (TRE_R336) mean the unit is in an active crisis and always count;
  those mobilised outside a declared crisis count only when the caller asks (`supplementaires=True`).
  "Mobilisable" extra beds (types 02, 03) are shown, never counted: nobody is there to staff them yet;
- **previsions**: +1 h, +24 h, +48 h, +7 days. They never count as "now": a caller who asks for a
  forecast temporality counts that forecast, and the answer says so.
Every figure carries the time of its *oldest* contributing record (a sum is only as fresh as its
stalest part) and whether it is stale; installed capacity has its own, much longer horizon; a unit
with no capacity record at all is "sans objet", never stale. The natures counted are the caller's, or
else the unit's own (its installed records, else its mode of care): a dialysis unit counts places.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .offre import Capacite, UniteOperationnelle
from .requete import Requete, Sexe

# TRE_R329 natures, TRE_R330 statuts, TRE_R331 temporalités, TRE_R332 genres, TRE_R334 types
LIT, PLACE, LOGEMENT, SALLE = "01", "02", "03", "04"
INSTALLES = frozenset({"01", "08", "09"})  # installé, installé constaté, autorisé
DISPONIBLE, SUPPLEMENTAIRE = "02", "06"
COURANT = "01"
PREVISIONS = ("02", "03", "04", "05")  # +1 h, +24 h, +48 h, +7 jours
MOBILISE = "01"
FEMME, HOMME = "01", "02"

# Roles a record plays once grouped (its statut, or one of these for extra beds)
ROLE_CRISE = "crise:"  # + TRE_R336 code: mobilised under a declared crisis (counted)
ROLE_SUPP = "supp"  # mobilised outside a declared crisis (counted on request)
ROLE_MOBILISABLE = "mobilisable:"  # + TRE_R334 type: could be opened, not counted

# Modes of care (TRE_R213) whose capacity is counted in places rather than beds
MODES_PLACES = frozenset({"09", "20", "29", "30", "31", "32", "42", "47", "48", "49", "54"})
NOMS_NATURE = {LIT: ("lit", "lits"), PLACE: ("place", "places"), LOGEMENT: ("logement", "logements"),
               SALLE: ("salle", "salles")}
LIBELLES_PREVISION = {"02": "+1 h", "03": "+24 h", "04": "+48 h", "05": "+7 j"}
LIBELLES_CRISE = {"01": "PMIE 1", "02": "Plan blanc"}
LIBELLES_TYPE = {"01": "mobilisé", "02": "mobilisable sans RH", "03": "mobilisable avec RH"}


def groupe(genre: str) -> str:
    """Gender group of a record: femme, homme, or x (indéterminé / indifférencié: anyone)."""
    return {FEMME: "f", HOMME: "h"}.get(genre, "x")


def groupes_compatibles(sexe: Sexe | None) -> tuple[str, ...]:
    if sexe == Sexe.FEMME:
        return ("f", "x")
    if sexe == Sexe.HOMME:
        return ("h", "x")
    return ("f", "h", "x")


def role(c: Capacite) -> str:
    """What a record means for "can take a patient": its statut, or the kind of extra bed."""
    if c.statut != SUPPLEMENTAIRE:
        return c.statut
    if c.type_lit_supplementaire == MOBILISE:
        return ROLE_CRISE + c.crise if c.crise else ROLE_SUPP
    return ROLE_MOBILISABLE + (c.type_lit_supplementaire or "")


def instant(c: Capacite) -> datetime | None:
    if c.maj is None:
        return None
    return c.maj if c.maj.tzinfo is not None else c.maj.replace(tzinfo=UTC)


@dataclass(slots=True)
class Groupe:
    """Records sharing (nature, role, temporalité, gender group): their sum and oldest time."""

    nombre: int = 0
    maj: datetime | None = None  # oldest record's time; None if one record has no time
    inconnu: bool = False  # a record without a time: the figure's age is unknown

    def ajoute(self, c: Capacite) -> None:
        self.nombre += max(0, int(c.nombre))
        t = instant(c)
        if t is None:
            self.inconnu = True
        elif self.maj is None or t < self.maj:
            self.maj = t

    @property
    def oldest(self) -> datetime | None:
        return None if self.inconnu else self.maj


def grouper(capacites: Iterable[Capacite]) -> dict[tuple[str, str, str, str], Groupe]:
    """(nature, role, temporalité, gender group) → Groupe. Extra beds count only when > 0."""
    out: dict[tuple[str, str, str, str], Groupe] = {}
    for c in capacites:
        r = role(c)
        if r.startswith((ROLE_CRISE, ROLE_SUPP)) and c.nombre <= 0:
            continue  # a 0-bed "mobilised" record mobilises nothing: no crisis, no figure
        out.setdefault((c.nature, r, c.temporalite, groupe(c.genre)), Groupe()).ajoute(c)
    return out


def natures_unite(capacites: Iterable[Capacite], mode: str | None) -> tuple[str, ...]:
    """The unit's own natures: those of its installed records, else of any record, else its mode's."""
    caps = list(capacites)
    natures = {c.nature for c in caps if c.statut in INSTALLES} or {c.nature for c in caps}
    if natures:
        return tuple(sorted(natures))
    return (PLACE,) if mode in MODES_PLACES else (LIT,)


def en_crise(capacites: Iterable[Capacite]) -> str | None:
    """The crisis (TRE_R336, highest code) under which the unit actually mobilises beds, else None."""
    codes = sorted({c.crise for c in capacites if c.crise and role(c).startswith(ROLE_CRISE)
                    and c.nombre > 0 and c.temporalite == COURANT})
    return codes[-1] if codes else None


@dataclass(frozen=True, slots=True)
class Demande:
    """What the caller asks to be counted (None / defaults: the unit decides)."""

    nature: str | None = None  # TRE_R329; None: the unit's own natures
    sexe: Sexe | None = None
    statut: str = DISPONIBLE
    temporalite: str = COURANT  # a forecast temporality counts that forecast, labelled as such
    supplementaires: bool = False  # also count extra beds mobilised outside a declared crisis
    age_max: timedelta | None = None  # records older than this count as none

    @classmethod
    def de(cls, req: Requete) -> Demande:
        return cls(nature=req.nature_lits, sexe=req.sexe, statut=req.statut_lits,
                   temporalite=req.temporalite_lits, supplementaires=req.lits_supplementaires,
                   age_max=req.age_max_lits)


@dataclass(frozen=True, slots=True)
class Fraicheur:
    """Horizons after which a figure is stale: free figures in hours, installed ones in months."""

    libres: timedelta = timedelta(hours=4)
    installes: timedelta = timedelta(days=180)


@dataclass(frozen=True, slots=True)
class Chiffre:
    """One figure: its count, the time of its oldest contributing record, its age and staleness."""

    nombre: int
    maj: datetime | None
    age_minutes: float | None
    perime: bool
    temporalite: str = COURANT  # TRE_R331
    crise: str | None = None  # TRE_R336 (extra beds only)
    type_lit: str | None = None  # TRE_R334 (extra beds only)


@dataclass(frozen=True, slots=True)
class Disponibilite:
    """The answer for one unit and one caller (see the module docstring)."""

    natures: tuple[str, ...]  # TRE_R329 natures counted
    unite: str  # "lits", "places", "logements", "lits et places"...
    sans_objet: bool  # no capacity record at all: nothing to be stale
    visible: bool  # the caller may read free figures (else only installed capacity)
    installe: Chiffre | None
    maintenant: Chiffre | None  # None: no figure declared (or not visible)
    supplementaires: tuple[Chiffre, ...]  # activated extra beds, one per (crisis, type)
    mobilisables: tuple[Chiffre, ...]  # could be opened; never counted
    previsions: tuple[Chiffre, ...]  # never "now"
    crise: str | None  # TRE_R336: the unit is in an active crisis (beds actually mobilised)
    hors_crise_comptes: bool  # extra beds mobilised outside a crisis are counted (caller asked)
    compte: Chiffre | None  # what `lits_min` and the ranking count (None: no figure)
    texte: str  # "1 disponible + 6 supplémentaires (Plan blanc)"

    @property
    def nombre(self) -> int | None:
        return self.compte.nombre if self.compte is not None else None

    @property
    def perime(self) -> bool | None:
        """Stale figure; None when there is no figure to be stale (sans objet, not declared, or
        not visible to this caller)."""
        if self.sans_objet or not self.visible or self.compte is None:
            return None
        return self.compte.perime


def _age(oldest: datetime | None, now: datetime, horizon: timedelta) -> tuple[float | None, bool]:
    """A figure's age in minutes as shown (to 0.1) and its staleness: all of it that the clock moves."""
    if oldest is None:
        return None, True
    age = (now - oldest).total_seconds() / 60.0
    return round(age, 1), age > horizon.total_seconds() / 60.0


def _chiffre(nombre: int, oldest: datetime | None, now: datetime, horizon: timedelta,
             temporalite: str = COURANT, crise: str | None = None,
             type_lit: str | None = None) -> Chiffre:
    age, perime = _age(oldest, now, horizon)
    return Chiffre(nombre, oldest, age, perime, temporalite, crise, type_lit)


def _somme(groupes: list[Groupe]) -> tuple[int, datetime | None] | None:
    if not groupes:
        return None
    oldest: datetime | None = None
    inconnu = False
    for g in groupes:
        if g.oldest is None:
            inconnu = True
        elif oldest is None or g.oldest < oldest:
            oldest = g.oldest
    return sum(g.nombre for g in groupes), None if inconnu else oldest


def unite_de(natures: tuple[str, ...]) -> str:
    return " et ".join(NOMS_NATURE.get(n, (n, n))[1] for n in natures)


def _mot(n: int, natures: tuple[str, ...]) -> str:
    noms = NOMS_NATURE.get(natures[0], ("lit", "lits")) if len(natures) == 1 else ("lit/place",
                                                                                  "lits/places")
    return noms[1] if n > 1 else noms[0]


def texte(d: Disponibilite) -> str:
    """How a card, a sheet and the PDF say the figure."""
    if d.sans_objet:
        return "sans objet (aucune capacité déclarée)"
    if not d.visible:
        if d.installe is not None:
            return f"{d.installe.nombre} {_mot(d.installe.nombre, d.natures)} installé(s)"
        return "disponibilité réservée à la régulation"
    parts = []
    if d.compte is None:
        parts.append("disponibilité non renseignée")
    elif d.compte.temporalite != COURANT:
        label = LIBELLES_PREVISION.get(d.compte.temporalite, d.compte.temporalite)
        parts.append(f"prévision {label} : {d.compte.nombre} {_mot(d.compte.nombre, d.natures)}")
    else:
        n = d.maintenant.nombre if d.maintenant is not None else 0
        parts.append(f"{n} {_mot(n, d.natures)} disponible{'s' if n > 1 else ''}")
        for s in d.supplementaires:
            pl = "s" if s.nombre > 1 else ""
            if s.crise is not None:
                why = LIBELLES_CRISE.get(s.crise, f"crise {s.crise}")
                parts[-1] += f" + {s.nombre} supplémentaire{pl} ({why})"
            elif d.hors_crise_comptes:
                parts[-1] += f" + {s.nombre} supplémentaire{pl} (hors crise)"
            else:
                parts.append(f"{s.nombre} supplémentaire{pl} hors crise non compté{pl}")
    if d.compte is not None and d.compte.perime:
        parts.append("PÉRIMÉ")
    return " — ".join(parts)


def _retenus(groupes: dict[tuple[str, str, str, str], Groupe], natures: tuple[str, ...],
             demande: Demande, now: datetime) -> list[tuple[tuple[str, str], Groupe]]:
    """((role, temporalité), group) of the natures and genders asked, without the groups older
    than the caller's maximum age."""
    allowed = groupes_compatibles(demande.sexe)
    oldest_ok = now - demande.age_max if demande.age_max is not None else None
    out = []
    for (n, r, t, g), grp in groupes.items():
        if n not in natures or g not in allowed:
            continue
        if oldest_ok is not None and (grp.oldest is None or grp.oldest < oldest_ok):
            continue
        out.append(((r, t), grp))
    return out


def _selection(groupes: dict[tuple[str, str, str, str], Groupe], natures: tuple[str, ...],
               demande: Demande, now: datetime, pred: Callable[[str, str], bool]) -> list[Groupe]:
    """The groups counted by `pred(role, temporalité)`, for the natures and genders asked, without
    those older than the caller's maximum age."""
    return [grp for (r, t), grp in _retenus(groupes, natures, demande, now) if pred(r, t)]


def _courant(role: str) -> Callable[[str, str], bool]:
    """Records of one role (a crisis, an extra-bed type) at the current temporality."""
    return lambda r, t: r == role and t == COURANT


def _disponible_a(temporalite: str) -> Callable[[str, str], bool]:
    """Available records at one temporality (a forecast)."""
    return lambda r, t: r == DISPONIBLE and t == temporalite


def _compte_pred(demande: Demande) -> Callable[[str, str], bool]:
    """What `lits_min` counts: the asked statut at the asked temporality, plus — for available now
    — crisis extra beds, and other mobilised ones when the caller asks."""
    def counted(r: str, t: str) -> bool:
        if t != demande.temporalite:
            return False
        if r == demande.statut:
            return True
        if demande.statut != DISPONIBLE or t != COURANT:
            return False
        return r.startswith(ROLE_CRISE) or (demande.supplementaires and r == ROLE_SUPP)

    return counted


def compte(uo: UniteOperationnelle, now: datetime, demande: Demande = Demande()
           ) -> tuple[int, datetime | None] | None:
    """Only the counted figure (the sum and its oldest record's time; None: no figure): the part
    of `disponibilite` that ranking and filters use, for callers scanning many units."""
    natures = (demande.nature,) if demande.nature else natures_unite(uo.capacites,
                                                                     uo.mode_prise_en_charge)
    groupes = grouper(uo.capacites)
    return _somme(_selection(groupes, natures, demande, now, _compte_pred(demande)))


def disponibilite(uo: UniteOperationnelle, now: datetime, demande: Demande = Demande(),
                  fraicheur: Fraicheur = Fraicheur(), voit_lits: bool = True) -> Disponibilite:
    """The figures of `uo` for a caller asking `demande` at `now` (aware), seeing free figures or not."""
    caps = uo.capacites
    natures = (demande.nature,) if demande.nature else natures_unite(caps, uo.mode_prise_en_charge)
    sans_objet = not caps
    groupes = grouper(caps)
    installes = [g for (n, r, t, _), g in groupes.items() if n in natures and r in INSTALLES]
    s = _somme(installes)
    installe = _chiffre(s[0], s[1], now, fraicheur.installes) if s else None
    if not voit_lits:
        d = Disponibilite(natures, unite_de(natures), sans_objet, False, installe, None, (), (), (),
                          None, False, None, "")
        return _avec_texte(d)

    # the groups of the natures, genders and age asked, selected once for the figures below
    retenus = [(r, t, grp) for (r, t), grp in _retenus(groupes, natures, demande, now)]

    def chiffre(pred: Callable[[str, str], bool], horizon: timedelta, temporalite: str = COURANT,
                crise: str | None = None, type_lit: str | None = None) -> Chiffre | None:
        s = _somme([grp for r, t, grp in retenus if pred(r, t)])
        return _chiffre(s[0], s[1], now, horizon, temporalite, crise, type_lit) if s else None

    libres = fraicheur.libres
    maintenant = chiffre(lambda r, t: r == DISPONIBLE and t == COURANT, libres)
    extra_roles = sorted({r for (n, r, t, _g) in groupes if n in natures and t == COURANT
                          and r.startswith((ROLE_CRISE, ROLE_SUPP, ROLE_MOBILISABLE))})
    supplementaires, mobilisables = [], []
    for r in extra_roles:
        if r.startswith(ROLE_MOBILISABLE):
            kind = r.removeprefix(ROLE_MOBILISABLE) or None
            c = chiffre(_courant(r), libres, type_lit=kind)
            if c is not None:
                mobilisables.append(c)
            continue
        crise = r.removeprefix(ROLE_CRISE) if r.startswith(ROLE_CRISE) else None
        c = chiffre(_courant(r), libres, crise=crise,
                    type_lit=MOBILISE)
        if c is not None:
            supplementaires.append(c)
    previsions = []
    for temp in PREVISIONS:
        c = chiffre(_disponible_a(temp), libres, temporalite=temp)
        if c is not None:
            previsions.append(c)
    counted = chiffre(_compte_pred(demande), libres, temporalite=demande.temporalite)
    d = Disponibilite(natures, unite_de(natures), sans_objet, True, installe, maintenant,
                      tuple(supplementaires), tuple(mobilisables), tuple(previsions), en_crise(caps),
                      demande.supplementaires, counted, "")
    return _avec_texte(d)


def vieillie(d: Disponibilite, now: datetime, fraicheur: Fraicheur = Fraicheur()
             ) -> Disponibilite:
    """`d` as `disponibilite` would give it at `now`: the same sums and times, each figure's age
    and staleness (and so the text) recomputed. Valid for a `Demande` without `age_max` (the only
    part of the selection that depends on the clock), so a page can keep the figures of its units
    while they are unchanged instead of regrouping their records on every request."""
    def age(c: Chiffre | None, horizon: timedelta) -> Chiffre | None:
        if c is None:
            return None
        return _chiffre(c.nombre, c.maj, now, horizon, c.temporalite, c.crise, c.type_lit)

    libres = fraicheur.libres
    return _avec_texte(Disponibilite(
        d.natures, d.unite, d.sans_objet, d.visible, age(d.installe, fraicheur.installes),
        age(d.maintenant, libres), tuple(_chiffres(d.supplementaires, now, libres)),
        tuple(_chiffres(d.mobilisables, now, libres)), tuple(_chiffres(d.previsions, now, libres)),
        d.crise, d.hors_crise_comptes, age(d.compte, libres), ""))


MARGE_MINUTES = 1e-4  # 6 ms: far above the float error of an age, far below a tenth of a minute


def tenue(d: Disponibilite, now: datetime, fraicheur: Fraicheur = Fraicheur()
          ) -> tuple[datetime, datetime]:
    """The instants around `now` between which `vieillie(d, ·, fraicheur)` gives the figure it
    gives at `now`: no shown age (to 0.1 min) or staleness moves in there (a margin of 6 ms kept
    from each change; a figure without a time never moves). Empty (start after end) when `now` is
    that close to a change. So a caller showing the figure again can keep what it made of it
    while the clock stays inside."""
    avant, apres = -SIECLE, SIECLE  # seconds from `now`
    libres = fraicheur.libres.total_seconds() / 60.0
    for c, limite in (*((c, libres) for c in d.supplementaires),
                      *((c, libres) for c in d.mobilisables),
                      *((c, libres) for c in d.previsions),
                      (d.maintenant, libres), (d.compte, libres),
                      (d.installe, fraicheur.installes.total_seconds() / 60.0)):
        if c is None or c.maj is None:  # no time: no age, stale for ever
            continue
        age = (now - c.maj).total_seconds() / 60.0
        shown = round(age, 1)
        lo, hi = shown - 0.05 + MARGE_MINUTES, shown + 0.05 - MARGE_MINUTES
        if age > limite:
            lo = max(lo, limite + MARGE_MINUTES)
        else:
            hi = min(hi, limite - MARGE_MINUTES)
        avant, apres = max(avant, (lo - age) * 60.0), min(apres, (hi - age) * 60.0)
    return now + timedelta(seconds=avant), now + timedelta(seconds=apres)


SIECLE = 100 * 365 * 86400.0


def _chiffres(cs: tuple[Chiffre, ...], now: datetime, horizon: timedelta) -> list[Chiffre]:
    return [_chiffre(c.nombre, c.maj, now, horizon, c.temporalite, c.crise, c.type_lit)
            for c in cs]


def _avec_texte(d: Disponibilite) -> Disponibilite:
    # the constructor, not dataclasses.replace: this runs for every result line of every answer
    return Disponibilite(d.natures, d.unite, d.sans_objet, d.visible, d.installe, d.maintenant,
                         d.supplementaires, d.mobilisables, d.previsions, d.crise,
                         d.hors_crise_comptes, d.compte, texte(d))
