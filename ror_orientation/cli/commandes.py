"""Sub-commands of the CLI, each a thin call into the library (registered with `cli.command`)."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime

import orjson

from ..requete import Profil
from . import command, open_store
from .progress import step, track

PROFILS = tuple(p.value for p in Profil)  # what `--profil` takes: the search profiles


def print_json(value: object) -> None:
    """A command's machine-readable answer (`--json`, `--format json`) on stdout."""
    sys.stdout.write(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() + "\n")


@command("stats", "Counts per entity, region and champ.")
def _stats_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable answer")


@_stats_args.handler
def _stats(args: argparse.Namespace) -> int:
    from ..statistiques import statistiques

    stats = statistiques(open_store(args))
    if args.json:
        print_json(stats)
        return 0
    for kind, n in stats["entites"].items():
        print(f"{kind:>15}: {n}")
    print("UO par région et champ:")
    for region, per_champ in sorted(stats["uo_par_region_champ"].items()):
        row = ", ".join(f"{c}={n}" for c, n in sorted(per_champ.items()))
        print(f"  {region}: {row}")
    return 0


def _iso_instant(value: str) -> datetime:
    """argparse type of the instant options: ISO 8601 with a time zone."""
    try:
        t = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected an instant such as 2026-11-26T06:00:00Z, got {value!r}") from None
    if t.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{value!r} needs a time zone (e.g. 2026-11-26T06:00:00Z)")
    return t


def _iso_date(value: str) -> date:
    """argparse type of the date options."""

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
    p.add_argument("--date-ouverture", choices=("auto", "requise", "facultative"), default="auto",
                   help="an EG without opening date: requise = out (national rule), facultative = "
                        "open, auto (default) = out unless its source carries no opening date "
                        "(Eurostat, SAE, FHIR)")


@_peuplement_args.handler
def _peuplement(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from ..peuplement.publication import MODES_OUVERTURE, prendre_snapshot, publier
    from ..peuplement.statut import Parametres
    from ..peuplement.tableau import champ_valide, rendu_csv, rendu_texte
    from ..peuplement.trimestre import Trimestre

    champ_valide(args.champ)  # refuse a bad champ or quarter before any work
    if args.trimestre:
        Trimestre.parse(args.trimestre)
    params = Parametres(quirk_mixte=not args.sans_quirk,
                        date_ouverture_requise=MODES_OUVERTURE[args.date_ouverture])
    if args.date_min:
        params = replace(params, date_min=args.date_min)
    store = open_store(args)
    trimestre = args.trimestre
    if args.snapshot:
        trimestre = str(prendre_snapshot(store, args.trimestre, params))
        print(f"snapshot {trimestre} enregistré", file=sys.stderr)
    data = publier(store, trimestre=trimestre, precedent=args.precedent, champ=args.champ,
                   parametres=params)
    if args.format == "json":
        print_json(data)
    elif args.format == "csv":
        sys.stdout.write(rendu_csv(data))
    else:
        sys.stdout.write(rendu_texte(data))
    return 0


@command("import", "Load a file into the store, in one transaction (a bad file changes nothing).")
def _import_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("format", choices=("finess-csv", "finess-json", "eurostat", "sae", "fhir", "jsonl"),
                   help="finess-csv: etalab_cs1100507 extract; finess-json: ANS structures or activités "
                        "flux; eurostat: healthcare-facilities CSV; sae: SAE ID file or the folder of "
                        "the ID/MCO/URGENCES2 files; fhir: ROR FHIR R4 Bundle; jsonl: our export")
    p.add_argument("file", help="file (or SAE folder) to read")
    p.add_argument("--activites", help="finess-json: an activités flux to read with the structures")
    p.add_argument("--json", action="store_true", help="machine-readable report")


@_import_args.handler
def _import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..importers import import_file

    with step(f"import {args.format} {args.file}: read, check, write in one transaction"):
        report = import_file(open_store(args), args.format, Path(args.file),
                             activites=Path(args.activites) if args.activites else None)
    if args.json:
        print_json(report)
        return 0
    print(f"{report['format']} {report['file']}: {report['read']} records read, "
          f"{report['skipped']} skipped, {report['warnings']} warnings")
    print("  stored: " + ", ".join(f"{k}={n}" for k, n in report["stored"].items() if n))
    for reason, n in report["skipped_by_reason"].items():
        print(f"  skipped {n}: {reason}")
    if report.get("conflits_saisie"):
        print(f"  {report['conflits_saisie']} field(s) edited by hand since the last import kept "
              "(file values not applied):")
        for c in report["conflit_examples"]:
            print(f"    {c}")
    if report.get("copies_rebasees"):
        print(f"  {report['copies_rebasees']} pending working cop(ies) rebased onto the file:")
        for r in report["rebase_examples"]:
            print(f"    {r}")
    for w in report["warning_examples"]:
        print(f"  warning: {w}")
    for w in report.get("read_warning_examples", ()):
        print(f"  warning: {w}")
    if report.get("pending"):  # FHIR: references whose target is neither in the file nor stored
        print(f"  {report['pending']} pending link(s), kept for the next import:")
        for p in report["pending_examples"]:
            print(f"    {p}")
    return 0


@command("sync", "Read a FHIR bulk export (folder of ndjson or a /fhir URL) into the store, then "
                 "apply _lastUpdated deltas on later runs; reports what changed.")
def _sync_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", help="a folder of <Type>.ndjson files, or a FHIR server's /fhir URL "
                                  "(its $export is run)")
    p.add_argument("--since", help="only what changed after this instant (URL sources; default: "
                                   "the transactionTime of this store's last sync of that URL)")
    p.add_argument("--compare", action="store_true",
                   help="full export and comparison: also reports stored entities the source "
                        "no longer has (never deletes them)")
    p.add_argument("--dry-run", action="store_true", help="report only, store nothing")
    p.add_argument("--key-env", default="ROR_SYNC_KEY",
                   help="environment variable holding the source's API key (default: %(default)s)")
    p.add_argument("--json", action="store_true", help="machine-readable report")


@_sync_args.handler
def _sync(args: argparse.Namespace) -> int:
    import os
    from pathlib import Path

    from ..fhir.synchro import synchroniser

    etat_path = Path(f"{args.db}.fhir-sync.json")
    etat = orjson.loads(etat_path.read_bytes()) if etat_path.exists() else {}
    depuis = args.since or etat.get(args.source)
    with step(f"sync {args.source}" + (f" since {depuis}" if depuis and not args.compare else "")):
        rapport = synchroniser(open_store(args), args.source, depuis=depuis,
                               comparer=args.compare, cle=os.environ.get(args.key_env),
                               appliquer=not args.dry_run)
    if not args.dry_run and rapport.transaction and args.source.startswith("http"):
        etat[args.source] = rapport.transaction
        etat_path.write_bytes(orjson.dumps(etat))
    report = rapport.as_dict()
    if args.json:
        print_json(report)
        return 0
    print(f"{args.source}: {report['resources_read']} resources read")
    for label in ("added", "changed", "unchanged"):
        print(f"  {label}: " + (", ".join(f"{k}={n}" for k, n in report[label].items()) or "0"))
    if args.compare:
        print("  stored but absent from the source: " + (", ".join(
            f"{k}={n}" for k, n in report["absent_from_source"].items() if n) or "none"))
    for e in report["examples"]:
        print(f"    {e}")
    return 0


@command("export", "Write the whole stored offer as JSON lines (one entity per line, stable order).")
def _export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--output", "-o", help="file to write (default: standard output)")


@_export_args.handler
def _export(args: argparse.Namespace) -> int:
    from ..importers.jsonl import write_jsonl

    store = open_store(args)
    entities = track(store.iter_entities(), "export", total=sum(store.counts().values()))
    if args.output:
        from pathlib import Path

        target = Path(args.output)
        tmp = target.with_name(target.name + ".part")
        with tmp.open("wb") as fh:
            n = write_jsonl(entities, fh)
        tmp.replace(target)  # never a half-written export under the final name
        print(f"{n} entities written to {target}", file=sys.stderr)
    else:
        write_jsonl(entities, sys.stdout.buffer)
        sys.stdout.flush()
    return 0


@command("check", "Dangling links, unknown codes, sites and units without coordinates (exit 1 if any).")
def _check_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable answer")
    p.add_argument("--repair", action="store_true",
                   help="first move the rows the program cannot use into the quarantine table")


@_check_args.handler
def _check(args: argparse.Namespace) -> int:
    from ..controle import controle

    store = open_store(args)
    reparation = None
    if args.repair:
        reparation = store.reparer()
        if not args.json:
            print(f"{len(reparation.deplaces)} row(s) moved to quarantine")
            for table, id_, why in reparation.deplaces[:20]:
                print(f"  - {table} {id_}: {why}")
    result = controle(store)
    if args.json:
        print_json(result.to_dict() | ({"reparation": reparation.to_dict()} if reparation else {}))
    else:
        total = sum(result.par_categorie.values())
        print(f"{result.entites} entities checked: {total} problem(s), {result.avertissements} warning(s)")
        for cat, n in sorted(result.par_categorie.items()):
            print(f"  {cat}: {n}")
        for p in result.problemes[:20]:
            print(f"  - {p.message}")
    return 0 if result.ok else 1


@command("serve", "Build the default data into the store once (when empty), then serve the HTTP API.")
def _serve_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default=None, help="listen address (default: settings, 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help="listen port (default: settings, 8000)")
    p.add_argument("--workers", type=int, default=None, help="uvicorn worker processes")
    p.add_argument("--scale", choices=("demo", "national"), default="demo",
                   help="generated offer to load when the store is empty (default: demo)")
    p.add_argument("--seed", type=int, default=None, help="generator seed (default: settings)")
    p.add_argument("--access-log", action="store_true", help="log every request (never keys)")


@_serve_args.handler
def _serve(args: argparse.Namespace) -> int:
    from ..settings import Settings
    from ..web.app import ensure_data, run

    overrides = {k: v for k, v in (("host", args.host), ("port", args.port),
                                   ("workers", args.workers), ("seed", args.seed)) if v is not None}
    settings = Settings(db=args.db, **overrides)
    report = ensure_data(settings, args.scale)
    if report:
        print(f"store was empty: generated and imported the {args.scale} offer "
              f"({report['uo']} units) into {settings.db}", file=sys.stderr)
    return run(settings, access_log=args.access_log)


@command("applications", "Connected applications: create (prints the key once), list, revoke.")
def _applications_args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", required=True)
    c = sub.add_parser("create", help="register an application and print its key (shown once)")
    c.add_argument("--nom", required=True, help="application name")
    c.add_argument("--region", default=None, help="INSEE region code (none: national)")
    c.add_argument("--proprietaire", default="", help="owner (organisation, contact)")
    c.add_argument("--droits", required=True, action="append",
                   help="lecture_publique, lecture_regulation, editeur, admin (repeat or commas)")
    c.add_argument("--eg", action="append", default=[], help="an EG an editor writes (repeat)")
    lst = sub.add_parser("list", help="every application (never a key)")
    lst.add_argument("--json", action="store_true", help="machine-readable answer")
    r = sub.add_parser("revoke", help="revoke an application at once")
    r.add_argument("id", type=int, help="application id (see list)")
    for sp in (c, lst, r):
        sp.add_argument("--db", default=argparse.SUPPRESS, help="store (as above)")


@_applications_args.handler
def _applications(args: argparse.Namespace) -> int:
    from .. import applications as registry

    store = open_store(args)
    if args.action == "create":
        droits = [d for v in args.droits for d in v.split(",")]
        app, key = registry.create(store, nom=args.nom, region=args.region,
                                   proprietaire=args.proprietaire or args.nom, droits=droits,
                                   eg_ids=[e for v in args.eg for e in v.split(",")])
        print(f"application {app.id} created ({', '.join(sorted(d.value for d in app.droits))})")
        print(f"key (shown once, keep it safe): {key}")
        return 0
    if args.action == "list":
        apps = [a.to_dict() for a in registry.list_(store)]
        if args.json:
            print_json(apps)
            return 0
        for a in apps:
            state = "active" if a["active"] else f"revoked {a['revoque_le'][:19]}"
            print(f"{a['id']:>4}  {a['nom']:<30} {a['region'] or '--':>3}  "
                  f"{','.join(a['droits']):<30} {state}  {','.join(a['eg_ids'])}")
        return 0
    app = registry.revoke(store, args.id)
    print(f"application {app.id} ({app.nom}) revoked at {app.revoque_le.isoformat() if app.revoque_le else ''}")
    return 0


@command("generate", "Replace the stored offer by a generated one on real ground (seeded, repeatable).")
def _generate_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scale", choices=("demo", "national"), default="demo",
                   help="demo: Bretagne, Pays de la Loire, La Réunion; national: every real hospital "
                        "and ~30,000 establishments (default: demo)")
    p.add_argument("--seed", type=int, default=None, help="generator seed (default: settings)")
    p.add_argument("--date", type=_iso_instant, default=None,
                   help="date every figure from this instant (ISO, with a time zone) for exactly "
                        "repeatable data (tests, benchmarks); default: now, so the demo is alive")
    p.add_argument("--now", action="store_true",
                   help="(default) date bed figures from the current time")
    p.add_argument("--regions", default=None,
                   help="comma-separated INSEE region codes instead of the scale's (e.g. 53,94)")


@_generate_args.handler
def _generate(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from ..generateur import generate
    from ..settings import Settings

    seed = args.seed if args.seed is not None else Settings(db=args.db).seed
    regions = tuple(r.strip() for r in args.regions.split(",") if r.strip()) if args.regions else None
    with step(f"generate the {args.scale} offer (seed {seed})"):
        offre = generate(args.scale, seed, reference=args.date or datetime.now(UTC),
                         regions=regions)
    with step(f"check and write {sum(offre.counts().values())} entities into {args.db}"):
        report = open_store(args).import_offre(offre, source=f"generateur:{args.scale}:{seed}",
                                               replace_all=True)
    counts = ", ".join(f"{k}={n}" for k, n in report.counts.items())
    print(f"generated the {args.scale} offer (seed {seed}) into {args.db}: {counts}")
    return 0


@command("comprendre", "How the search box reads a text: concept groups, synonyms, typos (or --suggest).")
def _comprendre_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("texte", help='free text, e.g. "AVC thrombolise Rennes"')
    p.add_argument("--suggest", action="store_true", help="autocompletion for the text as a prefix")
    p.add_argument("--plein-texte", action="store_true",
                   help="ranked full-text search of the labels and synonyms (whoosh, BM25F): finds "
                        "words anywhere in a label, where the reading wants whole concepts")
    p.add_argument("--limit", type=int, default=10, help="suggestions or concepts per group shown")
    p.add_argument("--profil", choices=PROFILS, default="samu",
                   help="whose words they are, as `recherche` takes it: some readings depend on it "
                        "(a regulator's acute routes, a coordinator's aftercare, the app's "
                        "places; default: samu)")


@_comprendre_args.handler
def _comprendre(args: argparse.Namespace) -> int:
    from ..index import default_concept_index

    index = default_concept_index()
    if args.plein_texte:
        for m in index.search(args.texte, args.limit):
            print(f"{m.score:.2f} {m.concept:<10} {m.label}{'' if m.actif else '  (obsolète)'}")
        return 0
    if args.suggest:
        for s in index.suggest(args.texte, args.limit):
            via = f"  [{s.synonyme}]" if s.synonyme else ""
            print(f"{s.concept:<10} {s.label}{via}{'' if s.actif else '  (obsolète)'}")
        return 0
    interpretation = index.resolve(args.texte, profil=args.profil)  # as the search reads it
    print(interpretation)
    for g in interpretation.groupes:
        print(f"{g.texte!r} ({g.via}, {g.total} concepts)")
        for m in g.matches[: args.limit]:
            print(f"  {m.score:.2f} {m.via:<8} {m.concept:<10} {m.label}")
    for label, words in (("non expliqués", interpretation.inexpliques),
                         ("ignorés", interpretation.ignores), ("nombres", interpretation.nombres)):
        if words:
            print(f"{label}: {', '.join(words)}")
    return 0


@command("migrate", "Upgrade the store's schema in place to this release's (nothing is lost; a store "
                    "written by a newer release is refused).")
def _migrate_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable answer")


@_migrate_args.handler
def _migrate(args: argparse.Namespace) -> int:
    from ..store.migrations import describe

    store = open_store(args)  # opening upgrades (one transaction) or refuses
    before, after = store.migration
    if args.json:
        print_json({"db": args.db, "avant": before, "apres": after})
    else:
        print(f"{args.db}: {describe(before, after)}")
    return 0


@command("recherche", "Search the stored offer: the units that can take a patient, best first, and why.")
def _recherche_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("texte", nargs="?", default=None, help='free text, e.g. "AVC thrombolyse"')
    p.add_argument("--profil", choices=PROFILS, default="samu",
                   help="samu: nearest open unit with a bed now; aval: downstream care; mobile: "
                        "the app's, what the text asks, open units first (default: samu)")
    p.add_argument("--commune", help="the patient's INSEE commune code")
    p.add_argument("--code-postal", help="the patient's postcode")
    p.add_argument("--lat", type=float, help="the patient's latitude (with --lon)")
    p.add_argument("--lon", type=float, help="the patient's longitude (with --lat)")
    p.add_argument("--rayon-km", type=float, help="search radius around the patient")
    p.add_argument("--champ", action="append", default=[], help="TRE_R227 champ code (repeat)")
    p.add_argument("--limite", type=int, default=10, help="results shown (default: 10)")
    p.add_argument("--json", action="store_true", help="machine-readable answer")


@_recherche_args.handler
def _recherche(args: argparse.Namespace) -> int:
    from ..errors import RorError, ValidationError
    from ..requete import Lieu, Requete
    from ..service import build_engine
    from ..settings import Settings

    if (args.lat is None) != (args.lon is None):
        raise ValidationError("--lat and --lon go together", field="lat")
    lieu = None
    if args.lat is not None or args.commune or args.code_postal:
        lieu = Lieu(lat=args.lat, lon=args.lon, commune=args.commune, code_postal=args.code_postal)
    requete = Requete(texte=args.texte, profil=Profil(args.profil), lieu=lieu, rayon_km=args.rayon_km,
                      champs=tuple(args.champ), limite=args.limite)
    store = open_store(args)
    if store.is_empty():
        raise RorError(f"the store {args.db} is empty: run `ror-orientation generate` or an import "
                       "first", status=400, code="empty_store")
    engine, _index = build_engine(store, Settings(db=args.db))
    reponse = engine.search(requete)
    if args.json:
        print_json({"total": reponse.total, "tronque": reponse.tronque,
                    "relachements": [{"critere": r.critere, "avant": r.avant, "apres": r.apres}
                                     for r in reponse.relachements],
                    "resultats": [{"uo_id": r.uo_id, "nom": r.nom, "eg_id": r.eg_id,
                                   "eg_nom": r.eg_nom, "score": round(r.score, 4),
                                   "distance_km": r.distance_km} for r in reponse.resultats]})
        return 0
    print(f"{reponse.total} unit(s) match{' (search cut short)' if reponse.tronque else ''}")
    for rel in reponse.relachements:
        print(f"  widened: {rel.critere} {rel.avant} → {rel.apres}")
    for rank, r in enumerate(reponse.resultats, 1):
        km = f"{r.distance_km:6.1f} km" if r.distance_km is not None else "        "
        print(f"{rank:>3}. {r.score:.3f} {km}  {r.nom} — {r.eg_nom} [{r.uo_id}]")
    return 0
