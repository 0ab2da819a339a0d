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
