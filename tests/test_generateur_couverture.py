"""The generated offer carries the common acts of real French practice on the units that do them:
imaging and nuclear-medicine acts in imaging and nuclear-medicine units, joint replacement in
orthopaedic wards, cataract in day surgery, complex dressings at home, and the coverage audit
counts the codes nobody carries."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

import pytest

from ror_orientation.errors import ValidationError
from ror_orientation.generateur import generate
from ror_orientation.generateur.actes_courants import ACTES_COURANTS
from ror_orientation.generateur.catalogue import BY_KEY, check_catalogue
from ror_orientation.generateur.couverture import couverture
from ror_orientation.offre import Offre, UniteOperationnelle

REGIONS = ("53",)  # Bretagne: CHU, CH, private clinics, HAD and SSIAD, in under a minute

# act → the (activité, mode) of the units allowed to carry it
WHERE = {
    "0720": {("087", "32")},  # bone scan: nuclear medicine
    "0436": {("087", "32")},  # myocardial perfusion scan
    "0707": {("068", "55"), ("091", "32")},  # venous doppler: imaging, vascular medicine
    "0260": {("068", "55")},  # image-guided lumbar infiltration: imaging
    "1155": {("025", "28")},  # hip surgery: orthopaedic ward
    "0712": {("025", "28")},  # knee surgery
    "0066": {("033", "09")},  # cataract: day surgery
    "0560": {("083", "31"), ("033", "28"), ("032", "28")},  # VAC: HAD, visceral, vascular surgery
    "0652": {("102", "28"), ("083", "31")},  # injectable chemotherapy: oncology, HAD
    "0631": {("157", "33")},  # FAST echography: adult emergency departments
    "0195": {("046", "55")},  # video capsule: endoscopy rooms
}


@lru_cache(maxsize=1)
def offre() -> Offre:
    return generate("demo", regions=REGIONS)


def _carriers() -> dict[str, list[UniteOperationnelle]]:
    by: dict[str, list[UniteOperationnelle]] = defaultdict(list)
    for u in offre().uo.values():
        for a in u.actes:
            by[a].append(u)
    return by


def test_placed_acts_sit_only_on_the_units_that_do_them():
    by = _carriers()
    for acte, where in WHERE.items():
        assert by[acte], acte
        # the mode may be withheld by a low-quality record: judge it only when published
        wrong = [(u.activite, u.mode_prise_en_charge) for u in by[acte]
                 if u.activite not in {a for a, _ in where}
                 or (u.mode_prise_en_charge is not None
                     and (u.activite, u.mode_prise_en_charge) not in where)]
        assert not wrong, (acte, wrong)


def test_surgical_acts_never_go_home_and_dressings_do():
    by = _carriers()
    for acte in ("1155", "0712", "1127", "0066", "0633", "0560", "0652"):
        assert not [u for u in by[acte] if u.activite == "287" or u.champ == "04"], acte
    home = Counter(u.activite for u in by["0362"])
    assert home["287"] > 0 and home["083"] > 0  # SSIAD and HAD both dress chronic wounds


def test_common_acts_are_drawn_for_a_share_of_their_kind_not_every_unit():
    units = offre().uo.values()
    imaging = [u for u in units if u.activite == "068" and u.mode_prise_en_charge == "55"]
    wards = [u for u in units if u.activite == "025" and u.mode_prise_en_charge == "28"]
    assert len(imaging) >= 10 and len(wards) >= 10
    for group, acte in ((imaging, "0707"), (imaging, "0259"), (wards, "1155"), (wards, "0100")):
        share = sum(acte in u.actes for u in group) / len(group)
        assert 0.0 < share < 1.0, (acte, share)
    # a rarer act stays rarer than the everyday one of the same kind
    assert sum("0259" in u.actes for u in imaging) < sum("0707" in u.actes for u in imaging)


def test_variants_and_companions_do_not_inherit_a_wards_acts():
    assert BY_KEY["chir_ortho"].actes_parts and not BY_KEY["chir_ortho@cs"].actes_parts
    assert not BY_KEY["chir_ortho@hdj"].actes_parts
    assert all(not t.actes_parts for k, t in BY_KEY.items() if "+" in k)
    assert set(ACTES_COURANTS) <= set(BY_KEY)


def test_audit_counts_carriers_and_lists_the_codes_nobody_carries():
    cov = couverture(offre().uo.values())
    r210 = cov.porteurs["TRE_R210"]
    assert r210["0720"] == len(_carriers()["0720"]) > 0
    zero = cov.sans_porteur("TRE_R210")
    assert "0720" not in zero and "0961" in zero  # neutron therapy: no centre in France
    assert cov.porteurs["TRE_R211"]["068"] > 0 and cov.porteurs["TRE_R244"]["20"] > 0


def test_catalogue_check_refuses_a_share_out_of_range(monkeypatch):
    from dataclasses import replace

    from ror_orientation.generateur import catalogue

    bad = replace(BY_KEY["imagerie"], actes_parts=(("0707", 1.5),))
    monkeypatch.setattr(catalogue, "ALL_TYPES", catalogue.ALL_TYPES + (bad,))
    with pytest.raises(ValidationError, match="share"):
        check_catalogue()
