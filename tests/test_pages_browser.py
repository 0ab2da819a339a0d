"""The three pages in a real browser (Debian's Chromium through Playwright) against the real
`ror-orientation serve` on a loopback port, over the generated offer of one region (Bretagne).

Screenshots of each page at desktop and phone widths go to artifacts/screenshots/ (not compared).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pypdf
import pytest

from .serveur import serving

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
REGION = "53"  # Bretagne: Rennes, Fougères, Vannes, Quimper — the use cases' ground
TIMEOUT_MS = 15_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)"),
]


@dataclass(frozen=True)
class Server:
    url: str
    regulateur: str  # key with lecture_regulation + admin (capacity writes)

    def api(self, path: str, **params: object) -> dict:
        r = httpx.get(self.url + path, params=params, timeout=30,  # type: ignore[arg-type]
                      headers={"Authorization": f"Bearer {self.regulateur}"})
        r.raise_for_status()
        return r.json()


def _prepare_store(db: Path) -> str:
    """One region of the generated offer, a snapshot of the previous quarter, a regulator key."""
    from ror_orientation import applications
    from ror_orientation.generateur import generate
    from ror_orientation.peuplement.publication import prendre_snapshot
    from ror_orientation.peuplement.trimestre import Trimestre
    from ror_orientation.store import Store

    store = Store(db)
    try:
        store.import_offre(generate("demo", reference=datetime.now(UTC), regions=(REGION,)),
                           source="test:pages")
        previous = Trimestre.de_date(datetime.now(UTC).date()).precedent()
        prendre_snapshot(store, str(previous))
        _app, key = applications.create(store, nom="pages-tests", region=REGION,
                                        proprietaire="tests", droits=["lecture_regulation", "admin"],
                                        eg_ids=[])
        return key
    finally:
        store.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = tmp_path_factory.mktemp("pages") / "ror.sqlite"
    key = _prepare_store(db)
    with serving(db, log=db.parent / "serve.log") as s:
        yield Server(s.url, key)


# `browser`: the session's one Chromium, in tests/conftest.py.


def _context(browser, server: Server, viewport: dict, key: bool = True):  # noqa: ANN001, ANN202
    # bypass_csp: Playwright's wait_for_function evaluates strings in the page, which the pages' CSP
    # forbids; test_pages_run_under_their_content_security_policy checks the pages with it enforced
    ctx = browser.new_context(viewport=viewport, locale="fr-FR", timezone_id="Europe/Paris",
                              accept_downloads=True, bypass_csp=True)
    ctx.set_default_timeout(TIMEOUT_MS)
    if key:
        ctx.add_init_script(f"localStorage.setItem('ror.cle', {server.regulateur!r})")
    # Nothing may leave the machine: any request to another host fails the test.
    outside: list[str] = []
    ctx.route("**/*", lambda route: (route.continue_() if route.request.url.startswith(server.url)
                                     or route.request.url.startswith(("data:", "blob:"))
                                     else (outside.append(route.request.url),  # type: ignore[func-returns-value]
                                           route.abort())))
    ctx.outside = outside  # type: ignore[attr-defined]
    return ctx


@pytest.fixture()
def page(browser, server: Server) -> Iterator[object]:  # noqa: ANN001
    ctx = _context(browser, server, DESKTOP)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    outside = ctx.outside  # type: ignore[attr-defined]
    ctx.close()
    assert not errors, errors
    assert not outside, f"requests outside the app: {outside}"


def test_pages_run_under_their_content_security_policy(browser, server: Server) -> None:  # noqa: ANN001
    ctx = browser.new_context(viewport=DESKTOP, locale="fr-FR", timezone_id="Europe/Paris")
    ctx.add_init_script(f"localStorage.setItem('ror.cle', {server.regulateur!r});"
                        "window.__csp = []; document.addEventListener('securitypolicyviolation', "
                        "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    uo_id = server.api("/api/v1/recherche", limit=1)["resultats"][0]["uo_id"]
    try:
        for path in ("/?commune=35238&ouvert_maintenant=false", "/peuplement", f"/uo/{uo_id}"):
            pg = ctx.new_page()
            errors: list[str] = []
            pg.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            response = pg.goto(server.url + path)
            assert response is not None and "default-src 'self'" in response.headers[
                "content-security-policy"]
            pg.wait_for_load_state("networkidle")
            assert pg.evaluate("window.__csp") == [], path
            assert not [e for e in errors if "Content Security Policy" in e], errors
            pg.close()
    finally:
        ctx.close()


def shoot(browser, server: Server, path: str, name: str, ready: str) -> None:  # noqa: ANN001
    """Screenshots of one page at desktop and phone widths (artifacts, not compared)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        ctx = _context(browser, server, viewport)
        pg = ctx.new_page()
        pg.goto(server.url + path)
        pg.wait_for_selector(ready)
        pg.wait_for_timeout(300)  # let the map finish drawing
        if label == "phone":
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"] + 1, f"{name} scrolls sideways on a phone ({width}px)"
        pg.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
        ctx.close()


def choose_option(pg, listbox: str, q: str, text: str) -> None:  # noqa: ANN001
    """Click the suggestion `text` once the list answers the text typed (`q`)."""
    pg.wait_for_selector(f"{listbox}[data-q='{q}']:not([hidden])")
    pg.locator(f"{listbox} [role=option] > span:first-child").get_by_text(text, exact=True).click()


# -------------------------------------------------------------------------------- search screen
def test_search_coro_commune_open_now_lists_matching_units_with_explanations_and_markers(
        page, server: Server, browser) -> None:  # noqa: ANN001
    page.goto(server.url + "/")
    page.fill("#texte", "")
    page.type("#texte", "coro", delay=30)
    choose_option(page, "#texte-liste", "coro", "Coronarographie")
    assert page.locator("#puces .puce").inner_text().startswith("Coronarographie")
    page.type("#lieu", "rennes", delay=30)
    choose_option(page, "#lieu-liste", "rennes", "Rennes (35000, Ille-et-Vilaine)")
    page.check("input[name=quand][value=maintenant]")
    page.click("#form-recherche button[type=submit]")
    page.wait_for_selector("#resultats[data-etat=pret]")

    items = page.locator("#liste-resultats > li.resultat")
    n = items.count()
    assert n >= 1, page.inner_text("#resultats-etat")
    query = parse_qs(urlparse(page.url).query)
    assert query["commune"] == ["35238"] and query["ouvert_maintenant"] == ["true"]
    api = server.api("/api/v1/recherche", texte="Coronarographie", commune="35238",
                     rayon_km=50, ouvert_maintenant="true", profil="samu", limit=20)
    assert [r["uo_id"] for r in api["resultats"]] == [
        items.nth(i).get_attribute("data-uo") for i in range(n)]
    for i in range(n):
        uo_id = items.nth(i).get_attribute("data-uo")
        fiche = server.api(f"/api/v1/unites/{uo_id}")
        assert fiche["ouvert_maintenant"] is True
        labels = " ".join(a["libelle"] for a in fiche["actes"] + [fiche["activite"]]).lower()
        assert "corona" in labels or "cardiologie interventionnelle" in labels, labels
        item = items.nth(i)
        assert item.locator(".distance").inner_text().endswith("km")
        assert item.locator(".explication li").count() >= 1
        assert item.locator(".badge.ouvert").count() == 1
    # one marker per site: the units of one hospital share its marker (data-uo lists them)
    shown = page.eval_on_selector_all(".leaflet-marker-pane .marqueur-uo",
                                      "els => els.flatMap(e => e.dataset.uo.split(' '))")
    with_coords = [r["uo_id"] for r in api["resultats"] if r["lat"] is not None]
    assert sorted(shown) == sorted(with_coords) and with_coords

    page.reload()  # the URL holds the query: the same answer comes back
    page.wait_for_selector("#resultats[data-etat=pret]")
    assert page.locator("#liste-resultats > li.resultat").count() == n
    assert page.locator("#puces .puce").inner_text().startswith("Coronarographie")

    shoot(browser, server, urlparse(page.url).path + "?" + urlparse(page.url).query, "recherche",
          "#resultats[data-etat=pret]")


def test_search_shows_free_beds_with_their_age_and_marks_stale_ones(
        page, server: Server) -> None:  # noqa: ANN001
    from ror_orientation.web.fiche_pdf import age_text

    params = {"aptitudes": "R210:0460", "commune": "35238", "rayon_km": 100,
              "ouvert_maintenant": "false", "limit": 10}
    candidates = [r["uo_id"] for r in server.api("/api/v1/recherche", **params)["resultats"]
                  if r["lits_disponibles"] is not None]
    assert candidates, "the generated Bretagne offer has thrombolysis units with free beds"
    answer = None
    for uo_id in candidates:  # make one figure 9 hours old (a unit in crisis may add fresh ones)
        _set_beds(server, uo_id, free=3, hours_old=9)
        found = {r["uo_id"]: r for r in server.api("/api/v1/recherche", **params)["resultats"]}
        if found[uo_id]["lits_perimes"]:
            answer = found[uo_id]
            break
    assert answer is not None, "a 9-hour-old bed figure is flagged stale by the API"
    # "toute ancienneté": stale figures are shown, flagged (the default hides those older than
    # the deployment's threshold: test_pages_recherche_browser)
    page.goto(server.url + "/?aptitudes=R210:0460&commune=35238&rayon_km=100"
              "&ouvert_maintenant=false&lieu=RENNES&fraicheur=toute")
    page.wait_for_selector("#resultats[data-etat=pret]")
    item = page.locator(f"li.resultat[data-uo='{answer['uo_id']}']")
    lits = item.locator(".lits").inner_text()
    # the card says the one figure in the API's own words (disponibilite.texte)
    assert answer["disponibilite"]["texte"].removesuffix(" — PÉRIMÉ") in lits
    age = age_text(answer["explication"]["lits_age_min"])
    assert age.rsplit(" ", 1)[0] in lits  # "il y a 9 h 05": the minutes may tick meanwhile
    assert item.locator(".badge.perime").is_visible()
    fresh = [r for r in server.api("/api/v1/recherche", **params)["resultats"]
             if r["lits_disponibles"] is not None and not r["lits_perimes"]]
    for r in fresh:
        assert page.locator(f"li.resultat[data-uo='{r['uo_id']}'] .badge.perime").count() == 0


def test_a_point_clicked_on_the_map_becomes_the_patients_place(page, server: Server) -> None:  # noqa: ANN001
    page.goto(server.url + "/?commune=35238&lieu=RENNES&ouvert_maintenant=false")
    page.wait_for_selector("#resultats[data-etat=pret]")
    page.click("#choisir-point")
    assert page.get_attribute("#choisir-point", "aria-pressed") == "true"
    box = page.locator("#carte").bounding_box()
    # a free spot of the map (units are drawn where their distance is computed to, which may be
    # the very centre: a commune's centroid)
    spots = [(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
             for fx in (0.5, 0.35, 0.65, 0.2, 0.8) for fy in (0.5, 0.35, 0.65, 0.2, 0.8)]
    x, y = next((x, y) for x, y in spots if not page.evaluate(
        f"!!document.elementFromPoint({x}, {y}).closest('.leaflet-marker-icon, .leaflet-control')"))
    page.mouse.click(x, y)
    assert page.input_value("#lieu").startswith("Point choisi")
    assert page.locator(".leaflet-marker-pane .marqueur-patient").count() == 1
    page.click("#form-recherche button[type=submit]")
    page.wait_for_function("new URLSearchParams(location.search).has('lat')")
    page.wait_for_selector("#resultats[data-etat=pret]")
    query = parse_qs(urlparse(page.url).query)
    assert "commune" not in query
    assert 47.0 < float(query["lat"][0]) < 49.5 and -5.5 < float(query["lon"][0]) < 0.0


def test_keyboard_alone_fills_and_submits_the_search(page, server: Server) -> None:  # noqa: ANN001
    page.goto(server.url + "/")
    for _ in range(30):  # Tab from the top of the page to the search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "texte":
            break
    assert page.evaluate("document.activeElement.id") == "texte"
    page.keyboard.type("dialy", delay=30)
    page.wait_for_selector("#texte-liste[data-q=dialy]:not([hidden]) [role=option]")
    page.keyboard.press("ArrowDown")
    active = page.get_attribute("#texte", "aria-activedescendant")
    assert active and page.get_attribute(f"#{active}", "aria-selected") == "true"
    chosen = page.inner_text(f"#{active} > span:first-child")
    page.keyboard.press("Enter")
    assert page.locator("#puces .puce").inner_text().startswith(chosen)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "age"
    page.keyboard.type("67")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "sexe"
    page.keyboard.press("ArrowDown")  # Chromium's closed <select>: arrow changes the value
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "lieu"
    page.keyboard.type("fougeres", delay=30)
    page.wait_for_selector("#lieu-liste[data-q=fougeres]:not([hidden]) [role=option]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.input_value("#lieu").startswith("Fougères (35300")
    page.keyboard.press("Escape")
    page.keyboard.press("Enter")  # implicit submission from a text field
    page.wait_for_selector("#resultats[data-etat=pret]")
    query = parse_qs(urlparse(page.url).query)
    assert query["age"] == ["67"] and query["commune"] == ["35115"]
    assert query["sexe"] in (["F"], ["H"])
    assert "trouvée" in page.inner_text("#resultats-etat") or "Aucune" in page.inner_text(
        "#resultats-etat")


# -------------------------------------------------------------------------------- unit sheet
def _set_beds(server: Server, uo_id: str, free: int, hours_old: float) -> None:
    maj = (datetime.now(UTC) - timedelta(hours=hours_old)).isoformat()
    r = httpx.put(f"{server.url}/api/v1/unites/{uo_id}/capacites", timeout=30,
                  headers={"Authorization": f"Bearer {server.regulateur}"},
                  json={"capacites": [
                      {"nature": "01", "statut": "02", "temporalite": "01", "genre": "04",
                       "nombre": free, "maj": maj},
                      {"nature": "01", "statut": "01", "temporalite": "01", "genre": "04",
                       "nombre": 20, "maj": datetime.now(UTC).isoformat()}]})
    assert r.status_code == 200, r.text


def test_unit_sheet_shows_bed_ages_with_the_stale_badge_and_exports_a_pdf(
        page, server: Server, browser) -> None:  # noqa: ANN001
    uo_id = server.api("/api/v1/recherche", aptitudes="R210:0460", commune="35238",
                       ouvert_maintenant="false", limit=1)["resultats"][0]["uo_id"]
    _set_beds(server, uo_id, free=4, hours_old=9)
    fiche = server.api(f"/api/v1/unites/{uo_id}")
    page.goto(f"{server.url}/uo/{uo_id}")
    page.wait_for_selector("#fiche:not([hidden])")
    assert page.inner_text("#uo-nom") == fiche["nom"]
    assert fiche["hierarchie"]["eg"]["nom"] in page.inner_text("#uo-hierarchie")
    rows = page.locator("#uo-lits tbody tr")
    ours = rows.filter(has_text="Disponible").filter(has_text="il y a 9 h")
    assert ours.count() == 1 and ours.locator(".badge.perime").is_visible()
    just_sent = rows.filter(has_text="Installé").filter(has_text="à l'instant")
    assert just_sent.count() == 1 and just_sent.locator(".badge.perime").count() == 0
    for i, cap in enumerate(fiche["capacites"]):  # every row agrees with the API's verdict
        assert (rows.nth(i).locator(".badge.perime").count() == 1) == cap["perime"], cap

    with page.expect_download() as download:
        page.click("#export-pdf")
    body = Path(download.value.path()).read_bytes()
    assert body.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(body)).pages)
    assert fiche["nom"] in text.replace("\n", " ") or fiche["nom"][:40] in text
    assert fiche["hierarchie"]["eg"]["nom"][:30] in text and "PÉRIMÉ" in text

    shoot(browser, server, f"/uo/{uo_id}", "fiche-unite", "#fiche:not([hidden])")


def test_unit_sheet_prints_without_navigation(page, server: Server) -> None:  # noqa: ANN001
    uo_id = server.api("/api/v1/recherche", commune="35238", ouvert_maintenant="false",
                       limit=1)["resultats"][0]["uo_id"]
    page.goto(f"{server.url}/uo/{uo_id}")
    page.wait_for_selector("#fiche:not([hidden])")
    page.emulate_media(media="print")
    assert not page.locator(".entete").is_visible()
    assert not page.locator("#export-pdf").is_visible()
    assert page.locator("#uo-lits").is_visible()


# -------------------------------------------------------------------------------- dashboard
def _expected_colours(page, server: Server, champ: str, indicateur: str) -> dict[str, str]:  # noqa: ANN001
    """Region → the legend colour of the class computed here from the API's numbers (spec §5)."""
    from ror_orientation.peuplement.legende import (
        AUCUN,
        AVANCE,
        FAIBLE,
        MOYEN,
        TRES_AVANCE,
        classe,
    )
    from ror_orientation.peuplement.tableau import NON_DISPONIBLE

    ids = {NON_DISPONIBLE: "nd", AUCUN: "aucun", FAIBLE: "faible", MOYEN: "moyen",
           AVANCE: "avance", TRES_AVANCE: "tres_avance"}
    swatches = page.eval_on_selector_all(
        ".legende li", "els => Object.fromEntries(els.map(e => [e.dataset.classe, "
        "getComputedStyle(e.querySelector('.pastille')).backgroundColor]))")
    data = server.api("/api/v1/peuplement/carte", champ=champ, indicateur=indicateur)
    assert len(data["regions"]) == 18
    return {code: swatches[ids[classe(r["numerateur"], r["denominateur"])]]
            for code, r in data["regions"].items()}


def _fills(page) -> dict[str, str]:  # noqa: ANN001
    return page.eval_on_selector_all(
        "path.region", "els => Object.fromEntries(els.map(e => [e.dataset.region, "
        "getComputedStyle(e).fill]))")


def test_dashboard_colours_all_18_regions_by_the_api_classes_and_switches_champ(
        page, server: Server, browser) -> None:  # noqa: ANN001
    page.goto(server.url + "/peuplement")
    page.wait_for_selector("body[data-etat=pret]")
    assert page.locator(".legende li").count() == 6
    assert "Très avancé" in page.inner_text(".legende")
    fills = _fills(page)
    assert len(fills) == 18
    assert fills == _expected_colours(page, server, "MCO", "peuples")
    table = server.api("/api/v1/peuplement", champ="MCO", precedent="true")
    cell = next(line for line in table["lignes"] if line["region"] == "53")["champs"]["MCO"]
    row = page.locator("#tableau tr[data-region='53']")
    assert row.locator("td.pct-peuples .valeur").inner_text() == cell["pct_peuples"]
    assert row.locator("td.pct-qualite .valeur").inner_text() == cell["pct_qualite"]
    # the previous quarter beside it: its figure behind the change shown
    assert cell["precedent"]["pct_peuples"] in row.locator(
        "td.pct-peuples .evolution").get_attribute("title")

    seen = {tuple(sorted(fills.items()))}
    for indicateur in ("peuples", "qualite"):
        page.check(f"input[name=indicateur][value={indicateur}]")
        for champ in ("PSY", "SSR", "ESMS PA", "ESMS PH", "MCO"):
            page.select_option("#champ-activite", champ)
            page.wait_for_function(
                f"(p => p.get('champ') === {champ!r} && p.get('indicateur') === {indicateur!r})"
                "(new URLSearchParams(location.search)) && document.body.dataset.etat === 'pret'")
            now = _fills(page)
            assert now == _expected_colours(page, server, champ, indicateur), (champ, indicateur)
            seen.add(tuple(sorted(now.items())))
    assert len(seen) > 1, "the generated offer gives some champ or indicator other classes"
    shoot(browser, server, "/peuplement?champ=ESMS%20PA&indicateur=peuples&region=53",
          "peuplement", "#detail-region .eg-ecart")


def test_clicking_a_region_lists_its_eg_not_finalise_with_the_failing_criterion(
        page, server: Server) -> None:  # noqa: ANN001
    page.goto(server.url + "/peuplement?champ=ESMS%20PA")
    page.wait_for_selector("body[data-etat=pret]")
    page.locator("path.region[data-region='53']").click(force=True)
    page.wait_for_selector("#detail-region .eg-ecart")
    assert "Bretagne" in page.inner_text("#detail-titre")
    first = page.locator("#detail-region .eg-ecart").first
    first.locator("summary").click()
    first.locator(".eg-detail .statut").wait_for()
    assert "critère" in first.inner_text() or "aucune unité" in first.inner_text()
    ecarts = server.api("/api/v1/peuplement/qualite", exigence="CP4", region="53",
                        max_ecarts=2000)["exigences"][0]["ecarts"]
    expected = sum(1 for e in ecarts if e["champ"] == "ESMS PA")
    shown = page.locator("#detail-region .eg-ecart")
    assert shown.count() == min(20, expected) > 0
    if expected > 20:  # the rest comes page by page
        page.get_by_role("button", name="Afficher les suivants").click()
        assert shown.count() == min(40, expected)


def test_dashboard_csv_is_what_is_shown(page, server: Server) -> None:  # noqa: ANN001
    page.goto(server.url + "/peuplement?champ=PSY&indicateur=qualite")
    page.wait_for_selector("body[data-etat=pret]")
    with page.expect_download() as download:
        page.click("#csv")
    lines = Path(download.value.path()).read_text(encoding="utf-8-sig").strip().split("\n")
    assert len(lines) == 1 + 18 + 1  # header, regions, TOTAL
    assert lines[0].startswith("region;libelle;champ;")
    bretagne = next(line for line in lines if line.startswith("53;")).split(";")
    row = page.locator("#tableau tr[data-region='53']")
    shown = [row.locator(f"td.{c}").inner_text() for c in ("cible", "finalise", "en-cours")] + [
        row.locator(f"td.pct-{i} .valeur").inner_text() for i in ("peuples", "qualite")]
    assert bretagne[2] == "PSY" and all(cell in bretagne for cell in shown)
