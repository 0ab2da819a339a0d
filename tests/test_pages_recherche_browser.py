"""The search page and the unit sheet as a regulator uses them (issue 16): comboboxes that open below
their input and never replace a commune silently, the patient point restored from the URL, the
offline map (town labels, radius, one marker per site, popups), dense cards, plain "nothing found",
French errors next to their field, the freshness control — each state audited by axe-core and
photographed at 1280×800 and 375×812 under artifacts/screenshots/ (not compared).

Same real `serve` over the generated Bretagne offer as tests/test_pages_browser.py.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tests import test_pages_browser as pages
from tests.accessibilite import assert_accessible
from tests.test_pages_browser import (
    CHROMIUM,
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    Server,
    _context,
    _set_beds,
)

server = pages.server  # the same real `serve` fixture (one per module using it)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)"),
]

VUES = {"desktop": DESKTOP, "phone": PHONE}
DIALYSE = "/?profil=aval&texte=dialyse&commune=35238&rayon_km=80&ouvert_maintenant=false&age=67"
# Use cases of ../shared/specs/use-cases.md on the search page (11 is the dashboard's)
CAS = {
    "cas1-avc-fougeres": "/?profil=samu&aptitudes=R210:0460&lib=aptitudes|R210:0460|Thrombolyse"
                         "&commune=35115&age=67&sexe=H&lits_min=1&rayon_km=50&ouvert_maintenant=true",
    "cas3-enfant-quimper": "/?profil=samu&texte=r%C3%A9animation%20p%C3%A9diatrique&commune=29232"
                           "&age=4&lits_min=1&rayon_km=50&ouvert_maintenant=true",
    "cas7-alzheimer-lanester": "/?profil=aval&texte=EHPAD%20alzheimer&commune=56098&age=88&sexe=H"
                               "&rayon_km=20&ouvert_maintenant=false",
    "cas9-mobile-dialyse": "/?profil=mobile&texte=dialyse&commune=35238",
}


@contextmanager
def ouvrir(browser, server: Server, vue: str = "desktop") -> Iterator[Any]:  # noqa: ANN001
    """A page at one size; page errors and requests leaving the machine fail the test."""
    ctx = _context(browser, server, VUES[vue])
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    try:
        yield pg
    finally:
        outside = ctx.outside  # type: ignore[attr-defined]
        ctx.close()
    assert not errors, errors
    assert not outside, f"requests outside the app: {outside}"


def photo(pg, nom: str, vue: str) -> None:  # noqa: ANN001
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.wait_for_timeout(250)  # the map's last tiles of outline and labels
    if vue == "phone":
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"] + 1, f"{nom} scrolls sideways on a phone ({width}px)"
    pg.screenshot(path=str(SCREENSHOTS / f"{nom}-{vue}.png"), full_page=vue == "phone")


def pret(pg, url: str) -> None:  # noqa: ANN001
    pg.goto(url)
    pg.wait_for_selector("#resultats[data-etat=pret]")
    carte_posee(pg)


_VUE_CARTE = """() => {
  const m = document.querySelector('#carte');
  if (!m) return null;
  const pane = m.querySelector('.leaflet-map-pane');
  return [m.classList.contains('leaflet-zoom-anim'), pane ? pane.style.transform : '',
          m.querySelectorAll('.leaflet-marker-pane .ville').length];
}"""


def carte_posee(pg, timeout_s: float = 10.0) -> None:  # noqa: ANN001
    """The list is ready before the map has finished framing it (an animated fit, sometimes after a
    first move to the patient's commune): wait until the map stands still — no zoom animation and
    the same view twice, 300 ms apart — before reading labels or marker positions."""
    deadline = time.monotonic() + timeout_s
    avant = None
    while time.monotonic() < deadline:
        vue = pg.evaluate(_VUE_CARTE)
        if vue is None or (not vue[0] and vue == avant):
            return
        avant = vue
        pg.wait_for_timeout(300)
    raise AssertionError("the map never stood still")


def boite(pg, selector: str) -> dict:  # noqa: ANN001
    b = pg.locator(selector).bounding_box()
    assert b is not None, selector
    return b


# ------------------------------------------------------------------------ 1. comboboxes
@pytest.mark.parametrize("vue", VUES)
def test_suggestion_lists_open_below_their_input_without_covering_it(
        browser, server: Server, vue: str) -> None:  # noqa: ANN001
    with ouvrir(browser, server, vue) as pg:
        pg.goto(server.url + "/")
        for champ, q in (("lieu", "Fouger"), ("texte", "dialy")):
            pg.locator(f"#{champ}").scroll_into_view_if_needed()
            pg.type(f"#{champ}", q, delay=20)
            pg.wait_for_selector(f"#{champ}-liste[data-q='{q}']:not([hidden]) [role=option]")
            liste, saisie = boite(pg, f"#{champ}-liste"), boite(pg, f"#{champ}")
            label = boite(pg, f"label[for={champ}]")
            assert liste["y"] >= saisie["y"] + saisie["height"] - 1, (champ, liste, saisie)
            assert label["y"] + label["height"] <= saisie["y"] + 1
            # what is typed stays visible: the input's centre is the input, not the list
            x, y = saisie["x"] + saisie["width"] / 2, saisie["y"] + saisie["height"] / 2
            assert pg.evaluate(f"document.elementFromPoint({x}, {y}).id") == champ
            if champ == "lieu":
                first = pg.locator("#lieu-liste [role=option] > span:first-child").first.inner_text()
                assert first == "Fougères (35300, Ille-et-Vilaine)"  # the town before Fougeré (85)
                assert_accessible(pg, f"liste des communes ouverte ({vue})")
                photo(pg, "recherche-liste-communes", vue)
                pg.keyboard.press("Escape")
            else:
                assert_accessible(pg, f"liste des suggestions ouverte ({vue})")
                photo(pg, "recherche-liste-besoins", vue)


def test_a_site_category_suggestion_shows_its_kind_in_words(browser, server: Server) -> None:  # noqa: ANN001
    with ouvrir(browser, server) as pg:
        pg.goto(server.url + "/")
        pg.type("#texte", "ehpad", delay=20)
        pg.wait_for_selector("#texte-liste[data-q='ehpad']:not([hidden]) [role=option]")
        types = pg.locator("#texte-liste [role=option]").all_inner_texts()
        assert any("Catégorie d'établissement" in t for t in types), types
        assert not any("JDV_" in t or "TRE_" in t for t in types), types


def test_a_commune_typed_but_not_chosen_is_never_replaced(browser, server: Server) -> None:  # noqa: ANN001
    with ouvrir(browser, server) as pg:
        pg.goto(server.url + "/")
        pg.type("#lieu", "Fouger", delay=20)
        pg.wait_for_selector("#lieu-liste[data-q='Fouger']:not([hidden])")
        pg.keyboard.press("Escape")
        pg.click("#form-recherche button[type=submit]")
        erreur = pg.locator("#lieu-erreur")
        erreur.wait_for()
        assert "choisissez-la dans la liste" in erreur.inner_text()
        assert pg.input_value("#lieu") == "Fouger"  # never replaced by FOUGERE (85)
        assert pg.get_attribute("#lieu", "aria-invalid") == "true"
        assert "lieu-erreur" in (pg.get_attribute("#lieu", "aria-describedby") or "")
        assert "commune" not in parse_qs(urlparse(pg.url).query)
        assert_accessible(pg, "lieu non choisi")
        photo(pg, "recherche-lieu-non-choisi", "desktop")
        with ouvrir(browser, server, "phone") as tel:
            tel.goto(server.url + "/")
            tel.fill("#lieu", "Fouger")
            tel.click("#form-recherche button[type=submit]")
            tel.locator("#lieu-erreur").wait_for()
            tel.locator("#lieu").scroll_into_view_if_needed()
            assert_accessible(tel, "lieu non choisi (téléphone)")
            photo(tel, "recherche-lieu-non-choisi", "phone")

        # an exact name, an INSEE code or a postcode is one place: taken as typed
        for tape, cle, valeur in (("Fougères", "commune", "35115"), ("fougeres", "commune", "35115"),
                                  ("35115", "commune", "35115"), ("35300", "code_postal", "35300")):
            pg.fill("#lieu", "")
            pg.fill("#lieu", tape)
            pg.click("#form-recherche button[type=submit]")
            pg.wait_for_function(f"new URLSearchParams(location.search).get({cle!r}) === {valeur!r}")
            pg.wait_for_selector("#resultats[data-etat=pret]")
            assert pg.locator("#lieu-erreur").count() == 0
            assert pg.locator(".leaflet-marker-pane .marqueur-patient").count() == 1, tape


# ------------------------------------------------------------------------ 1 + 2. the URL keeps the place
def _point_patient(pg) -> tuple[float, float] | None:  # noqa: ANN001
    if pg.locator(".leaflet-marker-pane .marqueur-patient").count() != 1:
        return None
    return pg.evaluate("(() => { const b = document.querySelector('.marqueur-patient')"
                       ".getBoundingClientRect(); return [b.x, b.y]; })()")


def test_a_search_rerun_from_its_url_restores_the_patient_point_and_radius(
        browser, server: Server) -> None:  # noqa: ANN001
    with ouvrir(browser, server) as pg:
        for url in ("/?commune=35115&ouvert_maintenant=false&rayon_km=30",
                    "/?code_postal=35300&ouvert_maintenant=false&rayon_km=30"):
            pret(pg, server.url + url)
            pg.wait_for_selector(".leaflet-marker-pane .marqueur-patient")
            assert pg.input_value("#lieu").startswith(("Fougères (35300, Ille-et-Vilaine)", "35300"))
            # the search radius drawn around the patient
            assert pg.locator(".leaflet-overlay-pane path[stroke-dasharray='6 4']").count() == 1
        pret(pg, server.url + "/?commune=35115&lieu=Foug%C3%A8res&ouvert_maintenant=false&rayon_km=30")
        pg.wait_for_selector(".leaflet-marker-pane .marqueur-patient")
        pg.reload()
        pg.wait_for_selector("#resultats[data-etat=pret]")
        pg.wait_for_selector(".leaflet-marker-pane .marqueur-patient")
        pg.click("#liste-resultats li.resultat h3 a >> nth=0")
        pg.wait_for_selector("#fiche:not([hidden])")
        pg.click("#retour")  # "Retour à la recherche"
        pg.wait_for_selector("#resultats[data-etat=pret]")
        pg.wait_for_selector(".leaflet-marker-pane .marqueur-patient")
        pg.click("#liste-resultats li.resultat h3 a >> nth=0")
        pg.wait_for_selector("#fiche:not([hidden])")
        pg.go_back()
        pg.wait_for_selector("#resultats[data-etat=pret]")
        pg.wait_for_selector(".leaflet-marker-pane .marqueur-patient")
        assert parse_qs(urlparse(pg.url).query)["commune"] == ["35115"]


# ------------------------------------------------------------------------ 2. the map
@pytest.mark.parametrize("vue", VUES)
def test_the_map_reads_offline_groups_a_sites_units_and_says_beds_phone_distance(
        browser, server: Server, vue: str) -> None:  # noqa: ANN001
    with ouvrir(browser, server, vue) as pg:
        pret(pg, server.url + DIALYSE)
        pg.locator("#carte").scroll_into_view_if_needed()
        assert pg.get_attribute(".leaflet-control-zoom-in", "title") == "Zoom avant"
        assert pg.get_attribute(".leaflet-control-zoom-out", "title") == "Zoom arrière"
        pg.wait_for_selector(".leaflet-marker-pane .ville")
        assert "Rennes" in pg.locator(".leaflet-marker-pane .ville").all_inner_texts()
        assert pg.locator(".leaflet-overlay-pane path[stroke-dasharray='6 4']").count() == 1
        # the patient's dot never takes a click meant for a unit
        assert pg.eval_on_selector(".marqueur-patient", "e => getComputedStyle(e).pointerEvents") == "none"
        un = pg.locator(".leaflet-marker-pane .marqueur-uo").filter(
            has_text=re.compile(r"^1(\+\d+)?$")).first
        b = un.bounding_box()
        assert b is not None
        top = pg.evaluate(f"document.elementFromPoint({b['x'] + b['width'] / 2}, "
                          f"{b['y'] + b['height'] / 2}).closest('.marqueur-uo')?.textContent")
        assert top is not None and re.match(r"^1(\+\d+)?$", top), top

        groupes = pg.locator(".leaflet-marker-pane .marqueur-groupe")
        assert groupes.count() >= 1, "the units of one hospital share one marker"
        groupe = groupes.first
        membres = groupe.get_attribute("data-uo").split(" ")
        avant = pg.locator(".leaflet-marker-pane .marqueur-uo").count()
        groupe.click()
        pg.wait_for_function(f"document.querySelectorAll('.leaflet-marker-pane .marqueur-uo').length"
                             f" === {avant + len(membres)}")
        deplie = pg.locator(".leaflet-marker-pane .marqueur-uo:not(.marqueur-groupe)").last
        uo = deplie.get_attribute("data-uo")
        assert uo in membres
        deplie.click()
        bulle = pg.locator(".leaflet-popup-content .bulle")
        bulle.wait_for()
        texte = bulle.inner_text()
        res = next(r for r in server.api("/api/v1/recherche", profil="aval", texte="dialyse",
                                         commune="35238", rayon_km=80, ouvert_maintenant="false",
                                         age=67, age_max_lits_minutes=240, limit=20)["resultats"]
                   if r["uo_id"] == uo)
        assert res["disponibilite"]["texte"].removesuffix(" — PÉRIMÉ") in texte
        assert "km du patient" in texte and "Ouvrir la fiche" in texte
        if res["telephone"]:
            assert "☎ 0" in texte
        # Leaflet fades the popup in: audit its colours once it is opaque (polled from Python: the
        # pages' CSP forbids wait_for_function's string evaluation).
        for _ in range(50):
            if bulle.evaluate("e => getComputedStyle(e.closest('.leaflet-popup')).opacity") == "1":
                break
            pg.wait_for_timeout(100)
        assert_accessible(pg, f"carte, site déplié et bulle ouverte ({vue})")
        photo(pg, "recherche-carte-site-deplie", vue)


@pytest.mark.parametrize("vue", VUES)
def test_close_up_the_map_draws_the_communes_of_the_departements_in_view(
        browser, server: Server, vue: str) -> None:  # noqa: ANN001
    with ouvrir(browser, server, vue) as pg:
        demandes: list[str] = []
        pg.on("request", lambda r: demandes.append(urlparse(r.url).path))
        pret(pg, server.url + "/?commune=35238&lieu=Rennes&rayon_km=10&ouvert_maintenant=false")
        pg.locator("#carte").scroll_into_view_if_needed()
        pg.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 150")
        communes = [d for d in demandes if d.startswith("/static/geo/communes/")]
        assert "/static/geo/communes/35.geojson" in communes
        assert len(communes) <= 4  # only the départements in view, not the country
        pg.wait_for_selector(".leaflet-marker-pane .ville")
        assert {"Rennes", "Cesson-Sévigné"} <= set(pg.locator(".leaflet-marker-pane .ville").all_inner_texts())
        assert_accessible(pg, f"carte de près, communes ({vue})")
        photo(pg, "recherche-carte-communes", vue)


# ------------------------------------------------------------------------ 3. cards
def test_cards_are_dense_and_say_why_beds_phone_in_plain_french(browser, server: Server) -> None:  # noqa: ANN001
    with ouvrir(browser, server) as pg:
        pret(pg, server.url + DIALYSE)
        cartes = pg.locator("#liste-resultats > li.resultat")
        assert cartes.count() >= 5
        visibles = sum(1 for i in range(cartes.count())
                       if (b := cartes.nth(i).bounding_box()) and b["y"] + b["height"] <= DESKTOP["height"])
        assert visibles >= 4, f"{visibles} cards fully visible at 1280×800"
        api = {r["uo_id"]: r for r in server.api(
            "/api/v1/recherche", profil="aval", texte="dialyse", commune="35238", rayon_km=80,
            ouvert_maintenant="false", age=67, age_max_lits_minutes=240, limit=20)["resultats"]}
        for i in range(cartes.count()):
            carte = cartes.nth(i)
            res = api[carte.get_attribute("data-uo")]
            assert re.match(r"^Pourquoi : \S", carte.locator(".pourquoi").inner_text())
            d = res["disponibilite"]
            lits = carte.locator(".lits").inner_text()
            assert d["texte"].removesuffix(" — PÉRIMÉ") in lits, (lits, d["texte"])
            if d["compte"] is not None and d["compte"]["maj"] is not None:
                assert " · il y a " in lits or " · à l'instant" in lits
            if res["telephone"]:
                assert re.match(r"^☎ (0\d( \d\d){4}|\+33 )", carte.locator(".tel").inner_text())
            assert carte.locator("details.details[open]").count() == 0  # details on demand
        assert pg.locator("a[href='tel:']").count() == 0
        assert_accessible(pg, "résultats (cartes)")
        photo(pg, "recherche-cartes", "desktop")
        pg.locator("details.details summary").first.click()
        criteres = pg.locator("details.details[open] .criteres").inner_text()
        assert "dans [" not in criteres and "lit(s)" not in criteres and "crise:" not in criteres
        assert "âge 67 ans accepté" in criteres
        assert_accessible(pg, "résultats, détails ouverts")
    with ouvrir(browser, server, "phone") as pg:
        pret(pg, server.url + DIALYSE)
        assert_accessible(pg, "résultats (téléphone)")
        photo(pg, "recherche-cartes", "phone")


@pytest.mark.parametrize("vue", VUES)
def test_nothing_found_is_one_plain_message_listing_what_was_relaxed(
        browser, server: Server, vue: str) -> None:  # noqa: ANN001
    with ouvrir(browser, server, vue) as pg:
        pret(pg, server.url + "/?aptitudes=R210:0460&commune=35115&rayon_km=5&lits_min=3&age=2"
                              "&ouvert_maintenant=true")
        zone = pg.inner_text("#resultats")
        assert zone.count("Aucune unité") == 1, zone
        etat = pg.inner_text("#resultats-etat")
        assert "rayon élargi de 5 km à 200 km" in etat
        assert "minimum de 3 lits libres abandonné" in etat
        assert "ouvrent bientôt" in etat
        for brut in ("→", "ouvert :", "rayon_km", "lits_min", "abandonné :"):
            assert brut not in zone
        assert pg.locator("#relachements").is_hidden()
        assert_accessible(pg, f"aucun résultat ({vue})")
        photo(pg, "recherche-aucun-resultat", vue)


# ------------------------------------------------------------------------ 4. French, errors at their field
@pytest.mark.parametrize("vue", VUES)
@pytest.mark.parametrize(("champ", "valeur", "phrase"), [
    ("age", "200", "Âge du patient : saisissez un nombre entre 0 et 130."),
    ("rayon_km", "0", "Rayon (km) : saisissez un nombre entre 1 et 1000."),
])
def test_api_errors_become_french_sentences_next_to_the_field(
        browser, server: Server, champ: str, valeur: str, phrase: str, vue: str) -> None:  # noqa: ANN001
    with ouvrir(browser, server, vue) as pg:
        pg.goto(server.url + "/?commune=35238&lieu=Rennes&ouvert_maintenant=false")
        pg.wait_for_selector("#resultats[data-etat=pret]")
        pg.fill(f"#{champ}", valeur)
        pg.click("#form-recherche button[type=submit]")
        erreur = pg.locator(f"#{champ}-erreur")
        erreur.wait_for()
        assert erreur.inner_text() == phrase
        assert pg.get_attribute(f"#{champ}", "aria-invalid") == "true"
        page = pg.inner_text("body")
        assert "Input should" not in page and "(champ" not in page
        # the sentence sits right under its field
        e, f = boite(pg, f"#{champ}-erreur"), boite(pg, f"#{champ}")
        assert 0 <= e["y"] - (f["y"] + f["height"]) < 30
        assert_accessible(pg, f"erreur sur {champ} ({vue})")
        photo(pg, f"recherche-erreur-{champ}", vue)
        pg.fill(f"#{champ}", "")
        pg.click("#form-recherche button[type=submit]")
        pg.wait_for_selector("#resultats[data-etat=pret]")
        assert pg.locator(f"#{champ}-erreur").count() == 0
        assert pg.get_attribute(f"#{champ}", "aria-invalid") is None


def test_unit_sheet_is_in_french_without_empty_phone_links(browser, server: Server) -> None:  # noqa: ANN001
    uo_id = server.api("/api/v1/recherche", commune="35238", ouvert_maintenant="false",
                       limit=1)["resultats"][0]["uo_id"]
    fiche = server.api(f"/api/v1/unites/{uo_id}")
    for vue in VUES:
        with ouvrir(browser, server, vue) as pg:
            pg.goto(f"{server.url}/uo/{uo_id}")
            pg.wait_for_selector("#fiche:not([hidden])")
            texte = pg.inner_text("body")
            assert not re.search(r"\b(medical|publie|valide|brouillon)\b", texte)
            assert f"fiche {dict(publie='publiée', valide='validée', brouillon='brouillon')[fiche['statut']]}" in texte
            assert pg.locator("a[href='tel:']").count() == 0
            assert "plus de 4 h" in pg.inner_text("#uo-lits .legende-perime")  # what PÉRIMÉ means
            for href in pg.eval_on_selector_all("a[href^='tel:']", "els => els.map(e => e.getAttribute('href'))"):
                assert re.fullmatch(r"tel:\+?\d{6,}", href), href
            assert_accessible(pg, f"fiche unité ({vue})")
            photo(pg, "fiche-unite-fr", vue)


# ------------------------------------------------------------------------ 5. freshness
def test_the_freshness_control_defaults_to_the_threshold_and_hides_older_figures(
        browser, server: Server) -> None:  # noqa: ANN001
    params = {"aptitudes": "R210:0460", "commune": "35238", "rayon_km": 100,
              "ouvert_maintenant": "false", "limit": 20}
    candidates = [r["uo_id"] for r in server.api("/api/v1/recherche", **params)["resultats"]
                  if r["lits_disponibles"] is not None]
    uo_id = None
    for candidate in candidates:  # a 9-hour-old figure, flagged stale with no freshness asked
        _set_beds(server, candidate, free=3, hours_old=9)
        found = {r["uo_id"]: r for r in server.api("/api/v1/recherche", **params)["resultats"]}
        if found[candidate]["lits_perimes"]:
            uo_id = candidate
            break
    assert uo_id is not None
    with ouvrir(browser, server) as pg:
        envoyees: list[str] = []
        pg.on("request", lambda r: envoyees.append(r.url) if "/api/v1/recherche" in r.url else None)
        pret(pg, server.url + "/?aptitudes=R210:0460&commune=35238&rayon_km=100&ouvert_maintenant=false")
        assert pg.input_value("#fraicheur") == "240"  # settings.stale_after_minutes
        assert "4 h (seuil du déploiement)" in pg.inner_text("#fraicheur option:checked")
        assert "Seuil du déploiement : 4 h" in pg.inner_text("#fraicheur-aide")
        legende = pg.locator("#legende-perime")
        assert legende.is_visible() and "PÉRIMÉ" in legende.inner_text()
        assert "plus de 4 h" in legende.inner_text()
        assert parse_qs(urlparse(envoyees[-1]).query)["age_max_lits_minutes"] == ["240"]
        carte = pg.locator(f"li.resultat[data-uo='{uo_id}']")
        assert "il y a 9 h" not in carte.inner_text() and carte.locator(".badge.perime").count() == 0
        assert_accessible(pg, "fraîcheur par défaut")
        photo(pg, "recherche-fraicheur-defaut", "desktop")
        with ouvrir(browser, server, "phone") as tel:
            pret(tel, server.url + "/?aptitudes=R210:0460&commune=35238&rayon_km=100"
                                   "&ouvert_maintenant=false")
            assert tel.locator("#legende-perime").is_visible()
            assert_accessible(tel, "fraîcheur par défaut (téléphone)")
            photo(tel, "recherche-fraicheur-defaut", "phone")

        pg.select_option("#fraicheur", "toute")
        pg.click("#form-recherche button[type=submit]")
        pg.wait_for_function("new URLSearchParams(location.search).get('fraicheur') === 'toute'")
        pg.wait_for_selector(f"li.resultat[data-uo='{uo_id}'] .badge.perime")
        assert "age_max_lits_minutes" not in parse_qs(urlparse(envoyees[-1]).query)
        assert "il y a 9 h" in carte.inner_text()
        pg.reload()  # the choice is kept in the URL
        pg.wait_for_selector("#resultats[data-etat=pret]")
        assert pg.input_value("#fraicheur") == "toute"


def test_the_mobile_profile_is_read_from_the_address_and_sent_with_the_search(browser, server: Server) -> None:  # noqa: ANN001
    with ouvrir(browser, server) as pg:
        sent: list[str] = []
        pg.on("request", lambda r: sent.append(r.url) if "/api/v1/recherche" in r.url else None)
        pret(pg, server.url + CAS["cas9-mobile-dialyse"])
        assert pg.locator("input[name=profil][value=mobile]").is_checked()
        assert sent and all("profil=mobile" in u for u in sent), sent


# --------------------------------------------------------------------- use cases 1, 3, 7, 9
@pytest.mark.parametrize("vue", VUES)
@pytest.mark.parametrize("cas", CAS)
def test_use_case_screens(browser, server: Server, cas: str, vue: str) -> None:  # noqa: ANN001
    with ouvrir(browser, server, vue) as pg:
        pret(pg, server.url + CAS[cas])
        pg.wait_for_selector(".leaflet-marker-pane .marqueur-patient")
        assert pg.locator("#liste-resultats > li.resultat").count() >= 1, pg.inner_text("#resultats-etat")
        assert_accessible(pg, f"{cas} ({vue})")
        photo(pg, cas, vue)
