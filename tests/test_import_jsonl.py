"""Our JSON-lines format: export → import → export is byte-identical; bad lines name file, line, field."""

from __future__ import annotations

import io
from datetime import date, time

import orjson
import pytest

from ror_orientation.errors import ImportFormatError
from ror_orientation.horaires import Fermeture, Horaires, Plage
from ror_orientation.importers.jsonl import read_jsonl, write_jsonl
from ror_orientation.offre import (
    Autorisation,
    Canal,
    Confidentialite,
    Contact,
    Equipement,
    Exercice,
    OrganisationInterne,
    Professionnel,
    Telecom,
)
from ror_orientation.store import Store

from .factories import make_eg, make_offre, make_uo


def rich_offre():
    uo = make_uo(
        id="uo-neuro", oi_id="oi-neuro", actes=(), publics=(),
        horaires=Horaires(plages=(Plage(0, time(8), time(18)), Plage(4, time(20), time(8))),
                          debut_validite=date(2026, 1, 1),
                          fermetures=(Fermeture(date(2026, 8, 1), reouverture_prevue=date(2026, 8, 31),
                                                motif="travaux"),)),
        contacts=(Contact(fonction="Médecin de garde", nature="medical", nom="Dr X",
                          telecoms=(Telecom(Canal.TELEPHONE, "0299000000", Confidentialite.RESTREINT),
                                    Telecom(Canal.MSSANTE, "garde@chu.mssante.fr"))),),
        equipements=(Equipement("003", caracteristique="001", valeur=250.0, quantite=2),),
        sensible=True, id_externe_synchro="SI-42")
    offre = make_offre(uo, make_uo(id="uo-sans-oi", nom="Hôpital de jour"))
    offre.eg["350005179"] = make_eg(sae={"LIT_MED": 12, "URG_PASSU": 1000},
                                    autorisations=(Autorisation("01", "00", "01", nature="AMF",
                                                                date_debut=date(2000, 6, 7)),))
    offre.add(OrganisationInterne(id="oi-pole", eg_id="350005179", nom="Pôle neurosciences", type="1"))
    offre.add(OrganisationInterne(id="oi-neuro", eg_id="350005179", nom="Service de neurologie",
                                  type="2", parent_id="oi-pole"))
    offre.add(Professionnel(id="10001234567", nom="MARTIN", prenom="Anne", profession="10",
                            exercices=(Exercice("uo-neuro"), Exercice("uo-sans-oi"))))
    return offre


def export_bytes(store: Store) -> bytes:
    buf = io.BytesIO()
    write_jsonl(store.iter_entities(), buf)
    return buf.getvalue()


def test_export_import_export_is_byte_identical(tmp_path):
    first = Store(tmp_path / "a.sqlite")
    first.import_offre(rich_offre(), "test")
    exported = export_bytes(first)
    path = tmp_path / "export.jsonl"
    path.write_bytes(exported)
    second = Store(tmp_path / "b.sqlite")
    second.import_offre(read_jsonl(path).offre, "jsonl")
    assert export_bytes(second) == exported
    assert second.load_offre().uo == first.load_offre().uo
    assert second.get_professionnel("10001234567").exercices[0].uo_id == "uo-neuro"


def test_export_is_one_sorted_entity_per_line(tmp_path):
    store = Store(tmp_path / "a.sqlite")
    store.import_offre(rich_offre(), "test")
    lines = export_bytes(store).decode().splitlines()
    kinds = [orjson.loads(line)["kind"] for line in lines]
    assert kinds == ["ej", "eg", "oi", "oi", "uo", "uo", "professionnel"]


def _file(tmp_path, lines):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _good_lines(tmp_path):
    store = Store(tmp_path / "a.sqlite")
    store.import_offre(rich_offre(), "test")
    return export_bytes(store).decode().splitlines()


def test_bad_json_names_file_and_line(tmp_path):
    lines = _good_lines(tmp_path)
    lines[2] = lines[2][:-5]
    with pytest.raises(ImportFormatError, match=r"in.jsonl:3: json: not JSON"):
        read_jsonl(_file(tmp_path, lines))


def test_field_of_the_wrong_type_names_file_line_and_field(tmp_path):
    lines = _good_lines(tmp_path)
    record = orjson.loads(lines[4])
    record["data"]["age_min"] = "dix-huit"
    lines[4] = orjson.dumps(record).decode()
    with pytest.raises(ImportFormatError, match=r"in.jsonl:5: uo.age_min: Expected `int | null`, got `str`") as exc:
        read_jsonl(_file(tmp_path, lines))
    assert exc.value.field == "uo.age_min"


def test_unknown_code_names_file_line_field_code_and_table(tmp_path):
    lines = _good_lines(tmp_path)
    record = orjson.loads(lines[4])
    record["data"]["champ"] = "99"
    lines[4] = orjson.dumps(record).decode()
    with pytest.raises(ImportFormatError, match=r"in.jsonl:5: uo.champ: unknown code '99' in table TRE_R227"):
        read_jsonl(_file(tmp_path, lines))


def test_unknown_kind_and_unknown_field_are_refused(tmp_path):
    lines = _good_lines(tmp_path)
    with pytest.raises(ImportFormatError, match=r"in.jsonl:1: kind: unknown kind 'site'"):
        read_jsonl(_file(tmp_path, ['{"kind": "site", "data": {}}'] + lines))
    record = orjson.loads(lines[1])
    record["data"]["lits"] = 3
    with pytest.raises(ImportFormatError, match=r"in.jsonl:2: .*unknown field\(s\) lits"):
        read_jsonl(_file(tmp_path, [lines[0], orjson.dumps(record).decode()]))


def test_same_id_twice_is_refused(tmp_path):
    lines = _good_lines(tmp_path)
    with pytest.raises(ImportFormatError, match=r"in.jsonl:3: id: eg '350005179' given twice"):
        read_jsonl(_file(tmp_path, lines[:2] + [lines[1]]))


def _legacy(lines: list[str], uo_line: int, activites: list[str]) -> list[str]:
    """Turn a unit line into the form of an export made before one activity per unit."""
    record = orjson.loads(lines[uo_line])
    data = record["data"]
    data.pop("activite")
    data["activites"] = activites
    lines[uo_line] = orjson.dumps(record).decode()
    return lines


def test_a_unit_of_an_older_export_with_two_activities_is_split_and_reported(tmp_path):
    lines = _legacy(_good_lines(tmp_path), 4, ["157", "356"])
    pro = orjson.loads(lines[6])
    pro["data"]["exercices"] = [{"uo_id": "uo-neuro", "activite": "356"},
                                {"uo_id": "uo-neuro", "activite": "157"}]
    lines[6] = orjson.dumps(pro).decode()
    result = read_jsonl(_file(tmp_path, lines))
    first, second = result.offre.uo["uo-neuro"], result.offre.uo["uo-neuro-356"]
    assert (first.activite, second.activite) == ("157", "356")
    assert first.nom == "Unité neuro-vasculaire"
    assert second.nom == "Unité neuro-vasculaire - Soins intensifs spécialisés neurologie " \
                         "vasculaire (USINV)"
    assert [c.nombre for c in first.capacites] == [12, 2] and second.capacites == ()
    assert (second.id_externe_synchro, first.id_externe_synchro) == (None, "SI-42")
    assert (second.eg_id, second.oi_id, second.mode_prise_en_charge, second.contacts) == (
        first.eg_id, first.oi_id, first.mode_prise_en_charge, first.contacts)
    assert [e.uo_id for e in result.offre.professionnels["10001234567"].exercices] == [
        "uo-neuro-356", "uo-neuro"]
    assert result.warnings == [
        "in.jsonl:5: uo uo-neuro: 2 activités opérationnelles (157, 356): split into one unit per "
        "activity (uo-neuro, uo-neuro-356); capacities stay with uo-neuro"]
    store = Store(tmp_path / "b.sqlite")  # the split offer is a valid one
    assert store.import_offre(result.offre, "jsonl").counts["uo"] == 3


def test_a_unit_of_an_older_export_with_one_activity_reads_without_a_split(tmp_path):
    lines = _legacy(_good_lines(tmp_path), 4, ["157"])
    result = read_jsonl(_file(tmp_path, lines))
    assert result.offre.uo["uo-neuro"].activite == "157" and len(result.offre.uo) == 2
    assert result.warnings == []


def test_a_unit_without_any_activity_is_refused_naming_the_field(tmp_path):
    lines = _legacy(_good_lines(tmp_path), 4, [])
    with pytest.raises(ImportFormatError, match=r"in.jsonl:5: uo.activite: required") as exc:
        read_jsonl(_file(tmp_path, lines))
    assert exc.value.field == "uo.activite"
    record = orjson.loads(lines[4])
    record["data"]["activite"] = ["157", "356"]  # the current field given a list: not a unit
    del record["data"]["activites"]
    lines[4] = orjson.dumps(record).decode()
    with pytest.raises(ImportFormatError, match=r"in.jsonl:5: uo.activite: Expected `str`"):
        read_jsonl(_file(tmp_path, lines))
