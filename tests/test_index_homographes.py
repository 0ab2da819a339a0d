"""A verb form folded like a medical noun is read as the verb where its context says so (a
subject pronoun or clitic before it, a form no noun shares, "avoir l'air"), never as the noun;
the noun keeps its reading everywhere else (issue 10)."""

from __future__ import annotations

import pytest

SAUV = "R211:160"  # vital emergencies: what "arrêt" (cardiac arrest) reads
NEUROLOGIE, NEUROCHIRURGIE = "R211:097", "R211:096"  # what "tête" reads
PNEUMOLOGIE = "R211:114"  # what "air" alone reads
REANIMATION = "R211:127"  # what "manque d'air" reads


@pytest.mark.parametrize(("text", "mot", "absent"), [
    ("ma femme fume trop, il faudrait qu'elle arrête", "arrête", SAUV),
    ("il n'arrête pas de vomir depuis ce matin", "arrête", SAUV),
    ("notre nourrisson tète mal depuis deux jours", "tète", NEUROLOGIE),
    ("il tétait bien et maintenant il refuse le biberon", "tétait", NEUROCHIRURGIE),
    ("ma mère a l'air perdue depuis ce matin", "air", PNEUMOLOGIE),
    ("il tete plus depuis hier", "tete", NEUROLOGIE),
])
def test_a_verb_form_is_not_read_as_its_noun(index, text, mot, absent):
    lu = index.resolve(text, None, "mobile")
    assert not any(mot in g.texte for g in lu.groupes), (text, str(lu))
    assert mot in lu.ignores
    assert absent not in lu.concepts[:3], (text, lu.concepts)


@pytest.mark.parametrize(("text", "attendu"), [
    ("arrêt cardiaque", SAUV),
    ("il fait un arrêt", SAUV),
    ("elle s'arrête de respirer la nuit", SAUV),
    ("il a mal à la tête", NEUROLOGIE),
    ("il se cogne la tête", "R211:267"),  # the head trauma
    ("manque d'air", REANIMATION),
    ("il manque d'air", REANIMATION),
    ("il tousse à l'air froid", PNEUMOLOGIE),  # "à", no "avoir"
])
def test_the_noun_keeps_its_reading(index, text, attendu):
    assert attendu in index.resolve(text, None, "samu").concepts[:2], text
