"""The offer graph: hierarchy, concepts, territory, traversals and compiled postings."""

from __future__ import annotations

import numpy as np

from ror_orientation.graphe import Adjacence, build_graph
from ror_orientation.graphe import construction as gc
from ror_orientation.graphe.parcours import (
    alternatives,
    concepts_de,
    cooccurrents,
    famille_label,
    hierarchie,
    meme_famille,
    territoire_de,
    unites_du_concept,
    unites_voisines,
)
from ror_orientation.offre import Equipement, Exercice, OrganisationInterne, Professionnel
from ror_orientation.territoire import default_territoire

from .factories import make_offre, make_uo


def offre_cardio():
    offre = make_offre(
        make_uo(id="usic", oi_id="uf-1", activites=("354",), actes=("0145", "0460"),
                equipements=(Equipement("017"),)),
        make_uo(id="coro", oi_id="uf-1", activites=("014",), actes=("0145",),
                equipements=(Equipement("017"),)),
        make_uo(id="neuro", actes=("0460", "0459"), publics=("02",)))
    offre.add(OrganisationInterne("pole-1", "350005179", "Pôle coeur", "1"))
    offre.add(OrganisationInterne("uf-1", "350005179", "UF cardio", "3", parent_id="pole-1"))
    offre.add(Professionnel("10000000001", "MARTIN", "Anne", "10",
                            exercices=(Exercice("coro", "014", ("017",)),)))
    return offre


def test_hierarchy_goes_from_unit_to_its_legal_entity():
    g = build_graph(offre_cardio(), default_territoire())
    assert hierarchie(g, "usic") == ["UO:usic", "OI:uf-1", "OI:pole-1", "EG:350005179",
                                     "EJ:350000741"]
    assert hierarchie(g, "neuro") == ["UO:neuro", "EG:350005179", "EJ:350000741"]


def test_territory_chain_of_a_site():
    g = build_graph(offre_cardio(), default_territoire())
    assert territoire_de(g, "350005179") == ["COM:35238", "DEP:35", "REG:53"]


def test_units_reachable_from_a_concept_and_concepts_of_a_unit():
    g = build_graph(offre_cardio())
    assert unites_du_concept(g, "R210:0460") == ["neuro", "usic"]
    assert unites_du_concept(g, "R210:9999") == []
    assert concepts_de(g, "neuro") == ["R210:0459", "R210:0460", "R211:157", "R239:02"]
    assert g.has_edge("PS:10000000001", "UO:coro") and g.has_edge("PS:10000000001", "R211:014")


def test_neighbour_concepts_and_units():
    g = build_graph(offre_cardio())
    assert cooccurrents(g, "R210:0145", kinds=("R212",)) == [("R212:017", 2)]
    assert cooccurrents(g, "R210:0460", kinds=("R210",))[0] == ("R210:0145", 1)
    assert unites_voisines(g, "usic")[0] == ("coro", 2)  # same act and same equipment
    assert "R210:0459" in alternatives(g, "R210:0460")


def test_activity_family_comes_from_the_label_head_word():
    assert famille_label("Chirurgie de l'obésité (bariatrique)") == "chirurgie"
    fam = meme_famille("R211:017")  # chirurgie bariatrique
    assert fam and all(f.startswith("R211:") for f in fam) and "R211:017" not in fam


def test_compiled_postings_agree_with_the_graph_and_follow_updates():
    offre = offre_cardio()
    g = build_graph(offre)
    row_of = {u: i for i, u in enumerate(sorted(offre.uo))}  # coro 0, neuro 1, usic 2
    adj = Adjacence.compile(g, row_of)
    for c in gc.concept_nodes(g):
        assert sorted(adj.rows(c).tolist()) == sorted(row_of[u] for u in unites_du_concept(g, c))
    assert adj.all_of(["R210:0145", "R212:017"]).tolist() == [0, 2]
    assert adj.any_of(["R211:354", "R211:014"]).tolist() == [0, 2]
    assert adj.has("R210:0460", np.array([0, 1, 2])).tolist() == [False, True, True]
    new = make_uo(id="coro", oi_id="uf-1", activites=("014",), actes=("0460",))
    old = concepts_de(g, "coro")
    offre.uo["coro"] = new
    gc.update_uo(g, new, offre)
    adj.set_unit(0, old, concepts_de(g, "coro"))
    assert unites_du_concept(g, "R210:0145") == ["usic"]
    assert adj.rows("R210:0145").tolist() == [2]
    assert adj.rows("R210:0460").tolist() == [0, 1, 2]
    assert hierarchie(g, "coro")[1] == "OI:uf-1"
