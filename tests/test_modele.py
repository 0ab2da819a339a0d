"""The model's codec and validation: lossless round trip, errors naming field, code and table."""

from __future__ import annotations

import warnings
from datetime import date, time
from typing import Any

import pytest

from ror_orientation.errors import UnknownCodeError, ValidationError
from ror_orientation.horaires import Fermeture, Horaires, Plage
from ror_orientation.nomenclatures import DeprecatedCodeWarning, default_nomenclatures
from ror_orientation.offre import Capacite, Equipement, UniteOperationnelle
from ror_orientation.serialisation import CodecError, from_plain, to_plain
from ror_orientation.validation import validate

from .factories import make_eg, make_uo

NOM = default_nomenclatures()


def test_uo_survives_plain_round_trip_with_every_nested_part() -> None:
    uo = make_uo(
        equipements=(Equipement("001", caracteristique="001", valeur=250.0),),
        horaires=Horaires(plages=(Plage(0, time(22), time(6)),), ferme_jours_feries=True,
                          fermetures=(Fermeture(date(2026, 12, 1), date(2027, 1, 5)),)),
        actes=("0036",), publics=("07",), sensible=True)
    assert from_plain(UniteOperationnelle, to_plain(uo)) == uo


def test_from_plain_names_the_nested_field_of_a_wrong_type() -> None:
    data: Any = to_plain(make_uo())
    data["capacites"][0]["nombre"] = "three"
    with pytest.raises(CodecError, match=r"capacites\[0\]\.nombre"):
        from_plain(UniteOperationnelle, data)


def test_unknown_code_error_names_field_code_and_table() -> None:
    with pytest.raises(UnknownCodeError) as err:
        validate(make_uo(activite="999999"), NOM)
    assert err.value.field == "uo.activite"
    assert "999999" in err.value.message and "TRE_R211" in err.value.message


def test_deprecated_code_is_accepted_with_a_warning() -> None:
    deprecated = next(c.code for c in NOM.table("TRE_R211").codes.values() if not c.actif)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        validate(make_uo(activite=deprecated), NOM)
    assert any(issubclass(w.category, DeprecatedCodeWarning) for w in caught)


def test_age_min_above_age_max_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError) as err:
        validate(make_uo(age_min=60, age_max=18), NOM)
    assert err.value.field == "uo.age_min"


def test_additional_bed_type_needs_status_supplementaire() -> None:
    bad = Capacite("01", "02", "01", "04", 3, type_lit_supplementaire="01")
    with pytest.raises(ValidationError, match="type_lit_supplementaire"):
        validate(make_uo(capacites=(bad,)), NOM)


def test_eg_coordinates_out_of_range_are_refused() -> None:
    from ror_orientation.offre import Coordonnees

    with pytest.raises(ValidationError) as err:
        validate(make_eg(coordonnees=Coordonnees(95.0, 2.0)), NOM)
    assert err.value.field == "eg.coordonnees.lat"


def test_a_unit_has_exactly_one_activity_required_and_named_when_missing() -> None:
    """ME 3.0 / ROR IG: `specialty[operationalActivity]` 1..1, one mode at most."""
    with pytest.raises(TypeError, match="activite"):
        UniteOperationnelle(id="u", eg_id="e", nom="n", champ="01")  # type: ignore[call-arg]
    for blank in ("", "  "):
        with pytest.raises(ValidationError) as err:
            validate(make_uo(activite=blank), NOM)
        assert err.value.field == "uo.activite" and "one activité opérationnelle" in err.value.message
    validate(make_uo(activite="356", mode_prise_en_charge=None), NOM)  # no mode: allowed (IG 0..1)
    assert not hasattr(make_uo(), "activites")


def test_a_unit_given_a_list_of_activities_does_not_read() -> None:
    data: Any = to_plain(make_uo())
    data["activite"] = ["157", "356"]
    with pytest.raises(CodecError, match=r"activite"):
        from_plain(UniteOperationnelle, data)


def test_results_built_at_a_plain_cost_are_the_frozen_classes_own() -> None:
    """The engine builds each page's results through `make_resultat` / `make_explication`: the
    objects must be the classes' own — equal, same repr and hash, frozen, defaults kept."""
    from dataclasses import FrozenInstanceError, fields, replace
    from datetime import UTC, datetime

    from ror_orientation.requete import Explication, Resultat, make_explication, make_resultat

    values = ((("a",), ("R210:1",), (), 12.5, 3, datetime(2026, 1, 2, tzinfo=UTC), 4.5, False, True,
               None, 0.75, {"distance": 0.5}, "02"))
    slow, fast = Explication(*values), make_explication(*values)
    assert type(fast) is Explication and fast == slow and repr(fast) == repr(slow)
    assert [getattr(fast, f.name) for f in fields(Explication)] == list(values)
    with pytest.raises(FrozenInstanceError):
        fast.score = 0.0  # type: ignore[misc]
    res = make_resultat("uo", "eg", "nom", "site", 0.5, None)  # defaults: no explanation, ouvert None
    assert type(res) is Resultat and res == Resultat("uo", "eg", "nom", "site", 0.5, None)
    assert hash(res) == hash(Resultat("uo", "eg", "nom", "site", 0.5, None))
    assert res.explication is None and res.ouvert is None
    assert replace(res, ouvert=True) == make_resultat("uo", "eg", "nom", "site", 0.5, None, ouvert=True)
    with pytest.raises(FrozenInstanceError):
        res.nom = "autre"  # type: ignore[misc]


def test_a_plain_built_twin_refuses_what_it_cannot_copy() -> None:
    """A default factory is not carried to the twin (a required field would silently change
    the constructor): such a class is refused, not built wrongly."""
    from ror_orientation.requete import Reponse, plain_init

    with pytest.raises(TypeError, match="default factory"):
        plain_init(Reponse)
