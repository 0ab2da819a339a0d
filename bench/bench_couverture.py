"""Coverage of the nomenclature by the generated offer: carriers per active code, codes with none.

    .venv/bin/python bench/bench_couverture.py [--scale demo|national] [--cache DIR] [--list TABLE]

For TRE_R211 (activités, JDV_J17), TRE_R210 (actes) and TRE_R244 (types d'offre, JDV_J238) prints
the active codes, how many have at least one generated carrier, and (with --list) the codes without
one and their labels; ends with one JSON line. The offer comes from `bench_pertinence.offre_of`
(pickled in --cache while the generator is unchanged).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pertinence import offre_of  # noqa: E402

from ror_orientation.generateur.couverture import TABLES, couverture  # noqa: E402
from ror_orientation.nomenclatures import default_nomenclatures  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", default="demo", choices=("demo", "national"))
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--cache", type=Path, default=None, help="folder keeping the generated offer")
    ap.add_argument("--list", nargs="*", default=[], choices=list(TABLES),
                    help="tables whose codes without a carrier are listed")
    args = ap.parse_args()
    t0 = time.perf_counter()
    offre = offre_of(args.scale, args.seed, args.cache, False)
    nom = default_nomenclatures()
    cov = couverture(offre.uo.values(), nom)
    print(f"data set: {args.scale}, {len(offre.uo)} units, {time.perf_counter() - t0:.1f} s")
    out: dict[str, object] = {"bench": "couverture", "scale": args.scale, "units": len(offre.uo)}
    for table, per in cov.porteurs.items():
        zero = cov.sans_porteur(table)
        print(f"{table}: {len(per)} active codes, {len(per) - len(zero)} carried, {len(zero)} without carrier")
        if table in args.list:
            lib = nom.table(table)
            for code in zero:
                print(f"  {code}  {lib.label(code)}")
        out[table] = {"actifs": len(per), "portes": len(per) - len(zero), "sans_porteur": len(zero)}
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
