"""Capacity records and their history (table `capacite_historique`), which doubles as the change
feed: every API worker reads the ids above the last one it applied before each search. A served
demo re-dated (`decaler`) moves the store's offset (`decalage.py`) and is one record of that feed,
naming no unit (`DECALAGE`)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TypedDict

import msgspec
import sqlalchemy as sa

from ..errors import NotFoundError, ValidationError
from ..nomenclatures import Nomenclatures
from ..offre import Capacite, UniteOperationnelle, totaux
from ..serialisation import decode, decoder, encode
from ..validation import validate_capacite
from . import decalage as offset_
from . import meta
from .database import Database, Valeur, utc
from .offre import log, read, row_of
from .projections import DatationProjection, MajProjection
from .schema import capacite_historique_t, uo_t

# The change feed's statement (built once: building one costs more than running it).
_CHANGES: sa.Select[tuple[Valeur, ...]] = (
    sa.select(capacite_historique_t.c.id, capacite_historique_t.c.uo_id)
    .where(capacite_historique_t.c.id > sa.bindparam("after"))
    .order_by(capacite_historique_t.c.id))


class EntreeHistorique(TypedDict):
    """One capacity record as it was received."""

    id: int
    recu_le: datetime
    auteur: str
    capacite: Capacite


# The feed's "unit" of a re-dating record: every figure time moved by its `secondes`.
DECALAGE = "*"


class Decalage(msgspec.Struct, frozen=True):
    """A re-dating as the feed holds it: how far every figure time moved, the newest figure after
    it (`maj`: what `datation` reads from the history), and the store's offset after it
    (`decalage`: absolute, so a reader that already read the offset never applies a shift twice;
    None in a record of a release that rewrote the units instead)."""

    secondes: int
    maj: datetime
    decalage: int | None = None


# meta key of the last `datation` scan: the store's state it was made on, and what it found
DATATION_KEY = "datation_capacites"


@dataclass(frozen=True, slots=True)
class Datation:
    """Whether every unit is generated, and the newest capacity update time (None: no record)."""

    tous_generes: bool
    plus_recente: datetime | None


def _max_maj(newest: datetime | None, majs: list[datetime]) -> datetime | None:
    return max([newest, *majs]) if newest is not None else max(majs, default=None)


class CapaciteRepository:
    def __init__(self, db: Database, nomenclatures: Nomenclatures) -> None:
        self.db = db
        self.nomenclatures = nomenclatures

    def set_capacites(self, uo_id: str, capacites: Iterable[Capacite], auteur: str,
                      recu_le: datetime | None = None,
                      verifier: Callable[[UniteOperationnelle], None] | None = None,
                      lieu: int | str | None = None) -> UniteOperationnelle:
        """Merge capacity records into a unit (same key → replaced), keeping each in the history.
        With `lieu` (its 1-based rank, or its id `Lieu.id`), into that place of a unit with
        several: the unit's records become the per-key sums over its places (`offre.totaux`). A
        unit with several places refuses records that name none (whose place would they be?).

        `verifier` sees the unit as stored, under the write lock, before anything is written: a
        conditional write (If-Match) raises there, so two writers holding the same version
        cannot both pass the check (no lost update)."""
        recu_le = recu_le or datetime.now(UTC)
        caps = list(capacites)
        for i, c in enumerate(caps):
            validate_capacite(c, self.nomenclatures, f"capacites[{i}]")
        with self.db.transaction() as conn:
            # the read-modify-write holds the write lock from its read on (SQLite: BEGIN IMMEDIATE;
            # elsewhere: SELECT ... FOR UPDATE), so two workers writing one unit never lose a record
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            raw = conn.execute(sa.select(uo_t.c.data).where(uo_t.c.id == uo_id)
                               .with_for_update()).scalar()
            if raw is None:
                raise NotFoundError(f"uo {uo_id!r} not found", field="uo_id")
            offset = offset_.lire(conn)  # the unit as read everywhere: at its true times
            uo = offset_.decaler_unite(read(UniteOperationnelle, "uo", uo_id, raw), offset)
            if verifier is not None:
                verifier(uo)
            lieu = _rang(uo, lieu)
            held = uo.lieux[lieu - 1].capacites if lieu is not None else uo.capacites
            current = {c.key: c for c in held}
            for c in caps:
                c = c if c.maj is not None else replace(c, maj=recu_le)
                current[c.key] = c
                conn.execute(capacite_historique_t.insert().values(
                    uo_id=uo_id, recu_le=recu_le, auteur=auteur, data=encode(c)))
            if lieu is not None:
                lieux = tuple(replace(x, capacites=tuple(current.values())) if k == lieu - 1 else x
                              for k, x in enumerate(uo.lieux))
                uo = replace(uo, lieux=lieux, capacites=totaux(lieux))
            else:
                uo = replace(uo, capacites=tuple(current.values()))
            if lieu is None and len(uo.lieux) == 1:  # one place: its records are the unit's
                uo = replace(uo, lieux=(replace(uo.lieux[0], capacites=uo.capacites),))
            conn.execute(uo_t.update().where(uo_t.c.id == uo_id).values(
                row_of(offset_.decaler_unite(uo, -offset))))
            return uo

    def decaler(self, delta: timedelta, auteur: str = "raviver") -> int:
        """Move every capacity time by `delta` (whole seconds): the store's offset moves, in one
        transaction with one feed record (`DECALAGE`) telling every worker to move its figures
        too; no unit row is rewritten, and the offer's description (its structure version, hence
        a compiled offer image) is untouched. Returns the store's offset after it."""
        secondes = int(delta.total_seconds())
        newest = self.datation().plus_recente
        recu_le = datetime.now(UTC)
        with self.db.transaction() as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            total = offset_.lire(conn) + secondes
            if not secondes:
                return total
            offset_.ecrire(conn, total)
            maj = newest + timedelta(seconds=secondes) if newest is not None else recu_le
            conn.execute(capacite_historique_t.insert().values(
                uo_id=DECALAGE, recu_le=recu_le, auteur=auteur,
                data=encode(Decalage(secondes, maj, total))))
        return total

    def decalage(self) -> int:
        """The store's re-dating offset: seconds added to every stored capacity time."""
        with self.db.connect() as conn:
            return offset_.lire(conn)

    def decalages(self, after_id: int, upto_id: int) -> list[Decalage]:
        """The re-datings between two feed positions, in order."""
        t = capacite_historique_t
        q = (sa.select(t.c.data).where(t.c.uo_id == DECALAGE, t.c.id > after_id, t.c.id <= upto_id)
             .order_by(t.c.id))
        with self.db.connect() as conn:
            return [decode(Decalage, raw, "capacite_historique") for raw in conn.execute(q).scalars()]

    def history(self, uo_id: str, limit: int = 500) -> list[EntreeHistorique]:
        """A unit's records as received, newest first."""
        t = capacite_historique_t
        q = sa.select(t.c.id, t.c.recu_le, t.c.auteur, t.c.data).where(t.c.uo_id == uo_id).order_by(
            t.c.id.desc()).limit(limit)
        with self.db.connect() as conn:
            return [EntreeHistorique(id=int(i), recu_le=utc(recu), auteur=str(auteur),
                                     capacite=read(Capacite, f"capacite_historique of uo {uo_id}",
                                                   i, data))
                    for i, recu, auteur, data in conn.execute(q)]

    def changes(self, after_id: int) -> tuple[int, list[str]]:
        """Units updated since history id `after_id`, and the last id (an indexed range read on a
        held connection, ~20 µs)."""
        rows = self.db.held_rows("capacite_changes", _CHANGES, after=after_id)
        if not rows:
            return after_id, []
        return int(str(rows[-1][0])), list(dict.fromkeys(str(r[1]) for r in rows))

    def datation(self) -> Datation:
        """What decides whether a served demo is re-dated, without decoding the offer. From the
        last scan while the offer's description is unchanged (same structure version and schema):
        capacity writes since only add records, whose times are read from the history alone (a
        record replaced by an older one can only make the offer look fresher: never re-dated by
        mistake). Otherwise one scan of the units' `genere` and capacity times (a projection)."""
        etat = f"{meta.structure_version(self.db)}:{meta.schema_revision(self.db)}"
        last = self.last_id()
        raw = meta.read_value(self.db, DATATION_KEY)
        saved = json.loads(raw) if raw is not None else {}
        if saved.get("etat") == etat:
            newest = saved["plus_recente"]
            found = Datation(bool(saved["tous_generes"]),
                             None if newest is None else datetime.fromisoformat(newest))
            if not found.tous_generes or saved["dernier_id"] == last:
                return found
            found = Datation(True, _max_maj(found.plus_recente,
                                            self._history_majs(int(saved["dernier_id"]), last)))
        else:
            found = self._scan_datation()
        value = json.dumps({"etat": etat, "dernier_id": last, "tous_generes": found.tous_generes,
                            "plus_recente": None if found.plus_recente is None
                            else found.plus_recente.isoformat()})
        with self.db.transaction() as conn:
            meta.write_value(conn, DATATION_KEY, value)
        return found

    def _history_majs(self, after: int, upto: int) -> list[datetime]:
        t = capacite_historique_t
        decode_row = decoder(MajProjection).decode
        out: list[datetime] = []
        with self.db.connect() as conn:
            for raw in conn.execute(sa.select(t.c.data).where(t.c.id > after, t.c.id <= upto)
                                    ).scalars():
                try:
                    maj = decode_row(raw).maj
                except (msgspec.ValidationError, msgspec.DecodeError):
                    continue
                if maj is not None:
                    out.append(maj)
        return out

    def _scan_datation(self) -> Datation:
        decode_row = decoder(DatationProjection).decode
        tous, newest, any_unit = True, None, False
        with self.db.connect() as conn:
            q = sa.select(uo_t.c.id, uo_t.c.data, offset_.COLONNE)
            for id_, raw, offset in conn.execution_options(yield_per=5000).execute(q):
                try:
                    unit = decode_row(raw)
                except (msgspec.ValidationError, msgspec.DecodeError):
                    log.warning("store: unreadable uo row %s skipped (datation)", id_)
                    continue
                any_unit = True
                tous = tous and unit.genere
                shift = timedelta(seconds=offset_.secondes(offset))
                newest = _max_maj(newest, [c.maj + shift for c in unit.capacites
                                           if c.maj is not None])
        return Datation(tous and any_unit, newest)

    def last_id(self) -> int:
        with self.db.connect() as conn:
            return int(conn.execute(sa.select(sa.func.max(capacite_historique_t.c.id))).scalar()
                       or 0)


def _rang(uo: UniteOperationnelle, lieu: int | str | None) -> int | None:
    """The 1-based rank of the place a write names (None: the unit's own records, one place or
    none); a unit with several places must be told which."""
    ids = [x.id for x in uo.lieux]
    if lieu is None:
        if len(ids) > 1:
            raise ValidationError(f"lieu: required, unit {uo.id!r} has {len(ids)} places "
                                  f"({', '.join(ids)}): name the one the records are for",
                                  field="lieu")
        return None
    if isinstance(lieu, str):
        if lieu not in ids:
            raise NotFoundError(f"lieu: unit {uo.id!r} has no place {lieu!r}"
                                + (f" (its places: {', '.join(ids)})" if ids else ""), field="lieu")
        return ids.index(lieu) + 1 if len(ids) > 1 else None
    if not 1 <= lieu <= len(ids):
        raise NotFoundError(f"uo {uo.id!r} has no place {lieu}", field="lieu")
    return lieu
