"""The offer graph: hierarchy, concepts, territory, traversals and compiled postings."""

from __future__ import annotations

import numpy as np

from ror_orientation.graphe import Adjacence, build_graph
from ror_orientation.graphe import construction as gc
from ror_orientation.graphe.alternatives import alternatives, site_de, unites_du_site
from ror_orientation.graphe.parcours import (
    concepts_de,
    hierarchie,
    unites_du_concept,
    unites_voisines,
)
from ror_orientation.offre import (
    Coordonnees,
    Equipement,
    Exercice,
    OrganisationInterne,
    Professionnel,
)
from ror_orientation.territoire import default_territoire

from .factories import make_eg, make_offre, make_uo


def offre_cardio():
    offre = make_offre(
        make_uo(id="usic", oi_id="uf-1", activite="354", actes=("0145", "0460"),
                equipements=(Equipement("017"),)),
        make_uo(id="coro", oi_id="uf-1", activite="014", actes=("0145",),
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


def test_territory_edges_link_a_site_to_its_commune_departement_and_region():
    g = build_graph(offre_cardio(), default_territoire())
    assert g.has_edge("EG:350005179", "COM:35238")
    assert g.has_edge("COM:35238", "DEP:35") and g.has_edge("DEP:35", "REG:53")


def test_units_reachable_from_a_concept_and_concepts_of_a_unit():
    g = build_graph(offre_cardio())
    assert unites_du_concept(g, "R210:0460") == ["neuro", "usic"]
    assert unites_du_concept(g, "R210:9999") == []
    assert concepts_de(g, "neuro") == ["R210:0459", "R210:0460", "R211:157", "R239:02"]
    assert g.has_edge("PS:10000000001", "UO:coro") and g.has_edge("PS:10000000001", "R211:014")


def test_units_sharing_the_most_concepts_come_first():
    g = build_graph(offre_cardio())
    assert unites_voisines(g, "usic")[0] == ("coro", 2)  # same act and same equipment
    assert unites_voisines(g, "absent") == []


def offre_deux_sites():
    """One legal entity, two sites: Rennes (usic, coro, neuro) and Saint-Malo (a second USIC with
    the activity 354, a stroke unit, and a unit of another activity)."""
    offre = offre_cardio()
    offre.add(make_eg(id="350000000", ej_id="350000741", nom="Site Saint-Malo",
                      coordonnees=Coordonnees(48.6493, -2.0257)))
    offre.add(make_eg(id="290000017", ej_id="290000000", nom="Another legal entity"))
    for uo in (make_uo(id="usic-sm", eg_id="350000000", activite="354", actes=("0145",),
                       equipements=(Equipement("017"),)),
               make_uo(id="neuro-sm", eg_id="350000000", actes=("0460",)),
               make_uo(id="psy-sm", eg_id="350000000", activite="014"),
               make_uo(id="usic-ailleurs", eg_id="290000017", activite="354", actes=("0145",))):
        offre.add(uo)
    return offre


def test_alternatives_at_the_other_sites_of_the_legal_entity_do_the_same_activity():
    g = build_graph(offre_deux_sites())
    a = alternatives(g, "usic")
    assert (a.eg_id, a.ej_id) == ("350005179", "350000741")
    assert a.autres_sites == ("usic-sm",)  # same activity 354; never another legal entity's site
    assert site_de(g, "usic-sm") == "EG:350000000"


def test_same_site_units_whatever_the_depth_most_shared_concepts_first():
    g = build_graph(offre_deux_sites())
    assert unites_du_site(g, "EG:350005179") == ["coro", "neuro", "usic"]
    assert alternatives(g, "usic").meme_site == ("coro", "neuro")  # coro shares act + equipment
    assert alternatives(g, "neuro-sm").meme_site == ("psy-sm", "usic-sm")


def test_what_similar_units_declare_that_the_unit_does_not():
    g = build_graph(offre_deux_sites())
    a = alternatives(g, "usic-ailleurs", quorum=2)
    assert [s.uo_id for s in a.semblables][:2] == ["usic", "usic-sm"]
    assert ("R212:017", 3) in a.declares_par_semblables  # all three similar units have it
    assert all(c not in ("R211:354", "R210:0145") for c, _ in a.declares_par_semblables)
    assert alternatives(g, "nope") == alternatives(g, "nope") and alternatives(g, "nope").eg_id is None


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
    new = make_uo(id="coro", oi_id="uf-1", activite="014", actes=("0460",))
    old = concepts_de(g, "coro")
    offre.uo["coro"] = new
    gc.update_uo(g, new, offre)
    adj.set_unit(0, old, concepts_de(g, "coro"))
    assert unites_du_concept(g, "R210:0145") == ["usic"]
    assert adj.rows("R210:0145").tolist() == [2]
    assert adj.rows("R210:0460").tolist() == [0, 1, 2]
    assert hierarchie(g, "coro")[1] == "OI:uf-1"
