"""A small hand-built offer and helpers for the API tests (real store, real engine, TestClient)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from types import EllipsisType
from typing import Any

from fastapi.testclient import TestClient

from ror_orientation import applications
from ror_orientation.api import create_app
from ror_orientation.engine import Engine
from ror_orientation.horaires import Horaires
from ror_orientation.offre import (
    Canal,
    Capacite,
    Confidentialite,
    Contact,
    Coordonnees,
    Exercice,
    Offre,
    OrganisationInterne,
    Professionnel,
    Telecom,
)
from ror_orientation.settings import Settings
from ror_orientation.store import Store
from tests.factories import make_eg, make_ej, make_uo

EG_RENNES = "350005179"
EG_VANNES = "560000010"
PUBLIC_PHONE = "0299284321"
RESTRICTED_PHONE = "0299280002"
CONFIDENTIAL_PHONE = "0699999999"
SECRET_PHONE = "0611111111"


def fresh(minutes: float = 5) -> datetime:
    return datetime.now(UTC) - timedelta(minutes=minutes)


def build_offre() -> Offre:
    """Two sites (Rennes, Vannes); a stroke unit with phones of every level; a sensitive unit."""
    offre = Offre()
    offre.add(make_ej())
    offre.add(make_eg())
    offre.add(make_ej(id="560008799", nom="CH BRETAGNE ATLANTIQUE"))
    offre.add(
        make_eg(
            id=EG_VANNES,
            ej_id="560008799",
            nom="CH BRETAGNE ATLANTIQUE",
            coordonnees=Coordonnees(47.6559, -2.7603),
            departement="56",
        )
    )
    offre.add(OrganisationInterne("pole-neuro", EG_RENNES, "Pôle neurosciences", "1"))
    offre.add(
        OrganisationInterne("uf-unv", EG_RENNES, "UF neuro-vasculaire", "3", parent_id="pole-neuro")
    )
    contacts = (
        Contact(
            fonction="Accueil",
            nature="administratif",
            telecoms=(
                Telecom(Canal.TELEPHONE, PUBLIC_PHONE, Confidentialite.PUBLIC),
                Telecom(Canal.TELEPHONE, RESTRICTED_PHONE, Confidentialite.RESTREINT),
            ),
        ),
        Contact(
            fonction="Médecin de garde",
            nature="medical",
            telecoms=(Telecom(Canal.MOBILE, CONFIDENTIAL_PHONE, Confidentialite.CONFIDENTIEL),),
        ),
    )
    caps = (
        Capacite("01", "01", "01", "04", 12, maj=fresh()),
        Capacite("01", "02", "01", "04", 2, maj=fresh()),
    )
    offre.add(
        make_uo(
            id="uo-unv",
            oi_id="uf-unv",
            actes=("0460",),
            contacts=contacts,
            capacites=caps,
            id_externe_synchro="SYN-UNV",
        )
    )
    offre.add(
        make_uo(
            id="uo-sensible",
            nom="Unité de soins protégée",
            sensible=True,
            contacts=(Contact(telecoms=(Telecom(Canal.TELEPHONE, SECRET_PHONE),)),),
            capacites=caps,
            id_externe_synchro="SYN-SENS",
        )
    )
    offre.add(
        make_uo(
            id="uo-vannes",
            eg_id=EG_VANNES,
            nom="Neurologie Vannes",
            capacites=caps,
            id_externe_synchro="SYN-VAN",
            horaires=Horaires(permanent=True),
        )
    )
    offre.add(
        Professionnel(
            id="10000000001",
            nom="MARTIN",
            prenom="Anne",
            profession="10",
            exercices=(Exercice("uo-unv", activite="157"),),
        )
    )
    return offre


@lru_cache(maxsize=1)
def concept_index() -> Any:
    from ror_orientation.index.concepts import ConceptIndex

    return ConceptIndex.build()


def make_store(path: Path, offre: Offre | None = None) -> Store:
    store = Store(path)
    store.import_offre(offre or build_offre(), source="test")
    return store


def make_engine(store: Store) -> Engine:
    return Engine.build(store.load_offre(), concept_index(), nomenclatures=store.nomenclatures)


@contextmanager
def client(tmp_path: Path, *, engine: bool = True, **settings: Any) -> Iterator[TestClient]:
    """A TestClient over a fresh store of the hand-built offer (lifespan run)."""
    store = make_store(tmp_path / "api.sqlite")
    eng = make_engine(store) if engine else None
    app = create_app(Settings(db=tmp_path / "api.sqlite", **settings), engine=eng, store=store)
    with TestClient(app, raise_server_exceptions=False) as c:
        c.store = store  # type: ignore[attr-defined]
        yield c


def key(store: Store, droits: list[str], eg_ids: tuple[str, ...] = (), nom: str = "app") -> str:
    _app, k = applications.create(
        store, nom=nom, region="53", proprietaire="ARS Bretagne", droits=droits, eg_ids=list(eg_ids)
    )
    return k


def auth(k: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {k}"}


def assert_error(resp: Any, status: int, field: str | None | EllipsisType = ...,
                 code: str | None = None) -> dict:
    """The one error shape, with its status, and optionally the field and code named."""
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message", "field"}
    assert err["status"] == status
    assert "Traceback" not in resp.text and 'File "' not in resp.text
    if field is not ...:
        assert err["field"] == field, err
    if code is not None:
        assert err["code"] == code, err
    return err
