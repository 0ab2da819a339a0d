"""What one caller may read through FHIR: the offer of the service's engine, by FHIR type and id,
with the JSON API's rights (a hidden unit, its Location and its roles answer as missing).

Resources are built on demand from the engine's in-memory offer (kept in step with the store by
the service), never stored as FHIR.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..droits import Appelant
from ..errors import NotFoundError
from ..offre import Exercice, Offre, Professionnel, UniteOperationnelle
from . import profils as P
from . import ressources as R

if TYPE_CHECKING:
    from ..service import Service


def absent(resource_type: str, fhir_id: str) -> NotFoundError:
    """The one answer for a resource that does not exist or that the caller may not see."""
    return NotFoundError(f"{resource_type}/{fhir_id} not found", field="id")


@dataclass
class Catalogue:
    service: Service
    appelant: Appelant
    _roles: dict[str, list[tuple[Professionnel, Exercice]]] | None = field(default=None,
                                                                          repr=False)

    @property
    def offre(self) -> Offre:
        return self.service.moteur().offre

    # -- units ------------------------------------------------------------------------------------
    def uo(self, uo_id: str) -> UniteOperationnelle | None:
        uo = self.offre.uo.get(uo_id)
        return uo if uo is not None and self.appelant.voit_uo(uo) else None

    def uo_ou_404(self, resource_type: str, fhir_id: str) -> UniteOperationnelle:
        mid = P.model_id(fhir_id)
        uo = self.uo(mid) if mid else None
        if uo is None:
            raise absent(resource_type, fhir_id)
        return uo

    def unites(self) -> Iterator[UniteOperationnelle]:
        return (u for u in self.offre.uo.values() if self.appelant.voit_uo(u))

    # -- professionals ----------------------------------------------------------------------------
    def roles(self) -> dict[str, list[tuple[Professionnel, Exercice]]]:
        """Every (professional, exercise) by unit id, visible units only."""
        if self._roles is None:
            out: dict[str, list[tuple[Professionnel, Exercice]]] = {}
            profs = list(self.offre.professionnels.values())
            # their units in one batched read (a store-backed offer reads each record on demand)
            uos, _ = self.offre.unites({e.uo_id for p in profs for e in p.exercices})
            seen = {i for i, u in uos.items() if self.appelant.voit_uo(u)}
            for p in profs:
                for e in p.exercices:
                    if e.uo_id in seen:
                        out.setdefault(e.uo_id, []).append((p, e))
            self._roles = out
        return self._roles

    def professionnel_visible(self, p: Professionnel) -> bool:
        """A professional whose every unit is hidden is hidden with them."""
        return not p.exercices or any(self.uo(e.uo_id) is not None for e in p.exercices)

    # -- FHIR resources ---------------------------------------------------------------------------
    def healthcare_service(self, uo: UniteOperationnelle) -> R.Json:
        return R.healthcare_service(self.service.nomenclatures, self.appelant, uo)

    def location(self, uo: UniteOperationnelle, rang: int = 1) -> R.Json:
        """The unit's place number `rang` (1: the Location the search answers, whose id is the
        unit's; a unit's other places are read by id, included and exported)."""
        eg = self.offre.eg.get(uo.eg_id)
        return R.location(self.service.nomenclatures, self.appelant, uo, eg,
                          self.service.position(uo, eg), rang)

    def locations(self, uo: UniteOperationnelle) -> Iterator[R.Json]:
        return (self.location(uo, k) for k in range(1, max(1, len(uo.lieux)) + 1))

    def location_par_id(self, fhir_id: str) -> R.Json:
        mid = P.model_id(fhir_id)
        uo = self.uo(mid) if mid else None
        if uo is not None:
            return self.location(uo)
        autre = P.lieu_de(fhir_id)
        uo = self.uo(autre[0]) if autre else None
        if uo is None or autre is None or autre[1] > len(uo.lieux):
            raise absent("Location", fhir_id)
        return self.location(uo, autre[1])

    def organisation(self, fhir_id: str) -> R.Json:
        found = P.organisation_de(fhir_id)
        if found is not None:
            kind, mid = found
            nom = self.service.nomenclatures
            if kind == "ej" and mid in self.offre.ej:
                return R.organisation_ej(self.offre.ej[mid])
            if kind == "eg" and mid in self.offre.eg:
                return R.organisation_eg(nom, self.offre.eg[mid], self.appelant)
            if kind == "oi" and mid in self.offre.oi:
                return R.organisation_oi(nom, self.offre.oi[mid])
        raise absent("Organization", fhir_id)

    def organisations(self) -> Iterator[R.Json]:
        nom = self.service.nomenclatures
        yield from (R.organisation_ej(ej) for ej in self.offre.ej.values())
        yield from (R.organisation_eg(nom, eg, self.appelant) for eg in self.offre.eg.values())
        yield from (R.organisation_oi(nom, oi) for oi in self.offre.oi.values())

    def practitioner(self, fhir_id: str) -> R.Json:
        mid = P.model_id(fhir_id)
        p = self.offre.professionnels.get(mid) if mid else None
        if p is None or not self.professionnel_visible(p):
            raise absent("Practitioner", fhir_id)
        return R.practitioner(p)

    def practitioners(self) -> Iterator[R.Json]:
        return (R.practitioner(p) for p in self.offre.professionnels.values()
                if self.professionnel_visible(p))

    def role(self, fhir_id: str) -> R.Json:
        found = P.role_de(fhir_id)
        if found is not None:
            pro_id, uo_id = found
            for p, e in self.roles().get(uo_id, []):
                if p.id == pro_id:
                    return R.practitioner_role(self.service.nomenclatures, p, e)
        raise absent("PractitionerRole", fhir_id)

    def practitioner_roles(self) -> Iterator[R.Json]:
        nom = self.service.nomenclatures
        for pairs in self.roles().values():
            for p, e in pairs:
                yield R.practitioner_role(nom, p, e)

    def lire(self, resource_type: str, fhir_id: str) -> R.Json:
        """One resource by type and id (read interaction)."""
        if resource_type == "HealthcareService":
            return self.healthcare_service(self.uo_ou_404(resource_type, fhir_id))
        if resource_type == "Location":
            return self.location_par_id(fhir_id)
        if resource_type == "Organization":
            return self.organisation(fhir_id)
        if resource_type == "Practitioner":
            return self.practitioner(fhir_id)
        if resource_type == "PractitionerRole":
            return self.role(fhir_id)
        raise NotFoundError(f"resource type {resource_type!r} is not served", field="type")

    def tous(self, resource_type: str) -> Iterator[R.Json]:
        """Every resource of a type the caller may see (bulk export, non-engine searches)."""
        if resource_type == "HealthcareService":
            return (self.healthcare_service(u) for u in self.unites())
        if resource_type == "Location":
            return (loc for u in self.unites() for loc in self.locations(u))
        if resource_type == "Organization":
            return self.organisations()
        if resource_type == "Practitioner":
            return self.practitioners()
        if resource_type == "PractitionerRole":
            return self.practitioner_roles()
        raise NotFoundError(f"resource type {resource_type!r} is not served", field="type")

