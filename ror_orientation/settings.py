"""One typed settings object (ROR_ prefix), built by the entry points, never at import."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent


def _default_db() -> Path:
    return PACKAGE_DIR.parent / "var" / "ror.sqlite"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ROR_", extra="ignore")

    db: Path = Field(default_factory=_default_db,
                     description="The store: a SQLite file path or a SQLAlchemy URL.")
    fixtures_dir: Path = Field(
        PACKAGE_DIR / "fixtures",
        description="Reference data (nomenclatures, communes, establishments, geo) the library reads; "
                    "by default the copy shipped inside the package.")
    host: str = Field("127.0.0.1", description="Address the server listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port the server listens on.")
    workers: int = Field(1, ge=1, le=64, description="uvicorn worker processes.")
    seed: int = Field(20261126, description="Seed of the generated demo offer.")
    stale_after_minutes: float = Field(
        240.0, gt=0,
        description="A bed figure older than this is flagged stale on sheets and PDFs and counts less "
                    "in SAMU and mobile searches (the aval profile keeps its own 2-day horizon).")
    installed_stale_after_days: float = Field(
        180.0, gt=0,
        description="Installed capacity changes rarely: it is flagged stale only after this many "
                    "days (free-bed figures use stale_after_minutes).")
    samu_rayons_km: tuple[float, ...] = Field(
        (50.0, 100.0, 200.0), min_length=1,
        description="SAMU searches from a place: the first radius is the default, the fallback "
                    "widens along the others and never beyond the last (no results across the "
                    "sea) unless the caller asks for a national search.")
    max_limit: int = Field(200, ge=1, le=10000, description="Largest page a caller may ask for.")
    max_body_bytes: int = Field(1_000_000, ge=1024, description="Largest request body accepted.")
    rate_limit_per_minute: int = Field(
        1200, ge=1, description="Requests per minute per application before 429.")
    public_read_without_key: bool = Field(
        True, description="Serve public-read answers to callers without a key (the pages).")
    tile_url: str | None = Field(
        None, description="Optional map tile URL template; None draws outlines only (offline).")
    search_budget_ms: float = Field(200.0, gt=0, description="Time budget of one search.")

    @field_validator("samu_rayons_km")
    @classmethod
    def _ladder(cls, v: tuple[float, ...]) -> tuple[float, ...]:
        if any(r <= 0 for r in v) or list(v) != sorted(set(v)):
            raise ValueError("samu_rayons_km must be positive and strictly increasing")
        return v

    @field_validator("tile_url")
    @classmethod
    def _tile(cls, v: str | None) -> str | None:
        if v is not None and "{z}" not in v:
            raise ValueError("tile_url must contain {z}, {x} and {y}")
        return v
