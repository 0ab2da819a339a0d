"""One activité opérationnelle per unit (ME 3.0, ROR IG `specialty[operationalActivity]` 1..1).

Revision ID: 0006
Revises: 0005

A unit stored with a list `activites` is split by the rule of `ror_orientation/scission.py` (the
one the JSON-lines importer applies): the first activity keeps the unit (id, name, capacities and
their history, places, identifiers, sync id); each further activity becomes the unit
`<id>-<code>`, named `<name> - <label>`, without capacity records. What refers to the unit follows:
a professional's practice for a further activity moves to its unit; the unit's working copy
(edition_fiche) and every person's draft (edition_brouillon) are split the same way; the journal
gets a `scission` entry on the unit split and on each unit made. The table `uo_scission` keeps each unit made and its
origin: what the downgrade reads, and what an operator reads to see where a unit came from.

A stored unit without any activity cannot be a unit of this model: its row is moved, unchanged, to
`quarantaine` (as `check --repair` does), with the reason.

Downgrade merges back: each unit listed in `uo_scission` that still exists gives its activity to
its origin (appended to `activites`, in the order of the split) and is removed: its practices
return to the origin, its working copy and drafts are removed; the other units get `activites` = [their activity]; the rows this
revision quarantined come back. Changes made since to a split-off unit other than its activity
(name, mode...) are not carried into the origin: the downgrade says how many units it merged.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from ror_orientation.nomenclatures import default_nomenclatures
from ror_orientation.scission import cibles, repointer, scinder

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

AUTEUR = "migration 0006"
MOTIF = "revision 0006: no activité opérationnelle (one per unit is required)"

_meta = sa.MetaData()
uo = sa.Table("uo", _meta, sa.Column("id", sa.String(64), primary_key=True),
              sa.Column("eg_id", sa.String(32)), sa.Column("oi_id", sa.String(64)),
              sa.Column("champ", sa.String(4)), sa.Column("id_externe_synchro", sa.String(128)),
              sa.Column("statut", sa.String(16)), sa.Column("data", sa.LargeBinary))
professionnel = sa.Table("professionnel", _meta, sa.Column("id", sa.String(32), primary_key=True),
                         sa.Column("data", sa.LargeBinary))
quarantaine = sa.Table("quarantaine", _meta, sa.Column("id", sa.Integer, primary_key=True),
                       sa.Column("table_origine", sa.String(32)), sa.Column("ligne_id", sa.String(128)),
                       sa.Column("data", sa.LargeBinary), sa.Column("motif", sa.Text),
                       sa.Column("le", sa.DateTime(timezone=True)))
fiche = sa.Table("edition_fiche", _meta, sa.Column("kind", sa.String(8), primary_key=True),
                 sa.Column("id", sa.String(64), primary_key=True), sa.Column("data", sa.LargeBinary),
                 sa.Column("version", sa.Integer))
brouillon = sa.Table("edition_brouillon", _meta,
                     sa.Column("application_id", sa.Integer, primary_key=True),
                     sa.Column("personne", sa.String(254), primary_key=True),
                     sa.Column("kind", sa.String(8), primary_key=True),
                     sa.Column("id", sa.String(64), primary_key=True),
                     sa.Column("data", sa.LargeBinary))
journal = sa.Table("edition_journal", _meta, sa.Column("n", sa.Integer, primary_key=True),
                   sa.Column("kind", sa.String(8)), sa.Column("id", sa.String(64)),
                   sa.Column("eg_id", sa.String(32)), sa.Column("version", sa.Integer),
                   sa.Column("action", sa.String(24)), sa.Column("champ", sa.String(160)),
                   sa.Column("ancien", sa.Text), sa.Column("nouveau", sa.Text),
                   sa.Column("commentaire", sa.Text), sa.Column("auteur", sa.String(160)),
                   sa.Column("quand", sa.DateTime(timezone=True)))
_COLONNES_SCISSION = (("id", sa.String(64)), ("origine", sa.String(64)), ("activite", sa.String(8)),
                      ("rang", sa.Integer), ("le", sa.DateTime(timezone=True)))
scission = sa.Table("uo_scission", _meta, *(sa.Column(n, t) for n, t in _COLONNES_SCISSION))
meta = sa.Table("meta", _meta, sa.Column("key", sa.String(64), primary_key=True),
                sa.Column("value", sa.Text))


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _copies(conn: sa.Connection, name: str, keys: tuple[str, ...],
            vers: dict[str, list[tuple[str, str]]]) -> None:
    """Split the working copies or drafts of the split units: the record keeps the first activity,
    a copy (every other column the same) goes to each unit made for a further activity."""
    table = sa.Table(name, sa.MetaData(), autoload_with=conn)  # every column, to copy them
    rows = conn.execute(sa.select(table).where(table.c.kind == "uo")).mappings().all()
    for row in rows:
        data = json.loads(row["data"])
        if not isinstance(data, dict) or "activites" not in data:
            continue
        activites = [a for a in data.pop("activites") or [] if isinstance(a, str)]
        data["activite"] = activites[0] if activites else None
        key = [table.c[k] == row[k] for k in keys]
        conn.execute(table.update().where(*key).values(data=_json(data)))
        for code, new_id in vers.get(row["id"], ()):
            if code not in activites[1:]:
                continue
            exists = conn.execute(sa.select(sa.func.count()).select_from(table).where(
                *[table.c[k] == row[k] for k in keys if k != "id"], table.c.id == new_id)).scalar()
            if exists:
                continue
            copie = dict(row)
            copie.update(id=new_id, data=_json({**data, "id": new_id, "activite": code}))
            conn.execute(table.insert().values(**copie))


def upgrade() -> None:
    op.create_table(
        "uo_scission",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("origine", sa.String(64), nullable=False, index=True),
        sa.Column("activite", sa.String(8), nullable=False),
        sa.Column("rang", sa.Integer, nullable=False),
        sa.Column("le", sa.DateTime(timezone=True), nullable=False),
    )
    conn = op.get_bind()
    now = datetime.now(UTC)
    nom = default_nomenclatures()
    vers: dict[tuple[str, str], str] = {}
    par_uo: dict[str, list[tuple[str, str]]] = {}
    # written in batches (executemany): a demo store rewrites every unit row
    updates: list[dict[str, Any]] = []
    made: list[dict[str, Any]] = []
    origins: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    quarantined: list[dict[str, Any]] = []
    for row in conn.execute(sa.select(uo)).mappings():
        data = json.loads(row["data"])
        if "activites" not in data:
            continue
        units, split = scinder(data, lambda code: nom.label("TRE_R211", code))
        first = units[0]
        if not first["activite"]:
            quarantined.append({"table_origine": "uo", "ligne_id": row["id"], "data": row["data"],
                                "motif": MOTIF, "le": now})
            continue
        updates.append({"b_id": row["id"], "b_data": _json(first)})
        if split is None:
            continue
        vers.update(cibles(split))
        par_uo[row["id"]] = [(u["activite"], u["id"]) for u in units[1:]]
        entry = {"kind": "uo", "eg_id": row["eg_id"], "version": 0, "action": "scission",
                 "champ": "activite", "ancien": json.dumps(split.activites),
                 "commentaire": split.texte(), "auteur": AUTEUR, "quand": now}
        entries.append({**entry, "id": row["id"], "nouveau": json.dumps(first["activite"])})
        for rang, unit in enumerate(units[1:], 1):
            made.append({"id": unit["id"], "eg_id": row["eg_id"], "oi_id": row["oi_id"],
                         "champ": row["champ"], "id_externe_synchro": None,
                         "statut": row["statut"], "data": _json(unit)})
            origins.append({"id": unit["id"], "origine": row["id"], "activite": unit["activite"],
                            "rang": rang, "le": now})
            entries.append({**entry, "id": unit["id"], "nouveau": json.dumps(unit["activite"])})
    if quarantined:
        conn.execute(quarantaine.insert(), quarantined)
        ids = [q["ligne_id"] for q in quarantined]
        for i in range(0, len(ids), 500):
            conn.execute(uo.delete().where(uo.c.id.in_(ids[i:i + 500])))
    if updates:
        conn.execute(uo.update().where(uo.c.id == sa.bindparam("b_id"))
                     .values(data=sa.bindparam("b_data")), updates)
    for table, rows in ((uo, made), (scission, origins), (journal, entries)):
        if rows:
            conn.execute(table.insert(), rows)
    if vers:
        moved = []
        for pid, raw in conn.execute(sa.select(professionnel.c.id, professionnel.c.data)):
            data = json.loads(raw)
            if repointer(data, vers):
                moved.append({"b_id": pid, "b_data": _json(data)})
        if moved:
            conn.execute(professionnel.update().where(professionnel.c.id == sa.bindparam("b_id"))
                         .values(data=sa.bindparam("b_data")), moved)
    _copies(conn, "edition_fiche", ("kind", "id"), par_uo)
    _copies(conn, "edition_brouillon", ("application_id", "personne", "kind", "id"), par_uo)
    if par_uo:
        n = conn.execute(sa.select(meta.c.value).where(meta.c.key == "structure_version")).scalar()
        if n is not None:
            conn.execute(meta.update().where(meta.c.key == "structure_version")
                         .values(value=str(int(n) + 1)))


def _en_liste(conn: sa.Connection, table: sa.Table, keys: tuple[str, ...]) -> None:
    for row in conn.execute(sa.select(table).where(table.c.kind == "uo")).mappings().all():
        data = json.loads(row["data"])
        if not isinstance(data, dict) or "activite" not in data:
            continue
        code = data.pop("activite")
        data["activites"] = [code] if code else []
        conn.execute(table.update().where(*[table.c[k] == row[k] for k in keys])
                     .values(data=_json(data)))


def downgrade() -> None:
    conn = op.get_bind()
    made = conn.execute(sa.select(scission).order_by(scission.c.origine, scission.c.rang)
                        ).mappings().all()
    present = {i for (i,) in conn.execute(sa.select(uo.c.id)).all()}
    retour: dict[str, str] = {}  # unit made → its origin, for those merged back
    fusion: dict[str, list[str]] = {}  # origin → the activities it takes back, in order
    for m in made:
        if m["origine"] in present and m["id"] in present:
            retour[m["id"]] = m["origine"]
            fusion.setdefault(m["origine"], []).append(m["activite"])
    gone = list(retour)
    for i in range(0, len(gone), 500):
        conn.execute(uo.delete().where(uo.c.id.in_(gone[i:i + 500])))
    listes = []
    for id_, raw in conn.execute(sa.select(uo.c.id, uo.c.data)):
        data = json.loads(raw)
        if "activite" not in data:
            continue
        code = data.pop("activite")
        data["activites"] = ([code] if code else []) + [
            a for a in fusion.get(id_, ()) if a != code]
        listes.append({"b_id": id_, "b_data": _json(data)})
    if listes:
        conn.execute(uo.update().where(uo.c.id == sa.bindparam("b_id"))
                     .values(data=sa.bindparam("b_data")), listes)
    if retour:
        for pid, raw in conn.execute(sa.select(professionnel.c.id, professionnel.c.data)).all():
            data = json.loads(raw)
            moved = False
            for ex in data.get("exercices") or []:
                if ex.get("uo_id") in retour:
                    ex["uo_id"] = retour[ex["uo_id"]]
                    moved = True
            if moved:
                conn.execute(professionnel.update().where(professionnel.c.id == pid)
                             .values(data=_json(data)))
        for table in (fiche, brouillon):
            for i in range(0, len(gone), 500):
                conn.execute(table.delete().where(table.c.kind == "uo",
                                                  table.c.id.in_(gone[i:i + 500])))
    conn.execute(journal.delete().where(journal.c.action == "scission", journal.c.auteur == AUTEUR))
    _en_liste(conn, fiche, ("kind", "id"))
    _en_liste(conn, brouillon, ("application_id", "personne", "kind", "id"))
    for q in conn.execute(sa.select(quarantaine).where(quarantaine.c.motif == MOTIF)).mappings().all():
        data = json.loads(q["data"])
        conn.execute(uo.insert().values(id=q["ligne_id"], eg_id=data.get("eg_id"),
                                        oi_id=data.get("oi_id"), champ=data.get("champ"),
                                        id_externe_synchro=data.get("id_externe_synchro"),
                                        statut=data.get("statut"), data=q["data"]))
        conn.execute(quarantaine.delete().where(quarantaine.c.id == q["id"]))
    op.drop_table("uo_scission")
