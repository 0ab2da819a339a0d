"""What a kind of unit is made of (`UniteType`), and the champ and age constants the catalogue uses."""

from __future__ import annotations

from dataclasses import dataclass

# TRE_R227 champs
MCO, SMR, PSY, MS = "01", "02", "03", "04"
HEBERGEMENT = "46"  # TRE_R213 hébergement (accueil jour et nuit)
TEMPORALITE_TEMPORAIRE, TEMPORALITE_PERMANENTE = "01", "02"  # TRE_R240


@dataclass(frozen=True, slots=True)
class Equip:
    """Equipment a unit of this kind may hold; `poids` lists the TRE_R340 001 weight limits drawn."""

    code: str
    share: float = 1.0  # share of units of this kind that have it
    poids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class UniteType:
    """A kind of unit. `horaires` names a schedule pattern of `horaires.py`; `nature` the TRE_R329
    capacity nature (None: no capacity); `taille` the (min, max) count drawn when no SAE figure sizes
    it; `pole`/`service` place it in the organisation interne."""

    key: str
    nom: str
    champ: str
    activite: str  # TRE_R211: one per unit; further activities are companion units (compagnons.py)
    mode: str
    categorie: str | None = None  # TRE_R244 (JDV_J238)
    actes: tuple[str, ...] = ()  # TRE_R210
    actes_options: tuple[str, ...] = ()  # drawn with probability 0.5 each
    actes_parts: tuple[tuple[str, float], ...] = ()  # (code, share) drawn apart (actes_courants.py)
    competences: tuple[str, ...] = ()  # TRE_R243
    publics: tuple[str, ...] = ()  # TRE_R239
    specialisations: tuple[str, ...] = ()  # TRE_R245, always
    specialisations_options: tuple[str, ...] = ()  # TRE_R245, drawn
    ages: tuple[int, int] = (18, 130)
    horaires: str = "h24"
    nature: str | None = "01"
    taille: tuple[int, int] = (10, 30)
    previsionnel: bool = False  # also gives places available within 7 days (aval: SMR, EHPAD)
    genre: bool = False  # may give gendered available beds
    equipements: tuple[Equip, ...] = ()
    regulation: bool = False  # has a confidential direct line for the SAMU
    pole: str = "Médecine"
    service: str | None = None
    specialites: tuple[str, ...] = ("SM54",)  # TRE_R38 of its physicians
    professions: tuple[str, ...] = ("10", "60")  # TRE_G15
    autorisation: tuple[str, str | None, str | None] | None = None  # (activité, modalité, forme)
    commentaire: str | None = None
    sensible: bool = False
    temporalite: str | None = None  # TRE_R240; None: permanent for medico-social hébergement

    @property
    def temporalites_accueil(self) -> tuple[str, ...]:
        """TRE_R240 as real units publish it: the medico-social hébergement (mode TRE_R213 46)
        says temporary (01) or permanent (02) stays; other units carry none."""
        if self.temporalite is not None:
            return (self.temporalite,)
        return (TEMPORALITE_PERMANENTE,) if self.champ == MS and self.mode == HEBERGEMENT else ()


# The poles (internal organisation of a site) the catalogues hang their units under
_R = "Urgences - Réanimation"
_FME = "Femme - Mère - Enfant"
_CNV = "Cardio - Neuro - Vasculaire"
_MED = "Médecine"
_CHI = "Chirurgie"
_PSY = "Psychiatrie"
_SMR = "SMR - Gériatrie"
_MT = "Médico-technique"
_CS = "Consultations externes"
_SP = "Santé publique"


def _t(key: str, nom: str, champ: str, activite: str, mode: str, **kw: object) -> UniteType:
    return UniteType(key, nom, champ, activite, mode, **kw)  # type: ignore[arg-type]


ADULTE = (18, 130)
ENFANT = (0, 17)
NOUVEAU_NE = (0, 0)
GERIATRIE = (75, 130)
PA = (60, 130)

BARIATRIQUE = (250, 350)  # TRE_R340 001 poids maximum drawn for bariatric equipment (kg)
