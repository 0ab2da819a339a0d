"""The population dashboard in a real browser (Debian's Chromium through Playwright) against the real
`ror-orientation serve`, over the generated offer of Bretagne, with a previous-quarter snapshot that
differs from now (some EG were not finalisé yet), so the page has a change to show.

Each state is audited by axe-core (no serious or critical violation) and screenshotted at 1280×800 and
375×812 under artifacts/screenshots/ (not compared); the drill-down's browser timing is written to
artifacts/mesures/peuplement-region.json (reported, not asserted: a shared machine's timings are not a
test; the bench is bench/bench_peuplement_region.py).
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from .accessibilite import assert_accessible
from .serveur import serving
from .test_pages_browser import (
    CHROMIUM,
    DESKTOP,
    PHONE,
    REGION,
    SCREENSHOTS,
    Server,
    _context,
    _prepare_store,
)

MESURES = SCREENSHOTS.parent / "mesures"
ENCARTS = ["01", "02", "03", "04", "06"]
NOMS_ENCARTS = ["Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"]
ENGLISH = ("Zoom in", "Zoom out", "unknown", "expected one of", "Input should", "not found",
           "quirk_mixte", "a_faire", "en_cours", "undefined", "null", "NaN")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)"),
]


def _previous_quarter_behind(db: Path) -> str:
    """Rewrite the previous quarter's snapshot as if a tenth of each champ's target rows of the
    region had been à faire then (finalisé now): the dashboard has a rise to show."""
    from ror_orientation.peuplement import snapshots
    from ror_orientation.peuplement.tableau import Compte, Tableau
    from ror_orientation.peuplement.trimestre import Trimestre
    from ror_orientation.store import Store

    store = Store(db)
    try:
        previous = Trimestre.de_date(datetime.now(UTC).date()).precedent()
        now = snapshots.exiger(store, previous)  # taken by _prepare_store from the same offer
        cells = {}
        for (region, champ), c in now.cellules.items():
            k = c.finalise // 10 if region == REGION else 0
            cells[(region, champ)] = Compte(c.cible, c.finalise - k, c.en_cours, c.a_faire + k)
        snapshots.enregistrer(store, previous, Tableau(cells))
        return str(previous)
    finally:
        store.close()


@pytest.fixture(scope="module")
def serveur(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = tmp_path_factory.mktemp("tableau") / "ror.sqlite"
    key = _prepare_store(db)
    _previous_quarter_behind(db)
    with serving(db, log=db.parent / "serve.log") as s:
        yield Server(s.url, key)


class Pages:
    """Pages of one viewport, each checked at the end for script errors and outside requests."""

    def __init__(self, browser, serveur: Server) -> None:  # noqa: ANN001
        self.browser, self.serveur = browser, serveur
        self.ouverts: list[tuple[object, list[str]]] = []

    def ouvrir(self, path: str, viewport: dict = DESKTOP, ready: str = "body[data-etat=pret]"):  # noqa: ANN201
        ctx = _context(self.browser, self.serveur, viewport)
        pg = ctx.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        self.ouverts.append((ctx, errors))
        pg.goto(self.serveur.url + path)
        pg.wait_for_selector(ready)
        return pg

    def fermer(self) -> None:
        for ctx, errors in self.ouverts:
            outside = ctx.outside  # type: ignore[attr-defined]
            ctx.close()  # type: ignore[attr-defined]
            assert not errors, errors
            assert not outside, f"requests outside the app: {outside}"


@pytest.fixture()
def pages(browser, serveur: Server) -> Iterator[Pages]:  # noqa: ANN001
    p = Pages(browser, serveur)
    yield p
    p.fermer()


def capture(pg, nom: str) -> None:  # noqa: ANN001
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    taille = "phone" if pg.viewport_size["width"] < 600 else "desktop"
    pg.wait_for_timeout(250)  # let the map finish drawing
    pg.screenshot(path=str(SCREENSHOTS / f"{nom}-{taille}.png"))  # the screen as seen
    pg.screenshot(path=str(SCREENSHOTS / f"{nom}-{taille}-page.png"), full_page=True)


def boites(pg, selector: str) -> list[dict]:  # noqa: ANN001
    return pg.eval_on_selector_all(selector, "els => els.map(e => { const r = e.getBoundingClientRect();"
                                   " return {x: r.x, y: r.y, w: r.width, h: r.height, text: e.textContent}; })")


def chevauche(a: dict, b: dict, marge: float = 0) -> bool:
    return not (a["x"] + a["w"] + marge <= b["x"] or b["x"] + b["w"] + marge <= a["x"]
                or a["y"] + a["h"] + marge <= b["y"] or b["y"] + b["h"] + marge <= a["y"])


def points(v: float | None) -> str:
    """The page's French form of a change: "+3,2 pts", "0,0 pt", "—"."""
    if v is None:
        return "—"
    sign = "+" if v > 0 else "-" if v < 0 else ""
    return f"{sign}{abs(v):.1f}".replace(".", ",") + (" pts" if abs(v) >= 2 else " pt")


def sans_anglais(pg) -> None:  # noqa: ANN001
    text = pg.inner_text("body")
    titles = " ".join(pg.eval_on_selector_all("[title], [aria-label]", "els => els.map(e => "
                                              "(e.getAttribute('title') || '') + ' ' + (e.getAttribute('aria-label') || ''))"))
    for word in ENGLISH:
        assert word not in text and word not in titles, word


# ---------------------------------------------------------------------------------------- map
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_inset_names_sit_below_their_shapes_dark_on_white_and_never_touch(
        pages: Pages, viewport: dict) -> None:
    pg = pages.ouvrir("/peuplement?champ=MCO", viewport)
    # the map fits its frame after the page's layout settles (animated under load): measure once
    # two successive reads agree
    avant = None
    for _ in range(50):
        maintenant = boites(pg, ".etiquette-encart-peuplement, path.region")
        if maintenant == avant:
            break
        avant = maintenant
        pg.wait_for_timeout(150)
    labels = boites(pg, ".etiquette-encart-peuplement")
    assert [b["text"] for b in labels] == NOMS_ENCARTS
    carte = boites(pg, "#carte-peuplement")[0]
    for code, label in zip(ENCARTS, labels, strict=True):
        shape = boites(pg, f"path.region[data-region='{code}']")[0]
        assert not chevauche(label, shape), f"{label['text']} covers its shape"
        assert label["y"] >= shape["y"] + shape["h"] - 1, f"{label['text']} is not below its shape"
        assert carte["x"] <= label["x"] and label["x"] + label["w"] <= carte["x"] + carte["w"]
        assert label["y"] + label["h"] <= carte["y"] + carte["h"], f"{label['text']} leaves the map"
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not chevauche(a, b, marge=4), f"{a['text']} touches {b['text']}"
    style = pg.eval_on_selector(".etiquette-encart-peuplement", "e => [getComputedStyle(e).color, "
                                "getComputedStyle(e).backgroundColor]")
    assert style == ["rgb(30, 35, 40)", "rgb(255, 255, 255)"]
    assert pg.get_attribute(".leaflet-control-zoom-in", "title") == "Zoom avant"
    assert pg.get_attribute(".leaflet-control-zoom-out", "title") == "Zoom arrière"
    assert_accessible(pg, f"tableau de bord chargé ({viewport['width']}px)")
    capture(pg, "peuplement-carte")


def test_legend_is_in_the_first_screen_with_the_map_on_a_laptop_and_beside_it_on_a_phone(
        pages: Pages) -> None:
    pg = pages.ouvrir("/peuplement?champ=MCO", DESKTOP)
    carte, legende = boites(pg, "#carte-peuplement")[0], boites(pg, ".legende-carte")[0]
    assert carte["y"] >= 0 and legende["y"] + legende["h"] <= DESKTOP["height"], legende
    assert pg.locator(".legende li").count() == 6
    phone = pages.ouvrir("/peuplement?champ=MCO", PHONE)
    carte, legende = boites(phone, "#carte-peuplement")[0], boites(phone, ".legende-carte")[0]
    assert legende["y"] + legende["h"] - carte["y"] <= PHONE["height"]  # one screen holds both


# ---------------------------------------------------------------------------------------- table
def test_a_region_without_data_has_one_not_available_cell(pages: Pages, serveur: Server) -> None:
    pg = pages.ouvrir("/peuplement?champ=MCO")
    table = serveur.api("/api/v1/peuplement", champ="MCO", precedent="true")
    sans = [li["region"] for li in table["lignes"] if not li["champs"]["MCO"]["disponible"]]
    assert "11" in sans and REGION not in sans
    for region in sans:
        row = pg.locator(f"#tableau tr[data-region='{region}']")
        assert row.inner_text().count("Donnée non disponible") == 1
        assert row.locator("td.nd").get_attribute("colspan") == "5"
        assert row.locator("td").count() == 2  # the one cell, and the connected applications
    bretagne = pg.locator(f"#tableau tr[data-region='{REGION}']")
    assert "Donnée non disponible" not in bretagne.inner_text()
    heights = pg.eval_on_selector_all("#tableau tr.sans-donnee", "els => els.map(e => e.offsetHeight)")
    assert max(heights) < 60  # no wrapped repeats


def test_counts_and_change_since_the_previous_quarter_sit_beside_each_percentage(
        pages: Pages, serveur: Server) -> None:
    pg = pages.ouvrir("/peuplement?champ=MCO")
    table = serveur.api("/api/v1/peuplement", champ="MCO", precedent="true")
    assert table["precedent"]["disponible"] is True
    cell = next(li for li in table["lignes"] if li["region"] == REGION)["champs"]["MCO"]
    row = pg.locator(f"#tableau tr[data-region='{REGION}']")
    assert row.locator("td.cible").inner_text() == str(cell["cible"])
    assert row.locator("td.finalise").inner_text() == str(cell["finalise"])
    assert row.locator("td.en-cours").inner_text() == str(cell["en_cours"])
    for ind in ("peuples", "qualite"):
        td = row.locator(f"td.pct-{ind}")
        assert td.locator(".valeur").inner_text() == cell[f"pct_{ind}"]
        evolution = cell[f"evolution_{ind}"]
        assert evolution is not None and evolution > 0  # the fixture's previous quarter is behind
        assert td.locator(".evolution").inner_text().startswith(points(evolution))
        assert cell["precedent"][f"pct_{ind}"] in td.locator(".evolution").get_attribute("title")
    # the change is the difference of the two quarters' exact ratios, in points
    prev = cell["precedent"]
    exact = 100 * cell["finalise"] / cell["cible"] - 100 * prev["finalise"] / prev["cible"]
    assert abs(cell["evolution_qualite"] - exact) <= 0.05 + 1e-9
    sans_anglais(pg)
    assert_accessible(pg, "tableau avec évolutions")
    capture(pg, "peuplement-evolution")

    # the previous quarter chosen: the one before it has no snapshot, so no change is shown
    pg.select_option("#trimestre", table["precedent"]["trimestre"])
    pg.wait_for_function("new URLSearchParams(location.search).has('trimestre') && "
                         "document.body.dataset.etat === 'pret'")
    row = pg.locator(f"#tableau tr[data-region='{REGION}']")
    assert row.locator("td.pct-peuples .evolution").inner_text().startswith("—")
    assert "pas d'instantané" in pg.inner_text("#peuplement-etat")
    assert_accessible(pg, "trimestre sans précédent")


def test_phone_shows_the_chosen_indicator_without_sideways_scrolling(
        pages: Pages, serveur: Server) -> None:
    pg = pages.ouvrir("/peuplement?champ=MCO&indicateur=peuples", PHONE)
    assert pg.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    tableau = boites(pg, "#tableau")[0]
    assert tableau["x"] >= 0 and tableau["x"] + tableau["w"] <= PHONE["width"]
    assert pg.evaluate("(() => { const d = document.querySelector('.defilement');"
                       " return d.scrollWidth <= d.clientWidth; })()")
    row = pg.locator(f"#tableau tr[data-region='{REGION}']")
    cell = next(li for li in serveur.api("/api/v1/peuplement", champ="MCO", precedent="true")["lignes"]
                if li["region"] == REGION)["champs"]["MCO"]
    assert row.locator("td.pct-peuples").is_visible() and not row.locator("td.pct-qualite").is_visible()
    comptes = row.locator("td.pct-peuples .comptes")
    assert comptes.is_visible() and f"sur {cell['cible']} EG" in comptes.inner_text()
    assert row.locator("td.pct-peuples .evolution").is_visible()
    assert not row.locator("td.cible").is_visible()
    assert_accessible(pg, "téléphone, peuplés ou en cours")
    capture(pg, "peuplement-tableau-peuples")

    pg.check("input[name=indicateur][value=qualite]")
    pg.wait_for_function("new URLSearchParams(location.search).get('indicateur') === 'qualite' && "
                         "document.body.dataset.etat === 'pret'")
    row = pg.locator(f"#tableau tr[data-region='{REGION}']")
    assert row.locator("td.pct-qualite").is_visible() and not row.locator("td.pct-peuples").is_visible()
    assert row.locator("td.pct-qualite .valeur").inner_text() == cell["pct_qualite"]
    assert pg.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(pg, "téléphone, critère qualité")
    capture(pg, "peuplement-tableau-qualite")


# ---------------------------------------------------------------------------------------- drill-down
def test_region_drill_down_is_one_request_lists_the_eg_not_finalise_and_is_timed(
        pages: Pages, serveur: Server) -> None:
    pg = pages.ouvrir("/peuplement?champ=MCO")
    api_calls: list[str] = []
    pg.on("request", lambda r: api_calls.append(r.url) if "/api/" in r.url else None)
    durees = []
    for champ in ("MCO", "ESMS PA", "PSY", "ESMS PH", "SSR"):
        pg.goto(f"{serveur.url}/peuplement?champ={champ}")  # no region chosen yet
        pg.wait_for_selector("body[data-etat=pret]")
        pg.wait_for_timeout(100)
        api_calls.clear()
        pg.locator(f"path.region[data-region='{REGION}']").click(force=True)
        pg.wait_for_selector("#detail-region[data-etat=pret]")
        pg.wait_for_function("performance.getEntriesByName('peuplement:region').length === 1")
        durees.append(pg.evaluate("performance.getEntriesByName('peuplement:region')[0].duration"))
        assert len(api_calls) == 1 and "/peuplement/etablissements?" in api_calls[0], api_calls
        expected = serveur.api("/api/v1/peuplement/etablissements", region=REGION, champ=champ,
                               statut=["en_cours", "a_faire"], limit=100000)
        shown = pg.locator("#detail-region .eg-ecart")
        assert shown.count() == min(20, expected["total"])
        assert [shown.nth(i).get_attribute("data-eg") for i in range(shown.count())] == [
            e["eg_id"] for e in expected["etablissements"][:20]]
        first = expected["etablissements"][0]
        assert first["nom"] in shown.first.inner_text()
    MESURES.mkdir(parents=True, exist_ok=True)
    figure = {"mesure": "clic sur une région → liste de ses EG non finalisés (navigateur)",
              "region": REGION, "clics": len(durees), "mediane_ms": round(statistics.median(durees), 1),
              "max_ms": round(max(durees), 1), "durees_ms": [round(d, 1) for d in durees]}
    (MESURES / "peuplement-region.json").write_text(json.dumps(figure, ensure_ascii=False) + "\n")
    print(json.dumps(figure, ensure_ascii=False))
    assert all(d > 0 for d in durees)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_scenario_11_bretagne_mco_row_colour_and_eg_not_finalise_with_failing_criteria(
        pages: Pages, serveur: Server, viewport: dict) -> None:
    """use-cases.md 11: the ARS of Bretagne opens the dashboard: Bretagne's MCO row, its map colour,
    and the list of its EG not finalisé with the criterion that fails for each unit."""
    pg = pages.ouvrir(f"/peuplement?champ=MCO&region={REGION}", viewport, "#detail-region[data-etat=pret]")
    carte = serveur.api("/api/v1/peuplement/carte", champ="MCO", indicateur="peuples")
    from ror_orientation.peuplement.legende import classe

    r = carte["regions"][REGION]
    assert classe(r["numerateur"], r["denominateur"]) == r["classe"]
    fill = pg.eval_on_selector(f"path.region[data-region='{REGION}']", "e => getComputedStyle(e).fill")
    swatch = pg.eval_on_selector(f".legende li[data-classe='{pg.get_attribute(f'path.region[data-region={REGION!r}]', 'data-classe')}'] .pastille",
                                 "e => getComputedStyle(e).backgroundColor")
    assert fill == swatch
    assert "selection" in pg.get_attribute(f"#tableau tr[data-region='{REGION}']", "class")
    assert "Bretagne" in pg.inner_text("#detail-titre") and "MCO" in pg.inner_text("#detail-titre")
    assert "peuplés ou en cours" in pg.inner_text("#detail-resume")
    with_units = pg.locator("#detail-region .eg-ecart").filter(has_text="non finalisée").first
    eg_id = with_units.get_attribute("data-eg")
    with_units.locator("summary").click()
    with_units.locator(".unites-ecart li").first.wait_for()
    detail = serveur.api(f"/api/v1/peuplement/eg/{eg_id}")
    ligne = next(li for li in detail["lignes"] if li["champ"] == "MCO")
    unites = [u for u in ligne["unites"] if u["statut"] != "finalise"]
    shown = with_units.locator(".unites-ecart li")
    assert shown.count() == len(unites)
    for i, u in enumerate(unites):
        text = shown.nth(i).inner_text()
        assert u["nom"] in text
        assert all(str(c["critere"]) in text.split(":")[-1] for c in u["criteres_en_echec"])
    manques = {int(li.get_attribute("data-critere")) for li in with_units.locator(".manques li").all()}
    assert manques == {c["critere"] for u in unites for c in u["criteres_en_echec"]}
    sans_anglais(pg)
    assert_accessible(pg, f"scénario 11, EG ouvert ({viewport['width']}px)")
    if viewport is PHONE:
        assert pg.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    capture(pg, "peuplement-scenario11")


# ---------------------------------------------------------------------------------------- errors
def test_api_errors_are_sentences_in_french(pages: Pages) -> None:
    pg = pages.ouvrir("/peuplement?champ=MCO&region=99", DESKTOP, "#detail-region[data-etat=erreur]")
    message = pg.inner_text("#detail-contenu")
    assert message == "Cette région n'existe pas : choisissez une région sur la carte ou dans le tableau."
    assert_accessible(pg, "erreur : région inconnue")

    # the server failing, then not answering at all
    pg.route("**/api/v1/peuplement/carte*", lambda route: route.fulfill(
        status=500, content_type="application/json",
        body=json.dumps({"error": {"status": 500, "code": "internal", "message": "Internal Server Error",
                                   "field": None}})))
    pg.select_option("#champ-activite", "PSY")
    pg.wait_for_selector("body[data-etat=erreur]")
    etat = pg.inner_text("#peuplement-etat")
    assert etat.startswith("Le serveur a rencontré une erreur : réessayez dans un instant. ")
    assert "Les chiffres affichés sont encore ceux de" in etat and etat.endswith(", MCO.")  # not PSY
    assert_accessible(pg, "erreur : serveur")
    pg.unroute("**/api/v1/peuplement/carte*")
    pg.route("**/api/v1/peuplement/carte*", lambda route: route.abort())
    pg.select_option("#champ-activite", "SSR")
    pg.wait_for_function("document.body.dataset.etat === 'erreur' && "
                         "document.getElementById('peuplement-etat').textContent.includes('ne répond pas')")
    sans_anglais(pg)
    capture(pg, "peuplement-erreur")


def test_keyboard_opens_a_region_and_an_eg_from_the_table(pages: Pages) -> None:
    pg = pages.ouvrir("/peuplement?champ=ESMS%20PA")
    pg.locator(f"#tableau tr[data-region='{REGION}'] button").focus()
    pg.keyboard.press("Enter")
    pg.wait_for_selector("#detail-region[data-etat=pret]")
    assert pg.evaluate("document.activeElement.id") == "detail-region"  # focus follows the list
    for _ in range(5):  # from the list's heading to the first establishment
        pg.keyboard.press("Tab")
        if pg.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    pg.keyboard.press("Enter")
    first = pg.locator("#detail-region .eg-ecart").first
    first.locator(".eg-detail .statut").wait_for()
    assert first.get_attribute("open") is not None
    assert "ESMS PA" in pg.inner_text("#detail-titre")
    assert_accessible(pg, "clavier, EG ouvert")
