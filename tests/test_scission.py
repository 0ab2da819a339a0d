"""One activité opérationnelle per unit: the split rule of older units (`scission.py`), and search,
explanations and population criteria over units split that way."""

from __future__ import annotations

from typing import Any

from ror_orientation.engine import Engine
from ror_orientation.nomenclatures import default_nomenclatures
from ror_orientation.offre import UniteOperationnelle
from ror_orientation.peuplement.criteres import Referentiels, criteres_uo
from ror_orientation.requete import Profil, Requete
from ror_orientation.scission import cibles, id_scinde, repointer, scinder
from ror_orientation.serialisation import from_plain, to_plain

from .factories import make_offre, make_uo

NOM = default_nomenclatures()


def _legacy(**kw: Any) -> dict[str, Any]:
    """A maternity unit as an older store or export holds it: a list of activities."""
    data = to_plain(make_uo(id="mat", nom="Maternité", activite="100", **kw))
    assert isinstance(data, dict)
    data.pop("activite")
    data["activites"] = ["100", "530"]
    return data


def _units(data: dict[str, Any]) -> list[UniteOperationnelle]:
    units, _split = scinder(data, lambda c: NOM.label("TRE_R211", c))
    return [from_plain(UniteOperationnelle, u) for u in units]


def test_the_first_activity_keeps_the_unit_the_others_become_units_without_beds() -> None:
    data = _legacy(id_externe_synchro="SYNC-1")
    units, split = scinder(data, lambda c: NOM.label("TRE_R211", c))
    assert split is not None and split.ids == ["mat", "mat-530"] == [u["id"] for u in units]
    mat, suivi = (from_plain(UniteOperationnelle, u) for u in units)
    assert (mat.activite, suivi.activite) == ("100", "530")
    assert (mat.nom, suivi.nom) == ("Maternité", "Maternité - Suivi prénatal (suivi de grossesse)")
    assert mat.capacites and suivi.capacites == ()
    assert (mat.id_externe_synchro, suivi.id_externe_synchro) == ("SYNC-1", None)
    assert suivi.mode_prise_en_charge == mat.mode_prise_en_charge and suivi.eg_id == mat.eg_id
    assert "activites" in data  # the caller's dict is left as it was
    assert split.texte() == ("uo mat: 2 activités opérationnelles (100, 530): split into one unit "
                             "per activity (mat, mat-530); capacities stay with mat")


def test_a_unit_of_one_activity_or_of_the_current_model_is_not_split() -> None:
    data = _legacy()
    data["activites"] = ["100", "100"]  # the same code twice is one activity
    units, split = scinder(data)
    assert len(units) == 1 and units[0]["activite"] == "100" and split is None
    current = to_plain(make_uo())
    assert isinstance(current, dict)
    assert scinder(current) == ([current], None)


def test_practices_follow_the_unit_of_their_activity() -> None:
    _units_, split = scinder(_legacy())
    assert split is not None and cibles(split) == {("mat", "530"): id_scinde("mat", "530")}
    pro = {"exercices": [{"uo_id": "mat", "activite": "530"}, {"uo_id": "mat", "activite": "100"},
                         {"uo_id": "autre", "activite": "530"}]}
    assert repointer(pro, cibles(split))
    assert [e["uo_id"] for e in pro["exercices"]] == ["mat-530", "mat", "autre"]


def test_search_by_activity_finds_the_unit_of_that_activity_only_and_says_why() -> None:
    engine = Engine.build(make_offre(*_units(_legacy())))
    rep = engine.search(Requete(profil=Profil.AVAL, activites=("530",)))
    assert [r.uo_id for r in rep.resultats] == ["mat-530"]
    assert "activité Suivi prénatal (suivi de grossesse)" in rep.resultats[0].explication.criteres
    rep = engine.search(Requete(profil=Profil.AVAL, activites=("100",)))
    assert [r.uo_id for r in rep.resultats] == ["mat"]
    both = engine.search(Requete(profil=Profil.AVAL, activites=("100", "530")))
    assert sorted(r.uo_id for r in both.resultats) == ["mat", "mat-530"]


def test_population_criterion_2_is_the_one_activity_known_to_the_nomenclature() -> None:
    refs = Referentiels.from_nomenclatures(NOM)
    for uo in _units(_legacy()):
        assert criteres_uo(uo, refs, categorie_eg="355", adresse_eg=None)[2] is True
    for activite in ("", "zzz"):
        assert criteres_uo(make_uo(activite=activite), refs, categorie_eg="355",
                           adresse_eg=None)[2] is False
