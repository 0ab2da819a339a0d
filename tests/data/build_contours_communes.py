"""Build fixtures/geo/communes/<département>.geojson.gz: commune outlines per département for the offline
map's background at close zoom, from gregoiredavid/france-geojson `departements/*/communes-*.geojson`
(IGN Admin Express COG 2018, Licence Ouverte), simplified (Douglas-Peucker, ~400 m) and rounded to
1e-3 degree; properties `code`, `nom`. Run: python tests/data/build_contours_communes.py <repo checkout>
"""

import gzip
import json
import sys
from pathlib import Path

TOLERANCE = 0.004  # degrees (~400 m: outlines for zoom 10-12)


def _dp(points: list[list[float]], tol: float) -> list[list[float]]:
    """Douglas-Peucker on one ring (iterative); keeps the first and last point."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, idx = 0.0, -1
        for i in range(a + 1, b):
            x, y = points[i]
            # a closed ring's first segment has no length: the distance to its point then
            d = (abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm if norm
                 else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5)
            if d > best:
                best, idx = d, i
        if best > tol and idx > 0:
            keep[idx] = True
            stack += [(a, idx), (idx, b)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _ring(ring: list[list[float]]) -> list[list[float]] | None:
    out = [[round(x, 3), round(y, 3)] for x, y in _dp(ring, TOLERANCE)]
    dedup = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
    return dedup if len(dedup) >= 4 else None


def _geometry(g: dict) -> dict | None:
    polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
    out = []
    for poly in polys:
        rings = [r for r in (_ring(r) for r in poly) if r]
        if rings:
            out.append(rings)
    if not out:
        return None
    return {"type": "MultiPolygon", "coordinates": out} if len(out) > 1 else {
        "type": "Polygon", "coordinates": out[0]}


def main(repo: Path, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for src in sorted(repo.glob("departements/*/communes-*.geojson")):
        dep = src.parent.name.split("-", 1)[0]
        feats = []
        for f in json.loads(src.read_text(encoding="utf-8"))["features"]:
            geom = _geometry(f["geometry"])
            if geom:
                feats.append({"type": "Feature", "geometry": geom,
                              "properties": {"code": f["properties"]["code"], "nom": f["properties"]["nom"]}})
        body = json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False,
                          separators=(",", ":")).encode()
        # stored gzipped (a fifth of the size), served as is with Content-Encoding: gzip
        (dest / f"{dep}.geojson.gz").write_bytes(gzip.compress(body, compresslevel=9, mtime=0))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).resolve().parents[2] / "fixtures" / "geo" / "communes")
