"""`sync`: read a FHIR bulk export (a folder of ndjson files, or a server's /fhir URL whose $export
is run) into a store through the FHIR importer, then keep it up to date with `_since` deltas.

What changed is decided on what FHIR carries: a source entity and the stored one are compared as
this server would serve them (full rights), so fields FHIR does not carry never count as drift and
are never overwritten by an unchanged record. References a delta does not carry (the EG of a unit
updated alone, the HealthcareService of a Location) are completed from the store before the
importer reads the Bundle. `comparer` runs a full export and also reports the stored entities the
source no longer has (reported, never deleted).
"""

from __future__ import annotations

import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from ..droits import Appelant, Droit
from ..errors import ImportFormatError, RorError
from ..importers.fhir import read_fhir
from ..nomenclatures import Nomenclatures
from ..offre import EntiteGeographique, Offre, UniteOperationnelle
from ..store import Store
from . import profils as P
from . import ressources as R

Json = dict[str, Any]
KINDS = ("ej", "eg", "oi", "uo", "professionnels")
COMPLET = Appelant(None, "sync", frozenset({Droit.ADMIN}))  # what the store holds, unfiltered


@dataclass
class Rapport:
    source: str
    depuis: str | None
    transaction: str | None
    lues: int = 0  # resources read from the source
    ajoutes: dict[str, int] = field(default_factory=dict)
    modifies: dict[str, int] = field(default_factory=dict)
    inchanges: dict[str, int] = field(default_factory=dict)
    absents_de_la_source: dict[str, list[str]] = field(default_factory=dict)  # --compare only
    exemples: list[str] = field(default_factory=list)

    def as_dict(self) -> Json:
        return {"source": self.source, "since": self.depuis, "transactionTime": self.transaction,
                "resources_read": self.lues, "added": self.ajoutes, "changed": self.modifies,
                "unchanged": self.inchanges,
                "absent_from_source": {k: len(v) for k, v in self.absents_de_la_source.items()},
                "absent_examples": {k: v[:10] for k, v in self.absents_de_la_source.items() if v},
                "examples": self.exemples[:20]}


# -- reading the source ---------------------------------------------------------------------------
def lire_dossier(dossier: Path) -> list[Json]:
    out: list[Json] = []
    files = sorted(dossier.glob("*.ndjson"))
    if not files:
        raise ImportFormatError(str(dossier), None, "no .ndjson file in this folder",
                                field="source")
    for f in files:
        for n, line in enumerate(f.read_bytes().splitlines(), 1):
            if line.strip():
                try:
                    out.append(orjson.loads(line))
                except orjson.JSONDecodeError:
                    raise ImportFormatError(f.name, n, "not JSON", field="json") from None
    return out


def exporter(base: str, depuis: str | None, cle: str | None, dossier: Path,
             attente_s: float = 600.0) -> str:
    """Run $export on a FHIR server, download its files into `dossier`; its transactionTime."""
    headers = {"Accept": "application/fhir+json", "Prefer": "respond-async"}
    if cle:
        headers["Authorization"] = f"Bearer {cle}"
    query = "?" + urllib.parse.urlencode({"_since": depuis}) if depuis else ""

    def get(url: str) -> tuple[int, dict[str, str], bytes]:
        req = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:  # noqa: S310 (the user's URL)
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as exc:
            raise RorError(f"{url}: HTTP {exc.code}", field="source", status=502,
                           code="upstream") from None
        except urllib.error.URLError as exc:
            raise RorError(f"{url}: {exc.reason}", field="source", status=502,
                           code="upstream") from None

    status, h, _ = get(f"{base.rstrip('/')}/$export{query}")
    statut_url = h.get("Content-Location") or h.get("content-location")
    if status != 202 or not statut_url:
        raise RorError(f"{base}: $export did not start (HTTP {status})", field="source",
                       status=502, code="upstream")
    fin = time.monotonic() + attente_s
    while True:
        status, h, body = get(statut_url)
        if status == 200:
            break
        if time.monotonic() > fin:
            raise RorError(f"{base}: export not finished after {attente_s:.0f} s",
                           field="source", status=504, code="upstream")
        time.sleep(min(float(h.get("Retry-After", "1") or 1), 5.0))
    manifeste = orjson.loads(body)
    for out in manifeste.get("output", []):
        _, _, data = get(out["url"])
        (dossier / f"{out['type']}.ndjson").write_bytes(data)
    return str(manifeste.get("transactionTime") or "")


# -- comparing on what FHIR carries ---------------------------------------------------------------
def projection(nom: Nomenclatures, kind: str, entity: Any,
               egs: Mapping[str, EntiteGeographique] | None = None) -> list[Json]:
    """The resources an entity is served as (full rights), to compare a source and the store;
    `egs` gives a unit's site, whose address is the unit's place when it has none of its own."""
    if kind == "ej":
        return [R.organisation_ej(entity)]
    if kind == "eg":
        return [R.organisation_eg(nom, entity, COMPLET)]
    if kind == "oi":
        return [R.organisation_oi(nom, entity)]
    if kind == "uo":
        eg = (egs or {}).get(entity.eg_id)
        # without position: the served one is the engine's (the unit's, its place's or its site's),
        # which an import turns into the place's own coordinates
        return [R.healthcare_service(nom, COMPLET, entity),
                *({k: v for k, v in R.location(nom, COMPLET, entity, eg, None, rang).items()
                   if k != "position"} for rang in range(1, max(1, len(entity.lieux)) + 1))]
    return [R.practitioner(entity), *(R.practitioner_role(nom, entity, e)
                                      for e in entity.exercices)]


def _completer(ressources: list[Json], store: Store, nom: Nomenclatures) -> list[Json]:
    """The delta plus, from the store, every resource it refers to and does not carry."""
    have = {f"{r['resourceType']}/{r['id']}" for r in ressources}
    out = list(ressources)
    todo = list(ressources)
    while todo:
        r = todo.pop()
        for ref in _refs(r):
            if ref in have:
                continue
            have.add(ref)
            found = _du_store(ref, store, nom)
            if found is not None:
                out.append(found)
                todo.append(found)
    # a Location without its HealthcareService is read through it: bring the unit too
    for r in list(out):
        if r["resourceType"] == "Location" and f"HealthcareService/{r['id']}" not in have:
            have.add(f"HealthcareService/{r['id']}")
            found = _du_store(f"HealthcareService/{r['id']}", store, nom)
            if found is not None:
                out.append(found)
                todo.append(found)
    return out


def _refs(r: Json) -> list[str]:
    out = []
    for key in ("providedBy", "partOf", "location", "practitioner", "healthcareService"):
        v = r.get(key)
        for item in v if isinstance(v, list) else [v] if v else []:
            if isinstance(item, dict) and item.get("reference"):
                out.append(str(item["reference"]))
    return out


def _du_store(ref: str, store: Store, nom: Nomenclatures) -> Json | None:
    rtype, _, rid = ref.partition("/")
    try:
        if rtype == "Organization":
            found = P.organisation_de(rid)
            if found is None:
                return None
            kind, org_id = found
            entity = store.get_many(kind, [org_id]).get(org_id)
            return projection(nom, kind, entity)[0] if entity is not None else None
        mid = P.model_id(rid)
        if mid is None:
            return None
        if rtype in ("HealthcareService", "Location"):
            uo = store.get_many("uo", [mid]).get(mid)
            if uo is None:
                return None
            egs = store.get_many("eg", [uo.eg_id])
            return projection(nom, "uo", uo, egs)[0 if rtype == "HealthcareService" else 1]
        if rtype == "Practitioner":
            p = store.get_many("professionnel", [mid]).get(mid)
            return R.practitioner(p) if p is not None else None
    except RorError:
        return None
    return None


def _bucket(kind: str) -> str:
    return "professionnel" if kind == "professionnels" else kind


# -- the sync -------------------------------------------------------------------------------------
def synchroniser(store: Store, source: str, *, depuis: str | None = None, comparer: bool = False,
                 cle: str | None = None, appliquer: bool = True) -> Rapport:
    """Read `source` (folder or /fhir URL) into `store`; `depuis` asks a URL for a delta."""
    nom = store.nomenclatures
    transaction = None
    with tempfile.TemporaryDirectory(prefix="ror-sync-") as tmp:
        if source.startswith(("http://", "https://")):
            transaction = exporter(source, None if comparer else depuis, cle, Path(tmp))
            ressources = lire_dossier(Path(tmp))
        else:
            ressources = lire_dossier(Path(source))
        rapport = Rapport(source, None if comparer else depuis, transaction, lues=len(ressources))
        bundle = {"resourceType": "Bundle", "type": "collection",
                  "entry": [{"fullUrl": f"{r['resourceType']}/{r['id']}", "resource": r}
                            for r in _completer(ressources, store, nom)]}
        path = Path(tmp) / "export.json"
        path.write_bytes(orjson.dumps(bundle))
        lu = read_fhir(path, nomenclatures=nom).offre
    delta = Offre()
    egs_store: dict[str, EntiteGeographique] = {}
    egs_source: dict[str, EntiteGeographique] = {}
    held: dict[str, set[str]] = {}
    if comparer:
        for k, entity in store.iter_entities():
            held.setdefault(k, set()).add(entity.id)
    for kind in KINDS:
        source_entities: dict[str, Any] = getattr(lu, kind)
        stored = store.get_many(_bucket(kind), list(source_entities)) if source_entities else {}
        if kind == "uo":
            sites = {u.eg_id for u in source_entities.values()}
            egs_store = store.get_many("eg", sites)
            egs_source = {i: lu.eg.get(i) or egs_store[i] for i in sites
                          if i in lu.eg or i in egs_store}
        for i, e in source_entities.items():
            old = stored.get(i)
            if old is None:
                rapport.ajoutes[kind] = rapport.ajoutes.get(kind, 0) + 1
                rapport.exemples.append(f"added {kind} {i}")
            elif projection(nom, kind, _canonique(old), egs_store if kind == "uo" else None) \
                    != projection(nom, kind, _canonique(e), egs_source if kind == "uo" else None):
                rapport.modifies[kind] = rapport.modifies.get(kind, 0) + 1
                rapport.exemples.append(f"changed {kind} {i}")
            else:
                rapport.inchanges[kind] = rapport.inchanges.get(kind, 0) + 1
                continue
            delta.add(e)
        if comparer:
            rapport.absents_de_la_source[kind] = sorted(held.get(_bucket(kind), set())
                                                        - set(source_entities))
    if appliquer and any(delta.counts().values()):
        from ..edition.rapprochement import noter_import, proteger_saisies

        proteger_saisies(store, delta)  # hand edits since the last import are kept
        store.import_offre(delta, source=f"fhir-sync:{source}")
        noter_import(store, delta, f"fhir-sync:{source}")
    if rapport.transaction is None:
        rapport.transaction = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return rapport


def _canonique(e: Any) -> Any:
    """Capacity records in one order: their order in a source is not a change."""
    if isinstance(e, UniteOperationnelle):
        return replace(e, capacites=tuple(sorted(e.capacites, key=repr)))
    return e
