"""The compiled offer image (engine/image.py): written atomically, read only when whole and
compiled from the same thing, its arrays mapped from the file (not copied), and an engine over it
answers as the engine built from the offer — brute-force reference included."""

from __future__ import annotations

import gc
import mmap
import os
import random
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

from ror_orientation.engine import Engine
from ror_orientation.engine import image as img
from ror_orientation.engine.lieu import resolve
from ror_orientation.offre import Capacite
from ror_orientation.requete import Lieu, Profil, Requete
from ror_orientation.territoire import Territoire, default_territoire

from .reference import positions_of, scan
from .test_engine_demo import demo_requete

KEY = {"structure_version": 3, "code": "abc"}


def _state() -> dict[str, object]:
    return {"a": np.arange(1000, dtype=np.int64), "b": np.linspace(0, 1, 77),
            "nested": {"c": np.ones(5, dtype=bool), "names": ["x", "y"]}, "n": 7}


def _over_mapping(a: np.ndarray) -> bool:
    base = a
    while isinstance(base, np.ndarray) and base.base is not None:
        base = base.base
    return isinstance(base, memoryview) and isinstance(base.obj, mmap.mmap)


def test_an_image_reads_back_its_state_over_the_file_mapping(tmp_path: Path) -> None:
    path = tmp_path / "offre.image"
    size = img.write(path, _state(), {**KEY, "feed_id": 12})
    assert path.stat().st_size == size
    assert sorted(p.name for p in tmp_path.iterdir()) == ["offre.image"]  # no temporary left
    assert img.valid(path, KEY)
    got = img.read(path, KEY)
    assert got is not None and got.meta["feed_id"] == 12
    st = got.state
    assert np.array_equal(st["a"], np.arange(1000)) and np.array_equal(st["b"], np.linspace(0, 1, 77))
    assert st["nested"]["names"] == ["x", "y"] and st["n"] == 7
    for a in (st["a"], st["b"], st["nested"]["c"]):
        assert _over_mapping(a)
        assert a.ctypes.data % img.ALIGN == 0
    st["a"][3] = -1  # a patched row stays in this process (copy-on-write), the file is unchanged
    again = img.read(path, KEY)
    assert again is not None and again.state["a"][3] == 3


@pytest.mark.parametrize("damage", ["stale", "flipped", "truncated", "empty", "missing", "garbage"])
def test_a_stale_or_damaged_image_is_refused(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "offre.image"
    img.write(path, _state(), KEY)
    expect = dict(KEY)
    data = bytearray(path.read_bytes())
    if damage == "stale":
        expect["structure_version"] = 4
    elif damage == "flipped":
        data[len(data) // 2] ^= 0x40
        path.write_bytes(data)
    elif damage == "truncated":
        path.write_bytes(data[:-10])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "missing":
        path.unlink()
    else:
        path.write_bytes(b"not an image at all" * 10)
    assert img.read(path, expect) is None
    assert not img.valid(path, expect)


@pytest.fixture(scope="module")
def built_and_mapped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, Engine, Path]:
    from ror_orientation.generateur import generate

    built = Engine.build(generate("demo"))
    path = tmp_path_factory.mktemp("image") / "demo.image"
    img.write(path, built.image_state(), KEY)
    got = img.read(path, KEY)
    assert got is not None
    # a separate decoded offer: the mapped engine must not lean on the built one's objects
    mapped = Engine.from_image(got.state, generate("demo"))
    return built, mapped, path


def test_an_engine_over_the_image_answers_as_the_built_one(built_and_mapped) -> None:
    from ror_orientation.generateur import REFERENCE

    built, mapped, _ = built_and_mapped
    assert _over_mapping(mapped.pos.lat) and _over_mapping(mapped.lits.colonne("02", "01", None).free)
    now = REFERENCE + timedelta(hours=1)
    territoire = default_territoire()
    positions = positions_of(mapped.offre, territoire)
    rng = random.Random(14)
    for _ in range(60):
        req = demo_requete(built, rng)
        a, b = built.search(req, now=now), mapped.search(req, now=now)
        assert [(r.uo_id, r.score, r.distance_km) for r in a.resultats] == \
            [(r.uo_id, r.score, r.distance_km) for r in b.resultats], req
        point = resolve(req.lieu, territoire) if req.lieu else None
        assert {r.uo_id for r in b.resultats} == scan(mapped.offre, req, now, territoire, point,
                                                      positions)
    samu = Requete(profil=Profil.SAMU, aptitudes=(), lieu=Lieu(lat=48.11, lon=-1.68), limite=20)
    assert built.search(samu, now=now).resultats == mapped.search(samu, now=now).resultats


def test_a_capacity_update_patches_the_mapped_engine_not_the_file(built_and_mapped) -> None:
    from ror_orientation.generateur import REFERENCE

    _, mapped, path = built_and_mapped
    before = path.read_bytes()
    col = mapped.lits.colonne("02", "01", None)
    row = int(np.flatnonzero(col.present & (col.free < 40))[0])
    uo_id = mapped.ids[row]
    uo = mapped.offre.uo[uo_id]
    caps = tuple(replace(c, nombre=c.nombre + 40) if c.statut == "02" and c.temporalite == "01"
                 else c for c in uo.capacites)
    assert caps != uo.capacites and all(isinstance(c, Capacite) for c in caps)
    lat, lon = mapped.position(uo_id) or (0.0, 0.0)
    now = REFERENCE + timedelta(hours=1)
    req = Requete(profil=Profil.SAMU, lieu=Lieu(lat=lat, lon=lon), rayon_km=1.0, limite=100,
                  ouvert_maintenant=False, lits_min=40, elargir=False)
    assert uo_id not in {r.uo_id for r in mapped.search(req, now=now).resultats}
    mapped.update_capacites(uo_id, caps)
    assert uo_id in {r.uo_id for r in mapped.search(req, now=now).resultats}
    assert path.read_bytes() == before


def test_the_reference_files_digest_follows_their_changes(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    f = tmp_path / "sub" / "table.csv"
    f.write_text("a;b\n")
    first = img.files_digest(tmp_path)
    assert img.files_digest(tmp_path) == first
    f.write_text("a;b;c\n")
    assert img.files_digest(tmp_path) != first
    (tmp_path / "new.csv").write_text("")
    assert len({first, img.files_digest(tmp_path)}) == 2


def test_the_mapped_engine_reads_its_word_tables_and_schedules_from_the_mapping(built_and_mapped) -> None:
    from ror_orientation.engine.ouverture import Paquet

    _, _, path = built_and_mapped
    got = img.read(path, KEY)
    assert got is not None
    mapped = Engine.from_image(got.state, built_and_mapped[0].offre)
    fautes = mapped.noms.name_index.fautes
    for a in (fautes._index.keys, fautes._index.values, fautes.words.data, fautes._poids):
        assert _over_mapping(a)
    schedules = mapped.ouv.schedules
    assert isinstance(schedules, Paquet) and _over_mapping(schedules.data)
    assert _over_mapping(mapped.ouv._bitmaps)
    assert mapped.noms.name_index.termes._plies == {}  # the analyser's memo is not in the image


def test_schedules_read_from_an_image_answer_and_grow_as_the_built_ones(built_and_mapped) -> None:
    import pickle
    from datetime import datetime, time

    from ror_orientation.engine.ouverture import Ouverture, Paquet
    from ror_orientation.horaires import PARIS, Horaires, Plage

    built, _, _ = built_and_mapped
    back = pickle.loads(pickle.dumps(built.ouv, protocol=5))
    assert isinstance(back, Ouverture) and isinstance(back.schedules, Paquet)
    assert list(back.schedules) == list(built.ouv.schedules)
    rows = np.arange(len(built.ids))
    for instant in (datetime(2026, 12, 7, 3, 10, tzinfo=PARIS), datetime(2026, 12, 25, 14, 0, tzinfo=PARIS),
                    datetime(2026, 12, 9, 18, 59, 30, tzinfo=PARIS)):
        assert np.array_equal(back.open_mask(rows, instant)[0], built.ouv.open_mask(rows, instant)[0])
    known = built.ouv.schedules[int(built.ouv.sched[0])]
    assert back.schedule_id(known) == int(built.ouv.sched[0])  # not added twice
    odd = Horaires(plages=(Plage(2, time(6, 7), time(6, 52)),))  # not on quarter hours: no bitmap
    sid = back.schedule_id(odd)
    assert sid == len(built.ouv.schedules) and back.schedule_id(odd) == sid
    back.set(0, odd)
    mask, _ = back.open_mask(np.array([0, 1]), datetime(2026, 12, 9, 6, 30, tzinfo=PARIS))
    assert mask[0] and not back.open_mask(np.array([0]), datetime(2026, 12, 9, 7, 0, tzinfo=PARIS))[0][0]
    assert mask[1] == built.ouv.open_mask(np.array([1]), datetime(2026, 12, 9, 6, 30, tzinfo=PARIS))[0][0]


def _read_back(terr: Territoire, tmp_path: Path) -> Territoire:
    """The territory as a worker reads it: written to an image and mapped back."""
    path = tmp_path / "t.image"
    img.write(path, {"territoire": terr}, KEY)
    got = img.read(path, KEY)
    assert got is not None
    back: Territoire = got.state["territoire"]
    return back


def test_the_territory_reads_back_from_its_columns_as_loaded(tmp_path: Path) -> None:
    terr = default_territoire()
    back = _read_back(terr, tmp_path)
    assert list(back.communes.items()) == list(terr.communes.items())
    assert list(back.by_postcode.items()) == list(terr.by_postcode.items())
    assert (back.codes_cog, back.dept_region, back.dept_names) == \
        (terr.codes_cog, terr.dept_region, terr.dept_names)
    # read back, the communes are columns over the image, not objects: a commune is made when asked
    assert "Commune" not in {type(o).__name__ for o in gc.get_referents(*vars(back).values())}
    assert back.communes["35110"] == terr.communes["35110"]
    assert back.postcode("35300") == terr.postcode("35300")
    assert back.lieu("35300") == terr.lieu("35300") and back.connait("35110")
    assert "2A004" in back.communes and "99999" not in back.communes
    assert 35110 not in back.communes  # type: ignore[comparison-overlap]  # a wrong key type: absent
    assert any(c.region is None or c.population is None for c in back.communes.values()) == \
        any(c.region is None or c.population is None for c in terr.communes.values())
    assert back.search("fouger")[:3] == terr.search("fouger")[:3]


def test_the_land_lookup_reads_a_read_back_territory_from_its_columns(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`Terres` (the land of a bare point) takes the communes' positions as columns: read back
    from an image, the same columns as the loaded territory's, in its order, no commune made."""
    from ror_orientation import territoire as terr_mod
    from ror_orientation.engine.lieu import Terres

    terr = default_territoire()
    back = _read_back(terr, tmp_path)

    def refused(*_args: object) -> None:
        raise AssertionError("a commune was made")

    monkeypatch.setattr(terr_mod._Lignes, "commune", refused)
    monkeypatch.setattr(terr_mod._Lignes, "communes", refused)
    lat, lon, deps = back.positions()
    want = list(terr.communes.values())
    assert lat.tolist() == [c.lat for c in want] and lon.tolist() == [c.lon for c in want]
    assert deps == [c.departement for c in want]
    terres = Terres(back)
    assert terres.terre(41.93, 8.74) == terres.terre(42.0, 9.0) == Terres(terr).terre(41.93, 8.74)
    assert terres.terre(-21.1, 55.5) == "974"


def _resident_kib(path: Path) -> int:
    """Resident KiB of this process's mappings of `path` (/proc/self/smaps)."""
    total, inside = 0, False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        if line[:1].isalnum() and "-" in line.split(" ", 1)[0]:  # a mapping's first line
            inside = line.endswith(str(path))
        elif inside and line.startswith("Rss:"):
            total += int(line.split()[1])
    return total


def test_checking_an_image_leaves_its_pages_out_of_the_process(tmp_path: Path) -> None:
    path = tmp_path / "big.image"
    img.write(path, {"big": np.arange(8 << 20, dtype=np.int64)}, KEY)  # 64 MiB
    got = img.read(path, KEY)
    assert got is not None
    assert _resident_kib(path) < 4096  # the CRC read the file, not the mapping
    assert int(got.state["big"][: 1 << 20].sum()) == (1 << 20) * ((1 << 20) - 1) // 2
    assert _resident_kib(path) >= 8192  # what a search reads is mapped (and shared) as it is read


def test_a_file_checked_by_serve_is_not_read_again_for_its_crc(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "offre.image"
    img.write(path, _state(), KEY)
    checked = img.signature(path)
    crcs = _count_crcs(monkeypatch)
    assert img.read(path, KEY, verified=checked) is not None and crcs == []
    assert img.read(path, KEY) is not None and len(crcs) == 1
    # a byte flipped since (the file's time changes) or another file renamed over it: checked again
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x40
    path.write_bytes(data)
    assert img.read(path, KEY, verified=checked) is None and len(crcs) == 2
    img.write(path, _state(), KEY)
    assert img.read(path, KEY, verified=checked) is not None and len(crcs) == 3


def _count_crcs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    crcs: list[int] = []
    real = img._crc

    def counted(f: object, start: int) -> int:
        crcs.append(start)
        return real(f, start)  # type: ignore[arg-type]

    monkeypatch.setattr(img, "_crc", counted)
    return crcs


def _settled(path: Path) -> None:
    """Wait until the file's times are older than a check's race margin (a long-written image)."""
    time.sleep(2 * img.RACE_NS / 1e9)


def test_an_image_checked_once_is_not_read_again_for_its_crc(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "offre.image"
    img.write(path, _state(), KEY)
    _settled(path)
    crcs = _count_crcs(monkeypatch)
    assert img.valid(path, KEY) and len(crcs) == 1
    assert img.verified_path(path).exists()
    assert img.read(path, KEY) is not None and img.valid(path, KEY) and len(crcs) == 1
    # for another compile key the record does not hold (the header refuses it anyway)
    assert img.read(path, {**KEY, "code": "def"}) is None and len(crcs) == 1


@pytest.mark.parametrize("change", ["in_place", "in_place_same_times", "renamed_over"])
def test_an_image_changed_since_its_check_is_checked_again(tmp_path: Path, change: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "offre.image"
    img.write(path, _state(), KEY)
    _settled(path)
    assert img.read(path, KEY) is not None and img.verified_path(path).exists()
    crcs = _count_crcs(monkeypatch)
    before = path.stat()
    if change == "renamed_over":  # another whole image moved in: checked, then accepted
        other = tmp_path / "autre.image"
        img.write(other, {**_state(), "n": 8}, KEY)
        other.replace(path)
        got = img.read(path, KEY)
        assert got is not None and got.state["n"] == 8 and len(crcs) == 1
        return
    with open(path, "r+b") as f:  # the same file, same size, one byte of its arrays changed
        f.seek(before.st_size // 2)
        byte = f.read(1)
        f.seek(before.st_size // 2)
        f.write(bytes([byte[0] ^ 0x40]))
    if change == "in_place_same_times":  # a copy tool restoring the times: the change time moved
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert img.read(path, KEY) is None and not img.valid(path, KEY) and len(crcs) == 2


def test_a_check_just_after_a_write_is_not_recorded(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # a file's times tick coarsely: changed again within the tick, it would keep them
    monkeypatch.setattr(img, "RACE_NS", 10 * 10**9)
    path = tmp_path / "offre.image"
    img.write(path, _state(), KEY)
    crcs = _count_crcs(monkeypatch)
    assert img.read(path, KEY) is not None and img.read(path, KEY) is not None and len(crcs) == 2
    assert not img.verified_path(path).exists()


def test_a_worker_reads_the_public_holidays_from_the_image_without_importing_them(built_and_mapped) -> None:
    import subprocess
    import sys
    from datetime import date

    from ror_orientation.horaires import french_holidays

    _, _, path = built_and_mapped
    got = img.read(path, KEY)
    assert got is not None
    feries = got.state["feries"]
    year = date.today().year
    assert set(feries) >= {year, year + 1} and feries[year] == french_holidays(range(year, year + 1))[year]
    assert date(year, 7, 14) in feries[year] and date(year, 7, 15) not in feries[year]
    code = ("import sys; from pathlib import Path; from ror_orientation.engine import Engine, image;"
            "from ror_orientation.offre import Offre; from ror_orientation.horaires import is_public_holiday;"
            f"got = image.read(Path({str(path)!r}), {KEY!r}); Engine.from_image(got.state, Offre());"
            f"assert is_public_holiday(__import__('datetime').date({year}, 11, 11));"
            "print('holidays' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stderr
