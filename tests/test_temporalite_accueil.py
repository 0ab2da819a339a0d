"""TRE_R240 temporalité d'accueil on units (issue 10 item 5): generated where real units have it,
read from FHIR, searchable as a criterion and by words, suggested with its kind, on the sheet."""

from __future__ import annotations

from pathlib import Path

from ror_orientation.droits import Appelant
from ror_orientation.engine import Engine
from ror_orientation.fhir.ressources import healthcare_service
from ror_orientation.generateur.catalogue_medico_social import MEDICO_SOCIAL
from ror_orientation.generateur.type_unite import HEBERGEMENT, MS
from ror_orientation.importers.fhir import read_fhir
from ror_orientation.index import default_concept_index
from ror_orientation.nomenclatures import default_nomenclatures
from ror_orientation.requete import Profil, Requete
from ror_orientation.validation import validate_uo

from .factories import NOW, make_offre, make_uo

BUNDLE = Path(__file__).parent / "data" / "ror_fhir_bundle.json"
TEMPORAIRE, PERMANENT = "01", "02"


def test_medico_social_hebergement_says_temporary_or_permanent_and_nothing_else_does():
    by_key = {t.key: t for t in MEDICO_SOCIAL}
    assert by_key["ehpad_ht"].temporalites_accueil == (TEMPORAIRE,)
    assert by_key["ehpad_hp"].temporalites_accueil == (PERMANENT,)
    for t in MEDICO_SOCIAL:
        if t.temporalites_accueil:
            assert t.champ == MS and t.mode == HEBERGEMENT, t.key
    assert by_key["ehpad_aj"].temporalites_accueil == ()  # accueil de jour is a mode, not R240


def _offre():
    return make_offre(make_uo(id="uo-ht", nom="Séjours de répit", champ="04", activite="293",
                              mode_prise_en_charge="46", temporalites_accueil=(TEMPORAIRE,)),
                      make_uo(id="uo-hp", nom="Séjours de répit longs", champ="04", activite="293",
                              mode_prise_en_charge="46", temporalites_accueil=(PERMANENT,)))


def test_units_are_found_by_their_temporalite_as_a_criterion_and_by_words():
    offre = _offre()
    for uo in offre.uo.values():
        validate_uo(uo, default_nomenclatures())
    engine = Engine.build(offre)
    rep = engine.search(Requete(profil=Profil.AVAL, temporalites_accueil=(TEMPORAIRE,)), now=NOW)
    assert [r.uo_id for r in rep.resultats] == ["uo-ht"]
    rep = engine.search(Requete(profil=Profil.AVAL, texte="temporaire"), now=NOW)
    assert [r.uo_id for r in rep.resultats][:1] == ["uo-ht"]


def test_temporalite_is_suggested_with_its_kind():
    found = default_concept_index().suggest("tempor")
    assert any(s.concept == "R240:01" and s.table == "TRE_R240" for s in found)


def test_temporalite_goes_out_and_comes_back_through_fhir():
    uo = make_uo(temporalites_accueil=(TEMPORAIRE,))
    hs = healthcare_service(default_nomenclatures(), Appelant.anonyme(), uo)
    codings = [c for ch in hs.get("characteristic", []) for c in ch["coding"]]
    r240 = [c for c in codings if "TRE_R240" in c["system"]]
    assert [c["code"] for c in r240] == [TEMPORAIRE]

    # the IG carries it as a characteristic of the HealthcareService (the test bundle's USINV)
    assert read_fhir(BUNDLE).offre.uo["OFFRE-35-0001"].temporalites_accueil == (TEMPORAIRE,)


def test_the_api_takes_the_criterion_checks_its_codes_and_the_sheet_shows_it(tmp_path):
    from ror_orientation.web.wire import UniteOut
    from tests.api_support import assert_error, client

    with client(tmp_path) as api:
        ok = api.post("/api/v1/recherche", json={"temporalites_accueil": ["01"], "national": True})
        assert ok.status_code == 200
        bad = api.post("/api/v1/recherche", json={"temporalites_accueil": ["09"]})
        assert_error(bad, 400, "temporalites_accueil", "unknown_code")
        sheet = api.get("/api/v1/unites/uo-unv").json()
        UniteOut.model_validate(sheet)
        assert sheet["temporalites_accueil"] == []
