"""The store codec (msgspec over the model's dataclasses): lossless, strict, and its errors name the
entity and the field; rows of the first release still read; repeated values are shared on load."""

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
from ror_orientation.serialisation import CodecError, decode, encode
from ror_orientation.store import Store
from ror_orientation.store.partage import Partage
from ror_orientation.store.projections import EGProjection, check_projection

from .factories import make_eg, make_offre, make_uo


@lru_cache(maxsize=1)
def corse() -> Offre:
    """A small generated offer (Corse) with every kind of entity and nested part."""
    return generate("demo", regions=("94",))


def test_every_generated_entity_reads_back_equal() -> None:
    entities = [x for kind in ("ej", "eg", "oi", "uo", "professionnels")
                for x in getattr(corse(), kind).values()]
    assert len(entities) > 1000
    for x in entities:
        assert decode(type(x), encode(x)) == x


def test_decoding_rebuilds_types_not_just_equal_values() -> None:
    uo = make_uo(horaires=Horaires(plages=(Plage(0, time(8), time(18)),),
                                   fermetures=(Fermeture(date(2026, 12, 1)),)),
                 contacts=(Contact("cadre", telecoms=(Telecom(Canal.FAX, "0299000000",
                                                              Confidentialite.RESTREINT),)),),
                 maj=datetime(2026, 11, 26, 6, tzinfo=UTC))
    back = decode(UniteOperationnelle, encode(uo))
    assert back == uo
    assert back.contacts[0].telecoms[0].confidentialite is Confidentialite.RESTREINT
    assert type(back.horaires.plages[0].debut) is time and back.maj is not None
    assert back.maj.tzinfo is not None and type(back.actes) is tuple


def test_a_row_of_the_first_release_reads_with_its_left_out_fields() -> None:
    """The first codec left out None, empty and default values, required Optional ones included."""
    row = (b'{"id":"2A0000000","nom":"Site","categorie":"355","coordonnees":{"lat":42,"lon":9},'
           b'"date_ouverture":"2000-01-01"}')
    eg = decode(EntiteGeographique, row)
    assert eg.ej_id is None and eg.coordonnees is not None and type(eg.coordonnees.lat) is float
    uo = decode(UniteOperationnelle, b'{"id":"u","eg_id":"e","nom":"n","champ":"01",'
                                     b'"activite":"157","capacites":[{"nature":"01",'
                                     b'"statut":"01","temporalite":"01","genre":"04","nombre":3,'
                                     b'"maj":"2026-11-26T09:30:00+00:00"}]}')
    assert uo.mode_prise_en_charge is None
    assert uo.capacites[0].maj == datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def test_eg_with_sae_figures_and_authorisations_round_trips() -> None:
    eg = replace(make_eg(), sae={"LIT_MED": 120, "URG_PASSU": 30000},
                 autorisations=(Autorisation("01", "00", "01", date_fin=date(2030, 1, 1)),))
    assert decode(EntiteGeographique, encode(eg)) == eg


@pytest.mark.parametrize(("old", "new", "path", "says"), [
    (b'"nombre":12', b'"nombre":"douze"', "capacites[0].nombre", "Expected `int`, got `str`"),
    (b'"nombre":12', b'"nombre":true', "capacites[0].nombre", "Expected `int`, got `bool`"),
    (b'"canal":"telephone"', b'"canal":"pigeon"', "contacts[0].telecoms[0].canal", "Invalid enum"),
    (b'"nature":"01",', b"", "capacites[0]", "missing required field `nature`"),
])
def test_a_bad_row_names_the_entity_and_the_field_path(old, new, path, says) -> None:
    raw = encode(make_uo(id="UO-7"))
    assert old in raw
    with pytest.raises(CodecError) as err:
        decode(UniteOperationnelle, raw.replace(old, new, 1), "uo UO-7")
    assert err.value.what == "uo UO-7" and err.value.path == path
    assert says in str(err.value) and str(err.value).startswith(f"uo UO-7 {path}: ")


def test_a_corrupt_stored_row_is_skipped_with_a_warning_naming_kind_id_and_field(
        tmp_path, caplog) -> None:
    """One bad row must not take the server down for everyone: every read skips it, says which
    entity and field in the log, and `check` lists it (never a silent slow path)."""
    import logging

    from ror_orientation.errors import NotFoundError
    from ror_orientation.store import uo_t

    store = Store(tmp_path / "s.sqlite")
    store.import_offre(make_offre(make_uo(id="UO-A"), make_uo(id="UO-B")))
    bad = encode(make_uo(id="UO-B")).replace(b'"age_min":18', b'"age_min":"18"')
    with store.transaction() as conn:
        conn.execute(uo_t.update().where(uo_t.c.id == "UO-B").values(data=bad))
    caplog.set_level(logging.WARNING, logger="ror_orientation.store")
    assert sorted(store.load_offre().uo) == ["UO-A"]
    with pytest.raises(NotFoundError):
        store.get_uo("UO-B")
    assert [e.id for k, e in store.iter_entities() if k == "uo"] == ["UO-A"]
    assert sorted(store.get_many("uo", ["UO-A", "UO-B"])) == ["UO-A"]
    assert any("uo UO-B age_min: Expected `int | null`, got `str`" in m for m in caplog.messages)
    [(table, id_, why)] = store.unreadable()
    assert (table, id_) == ("uo", "UO-B") and "age_min" in why
    with pytest.raises(CodecError, match=r"^uo UO-B age_min: Expected `int \| null`, got `str`"):
        list(store.offre.uo_projections())


def test_repeated_values_are_shared_after_a_load(tmp_path) -> None:
    horaires = Horaires(plages=(Plage(0, time(8), time(18)),))
    store = Store(tmp_path / "s.sqlite")
    store.import_offre(make_offre(make_uo(id="UO-A", horaires=horaires),
                                  make_uo(id="UO-B", horaires=horaires)))
    shared = store.load_offre()
    a, b = shared.uo["UO-A"], shared.uo["UO-B"]
    assert a.horaires is b.horaires and a.capacites[0] is b.capacites[0]
    apart = store.load_offre(share=False)
    assert apart.uo == shared.uo and apart.uo["UO-A"].horaires is not apart.uo["UO-B"].horaires
    p = Partage()
    assert p._one(Capacite("01", "01", "01", "04", 3)) == Capacite("01", "01", "01", "04", 3)


def test_a_projection_field_the_model_lacks_or_types_otherwise_is_refused() -> None:
    import msgspec

    class Renamed(msgspec.Struct):
        id: str
        nom_court: str

    class Retyped(msgspec.Struct):
        id: str
        region: int | None = None

    with pytest.raises(TypeError, match="EntiteGeographique has no field 'nom_court'"):
        check_projection(Renamed, EntiteGeographique)
    with pytest.raises(TypeError, match=r"Retyped.region: typed int \| None"):
        check_projection(Retyped, EntiteGeographique)
    check_projection(EGProjection, EntiteGeographique)
