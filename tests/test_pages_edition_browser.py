"""The editing page in a real browser (Debian's Chromium through Playwright) against the real
`ror-orientation serve`: a pôle of three units from nothing to published and found by the search
page, with a tab closed mid-edit, the network lost and the server killed on the way; and two
people saving the same unit.

The walk-through writes the time each step took to artifacts/edition-walkthrough.json.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pypdf
import pytest

from tests.api_support import EG_RENNES, key, make_store
from tests.serveur import Serve, free_port

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
TIMEOUT_MS = 15_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)"),
]


@dataclass
class Serveur(Serve):
    cles: dict[str, str] = field(default_factory=dict)


@pytest.fixture()
def serveur(tmp_path: Path) -> Iterator[Serveur]:
    db = tmp_path / "ror.sqlite"
    store = make_store(db)
    cles = {"referent": key(store, ["editeur"], (EG_RENNES,), nom="Référents qualité CHU"),
            "collegue": key(store, ["editeur"], (EG_RENNES,), nom="Cadre de pôle"),
            "medecin": key(store, ["validateur"], (EG_RENNES,), nom="Président de CME"),
            "admin": key(store, ["admin"], nom="ARS Bretagne")}
    store.close()
    s = Serveur(db, free_port(), log=db.parent / "serve.log", cles=cles)
    s.start()
    yield s
    s.stop()


# `browser`: the session's one Chromium, in tests/conftest.py.


class Contexte:
    """A browser profile with one application key; fails the test on a page error or a request
    leaving the machine."""

    def __init__(self, browser, serveur: Serveur, cle: str, viewport=None) -> None:  # noqa: ANN001
        self.ctx = browser.new_context(viewport=viewport or {"width": 1400, "height": 900},
                                       locale="fr-FR", timezone_id="Europe/Paris",
                                       accept_downloads=True)
        self.ctx.set_default_timeout(TIMEOUT_MS)
        self.ctx.add_init_script(f"localStorage.setItem('ror.cle', {cle!r})")
        self.erreurs: list[str] = []
        self.dehors: list[str] = []
        def garder_local(route) -> None:  # noqa: ANN001
            if route.request.url.startswith((serveur.url, "data:", "blob:")):
                route.continue_()
            else:
                self.dehors.append(route.request.url)
                route.abort()

        self.ctx.route("**/*", garder_local)

    def page(self):  # noqa: ANN201
        pg = self.ctx.new_page()
        pg.on("pageerror", lambda e: self.erreurs.append(str(e)))
        return pg

    def fermer(self) -> None:
        self.ctx.close()
        assert not self.erreurs, self.erreurs
        assert not self.dehors, self.dehors


class Chrono:
    def __init__(self) -> None:
        self.etapes: list[dict[str, object]] = []

    @contextmanager
    def etape(self, nom: str) -> Iterator[None]:
        t0 = time.perf_counter()
        yield
        self.etapes.append({"etape": nom, "secondes": round(time.perf_counter() - t0, 2)})


def noeud(pg, nom: str):  # noqa: ANN001, ANN201
    return pg.locator("#arbre [role=treeitem]").filter(
        has=pg.locator(":scope > .noeud .noeud-nom", has_text=nom)).first


def ouvrir(pg, nom: str) -> str:  # noqa: ANN001
    item = noeud(pg, nom)
    item.locator(":scope > .noeud").click()
    pg.wait_for_selector(f"#t-fiche:has-text('{nom}')")
    pg.wait_for_selector("#formulaire:not([hidden]) #f-nom")
    return str(item.get_attribute("data-id"))


def creer(pg, kind: str, nom: str, sous: str | None = None) -> str:  # noqa: ANN001
    if sous:
        ouvrir(pg, sous)
    pg.click("#ajout-oi" if kind == "oi" else "#ajout-uo")
    pg.fill("#ajout-nom", nom)
    if kind == "oi":
        pg.select_option("#ajout-type", "1")
    pg.click("#form-ajout button[type=submit]")
    pg.wait_for_selector(f"#t-fiche:has-text('{nom}')")
    return str(noeud(pg, nom).get_attribute("data-id"))


def attendre(condition, secondes: float = TIMEOUT_MS / 1000) -> None:  # noqa: ANN001
    """Poll from Python: the pages' CSP forbids the string evaluation `wait_for_function` uses."""
    fin = time.monotonic() + secondes
    while not condition():
        if time.monotonic() > fin:
            raise TimeoutError("condition not met in time")
        time.sleep(0.05)


def attendre_enregistre(pg) -> None:  # noqa: ANN001
    pg.wait_for_selector("#indicateur[data-etat=enregistre]")


def remplir_unite(pg, mot: str, activite: str) -> None:  # noqa: ANN001
    """Activity by words through the picker (keyboard only), mode, ages, a contact; then save."""
    pg.locator("#f-activite").press_sequentially(mot, delay=25)
    pg.wait_for_selector(f"#f-activite-liste:not([hidden]) [role=option]:has-text('{activite}')")
    options = pg.locator("#f-activite-liste [role=option]")
    cible = [i for i in range(options.count()) if activite in options.nth(i).inner_text()][0]
    for _ in range(cible + 1):
        pg.keyboard.press("ArrowDown")
    pg.keyboard.press("Enter")
    pg.wait_for_selector(f"#f-activite-puces .puce:has-text('{activite}')")
    pg.select_option("#f-mode", "28")
    pg.fill("#f-age-min", "15")
    pg.fill("#f-age-max", "130")
    pg.click("#contacts + button")
    pg.fill(".c-fonction", "Cadre de santé")
    pg.fill(".c-valeur", "0299000001")
    pg.check("#f-permanent")
    attendre_enregistre(pg)
    version = pg.inner_text("#fiche-version")
    pg.keyboard.press("Control+s")
    attendre(lambda: not pg.inner_text("#fiche-version").startswith(version.split("·")[0]))
    pg.wait_for_selector("#aide-criteres li.ok >> nth=5")  # the six criteria met


def test_pole_of_three_units_from_nothing_to_published_through_tab_network_and_server_loss(
        browser, serveur: Serveur) -> None:  # noqa: ANN001
    chrono = Chrono()
    ref = Contexte(browser, serveur, serveur.cles["referent"])
    pg = ref.page()
    with chrono.etape("ouvrir la page d'édition"):
        pg.goto(serveur.url + "/edition")
        pg.wait_for_selector("#arbre [role=treeitem]")
    with chrono.etape("créer le pôle"):
        pole = creer(pg, "oi", "Pôle brûlés")
    unites = {}
    for nom in ("Réanimation des brûlés", "Soins intensifs des brûlés", "Consultation des brûlés"):
        with chrono.etape(f"créer l'unité « {nom} »"):
            unites[nom] = creer(pg, "uo", nom, sous="Pôle brûlés")
    for nom, (mot, activite) in zip(unites, (("brûl", "Réanimation spécialisée brûlés"),
                                              ("brûl", "Soins intensifs spécialisés brûlés"),
                                              ("brûl", "Brûlologie")), strict=True):
        with chrono.etape(f"remplir et enregistrer « {nom} »"):
            ouvrir(pg, nom)
            remplir_unite(pg, mot, activite)
    assert noeud(pg, "Réanimation des brûlés").get_attribute("aria-level") == "4"  # EJ > EG > pôle > UO

    with chrono.etape("onglet fermé en pleine saisie, repris dans un autre navigateur"):
        ouvrir(pg, "Consultation des brûlés")
        pg.fill("#f-commentaire", "Consultation post-greffe le mardi")
        attendre_enregistre(pg)
        pg.close()
        ailleurs = Contexte(browser, serveur, serveur.cles["referent"])  # no localStorage
        pg2 = ailleurs.page()
        pg2.goto(serveur.url + "/edition")
        pg2.wait_for_selector("#arbre [role=treeitem]")
        ouvrir(pg2, "Consultation des brûlés")
        assert pg2.input_value("#f-commentaire") == "Consultation post-greffe le mardi"
        assert "reprises" in pg2.inner_text("#fiche-reprise")
        ailleurs.fermer()

    pg = ref.page()
    with chrono.etape("hors ligne puis de retour"):
        pg.goto(serveur.url + "/edition")  # the last record opened comes back by itself
        pg.wait_for_selector("#t-fiche:has-text('Consultation des brûlés')")
        assert pg.input_value("#f-commentaire") == "Consultation post-greffe le mardi"
        # what was pending when the page opened is sent first: then the count is only the offline ones
        pg.wait_for_selector("#indicateur[data-etat=enregistre], #indicateur[data-etat=vide]")
        ref.ctx.set_offline(True)
        pg.fill("#f-age-max", "120")
        pg.fill("#f-synchro", "CONS-BRUL")
        pg.wait_for_selector("#indicateur[data-etat=hors-ligne]")
        pg.wait_for_selector("#indicateur:has-text('Hors ligne, 2 modifications en attente')")
        ref.ctx.set_offline(False)
        attendre_enregistre(pg)
        assert pg.inner_text("#indicateur").startswith("Brouillon enregistré à ")

    with chrono.etape("serveur tué (SIGKILL) et redémarré"):
        serveur.kill()
        serveur.start()
        pg.reload()
        pg.wait_for_selector("#t-fiche:has-text('Consultation des brûlés')")
        assert pg.input_value("#f-age-max") == "120"
        assert pg.input_value("#f-synchro") == "CONS-BRUL"
        pg.keyboard.press("Control+s")
        pg.wait_for_selector("#edition-etat:has-text('enregistrée')")

    with chrono.etape("soumettre le pôle et ses trois unités"):
        for nom in ("Pôle brûlés", *unites):
            ouvrir(pg, nom)
            pg.click("#soumettre")
            pg.wait_for_selector("#fiche-etat:has-text('À valider')")

    medecin = Contexte(browser, serveur, serveur.cles["medecin"])
    pgm = medecin.page()
    with chrono.etape("valider tout le pôle (président de CME)"):
        pgm.goto(serveur.url + "/edition")
        pgm.wait_for_selector("#arbre [role=treeitem]")
        ouvrir(pgm, "Pôle brûlés")
        assert pgm.is_disabled("#enregistrer") and pgm.is_disabled("#f-nom")  # a validator reads
        pgm.fill("#signataire", "Dr Anne Martin")
        pgm.click("#valider-pole")
        pgm.wait_for_selector("#edition-etat:has-text('4 fiches validées.')")
        ouvrir(pgm, "Consultation des brûlés")
        assert pgm.inner_text("#fiche-etat") == "Validé"
        assert "validée par Dr Anne Martin (Président de CME)" in pgm.inner_text("#fiche-version")
    with chrono.etape("fiche de validation PDF"):
        ouvrir(pgm, "Réanimation des brûlés")
        with pgm.expect_download() as dl:
            pgm.click("#pdf")
        texte = "\n".join(p.extract_text() for p in pypdf.PdfReader(
            io.BytesIO(Path(dl.value.path()).read_bytes())).pages)
        assert f"Réf. UO {unites['Réanimation des brûlés']} · version 2" in texte
        assert "Réanimation spécialisée brûlés" in texte and "Signature" in texte
    medecin.fermer()

    with chrono.etape("publier tout le pôle"):
        pg.reload()
        pg.wait_for_selector("#arbre [role=treeitem]")
        ouvrir(pg, "Pôle brûlés")
        pg.click("#publier")
        pg.wait_for_selector("#edition-etat:has-text('4 fiches publiées.')")
        pg.wait_for_selector("#fiche-etat:has-text('Publié')")

    with chrono.etape("trouver l'unité dans la recherche"):
        pg.goto(serveur.url + "/?texte=" + "Réanimation spécialisée brûlés")
        pg.wait_for_selector("#resultats[data-etat=pret]")
        found = pg.locator("#liste-resultats > li.resultat").evaluate_all(
            "els => els.map(e => e.dataset.uo)")
        assert unites["Réanimation des brûlés"] in found
    ref.fermer()

    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "edition-walkthrough.json").write_text(json.dumps(
        {"pole": pole, "unites": unites, "etapes": chrono.etapes}, ensure_ascii=False, indent=1))
    print(json.dumps({"etapes": chrono.etapes}, ensure_ascii=False))


def test_two_people_saving_the_same_unit_see_the_difference_and_choose(browser, serveur) -> None:  # noqa: ANN001
    a = Contexte(browser, serveur, serveur.cles["referent"])
    b = Contexte(browser, serveur, serveur.cles["collegue"], viewport={"width": 375, "height": 812})
    pa, pb = a.page(), b.page()
    for pg in (pa, pb):
        pg.goto(serveur.url + "/edition")
        pg.wait_for_selector("#arbre [role=treeitem]")
        ouvrir(pg, "Unité neuro-vasculaire")
    assert pb.evaluate("document.documentElement.scrollWidth") <= 376  # no sideways scroll on a phone
    pa.fill("#f-age-min", "16")
    pa.fill("#c-fonction-1", "Médecin d'astreinte")
    pa.keyboard.press("Control+s")
    pa.wait_for_selector("#edition-etat:has-text('Version 1 enregistrée')")
    pb.fill("#f-commentaire", "Thrombolyse 24 h/24")
    pb.fill("#c-fonction-0", "Accueil des urgences")
    pb.click("#enregistrer")
    pb.wait_for_selector("#conflit:not([hidden])")
    lignes = pb.locator("#conflit-lignes tr")
    champs = lignes.evaluate_all("rows => rows.map(r => r.dataset.champ)")
    # one row per nested element, not one per list
    assert set(champs) == {"age_min", "commentaire", "contacts[0].fonction", "contacts[1].fonction"}
    pb.check("#conflit-lignes tr[data-champ=age_min] input[value=actuelle]")
    pb.check("#conflit-lignes tr[data-champ='contacts[1].fonction'] input[value=actuelle]")
    pb.click("#conflit-enregistrer")
    pb.wait_for_selector("#edition-etat:has-text('Version 2 enregistrée')")
    fiche = httpx.get(serveur.url + "/api/v1/edition/uo/uo-unv", headers={
        "Authorization": f"Bearer {serveur.cles['referent']}"}).json()
    assert fiche["data"]["age_min"] == 16 and fiche["data"]["commentaire"] == "Thrombolyse 24 h/24"
    assert [c["fonction"] for c in fiche["data"]["contacts"]] == ["Accueil des urgences",
                                                                  "Médecin d'astreinte"]
    a.fermer()
    b.fermer()


def test_live_help_flags_capitals_and_proposes_peer_aptitudes(browser, serveur) -> None:  # noqa: ANN001
    c = Contexte(browser, serveur, serveur.cles["referent"])
    pg = c.page()
    pg.goto(serveur.url + "/edition")
    pg.wait_for_selector("#arbre [role=treeitem]")
    creer(pg, "uo", "URGENCES ADULTES")
    pg.wait_for_selector("#aide-charte li[data-code=majuscules]")
    pg.click("#aide-charte button")
    assert pg.input_value("#f-nom") == "Urgences adultes"
    pg.locator("#f-activite").press_sequentially("urgences poly", delay=25)
    pg.wait_for_selector("#f-activite-liste:not([hidden]) [role=option]")
    pg.keyboard.press("ArrowDown")
    pg.keyboard.press("Enter")
    pg.select_option("#f-mode", "28")
    pg.wait_for_selector("#aide-aptitudes:not([hidden]) input[value='R210:0460']")
    pg.check("#aide-aptitudes-liste input[value='R210:0460']")
    pg.click("#aide-aptitudes-ajouter")
    pg.wait_for_selector("#f-aptitudes-puces .puce[data-code='R210:0460']")
    c.fermer()


def test_site_phone_and_unit_equipment_with_a_weight_limit_are_edited_in_the_page(
        browser, serveur) -> None:  # noqa: ANN001
    c = Contexte(browser, serveur, serveur.cles["referent"])
    pg = c.page()
    pg.goto(serveur.url + "/edition")
    pg.wait_for_selector("#arbre [role=treeitem]")
    pg.locator("#arbre [role=treeitem][data-kind=eg] > .noeud").click()
    pg.wait_for_selector("#t-fiche:has-text('Établissement')")
    pg.fill("#f-telephone", "0299284000")
    pg.keyboard.press("Control+s")
    pg.wait_for_selector("#edition-etat:has-text('Version 1 enregistrée')")
    ouvrir(pg, "Unité neuro-vasculaire")
    pg.click("[data-champ=equipements] > button")
    ligne = pg.locator("#equipements tr").last
    ligne.locator(".e-car").select_option("001")  # poids maximum
    ligne.locator(".e-valeur").fill("250")
    pg.keyboard.press("Control+s")
    pg.wait_for_selector("#edition-etat:has-text('Version 1 enregistrée')")
    api = {"Authorization": f"Bearer {serveur.cles['referent']}"}
    eg = httpx.get(serveur.url + f"/api/v1/edition/eg/{EG_RENNES}", headers=api).json()
    assert eg["data"]["telephone"] == "0299284000" and eg["etat"] == "brouillon"
    uo = httpx.get(serveur.url + "/api/v1/edition/uo/uo-unv", headers=api).json()
    [eq] = uo["data"]["equipements"]
    assert eq["caracteristique"] == "001" and eq["valeur"] == 250
    c.fermer()


def test_an_administrator_creates_and_edits_a_legal_entity_and_its_site_in_the_page(
        browser, serveur) -> None:  # noqa: ANN001
    c = Contexte(browser, serveur, serveur.cles["admin"])
    pg = c.page()
    pg.goto(serveur.url + "/edition")
    pg.wait_for_selector("#admin-bloc:not([hidden])")
    pg.wait_for_selector("#edition-etat:has-text('Créez une entité juridique')")
    pg.click("#ajout-ej")
    pg.fill("#structure-id", "350099990")
    pg.fill("#structure-nom", "Association Santé Ille")
    pg.click("#form-structure button[type=submit]")
    pg.wait_for_selector("#t-fiche:has-text('Entité juridique — Association Santé Ille')")
    pg.fill("#f-localite", "Rennes")
    pg.keyboard.press("Control+s")
    pg.wait_for_selector("#edition-etat:has-text('Version 2 enregistrée')")
    pg.wait_for_load_state("networkidle")  # what the save reloads after it does not replace its message
    assert "Version 2 enregistrée" in pg.inner_text("#edition-etat")
    pg.click("#ajout-eg")
    assert pg.input_value("#structure-ej") == "350099990"  # under the entity just opened
    pg.fill("#structure-id", "350099991")
    pg.fill("#structure-nom", "Clinique du Parc")
    pg.click("#form-structure button[type=submit]")
    pg.wait_for_selector("#t-fiche:has-text('Établissement — Clinique du Parc')")
    pg.wait_for_selector("#arbre [data-kind=ej] .noeud-nom:has-text('Association Santé Ille')")
    pg.fill("#f-telephone", "0299000099")
    pg.keyboard.press("Control+s")
    pg.wait_for_selector("#edition-etat:has-text('Version 2 enregistrée')")
    creer(pg, "oi", "Pôle médecine")
    # the entity is opened again from the tree, and the site stays in this browser's list
    pg.locator("#arbre [role=treeitem][data-kind=ej] > .noeud").click()
    pg.wait_for_selector("#t-fiche:has-text('Entité juridique')")
    pg.reload()
    pg.wait_for_selector("#arbre [data-kind=eg] .noeud-nom:has-text('Clinique du Parc')")
    api = {"Authorization": f"Bearer {serveur.cles['admin']}"}
    eg = httpx.get(serveur.url + "/api/v1/edition/eg/350099991", headers=api).json()
    assert eg["data"]["ej_id"] == "350099990" and eg["data"]["telephone"] == "0299000099"
    ej = httpx.get(serveur.url + "/api/v1/edition/ej/350099990", headers=api).json()
    assert ej["data"]["adresse"]["localite"] == "Rennes" and ej["etat"] == "brouillon"
    c.fermer()


def test_persons_sharing_a_key_each_name_themselves_and_keep_their_own_drafts(
        browser, serveur) -> None:  # noqa: ANN001
    api = {"Authorization": f"Bearer {serveur.cles['collegue']}"}
    for email, nom in (("anne@chu.fr", "Anne Martin"), ("paul@chu.fr", "Paul Leroy")):
        assert httpx.put(serveur.url + f"/api/v1/edition/personnes/{email}", json={"nom": nom},
                         headers=api).status_code == 200
    textes = {}
    for email, texte in (("anne@chu.fr", "Note d'Anne"), ("paul@chu.fr", "Note de Paul")):
        c = Contexte(browser, serveur, serveur.cles["collegue"])
        pg = c.page()
        pg.goto(serveur.url + "/edition")
        pg.wait_for_selector("#personne-bloc:not([hidden])")
        pg.wait_for_selector("#edition-etat:has-text('dites qui vous êtes')")
        pg.select_option("#personne", email)
        pg.wait_for_selector("#arbre [role=treeitem]")
        ouvrir(pg, "Unité neuro-vasculaire")
        pg.fill("#f-commentaire", texte)
        attendre_enregistre(pg)
        textes[email] = texte
        c.fermer()
    for email, texte in textes.items():
        r = httpx.get(serveur.url + "/api/v1/edition/uo/uo-unv",
                      headers=api | {"X-ROR-Utilisateur": email}).json()
        assert r["brouillon"]["data"]["commentaire"] == texte


def test_a_page_closed_offline_reopens_offline_with_its_queue_and_sends_it_when_back(
        browser, serveur) -> None:  # noqa: ANN001
    r = httpx.get(serveur.url + "/edition-sw.js")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    assert r.headers["service-worker-allowed"] == "/edition" and r.headers["cache-control"] == "no-cache"
    c = Contexte(browser, serveur, serveur.cles["referent"])
    pg = c.page()
    pg.goto(serveur.url + "/edition")
    pg.wait_for_selector("#arbre [role=treeitem]")
    attendre(lambda: pg.evaluate("navigator.serviceWorker.controller !== null"))
    pg.reload()  # every read of this visit now goes through the worker, which keeps a copy
    pg.wait_for_selector("#arbre [role=treeitem]")
    ouvrir(pg, "Unité neuro-vasculaire")
    c.ctx.set_offline(True)
    pg.fill("#f-commentaire", "Saisi dans le train")
    pg.fill("#f-age-min", "16")
    pg.wait_for_selector("#indicateur:has-text('Hors ligne, 2 modifications en attente')")
    pg.close()  # closed while offline
    pg = c.page()
    pg.goto(serveur.url + "/edition")  # still offline: the worker answers
    pg.wait_for_selector("#t-fiche:has-text('Unité neuro-vasculaire')")
    assert pg.input_value("#f-commentaire") == "Saisi dans le train"
    assert pg.input_value("#f-age-min") == "16"
    pg.wait_for_selector("#indicateur:has-text('Hors ligne, 2 modifications en attente')")
    c.ctx.set_offline(False)
    attendre_enregistre(pg)
    fiche = httpx.get(serveur.url + "/api/v1/edition/uo/uo-unv", headers={
        "Authorization": f"Bearer {serveur.cles['referent']}"}).json()
    assert fiche["brouillon"]["data"]["commentaire"] == "Saisi dans le train"
    assert fiche["brouillon"]["data"]["age_min"] == 16
    c.fermer()


def test_a_change_typed_while_a_draft_is_being_sent_is_sent_when_that_send_returns(
        browser, serveur) -> None:  # noqa: ANN001
    # the queue's 5 s retry would hide a lost wake-up (what a step waited on under heavy load):
    # without it, only the send itself can follow on
    c = Contexte(browser, serveur, serveur.cles["referent"])
    c.ctx.add_init_script("const si = window.setInterval; "
                          "window.setInterval = (f, ms, ...a) => ms === 5000 ? 0 : si(f, ms, ...a);")
    retenus: list = []

    def retenir(route) -> None:  # noqa: ANN001
        if route.request.method == "PUT" and not retenus:
            retenus.append(route)  # the first draft sent stays in flight until released below
        else:
            route.fallback()

    c.ctx.route("**/brouillon", retenir)
    pg = c.page()
    pg.goto(serveur.url + "/edition")
    pg.wait_for_selector("#arbre [role=treeitem]")
    ouvrir(pg, "Unité neuro-vasculaire")
    pg.fill("#f-commentaire", "Thrombolyse")
    # its send has left (a Playwright call lets the route handler run)
    attendre(lambda: pg.evaluate("true") and bool(retenus))
    pg.fill("#f-commentaire", "Thrombolyse 24 h/24")  # typed during that send
    pg.wait_for_timeout(1500)  # past the queue's pause (600 ms): its send found the first in flight
    retenus[0].fallback()
    attendre_enregistre(pg)
    fiche = httpx.get(serveur.url + "/api/v1/edition/uo/uo-unv", headers={
        "Authorization": f"Bearer {serveur.cles['referent']}"}).json()
    assert fiche["brouillon"]["data"]["commentaire"] == "Thrombolyse 24 h/24"
    c.fermer()
