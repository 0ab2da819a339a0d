"""The web pages (search, unit sheet, population dashboard), their static assets and the PDF sheet.

The pages are thin clients of the JSON API: the server only fills a small configuration block into
each HTML shell and serves files from `web/static` and the shipped GeoJSON outlines; nothing here
loads from another site, so the pages work offline.
"""

from __future__ import annotations

import mimetypes
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import quote

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from ...errors import NotFoundError
from ...settings import Settings
from . import Lecteur, service

router = APIRouter(include_in_schema=False)

WEB_DIR = Path(__file__).resolve().parent.parent
STATIC_DIR = WEB_DIR / "static"
TEMPLATES_DIR = WEB_DIR / "templates"
GEO_FILES = {
    "regions": "regions-avec-outre-mer-simplifie-10pct.geojson",
    "departements": "departements-avec-outre-mer-simplifie-10pct.geojson",
    "villes": "villes-principales.geojson",
}
STATIC_CACHE = "public, max-age=3600"
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("application/geo+json", ".geojson")


def _settings(request: Request) -> Settings:
    return request.app.state.settings


@lru_cache(maxsize=8)
def _template(name: str) -> Template:
    return Template((TEMPLATES_DIR / name).read_text(encoding="utf-8"))


def page_config(settings: Settings) -> dict[str, Any]:
    """What the page scripts need from the server's settings (never a secret)."""
    return {
        "api": "/api/v1",
        "tile_url": settings.tile_url,
        "stale_after_minutes": settings.stale_after_minutes,
        "installed_stale_after_minutes": settings.installed_stale_after_days * 24 * 60,
        "max_limit": settings.max_limit,
    }


def render(name: str, settings: Settings, **values: str) -> HTMLResponse:
    """An HTML shell with its configuration block; `<` is escaped so the JSON cannot end the script."""
    config = orjson.dumps(page_config(settings)).decode().replace("<", "\\u003c")
    html = _template(name).substitute(config=config, entete=_template("_entete.html").template,
                                      **values)
    return HTMLResponse(html, headers={"Cache-Control": "no-cache"})


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


@router.get("/", response_class=HTMLResponse)
async def page_recherche(request: Request) -> HTMLResponse:
    return render("recherche.html", _settings(request))


@router.get("/uo/{uo_id:ror}/fiche.pdf")
def fiche_pdf_route(request: Request, uo_id: str, appelant: Lecteur) -> Response:
    """The unit sheet as PDF, with the contacts this caller may see (same rules as the JSON sheet)."""
    from ..fiche_pdf import fiche_pdf
    from .unites import fiche_unite

    svc = service(request)
    now = datetime.now(UTC)
    fiche = fiche_unite(svc, appelant, svc.unite_visible(appelant, uo_id), now)
    body = fiche_pdf(fiche.model_dump(mode="json"), genere_le=now,
                     stale_after_minutes=svc.settings.stale_after_minutes,
                     installed_stale_after_minutes=svc.settings.installed_stale_after_days * 1440)
    filename = f"fiche-{quote(uo_id, safe='')}.pdf"
    return Response(body, media_type="application/pdf", headers={
        "Content-Disposition": f"inline; filename=\"{filename}\"",
        "Cache-Control": "private, no-store",
    })


@router.get("/uo/{uo_id:ror}", response_class=HTMLResponse)
async def page_uo(request: Request, uo_id: str) -> HTMLResponse:
    return render("uo.html", _settings(request), uo_id=_escape(uo_id),
                  uo_id_url=_escape(quote(uo_id, safe="")))


@router.get("/peuplement", response_class=HTMLResponse)
async def page_peuplement(request: Request) -> HTMLResponse:
    return render("peuplement.html", _settings(request))


@router.get("/edition", response_class=HTMLResponse)
async def page_edition(request: Request) -> HTMLResponse:
    """Establishments populate their offer: tree, form, drafts, circuit (web/static/js/edition.js)."""
    return render("edition.html", _settings(request))


@router.get("/static/geo/{name}.geojson")
async def geojson(request: Request, name: str) -> FileResponse:
    """The shipped region / département outlines (fixtures/geo), for the offline maps."""
    filename = GEO_FILES.get(name)
    if filename is None:
        raise NotFoundError(f"no outline named {name!r} (known: {', '.join(GEO_FILES)})", field="name")
    path = Path(_settings(request).fixtures_dir) / "geo" / filename
    if not path.is_file():
        raise NotFoundError(f"outline file missing: geo/{filename}", field="name")
    return FileResponse(path, media_type="application/geo+json",
                        headers={"Cache-Control": STATIC_CACHE})


@router.get("/static/geo/communes/{departement}.geojson")
async def contours_communes(request: Request, departement: str) -> FileResponse:
    """One département's commune outlines (fixtures/geo/communes, stored gzipped): the map asks for
    the départements it shows, at the zooms where a commune's outline helps."""
    if not departement.isalnum() or len(departement) > 3:
        raise NotFoundError(f"no département {departement!r}", field="departement")
    path = Path(_settings(request).fixtures_dir) / "geo" / "communes" / f"{departement}.geojson.gz"
    if not path.is_file():
        raise NotFoundError(f"no commune outlines for département {departement!r}",
                            field="departement")
    return FileResponse(path, media_type="application/geo+json",
                        headers={"Cache-Control": STATIC_CACHE, "Content-Encoding": "gzip"})


@router.get("/static/{path:path}")
async def static_file(path: str) -> FileResponse:
    """A file under web/static; anything resolving outside it is simply not found."""
    target = (STATIC_DIR / path).resolve()
    if not target.is_relative_to(STATIC_DIR) or not target.is_file():
        raise NotFoundError(f"no static file {path!r}", field="path")
    media_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    return FileResponse(target, media_type=media_type, headers={"Cache-Control": STATIC_CACHE})
