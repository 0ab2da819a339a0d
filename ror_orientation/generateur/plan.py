"""Which units a real sanitary establishment gets, from its FINESS category and its SAE beds.

A CHU's main site gets the whole acute chain (urgences, SAMU/SMUR, réanimation, USIC, USINV,
cardiologie interventionnelle, maternité de type 3...); a CH fewer, sized by its SAE beds; SMR clinics
get SMR units, psychiatric establishments PSY units, HAD and dialysis structures their own. Large
bedded services are split into several units of about 30 beds, as hospitals split them into wards.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from ..offre import EntiteGeographique
from ..territoire import fold
from .catalogue import BY_KEY, CONSULTATION_TYPES

PSY_CATEGORIES = {"156", "161", "166", "292", "366", "412", "415", "425", "430", "444"}
WARD = 20  # beds per ward when a big service is split
# The national scale's finer grain, as large sites declare themselves in the real ROR: each ward kind
# split by mode (consultation, day and weekday hospital, téléexpertise, mobile team), one consultation
# per specialty for every FINE_BEDS_PER_CS MCO beds, more psychiatric sectors.
FINE_P_CS, FINE_P_HDJ, FINE_P_HS, FINE_P_TLX, FINE_P_EM = 0.95, 0.9, 0.75, 0.9, 0.9
FINE_BEDS_PER_CS = 2


@dataclass(frozen=True, slots=True)
class Prevu:
    """One planned unit: its kind, its size (None: drawn from the kind's range), a name suffix."""

    key: str
    taille: int | None = None
    suffixe: str = ""


@dataclass(slots=True)
class Plan:
    unites: list[Prevu]
    cath_24h: bool = True
    maternite_type: int = 0


def _split(key: str, beds: int, out: list[Prevu]) -> None:
    """One unit, or several wards of about WARD beds when the service is big."""
    n = max(1, math.ceil(beds / WARD)) if beds > WARD + 10 else 1
    base, extra = divmod(beds, n)
    for i in range(n):
        suffix = f" - unité {chr(65 + i)}" if n > 1 else ""
        out.append(Prevu(key, base + (1 if i < extra else 0), suffix))


def _share(keys: list[tuple[str, float]], total: int, out: list[Prevu]) -> None:
    """Spread `total` SAE beds over the bedded services by weight."""
    if not keys:
        return
    weight = sum(w for _k, w in keys)
    for key, w in keys:
        _split(key, max(4, round(total * w / weight)), out)


def _with_variants(out: list[Prevu], rng: random.Random, p_cs: float, p_hdj: float,
                   p_hs: float = 0.0, *, fine: bool = False) -> None:
    """Each ward kind also runs its consultation, and sometimes its day or weekday hospital; at the
    fine grain, also its téléexpertise and mobile team, as large sites declare them in the ROR."""
    seen: set[str] = set()
    kinds = [("cs", p_cs), ("hdj", p_hdj), ("hs", p_hs)]
    if fine:
        kinds = [("cs", max(p_cs, FINE_P_CS)), ("hdj", max(p_hdj, FINE_P_HDJ)),
                 ("hs", max(p_hs, FINE_P_HS) if p_hs else 0.0), ("tlx", FINE_P_TLX),
                 ("em", FINE_P_EM)]
    for prevu in list(out):
        if prevu.key in seen:
            continue
        seen.add(prevu.key)
        for kind, p in kinds:
            if f"{prevu.key}@{kind}" in BY_KEY and rng.random() < p:
                out.append(Prevu(f"{prevu.key}@{kind}"))


def _consultations(out: list[Prevu], rng: random.Random, n: int, *, fine: bool = False) -> None:
    for t in rng.sample(CONSULTATION_TYPES, min(n, len(CONSULTATION_TYPES))):
        out.append(Prevu(t.key))
        if fine and rng.random() < FINE_P_TLX:
            out.append(Prevu(f"{t.key}@tlx"))


def plan_sanitaire(eg: EntiteGeographique, rng: random.Random, *, main_site: bool,
                   fine: bool = False, recours: bool = False) -> Plan:
    """The units of `eg`; `fine` is the national scale's grain (see FINE_* above); `recours`: the
    region's referral site, which also runs the region's burn centre."""
    cat = eg.categorie
    if cat in PSY_CATEGORIES:
        return Plan(_plan_psy(cat, rng, fine))
    if cat == "109":
        out = _plan_smr(rng)
        _with_variants(out, rng, 0.6, 0.5, fine=fine)
        return Plan(out)
    if cat == "127":
        out = [Prevu("had")]
        if rng.random() < 0.3:
            out.append(Prevu("had_readaptation"))
        if rng.random() < 0.2:
            out.append(Prevu("had_perinat"))
        return Plan(out)
    if cat in ("141", "146"):
        return Plan(_plan_dialyse(cat, rng))
    if cat == "362":
        out = [Prevu("usld", suffixe=f" - unité {chr(65 + i)}" if i else "")
               for i in range(rng.randint(2, 4) if fine else rng.randint(1, 3))]
        if rng.random() < 0.4:
            out.append(Prevu("smr_geriatrique"))
        return Plan(out)
    if not eg.sae.get("LIT_MCO") and not eg.sae.get("PLA_MCO"):
        return Plan(_plan_sans_mco(eg, rng))
    plan = _plan_mco(eg, rng, main_site, fine)
    if recours:
        plan.unites.append(Prevu("brules"))
    return plan


def _plan_psy(cat: str, rng: random.Random, fine: bool = False) -> list[Prevu]:
    out: list[Prevu] = []
    if cat == "156":
        return [Prevu(rng.choice(("cmp", "cmpea")))]
    if cat in ("366", "412", "425"):
        return [Prevu(rng.choice(("cattp", "psy_hdj", "cmp")))]
    if cat == "444":
        return [Prevu("cac"), Prevu("urgences_psy")]
    if cat == "430":
        return [Prevu("psy_hc"), Prevu("psy_hdj")]
    if cat == "415":
        return [Prevu("cmp")]
    if cat == "292" and rng.random() < 0.65:  # one of the many small sites of a CHS
        return [Prevu(k) for k in rng.sample(("cmp", "cattp", "psy_hdj", "cmpea", "pedopsy_hdj"),
                                             rng.randint(1, 3))]
    wards = rng.randint(3, 10) if cat == "292" else rng.randint(1, 5)
    out += [Prevu("psy_hc", suffixe=f" - unité {chr(65 + i)}" if wards > 1 else "")
            for i in range(wards)]
    if cat == "292":  # one CMP and CATTG per sector
        for i in range(rng.randint(3, 7) if fine else rng.randint(1, 4)):
            sector = f" - secteur {i + 1}"
            out += [Prevu("cmp", suffixe=sector), Prevu("cattp", suffixe=sector)]
            if rng.random() < 0.6:
                out.append(Prevu("psy_hdj", suffixe=sector))
            if fine and rng.random() < 0.5:  # the child psychiatry inter-sector's CMP, day hospital
                out.append(Prevu("cmpea", suffixe=sector))
                if rng.random() < 0.5:
                    out.append(Prevu("pedopsy_hdj", suffixe=sector))
    for key, p in (("psy_hdj", 0.7), ("cmp", 0.0 if cat == "292" else 0.1), ("cattp", 0.4),
                   ("empp", 0.3 if cat == "292" else 0.0), ("emppa", 0.25 if cat == "292" else 0.0),
                   ("psy_age", 0.35), ("pedopsy_hc", 0.25 if cat == "292" else 0.1),
                   ("usip_psy", 0.15 if cat == "292" else 0.0), ("cac", 0.15),
                   ("umd", 0.04 if cat == "292" else 0.0), ("uhsa", 0.015 if cat == "292" else 0.0),
                   ("vigilans", 0.1 if cat == "292" else 0.0), ("tca", 0.06 if cat == "292" else 0.02),
                   ("urgences_psy", 0.15 if cat == "292" else 0.0)):
        if rng.random() < p:
            out.append(Prevu(key))
    return out


def _plan_smr(rng: random.Random) -> list[Prevu]:
    kinds = [("smr_locomoteur", 0.6), ("smr_neuro", 0.35), ("smr_cardio", 0.25),
             ("smr_respi", 0.2), ("smr_geriatrique", 0.45), ("smr_polyvalent", 0.5),
             ("smr_obesite", 0.06), ("smr_pediatrique", 0.07), ("smr_evc", 0.08),
             ("smr_addicto", 0.07), ("smr_onco", 0.05), ("smr_digestif", 0.06),
             ("smr_brules", 0.01), ("smr_srpr", 0.02), ("smr_ucc", 0.08)]
    chosen = [k for k, p in kinds if rng.random() < p] or ["smr_polyvalent"]
    out: list[Prevu] = []
    for k in chosen:
        _split(k, rng.randint(20, 70), out)
    if any(p.key == "smr_locomoteur" for p in out) and rng.random() < 0.5:
        out.append(Prevu("smr_locomoteur_hdj"))
    return out


def _plan_dialyse(cat: str, rng: random.Random) -> list[Prevu]:
    if cat == "141":
        out = [Prevu("hemodialyse")]
        if rng.random() < 0.5:
            out.append(Prevu("udm"))
    else:
        out = [Prevu(rng.choice(("udm", "autodialyse")))]
    if rng.random() < 0.4:
        out.append(Prevu("autodialyse"))
    if rng.random() < 0.3:
        out.append(Prevu("dialyse_peritoneale"))
    return list({p.key: p for p in out}.values())


# Name hints for sites without MCO beds (annexes of a CHU or CH): folded words → kinds.
NAME_HINTS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("cmp infanto", "infanto", "pedopsy", "enfant"), ("cmpea", "pedopsy_hdj")),
    (("cmp", "cattp", "psy", "appartement therapeutique", "post cure"), ("cmp", "cattp", "psy_hdj")),
    (("hopital de jour",), ("hdj_medecine", "psy_hdj")),
    (("ssr", "readaptation", "reeducation", "smr", "convalescence"),
     ("smr_polyvalent", "smr_locomoteur", "smr_geriatrique", "smr_neuro")),
    (("usld", "long sejour", "ehpad", "geriatr"), ("usld", "smr_geriatrique")),
    (("dialyse", "nephro"), ("udm", "autodialyse")),
)


def _plan_sans_mco(eg: EntiteGeographique, rng: random.Random) -> list[Prevu]:
    """A site without SAE MCO beds: what its name says it is (a CMP, an SMR annex...), else a
    follow-up or long-stay site; nothing yet for groupings (GCS, SIH...) half the time."""
    if eg.categorie in ("695", "696", "697", "698", "699", "433") and rng.random() < 0.5:
        return []
    name = fold(eg.nom)
    for words, kinds in NAME_HINTS:
        if any(w in name for w in words):
            return [Prevu(k) for k in rng.sample(kinds, rng.randint(1, len(kinds)))]
    choices = ["smr_polyvalent", "smr_geriatrique", "usld", "consult_memoire", "hdj_medecine",
               "smr_locomoteur", "consult_douleur"]
    return [Prevu(k) for k in rng.sample(choices, rng.randint(1, 3))]


def _plan_mco(eg: EntiteGeographique, rng: random.Random, main: bool, fine: bool = False) -> Plan:
    sae, cat = eg.sae, eg.categorie
    med, chi, obs = sae.get("LIT_MED", 0), sae.get("LIT_CHI", 0), sae.get("LIT_OBS", 0)
    pla_med, pla_chi = sae.get("PLA_MED", 0), sae.get("PLA_CHI", 0)
    urg = sae.get("URG_PASSU", 0) > 0
    out: list[Prevu] = []
    chu = cat == "101" and main
    add = out.append
    if urg:
        add(Prevu("urgences", max(2, sae.get("LIT_UHCD", 0)) if sae.get("LIT_UHCD") else None))
        if rng.random() < 0.85 or chu:
            add(Prevu("smur"))
    if sae.get("URG_PED_PASSU", 0) > 0 or (chu and urg):
        add(Prevu("urgences_ped"))
    if urg and (chu or (med >= 350 and rng.random() < 0.5)):
        add(Prevu("samu"))
    if chu or med + chi >= 250:
        add(Prevu("rea"))
    if chu or med + chi >= 150:
        add(Prevu("usc"))
    if chu or med >= 180:
        add(Prevu("usic"))
    if chu or med >= 220:
        add(Prevu("usinv"))
    cath_24h = True
    if chu or (med >= 220 and rng.random() < 0.8):
        add(Prevu("cardio_interv"))
        cath_24h = rng.random() < (0.8 if chu else 0.45)
    medical: list[tuple[str, float]] = []
    if med > 0:
        medical.append(("medecine", 2.0))
    for key, threshold, w in (("cardio", 60, 1.5), ("pneumo", 100, 1.0), ("gastro", 100, 1.0),
                              ("neuro", 150, 1.0), ("nephro", 200, 0.6), ("oncologie", 150, 1.0),
                              ("medecine_interne", 200, 1.0)):
        if med >= threshold or (chu and key != "medecine"):
            medical.append((key, w))
    if med >= 50 and rng.random() < 0.8:
        medical.append(("geriatrie", 1.5))
    if med >= 150 and rng.random() < 0.5:
        medical.append(("soins_palliatifs", 0.4))
    _share(medical, med, out)
    if pla_med > 0:
        add(Prevu("hdj_medecine", pla_med))
    if chi > 0:
        surgical: list[tuple[str, float]] = [("chir_visc", 1.5)]
        if chi >= 25 or chu:
            surgical.append(("chir_ortho", 1.5))
        if chi >= 60 or chu:
            surgical.append(("urologie", 0.8))
        if cat == "131" or (chi >= 150 and rng.random() < 0.4):
            surgical.append(("chir_onco", 1.0))
        if (chi >= 80 and rng.random() < 0.3) or (chu and rng.random() < 0.6):
            surgical.append(("chir_bariatrique", 0.5))
        _share(surgical, chi, out)
    if pla_chi > 0:
        add(Prevu("chir_ambu", pla_chi))
    maternite_type = 0
    if obs > 0:
        maternite_type = 3 if chu or (obs >= 60 and med >= 400) else 2 if obs >= 30 else 1
        _split("maternite", obs, out)
        if maternite_type >= 2:
            add(Prevu("neonat"))
        if maternite_type == 3 or (maternite_type == 2 and rng.random() < 0.5):
            add(Prevu("usin"))
        if maternite_type == 3:
            add(Prevu("rea_neonat"))
    if chu or (obs > 0 and med >= 80):
        add(Prevu("pediatrie"))
        if pla_med >= 10:
            add(Prevu("hdj_pediatrie"))
        if chu or med >= 250:
            add(Prevu("sc_ped"))
    if chu:
        add(Prevu("rea_ped"))
        add(Prevu("chir_ped"))
    if chu or (med >= 200 and rng.random() < 0.7):
        add(Prevu("hemodialyse"))
        if rng.random() < 0.4:
            add(Prevu("dialyse_peritoneale"))
    if urg or med >= 100:
        add(Prevu("imagerie"))
    if chu and rng.random() < 0.5:
        add(Prevu("caisson"))
    # Regional referral units: every CHU main site, and some of the largest CH.
    big = med + chi >= 400
    for key, p_chu, p_big in (("neurochir", 1.0, 0.3), ("nri", 1.0, 0.25), ("sos_main", 0.8, 0.2),
                              ("maxillo", 0.9, 0.25), ("orl", 1.0, 0.5), ("chir_vasc", 1.0, 0.5),
                              ("chir_cardiaque", 0.9, 0.1),
                              ("umj", 0.9, 0.3), ("cpdpn", 0.9, 0.1), ("amp", 0.8, 0.15),
                              ("toxicologie", 0.4, 0.0), ("senologie", 0.8, 0.3),
                              ("captv", 0.2, 0.0), ("vigilans", 0.7, 0.0),
                              ("urgences_ophtalmo", 0.7, 0.15)):
        if rng.random() < (p_chu if chu else p_big if big else 0.0):
            add(Prevu(key))
    if urg and any(p.key == "samu" for p in out):
        add(Prevu("cump"))
    if urg and (chu or cat == "355") and rng.random() < (0.5 if chu else 0.3):
        add(Prevu("usmp"))  # the prison's health unit belongs to the nearby hospital
    if cat == "131":
        add(Prevu("oncologie"))
        add(Prevu("radiotherapie"))
    _with_variants(out, rng, 0.9 if chu else 0.8, 0.6 if chu else 0.45, 0.3, fine=fine)
    if med + chi >= 60:
        if chi > 0:
            blocs = (" - central", " - ambulatoire", " - obstétrical") if chu else ("",)
            out += [Prevu("bloc", suffixe=b) for b in blocs] + [Prevu("sspi")]
        for key, p in (("pui", 0.8), ("labo", 0.7), ("eoh", 0.6), ("mortuaire", 0.5),
                       ("endoscopie", 0.8 if "gastro" in {x.key for x in out} else 0.0)):
            if chu or rng.random() < p:
                out.append(Prevu(key))
    per_cs = FINE_BEDS_PER_CS if fine else 10
    _consultations(out, rng, len(CONSULTATION_TYPES) if chu else (med + chi) // per_cs, fine=fine)
    keys = {p.key for p in out}
    for key, cond, p in (("consult_cardio", "cardio" in keys, 0.8),
                         ("consult_diabeto", med >= 100, 0.6),
                         ("consult_douleur", med >= 150, 0.5),
                         ("consult_memoire", "geriatrie" in keys, 0.5),
                         ("pass", urg and cat in ("101", "355"), 0.6),
                         ("snp_nuit", urg, 0.2), ("elsa", urg, 0.6)):
        if cond and rng.random() < p:
            add(Prevu(key))
    if cat in ("355", "106", "365", "101") and rng.random() < (0.6 if cat != "101" else 0.4):
        add(Prevu("smr_polyvalent"))
        for key, p in (("smr_geriatrique", 0.5), ("smr_locomoteur", 0.3), ("smr_neuro", 0.2)):
            if rng.random() < p:
                add(Prevu(key))
    if cat in ("355", "106") and rng.random() < 0.45:
        add(Prevu("usld"))
    if (cat == "355" and rng.random() < 0.25) or (chu and rng.random() < 0.7):
        out += [Prevu("psy_hc"), Prevu("cmp"), Prevu("psy_hdj")]
        if chu and urg:
            out.append(Prevu("urgences_psy"))
        for key, p in (("umb", 0.5 if chu else 0.1), ("mda", 0.6 if chu else 0.1),
                       ("addicto_hdj", 0.5 if chu else 0.3)):
            if rng.random() < p:
                out.append(Prevu(key))
    return Plan(out, cath_24h=cath_24h, maternite_type=maternite_type)
