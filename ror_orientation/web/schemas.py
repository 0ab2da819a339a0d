"""Former home of the wire models, now `web/wire/` (one module per resource); re-exported here only
so that code written against the old path keeps importing. New code imports `..wire`."""

from __future__ import annotations

from .wire import *  # noqa: F403
from .wire import __all__  # noqa: F401
