"""Sub-commands of the CLI, each a thin call into the library (registered with `cli.command`)."""

from __future__ import annotations

import argparse
import sys

import orjson

from .cli import command, open_store


@command("stats", "Counts per entity, region and champ.")
def _stats_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable answer")


@_stats_args.handler
def _stats(args: argparse.Namespace) -> int:
    from .statistiques import statistiques

    stats = statistiques(open_store(args))
    if args.json:
        sys.stdout.write(orjson.dumps(stats, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0
    for kind, n in stats["entites"].items():
        print(f"{kind:>15}: {n}")
    print("UO par région et champ:")
    for region, per_champ in sorted(stats["uo_par_region_champ"].items()):
        row = ", ".join(f"{c}={n}" for c, n in sorted(per_champ.items()))
        print(f"  {region}: {row}")
    return 0


def _iso_date(value: str):  # noqa: ANN202 - argparse type
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {value!r}") from None


@command("peuplement", "Population tracking: the programme's region × champ table of a quarter.")
def _peuplement_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--trimestre", help="a quarter such as 2019T2: its stored snapshot (without "
                   "--snapshot), or the quarter to store (with it); absent: computed now")
    p.add_argument("--precedent", action="store_true",
                   help="show the previous quarter's snapshot beside (Donnée non disponible if none)")
    p.add_argument("--champ", help="one champ: MCO, PSY, SSR, 'ESMS PA', 'ESMS PH' (default: all)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--snapshot", action="store_true",
                   help="compute now and store it as --trimestre (default: the current quarter), "
                        "replacing that quarter's snapshot atomically; then print it")
    p.add_argument("--sans-quirk", action="store_true",
                   help="corrected reading: units mixing finalisé and à faire make the EG en cours "
                        "(default: the national rule, à faire)")
    p.add_argument("--date-min", type=_iso_date, default=None,
                   help="authorisations ending before this date are ignored (default 2021-05-01)")


@_peuplement_args.handler
def _peuplement(args: argparse.Namespace) -> int:
    from .peuplement.publication import prendre_snapshot, publier
    from .peuplement.statut import Parametres
    from .peuplement.tableau import champ_valide, rendu_csv, rendu_texte
    from .peuplement.trimestre import Trimestre

    champ_valide(args.champ)  # refuse a bad champ or quarter before any work
    if args.trimestre:
        Trimestre.parse(args.trimestre)
    params = Parametres(quirk_mixte=not args.sans_quirk)
    if args.date_min:
        params = Parametres(date_min=args.date_min, quirk_mixte=not args.sans_quirk)
    store = open_store(args)
    trimestre = args.trimestre
    if args.snapshot:
        trimestre = str(prendre_snapshot(store, args.trimestre, params))
        print(f"snapshot {trimestre} enregistré", file=sys.stderr)
    data = publier(store, trimestre=trimestre, precedent=args.precedent, champ=args.champ,
                   parametres=params)
    if args.format == "json":
        sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
    elif args.format == "csv":
        sys.stdout.write(rendu_csv(data))
    else:
        sys.stdout.write(rendu_texte(data))
    return 0
