"""The FHIR R4 door of the product, after the ANS ROR IG (ans.fhir.fr.ror 0.7.0): the offer model
as the IG's resources, FHIR search answered by the service's engine, capacity writes the ROR way,
bulk export and the `sync` that reads one back.

Library code between the web adapters and the service: no web framework here; routes in
web/routes/fhir.py call these functions and send what they return as application/fhir+json.
"""

from __future__ import annotations

from .bundle import operation_outcome, outcome_of, searchset
from .capabilities import capability_statement
from .catalogue import Catalogue
from .profils import TYPES
from .recherche import NonSupporte, rechercher

__all__ = ["TYPES", "Catalogue", "NonSupporte", "capability_statement", "operation_outcome",
           "outcome_of", "rechercher", "searchset"]
