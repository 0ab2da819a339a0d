"""Bulk export ($export kick-off, status, ndjson downloads, _type, _since, rights) and the `sync`
that reads one into a store: an export imported into an empty store gives back the same offer
(compared as FHIR serves it), deltas apply what changed, --compare reports what the source lost."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import orjson
import pytest

from ror_orientation.errors import RorError
from ror_orientation.fhir import profils as P
from ror_orientation.fhir.synchro import KINDS, _bucket, projection, synchroniser
from ror_orientation.offre import EntiteGeographique
from ror_orientation.store import Store
from tests.api_support import EG_RENNES, auth, client, key
from tests.test_fhir import capacite_ext, valide


@pytest.fixture()
def api(tmp_path):
    with client(tmp_path) as c:
        c.reg = auth(key(c.store, ["lecture_regulation"]))  # type: ignore[attr-defined]
        c.edit = auth(key(c.store, ["editeur"], eg_ids=(EG_RENNES,), nom="edit"))  # type: ignore[attr-defined]
        yield c


def run_export(api, query: str = "", headers=None) -> dict:
    r = api.get(f"/fhir/$export{query}", headers=headers or {})
    assert r.status_code == 202, r.text
    status_url = r.headers["content-location"].replace("http://testserver", "")
    for _ in range(200):
        s = api.get(status_url, headers=headers or {})
        if s.status_code == 200:
            return s.json()
        assert s.status_code == 202 and s.headers["x-progress"]
        time.sleep(0.05)
    raise AssertionError("export did not finish")


def download(api, manifest: dict, folder, headers=None) -> dict[str, list[dict]]:
    out = {}
    for o in manifest["output"]:
        r = api.get(o["url"].replace("http://testserver", ""), headers=headers or {})
        assert r.status_code == 200 and r.headers["content-type"].startswith(
            "application/fhir+ndjson")
        (folder / f"{o['type']}.ndjson").write_bytes(r.content)
        out[o["type"]] = [valide(orjson.loads(line)) for line in r.content.splitlines()]
        assert len(out[o["type"]]) == o["count"]
    return out


def test_export_kick_off_status_and_one_ndjson_file_per_type(api, tmp_path):
    m = run_export(api, headers=api.reg)
    assert {o["type"] for o in m["output"]} == set(P.TYPES)
    assert m["requiresAccessToken"] is True and m["error"] == []
    files = download(api, m, tmp_path, api.reg)
    assert "uo-sensible" in {r["id"] for r in files["HealthcareService"]}
    for rtype, rows in files.items():
        assert all(r["meta"]["profile"] == [P.PROFILS[rtype]] for r in rows)


def test_public_export_hides_what_public_readers_may_not_see(api, tmp_path):
    files = download(api, run_export(api), tmp_path)
    assert "uo-sensible" not in {r["id"] for r in files["HealthcareService"]}
    assert "uo-sensible" not in {r["id"] for r in files["Location"]}
    assert "0699999999" not in str(files)


def test_type_and_since_narrow_the_export(api, tmp_path):
    m = run_export(api, "?_type=Location,Organization", headers=api.reg)
    assert [o["type"] for o in m["output"]] == ["Location", "Organization"]
    future = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    m = run_export(api, f"?_since={future}", headers=api.reg)
    counts = {o["type"]: o["count"] for o in m["output"]}
    assert counts["Location"] == 0  # every Location has a dated capacity record
    # no update time (the test units have none, organisations never do): always exported
    assert counts["HealthcareService"] == 3
    assert counts["Organization"] >= 6


@pytest.mark.parametrize("query,field", [("?_type=Patient", "_type"),
                                         ("?_since=yesterday", "_since"),
                                         ("?_outputFormat=text/csv", "_outputFormat"),
                                         ("?_typeFilter=x", "_typeFilter")])
def test_bad_kick_off_is_an_operation_outcome(api, query, field):
    r = api.get(f"/fhir/$export{query}", headers=api.reg)
    assert r.status_code == 400
    assert valide(r.json())["issue"][0]["expression"] == [field]


def test_a_job_is_its_callers_only(api, tmp_path):
    r = api.get("/fhir/$export", headers=api.reg)
    url = r.headers["content-location"].replace("http://testserver", "")
    time.sleep(0.2)
    assert api.get(url, headers=api.edit).status_code == 404
    assert api.get(url).status_code == 404
    assert api.delete(url, headers=api.reg).status_code == 202
    assert api.get(url, headers=api.reg).status_code == 404


def same_offer(a: Store, b: Store) -> list[str]:
    """Entities that differ between two stores, compared as FHIR serves them."""
    diffs = []
    egs_a = {x.id: x for _k, x in a.iter_entities() if isinstance(x, EntiteGeographique)}
    egs_b = {x.id: x for _k, x in b.iter_entities() if isinstance(x, EntiteGeographique)}
    for kind in KINDS:
        ea = dict(e for e in ((x.id, x) for k, x in a.iter_entities() if k == _bucket(kind)))
        eb = dict(e for e in ((x.id, x) for k, x in b.iter_entities() if k == _bucket(kind)))
        if set(ea) != set(eb):
            diffs.append(f"{kind}: {sorted(set(ea) ^ set(eb))}")
        for i in set(ea) & set(eb):
            if projection(a.nomenclatures, kind, ea[i], egs_a) != projection(
                    b.nomenclatures, kind, eb[i], egs_b):
                diffs.append(f"{kind} {i}")
    return diffs


def test_export_imported_into_an_empty_store_gives_the_same_offer(api, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    download(api, run_export(api, headers=api.reg), folder, api.reg)
    target = Store(tmp_path / "copie.sqlite")
    rapport = synchroniser(target, str(folder))
    assert rapport.ajoutes["uo"] == 3 and not rapport.modifies
    assert same_offer(api.store, target) == []
    # a second sync of the same export changes nothing
    again = synchroniser(target, str(folder))
    assert not again.ajoutes and not again.modifies and again.inchanges["uo"] == 3


def test_a_delta_export_applies_what_changed_and_compare_reports_drift(api, tmp_path):
    full, delta = tmp_path / "full", tmp_path / "delta"
    full.mkdir(), delta.mkdir()
    download(api, run_export(api, headers=api.reg), full, api.reg)
    target = Store(tmp_path / "copie.sqlite")
    synchroniser(target, str(full))
    since = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    time.sleep(1.1)
    ops = [{"op": "add", "path": "/extension/-", "value": capacite_ext("02", 9)}]
    assert api.patch("/fhir/Location/uo-unv", json=ops, headers=api.edit).status_code == 200
    files = download(api, run_export(api, f"?_since={since}", headers=api.reg), delta, api.reg)
    assert [r["id"] for r in files["Location"]] == ["uo-unv"]
    rapport = synchroniser(target, str(delta))
    assert rapport.modifies == {"uo": 1} and not rapport.ajoutes
    held = {(c.statut, c.nombre) for c in target.get_uo("uo-unv").capacites}
    assert ("02", 9) in held
    assert same_offer(api.store, target) == []
    # drift: the target holds a unit the source no longer has
    from tests.factories import make_uo

    target.put(make_uo(id="uo-orpheline"))
    drift = synchroniser(target, str(full), comparer=True, appliquer=False)
    assert drift.absents_de_la_source["uo"] == ["uo-orpheline"]


def test_sync_command_reads_a_folder(api, tmp_path, capsys):
    from ror_orientation.cli import main

    folder = tmp_path / "export"
    folder.mkdir()
    download(api, run_export(api, headers=api.reg), folder, api.reg)
    db = tmp_path / "cli.sqlite"
    assert main(["sync", str(folder), "--db", str(db), "--json"]) == 0
    report = orjson.loads(capsys.readouterr().out)
    assert report["added"]["uo"] == 3 and report["resources_read"] > 10


def test_sync_from_a_url_runs_the_export_then_applies_deltas(tmp_path):
    """A real HTTP server on a loopback port (uvicorn in a thread) and the sync's urllib client."""
    import httpx

    from ror_orientation.api import create_app
    from ror_orientation.settings import Settings
    from tests.api_support import make_engine, make_store
    from tests.serveur import serving_app

    store = make_store(tmp_path / "source.sqlite")
    reg = key(store, ["lecture_regulation"])
    edit = auth(key(store, ["editeur"], eg_ids=(EG_RENNES,), nom="edit"))
    app = create_app(Settings(db=tmp_path / "source.sqlite"), engine=make_engine(store),
                     store=store)
    with serving_app(app) as base:
        url = f"{base}/fhir"
        target = Store(tmp_path / "copie.sqlite")
        first = synchroniser(target, url, cle=reg)
        assert first.ajoutes["uo"] == 3 and first.transaction
        assert same_offer(store, target) == []
        time.sleep(1.1)
        ops = [{"op": "add", "path": "/extension/-", "value": capacite_ext("02", 4)}]
        r = httpx.patch(f"{url}/Location/uo-vannes", json=ops, headers=edit)
        assert r.status_code == 403  # Vannes is not the editor's EG: nothing changes
        r = httpx.patch(f"{url}/Location/uo-unv", json=ops, headers=edit)
        assert r.status_code == 200
        delta = synchroniser(target, url, depuis=first.transaction, cle=reg)
        assert delta.modifies == {"uo": 1}
        assert ("02", 4) in {(c.statut, c.nombre) for c in target.get_uo("uo-unv").capacites}
        with pytest.raises(RorError, match="HTTP 401"):
            synchroniser(target, url, cle="wrong")


def test_finished_jobs_expire_after_the_documented_delay(api):
    import os

    from ror_orientation.fhir.export import Exports

    r = api.get("/fhir/$export?_type=Organization", headers=api.reg)
    url = r.headers["content-location"].replace("http://testserver", "")
    for _ in range(200):
        if api.get(url, headers=api.reg).status_code == 200:
            break
        time.sleep(0.05)
    job = url.rsplit("/", 1)[-1]
    jobs = Exports.pour(api.app.state.service.settings.db)
    etat = jobs.dossier / job / "etat.json"
    assert jobs.purger() == [] and etat.exists()  # just finished: kept
    ended = time.time() - Exports.GARDE.total_seconds() - 5
    os.utime(etat, (ended, ended))  # as if it had ended more than GARDE ago
    assert api.get(url, headers=api.reg).status_code == 404  # the status request purged it
    assert not (jobs.dossier / job).exists()
    # a job still running is kept until ABANDON
    running = jobs.dossier / "f00d"
    running.mkdir()
    (running / "etat.json").write_text('{"statut": "en_cours", "application": null}')
    old = time.time() - Exports.GARDE.total_seconds() - 5
    os.utime(running / "etat.json", (old, old))
    assert jobs.purger() == []
    assert jobs.purger(time.time() + Exports.ABANDON.total_seconds()) == ["f00d"]
