"""The pages read the API's fields by their documented names: no guessing between two names of the
same object (`s.libelle || s.label`), which is how the pages and the API drifted apart once."""

from __future__ import annotations

import re
from pathlib import Path

JS = Path(__file__).resolve().parent.parent / "ror_orientation" / "web" / "static" / "js"
# obj.a || obj.b, obj.a ?? obj?.b, obj.a ?? other?.a ... : one value read under two names or places
GUESS = re.compile(r"\b(\w+)\??\.(\w+)\s*(?:\|\||\?\?)\s*(\w+)\??\.(\w+)")


def guesses(text: str) -> list[str]:
    out = []
    for m in GUESS.finditer(text):
        obj_a, field_a, obj_b, field_b = m.groups()
        if obj_a in ("cfg", "sp") or field_a == "length" or (obj_a, field_a) == (obj_b, field_b):
            continue  # settings and URL defaults, or an "any of these lists" test
        if obj_a == obj_b or field_a == field_b:
            out.append(m.group(0))
    return out


def test_the_pages_never_guess_a_field_name():
    found = {p.name: guesses(p.read_text(encoding="utf-8")) for p in sorted(JS.glob("*.js"))}
    assert {k: v for k, v in found.items() if v} == {}


def test_the_guard_sees_a_guess():
    assert guesses("const t = s.libelle || s.label;") == ["s.libelle || s.label"]
    assert guesses("const l = res.lits ?? ex?.lits;") == ["res.lits ?? ex?.lits"]
    assert guesses("const k = p.jour_libelle;") == []
