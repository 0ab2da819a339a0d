"""FHIR search time for the capacity parameters on a generated offer, in-process (TestClient).

Data set: a store made by `ror-orientation generate --db DB --scale demo` (separate from what is
measured); a regulator key is added to it. Measured: median of `--repeat` answers for the composite
`capacity` parameter alone (the case where nothing else narrows the units), a separate capacity
parameter alone, and a composite one after a specialty. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from fastapi.testclient import TestClient

from ror_orientation import applications
from ror_orientation.api import create_app
from ror_orientation.settings import Settings
from ror_orientation.store import Store

REQUETES = {
    "composite_available_now_ge1": "/fhir/Location?capacity=02$01$$ge1",
    "composite_installed_ge20": "/fhir/Location?capacity=01$$$ge20",
    "composite_women_available_ge2": "/fhir/Location?capacity=02$01$01$ge2",
    "nb_capacity_ge30": "/fhir/Location?nb-capacity=ge30",
    "near_then_composite": "/fhir/Location?near=48.11|-1.68|50|km&capacity=02$01$$ge1",
    "location_near_20km": "/fhir/Location?near=48.11|-1.68|20|km",
    "location_all_first_page": "/fhir/Location?_count=50",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    store = Store(args.db)
    _app, cle = applications.create(store, nom="bench-fhir", region="53", proprietaire="bench",
                                    droits=["lecture_regulation"], eg_ids=[])
    store.close()
    headers = {"Authorization": f"Bearer {cle}"}
    out: dict[str, dict[str, float]] = {}
    with TestClient(create_app(Settings(db=args.db))) as c:
        c.get("/fhir/Location?_count=1", headers=headers)  # engine built, caches warm
        for nom, url in REQUETES.items():
            temps, total = [], None
            for _ in range(args.repeat):
                t = time.perf_counter()
                r = c.get(url, headers=headers)
                temps.append((time.perf_counter() - t) * 1000)
                total = r.json().get("total")
            out[nom] = {"median_ms": round(statistics.median(temps), 1), "total": total}
            print(f"{nom}: {out[nom]}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
