# Run from the checkout: .venv/bin/python tests/data/build_villes_principales.py
"""Build fixtures/geo/villes-principales.geojson: communes of 10,000 inhabitants or more (INSEE COG
population, La Poste coordinates), the town labels of the offline map's background."""
import json

from ror_orientation.territoire import Territoire

t = Territoire.load()
feats = []
for c in sorted(t.communes.values(), key=lambda c: (-(c.population or 0), c.insee)):
    if (c.population or 0) < 10000 or "Arrondissement" in c.libelle:
        continue
    feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(c.lon, 4), round(c.lat, 4)]},
                  "properties": {"nom": c.libelle, "population": c.population}})
s = json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False, separators=(",", ":"))
open("fixtures/geo/villes-principales.geojson", "w", encoding="utf-8").write(s)
print(len(feats), len(s))
