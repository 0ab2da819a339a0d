"""The HTTP API's entry point, kept at the design card's path: the app lives in `web.app`."""

from __future__ import annotations

from .web.app import app_from_env, create_app, ensure_data, run

__all__ = ["app_from_env", "create_app", "ensure_data", "run"]
