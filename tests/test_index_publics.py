"""Who the patient is, said with a word more that a label names whole, is that label."""

from __future__ import annotations

from .lecture import besoins, groupes


def test_an_autonomous_elderly_person_reads_the_public_and_its_residences(index):
    # before: "personne âgée" read alone as who the patient is, then "autonome" as the autonomic
    # nervous system (neurology)
    lus = besoins(index, "personne âgée autonome", profil="aval")
    assert lus[:1] == ["R239:03"] and {"R244:22", "R244:27"} <= set(lus)
    assert "R211:097" not in lus
    assert "R211:097" not in besoins(index, "hébergement pour personnes âgées autonomes", profil="mobile")
    # (the descriptor with a word no label names with it stays who the patient is)
    assert groupes(index, "personne âgée dépendante Alzheimer", profil="aval")[0][0] != "R239:03"
