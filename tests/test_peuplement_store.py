"""Population computed over a real store: statuses per target row, the table, snapshots per quarter,
and the CLI and the API agreeing on the same store."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import orjson
import pytest
from fastapi.testclient import TestClient

from ror_orientation.api import create_app
from ror_orientation.cli import main
from ror_orientation.engine import Engine
from ror_orientation.errors import NotFoundError, ValidationError
from ror_orientation.offre import Adresse, Autorisation, EntiteJuridique, Offre, Statut
from ror_orientation.peuplement import snapshots
from ror_orientation.peuplement.criteres import StatutPeuplement
from ror_orientation.peuplement.publication import prendre_snapshot, publier
from ror_orientation.peuplement.statut import Parametres, calculer, detail_eg
from ror_orientation.peuplement.tableau import Compte, Tableau
from ror_orientation.peuplement.trimestre import Trimestre
from ror_orientation.settings import Settings
from ror_orientation.store import Store

from .factories import make_eg, make_uo

F, E, A = StatutPeuplement.FINALISE, StatutPeuplement.EN_COURS, StatutPeuplement.A_FAIRE
REF = date(2026, 11, 26)
ADR = Adresse(voie="RUE A", code_postal="35000", localite="RENNES")


def eg(id_: str, categorie: str, region: str = "53", departement: str = "35", **kw):
    kw.setdefault("date_ouverture", date(2000, 1, 1))
    return make_eg(id=id_, categorie=categorie, region=region, departement=departement, **kw)


def uo(id_: str, eg_id: str, **kw):
    kw.setdefault("adresse", ADR)
    return make_uo(id=id_, eg_id=eg_id, **kw)


def mco_ssr() -> tuple[Autorisation, ...]:
    return (Autorisation("01", forme="01", date_fin=date(2030, 1, 1)),
            Autorisation("50", forme="01", date_fin=date(2030, 1, 1)))


def build_offre() -> tuple[Offre, Offre]:
    """A valid offer, and a second part holding a unit that breaks criterion 1 (stored unchecked)."""
    o = Offre()
    o.add(EntiteJuridique(id="350000741", nom="EJ"))
    o.add(eg("350000001", "355", autorisations=mco_ssr()))  # MCO finalisé, SSR en cours
    o.add(uo("a-mco-1", "350000001"))
    o.add(uo("a-mco-2", "350000001"))
    o.add(uo("a-ssr", "350000001", champ="02", age_max=None))
    o.add(eg("350000002", "500"))  # PA with no unit: à faire
    o.add(eg("750000003", "255", region="11", departement="75"))  # PH finalisé
    o.add(uo("c-ph", "750000003", champ="04"))
    o.add(eg("750000004", "354", region="11", departement="75"))  # domicile en cours, not in PA/PH
    o.add(uo("d-dom", "750000004", champ="04"))
    o.add(eg("350000005", "355", autorisations=mco_ssr()[:1], date_fermeture=date(2020, 1, 1)))
    o.add(uo("e-mco", "350000005"))
    # finalisé + à faire mix: only a medico-social row can see an à faire unit (a sanitaire row only
    # counts units of its own champ, which always meet criterion 1)
    o.add(eg("350000006", "500"))
    o.add(uo("f-ok", "350000006", champ="04"))
    o.add(eg("350000007", "355", autorisations=mco_ssr()[:1]))  # only a draft unit: à faire
    o.add(uo("g-draft", "350000007", statut=Statut.BROUILLON))
    o.add(eg("970000008", "292", region="01", departement="971"))  # PSY by category, PSY unit en cours
    o.add(uo("h-psy", "970000008", champ="03", contacts=()))
    bad = Offre()
    bad.add(uo("f-rien", "350000006", champ="99", activite="zzz", mode_prise_en_charge=None,
               age_min=None, age_max=None, adresse=Adresse(), contacts=()))
    return o, bad


@pytest.fixture()
def store(tmp_path) -> Store:
    s = Store(tmp_path / "peuplement.sqlite")
    good, bad = build_offre()
    s.import_offre(good, source="test")
    s.import_offre(bad, source="test-unchecked", check=False)
    return s


def statuses(store: Store, **kw) -> dict[tuple[str, str], StatutPeuplement]:
    calcul = calculer(store, Parametres(reference=REF, **kw))
    return {(s.ligne.eg_id, s.ligne.champ): s.statut for s in calcul.statuts}


def test_statuses_per_target_row(store):
    assert statuses(store) == {
        ("350000001", "MCO"): F, ("350000001", "SSR"): E,
        ("350000002", "ESMS PA"): A,
        ("750000003", "ESMS PH"): F,
        ("750000004", "ESMS domicile"): E,
        ("350000006", "ESMS PA"): A,  # national quirk
        ("350000007", "MCO"): A,
        ("970000008", "PSY"): E,
    }


def test_eg_without_opening_date_is_out_unless_asked(store, capsys):
    store.put(eg("350000009", "355", autorisations=mco_ssr()[:1], date_ouverture=None))
    store.put(uo("i-mco", "350000009"))
    assert ("350000009", "MCO") not in statuses(store)
    assert statuses(store, date_ouverture_requise=False)[("350000009", "MCO")] is F
    db = store.url.removeprefix("sqlite:///")
    for extra, cible in (([], 2), (["--date-ouverture", "facultative"], 3),
                         (["--date-ouverture", "requise"], 2)):
        assert main(["peuplement", "--db", db, "--champ", "MCO", "--format", "json", *extra]) == 0
        data = orjson.loads(capsys.readouterr().out)
        assert next(li for li in data["lignes"] if li["region"] == "53")["champs"]["MCO"][
            "cible"] == cible


def test_corrected_reading_makes_the_mix_en_cours(store):
    assert statuses(store, quirk_mixte=False)[("350000006", "ESMS PA")] is E


def test_table_counts_and_total_equals_sum_of_regions(store):
    data = publier(store, parametres=Parametres(reference=REF))
    by_region = {li["region"]: li for li in data["lignes"]}
    mco = by_region["53"]["champs"]["MCO"]
    assert (mco["cible"], mco["finalise"], mco["en_cours"], mco["a_faire"]) == (2, 1, 0, 1)
    assert mco["pct_peuples"] == "50,00%" and mco["pct_qualite"] == "50,00%"
    pa = by_region["53"]["champs"]["ESMS PA"]
    assert (pa["cible"], pa["finalise"], pa["a_faire"], pa["pct_peuples"]) == (2, 0, 2, "0,00%")
    assert by_region["11"]["champs"]["ESMS PH"]["pct_qualite"] == "100,00%"
    assert by_region["11"]["champs"]["ESMS PA"]["pct_peuples"] == "Donnée non disponible"
    assert "ESMS domicile" not in data["champs"]
    for champ in data["champs"]:
        total = by_region["TOTAL"]["champs"][champ]
        for key in ("cible", "finalise", "en_cours", "a_faire"):
            assert total[key] == sum(li["champs"][champ][key] for li in data["lignes"]
                                     if li["region"] != "TOTAL")


def test_detail_says_which_criterion_fails(store):
    d = detail_eg(store, "350000001", Parametres(reference=REF)).to_dict()
    ssr = next(li for li in d["lignes"] if li["champ"] == "SSR")
    assert ssr["statut"] == "en_cours"
    assert [(u["uo_id"], [c["critere"] for c in u["criteres_en_echec"]]) for u in ssr["unites"]] == [
        ("a-ssr", [4])]
    draft = detail_eg(store, "350000007", Parametres(reference=REF)).to_dict()
    assert draft["uo_non_comptees"] == [{"uo_id": "g-draft", "nom": "Unité neuro-vasculaire",
                                         "motif": "brouillon"}]
    closed = detail_eg(store, "350000005", Parametres(reference=REF)).to_dict()
    assert closed["dans_le_perimetre"] is False
    assert closed["hors_perimetre"] == "fermée dans FINESS le 2020-01-01"
    assert d["hors_perimetre"] is None
    with pytest.raises(NotFoundError):
        detail_eg(store, "nope")


def test_snapshot_twice_replaces_it(store):
    t = Trimestre(2019, 2)
    prendre_snapshot(store, "2019T2", Parametres(reference=REF))
    first = snapshots.charger(store, t)
    assert first.compte("53", "MCO") == Compte(2, 1, 0, 1)
    store.put(uo("b-pa", "350000002", champ="04"))  # the PA EHPAD gets a complete unit
    prendre_snapshot(store, "2019T2", Parametres(reference=REF))
    again = snapshots.charger(store, t)
    assert again.compte("53", "ESMS PA") == Compte(2, 1, 0, 1)
    n = store.snapshots.cellules("2019T2")
    assert len(n) == 18 * 9  # every region × champ once, nothing duplicated
    assert snapshots.trimestres(store) == [t]


def test_snapshot_keeps_each_target_row_and_lists_them(store):
    from ror_orientation.peuplement.publication import etablissements

    prendre_snapshot(store, "2019T2", Parametres(reference=REF))
    prendre_snapshot(store, "2019T2", Parametres(reference=REF))
    rows = snapshots.lignes_eg(store, Trimestre(2019, 2))
    assert len(rows) == 8  # replaced, not appended
    a_faire = etablissements(store, trimestre="2019T2", region="53", statut="a_faire")
    assert [(r["eg_id"], r["champ"]) for r in a_faire["etablissements"]] == [
        ("350000002", "ESMS PA"), ("350000006", "ESMS PA"), ("350000007", "MCO")]
    live = etablissements(store, champ="ssr", parametres=Parametres(reference=REF), limit=1)
    assert live["total"] == 1 and live["etablissements"][0]["statut"] == "en_cours"
    assert live["etablissements"][0]["nom"] == "CHU PONTCHAILLOU"
    with pytest.raises(ValidationError) as exc:
        etablissements(store, statut="fini")
    assert exc.value.field == "statut"


def test_failed_snapshot_leaves_the_previous_one_intact(store):
    t = Trimestre(2019, 2)
    prendre_snapshot(store, "2019T2", Parametres(reference=REF))
    broken = Tableau({("53", "MCO"): Compte(None, 0, 0, 0)})  # type: ignore[arg-type]  # NOT NULL
    with pytest.raises(Exception):  # noqa: B017 - any database error
        snapshots.enregistrer(store, t, broken)
    assert snapshots.charger(store, t).compte("53", "MCO") == Compte(2, 1, 0, 1)


def test_precedent_and_series(store):
    snapshots.enregistrer(store, Trimestre(2019, 1), Tableau({("53", "MCO"): Compte(4, 1, 1, 2)}),
                          datetime(2019, 3, 31, tzinfo=UTC))
    prendre_snapshot(store, "2019T2", Parametres(reference=REF))
    data = publier(store, trimestre="2019T2", precedent=True, champ="mco")
    assert data["champs"] == ["MCO"] and data["precedent"]["libelle"] == "T1 2019"
    cell = next(li for li in data["lignes"] if li["region"] == "53")["champs"]["MCO"]
    assert (cell["precedent"]["pct_peuples"], cell["pct_peuples"]) == ("50,00%", "50,00%")
    nothing_before = publier(store, trimestre="2019T1", precedent=True)
    assert nothing_before["precedent"]["disponible"] is False
    assert nothing_before["lignes"][0]["champs"]["MCO"]["precedent"]["pct_peuples"] == (
        "Donnée non disponible")
    serie = snapshots.serie(store, "53", ["MCO"])
    assert [(e["trimestre"], e["champs"]["MCO"]["cible"]) for e in serie["serie"]] == [
        ("2019T1", 4), ("2019T2", 2)]


def test_quarter_without_snapshot_is_not_found(store):
    with pytest.raises(NotFoundError) as exc:
        publier(store, trimestre="2018T4")
    assert exc.value.field == "trimestre"


# --- CLI and API on the same store --------------------------------------------------------------

def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _stable(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("calcule_le", "pris_le")}


@pytest.fixture()
def api(store):
    app = create_app(Settings(db=store.url.removeprefix("sqlite:///")), engine=Engine.build(Offre()),
                     store=store)  # an empty engine: no search here
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_cli_table_and_api_json_agree(store, api, capsys):
    db = store.url.removeprefix("sqlite:///")
    code, out, _ = _cli(capsys, "peuplement", "--db", db, "--snapshot", "--trimestre", "2019T2",
                        "--format", "json")
    assert code == 0
    cli_json = orjson.loads(out)
    r = api.get("/api/v1/peuplement", params={"trimestre": "2019T2"})
    assert r.status_code == 200
    assert _stable(r.json()) == _stable(cli_json)
    code, text, _ = _cli(capsys, "peuplement", "--db", db, "--trimestre", "2019T2")
    lines = text.splitlines()
    bretagne_mco = next(li for li in lines if li.startswith("53 Bretagne"))
    assert [c.strip() for c in bretagne_mco.split("|")][1:4] == ["2", "50,00%", "50,00%"]
    assert any(li.startswith("TOTAL") for li in lines)
    assert "Donnée non disponible" in text
    code, csv_out, _ = _cli(capsys, "peuplement", "--db", db, "--trimestre", "2019T2", "--format",
                            "csv", "--champ", "MCO")
    api_csv = api.get("/api/v1/peuplement", params={"trimestre": "2019T2", "format": "csv",
                                                    "champ": "MCO"})
    assert api_csv.headers["content-type"].startswith("text/csv")
    assert api_csv.text == csv_out
    assert "53;Bretagne;MCO;2;1;0;1;50,00%;50,00%" in csv_out


@pytest.mark.parametrize("argv,needle", [
    (["--champ", "CHIRURGIE"], "champ: unknown champ"),
    (["--trimestre", "2019T9"], "trimestre: malformed quarter"),
    (["--trimestre", "2018T4"], "no population snapshot for 2018T4"),
])
def test_cli_bad_input_is_one_line_error(store, capsys, argv, needle):
    code, out, err = _cli(capsys, "peuplement", "--db", store.url.removeprefix("sqlite:///"), *argv)
    assert code == 2 and out == ""
    assert needle in err and err.count("\n") == 1


@pytest.mark.parametrize("params,status,field", [
    ({"champ": "CHIRURGIE"}, 400, "champ"),
    ({"trimestre": "2019-2"}, 400, "trimestre"),
    ({"trimestre": "2018T4"}, 404, "trimestre"),
    ({"format": "xml"}, 400, "format"),
    ({"date_ouverture": "parfois"}, 400, "date_ouverture"),
])
def test_api_bad_input_names_the_field(api, params, status, field):
    r = api.get("/api/v1/peuplement", params=params)
    assert r.status_code == status
    assert r.json()["error"]["field"] == field


def test_api_detail_series_legend_and_quality(store, api):
    prendre_snapshot(store, "2019T2", Parametres(reference=REF))
    d = api.get("/api/v1/peuplement/eg/350000006", params={"quirk_mixte": "false"}).json()
    assert d["lignes"][0]["statut"] == "en_cours"
    assert api.get("/api/v1/peuplement/eg/nope").status_code == 404
    s = api.get("/api/v1/peuplement/series/53", params={"champ": "MCO"}).json()
    assert [e["trimestre"] for e in s["serie"]] == ["2019T2"]
    assert api.get("/api/v1/peuplement/series/99").json()["error"]["field"] == "region"
    c = api.get("/api/v1/peuplement/carte", params={"champ": "ESMS PH", "trimestre": "2019T2"}).json()
    assert c["regions"]["11"]["classe"] == "Très avancé"
    assert c["regions"]["53"]["classe"] == "Donnée non disponible"
    assert api.get("/api/v1/peuplement/carte", params={"indicateur": "x"}).status_code == 400
    q = api.get("/api/v1/peuplement/qualite", params={"exigence": "CP4"}).json()
    cp4 = q["exigences"][0]
    assert cp4["exigence"] == "CP4" and cp4["conforme"] >= 2 and cp4["ecart"] >= 1
    assert api.get("/api/v1/peuplement/qualite", params={"exigence": "XX9"}).status_code == 400
    qcsv = api.get("/api/v1/peuplement/qualite", params={"exigence": "CP4", "format": "csv"})
    assert qcsv.text.splitlines()[0].startswith("exigence;resultat;region")
    ecsv = api.get("/api/v1/peuplement/etablissements",
                   params={"trimestre": "2019T2", "champ": "SSR", "format": "csv"}).text.splitlines()
    assert ecsv == ["eg_id;nom;champ;region;departement;statut;n_finalise;n_en_cours;n_a_faire",
                    "350000001;CHU PONTCHAILLOU;SSR;53;35;en_cours;0;1;0"]
    assert api.get("/api/v1/peuplement/etablissements",
                   params={"region": "99"}).json()["error"]["field"] == "region"


def test_connected_applications_per_region_beside_the_table(store):
    from ror_orientation import applications

    applications.create(store, nom="SAMU 35", region="53", proprietaire="CHU", droits=["lecture_publique"])
    applications.create(store, nom="Appli", region="53", proprietaire="X", droits=["lecture_publique"])
    data = publier(store, parametres=Parametres(reference=REF))
    by_region = {li["region"]: li["applications"] for li in data["lignes"]}
    assert by_region["53"] == 2 and by_region["11"] == 0 and by_region["TOTAL"] == 2


def test_a_unit_moved_to_another_champ_changes_the_rows(store):
    store.put(replace(uo("a-ssr", "350000001", champ="02")))  # now complete
    assert statuses(store)[("350000001", "SSR")] is F


def test_openapi_lists_the_population_routes_with_their_models(api):
    paths = api.get("/openapi.json").json()["paths"]
    ours = {"/api/v1/peuplement", "/api/v1/peuplement/series/{region}", "/api/v1/peuplement/qualite",
            "/api/v1/peuplement/eg/{eg_id}", "/api/v1/peuplement/carte",
            "/api/v1/peuplement/etablissements"}
    assert ours <= set(paths)
    for path in ours:
        op = paths[path]["get"]
        assert op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        assert op["responses"]["400"]["content"]["application/json"]["schema"]["$ref"].endswith(
            "ErreurOut")


def test_answers_match_their_wire_models(store, api):
    from ror_orientation.web import wire as routes

    prendre_snapshot(store, "2019T2", Parametres(reference=REF))
    for url, params, model in (
            ("/api/v1/peuplement", {"trimestre": "2019T2", "precedent": "true"}, routes.TableauOut),
            ("/api/v1/peuplement", {}, routes.TableauOut),
            ("/api/v1/peuplement/series/53", {}, routes.SerieOut),
            ("/api/v1/peuplement/qualite", {}, routes.QualiteOut),
            ("/api/v1/peuplement/eg/350000001", {}, routes.DetailOut),
            ("/api/v1/peuplement/carte", {"champ": "PSY"}, routes.CarteOut),
            ("/api/v1/peuplement/etablissements", {"trimestre": "2019T2"}, routes.EtablissementsOut),
            ("/api/v1/peuplement/etablissements", {"statut": "en_cours"}, routes.EtablissementsOut)):
        r = api.get(url, params=params)
        assert r.status_code == 200, url
        model.model_validate(r.json(), strict=False)
