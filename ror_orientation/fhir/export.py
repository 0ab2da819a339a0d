"""Bulk export ($export, FHIR Bulk Data): a kick-off starts a job that writes one ndjson file per
resource type, as the kick-off's caller may see them; the job's state is a JSON file in the jobs'
folder, so any worker answers the status polling and the downloads.

A finished job (its files and state) is kept `Exports.GARDE` (1 hour) after it ended, then removed
by the next kick-off or status request of any caller (a job still running after `Exports.ABANDON`,
24 hours, is taken as left by a stopped worker and removed too); DELETE removes it at once.

`_type` narrows the types; `_since` keeps the HealthcareService and Location updated after that
instant (their meta.lastUpdated); Organization, Practitioner and PractitionerRole carry no update
time in the model and are always exported whole (a delta stays importable on its own).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from hashlib import blake2b
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from ..droits import Appelant
from ..errors import NotFoundError, RorError, ValidationError
from . import parametres as F
from . import profils as P
from .catalogue import Catalogue

if TYPE_CHECKING:
    from ..service import Service

Json = dict[str, Any]
FORMATS = ("application/fhir+ndjson", "application/ndjson", "ndjson")
DATES = frozenset({"HealthcareService", "Location"})  # the types that carry meta.lastUpdated


@dataclass(frozen=True, slots=True)
class Demande:
    types: tuple[str, ...]
    depuis: datetime | None
    url: str


def demande(params: list[tuple[str, str]], url: str) -> Demande:
    """The kick-off's parameters; anything not understood is refused naming it."""
    types: list[str] = []
    depuis = None
    for k, v in params:
        if k == "_type":
            for t in (x.strip() for x in v.split(",") if x.strip()):
                if t not in P.TYPES:
                    raise ValidationError(f"_type: {t!r} is not exported (one of "
                                          f"{', '.join(P.TYPES)})", field="_type")
                types.append(t)
        elif k == "_since":
            start, _ = F.periode(v, "_since")
            depuis = start
        elif k == "_outputFormat":
            if v not in FORMATS:
                raise ValidationError(f"_outputFormat: {v!r} not supported (ndjson only)",
                                      field="_outputFormat")
        else:
            raise ValidationError(f"{k}: not supported by $export", field=k)
    return Demande(tuple(dict.fromkeys(types)) or P.TYPES, depuis, url)


class Exports:
    """The jobs of one deployment, in `dossier` (one sub-folder per job)."""

    GARDE = timedelta(hours=1)  # a finished job's files stay this long after it ended
    ABANDON = timedelta(hours=24)  # a job still running after this was left by a stopped worker

    def __init__(self, dossier: Path) -> None:
        self.dossier = dossier

    def purger(self, maintenant: float | None = None) -> list[str]:
        """Remove the expired jobs (the state file's time is when the job last changed: its end
        for a finished job); returns their ids."""
        maintenant = time.time() if maintenant is None else maintenant
        partis: list[str] = []
        if not self.dossier.is_dir():
            return partis
        for job in self.dossier.iterdir():
            path = job / "etat.json"
            try:
                age = maintenant - path.stat().st_mtime
                fini = orjson.loads(path.read_bytes())["statut"] != "en_cours"
            except (OSError, ValueError, KeyError):
                continue  # being written or removed by another worker: next time
            if age > (self.GARDE if fini else self.ABANDON).total_seconds():
                shutil.rmtree(job, ignore_errors=True)
                partis.append(job.name)
        return partis

    @classmethod
    def pour(cls, db: object) -> Exports:
        """The jobs' folder of a store: in the temporary folder, named after the store."""
        digest = blake2b(str(db).encode(), digest_size=6).hexdigest()
        return cls(Path(tempfile.gettempdir()) / f"ror-orientation-fhir-export-{digest}")

    def _etat_path(self, job: str) -> Path:
        if not job.isalnum():
            raise NotFoundError(f"export job {job!r} not found", field="job")
        return self.dossier / job / "etat.json"

    def etat(self, job: str, appelant: Appelant) -> Json:
        self.purger()
        path = self._etat_path(job)
        if not path.exists():
            raise NotFoundError(f"export job {job!r} not found", field="job")
        etat: Json = orjson.loads(path.read_bytes())
        if etat["application"] != appelant.application_id:  # another caller's job: missing
            raise NotFoundError(f"export job {job!r} not found", field="job")
        return etat

    def _ecrire_etat(self, job: str, etat: Json) -> None:
        path = self._etat_path(job)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(orjson.dumps(etat))
        tmp.replace(path)

    def lancer(self, service: Service, appelant: Appelant, d: Demande, base: str,
               attendre: bool = False) -> str:
        """Start a job (in a thread; `attendre` runs it here) and return its id."""
        service.moteur()  # an empty store cannot be exported: 503 now, not a failed job
        self.purger()
        job = uuid.uuid4().hex
        (self.dossier / job).mkdir(parents=True)
        now = datetime.now(UTC)
        self._ecrire_etat(job, {"application": appelant.application_id, "statut": "en_cours",
                                "transactionTime": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                "request": d.url, "output": [], "error": []})
        def run() -> None:
            self._executer(service, appelant, d, base, job)

        if attendre:
            run()
        else:
            threading.Thread(target=run, name=f"fhir-export-{job}", daemon=True).start()
        return job

    def _executer(self, service: Service, appelant: Appelant, d: Demande, base: str,
                  job: str) -> None:
        path = self._etat_path(job)
        etat: Json = orjson.loads(path.read_bytes())
        try:
            cat = Catalogue(service, appelant)
            for rtype in d.types:
                n = 0
                with open(self.dossier / job / f"{rtype}.ndjson", "wb") as out:
                    for res in cat.tous(rtype):
                        if d.depuis is not None and rtype in DATES and not recent(res, d.depuis):
                            continue
                        out.write(orjson.dumps(res) + b"\n")
                        n += 1
                etat["output"].append({"type": rtype, "count": n,
                                       "url": f"{base}/$export-download/{job}/{rtype}.ndjson"})
            etat["statut"] = "termine"
        except RorError as exc:
            etat["statut"] = "erreur"
            etat["message"] = exc.message
        self._ecrire_etat(job, etat)

    def fichier(self, job: str, nom: str, appelant: Appelant) -> Path:
        self.etat(job, appelant)
        rtype = nom.removesuffix(".ndjson")
        path = self.dossier / job / f"{rtype}.ndjson"
        if rtype not in P.TYPES or not nom.endswith(".ndjson") or not path.exists():
            raise NotFoundError(f"{nom}: no such file in export {job}", field="file")
        return path

    def supprimer(self, job: str, appelant: Appelant) -> None:
        self.etat(job, appelant)
        for f in (self.dossier / job).iterdir():
            f.unlink()
        (self.dossier / job).rmdir()


def recent(res: Json, depuis: datetime) -> bool:
    t = F.instant_de((res.get("meta") or {}).get("lastUpdated"))
    return t is None or t > depuis


def manifeste(etat: Json) -> Json:
    """The completed job's answer, as the Bulk Data spec shapes it."""
    return {"transactionTime": etat["transactionTime"], "request": etat["request"],
            "requiresAccessToken": etat["application"] is not None,
            "output": etat["output"], "error": etat["error"]}
