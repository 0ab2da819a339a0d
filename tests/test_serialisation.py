"""The codec's compiled decoders: the same objects as the careful reader, and its errors on bad data."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from functools import lru_cache

import pytest

from ror_orientation.generateur import generate
from ror_orientation.horaires import Fermeture, Horaires, Plage
from ror_orientation.offre import (
    Autorisation,
    Canal,
    Capacite,
    Confidentialite,
    Contact,
    EntiteGeographique,
    Offre,
    Telecom,
    UniteOperationnelle,
)
from ror_orientation.serialisation import (
    _decoder,
    _from_plain_checked,
    from_plain,
    reader,
    release_shared,
    to_plain,
)

from .factories import make_eg, make_uo


@lru_cache(maxsize=1)
def corse() -> Offre:
    """A small generated offer (Corse) with every kind of entity and nested part."""
    return generate("demo", regions=("94",))


def _entities(offre: Offre) -> list[object]:
    return [x for kind in ("ej", "eg", "oi", "uo", "professionnels")
            for x in getattr(offre, kind).values()]


def test_every_generated_entity_reads_back_equal_through_the_compiled_decoder() -> None:
    entities = _entities(corse())
    assert len(entities) > 1000
    for x in entities:
        plain = to_plain(x)
        decoded = _decoder(type(x))(plain)  # type: ignore[arg-type]  # the fast path, not its fallback
        assert decoded == x
        assert decoded == _from_plain_checked(type(x), plain)
        assert from_plain(type(x), plain) == x


def test_compiled_decoder_rebuilds_types_not_just_equal_values() -> None:
    uo = make_uo(horaires=Horaires(plages=(Plage(0, time(8), time(18)),),
                                   fermetures=(Fermeture(date(2026, 12, 1)),)),
                 contacts=(Contact("cadre", telecoms=(Telecom(Canal.FAX, "0299000000",
                                                              Confidentialite.RESTREINT),)),),
                 maj=datetime(2026, 11, 26, 6, tzinfo=UTC))
    back = _decoder(UniteOperationnelle)(to_plain(uo))
    assert back == uo
    assert type(back.contacts[0].telecoms[0].canal) is Canal
    assert back.contacts[0].telecoms[0].confidentialite is Confidentialite.RESTREINT
    assert type(back.horaires.plages[0].debut) is time and back.maj.tzinfo is not None
    assert type(back.actes) is tuple


def test_an_integer_for_a_float_field_reads_as_a_float() -> None:
    eg = make_eg()
    plain = to_plain(eg)
    plain["coordonnees"] = {"lat": 48, "lon": -2}
    back = from_plain(EntiteGeographique, plain)
    assert type(back.coordonnees.lat) is float and back.coordonnees.lat == 48.0


def test_eg_with_sae_figures_and_authorisations_round_trips() -> None:
    eg = replace(make_eg(), sae={"LIT_MED": 120, "URG_PASSU": 30000},
                 autorisations=(Autorisation("01", "00", "01", date_fin=date(2030, 1, 1)),))
    assert _decoder(EntiteGeographique)(to_plain(eg)) == eg


def test_wrong_type_deep_inside_names_the_dotted_path() -> None:
    uo = make_uo(contacts=(Contact("cadre", telecoms=(Telecom(Canal.EMAIL, "a@b.fr"),)),))
    data = to_plain(uo)
    data["contacts"][0]["telecoms"][0]["valeur"] = 12
    with pytest.raises(TypeError, match=r"contacts\[0\]\.telecoms\[0\]\.valeur: expected text"):
        from_plain(UniteOperationnelle, data)


def test_a_boolean_is_not_an_integer() -> None:
    data = to_plain(make_uo())
    data["capacites"][0]["nombre"] = True
    with pytest.raises(TypeError, match=r"capacites\[0\]\.nombre: expected an integer"):
        from_plain(UniteOperationnelle, data)


def test_unknown_enum_value_and_unknown_field_are_refused() -> None:
    data = to_plain(make_uo(contacts=(Contact("cadre", telecoms=(Telecom(Canal.EMAIL, "a@b"),)),)))
    data["contacts"][0]["telecoms"][0]["canal"] = "pigeon"
    with pytest.raises(TypeError, match=r"contacts\[0\]\.telecoms\[0\]\.canal"):
        from_plain(UniteOperationnelle, data)
    with pytest.raises(TypeError, match="unknown field"):
        from_plain(Capacite, {**to_plain(Capacite("01", "01", "01", "04", 3)), "lits": 3})


def test_missing_required_field_is_refused_naming_the_class_path() -> None:
    data = to_plain(make_uo())
    del data["capacites"][0]["nature"]
    with pytest.raises(TypeError, match=r"capacites\[0\]: .*nature"):
        from_plain(UniteOperationnelle, data)


def test_in_memory_values_the_careful_reader_accepts_still_read() -> None:
    """Tuples instead of lists and date objects instead of text: not JSON, but accepted as before."""
    cap = Capacite("01", "01", "01", "04", 3, maj=datetime(2026, 1, 1, tzinfo=UTC))
    data = {**to_plain(cap), "maj": cap.maj}
    assert from_plain(Capacite, data) == cap
    data = to_plain(make_uo(actes=("0036",)))
    data["actes"] = ("0036",)
    assert from_plain(UniteOperationnelle, data).actes == ("0036",)


def test_repeated_schedules_are_decoded_once_and_shared_until_released() -> None:
    read = reader(UniteOperationnelle)
    horaires = Horaires(plages=(Plage(0, time(8), time(18)),))
    a = read(to_plain(make_uo(id="UO-A", horaires=horaires)))
    b = read(to_plain(make_uo(id="UO-B", horaires=horaires)))
    assert a.horaires is b.horaires and a.horaires == horaires
    release_shared()
    c = read(to_plain(make_uo(id="UO-C", horaires=horaires)))
    assert c.horaires == horaires and c.horaires is not a.horaires
