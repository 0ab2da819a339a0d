"""axe-core (shipped inside axe-playwright-python, no network) run on a page state: the page tests
assert there is no serious or critical violation, and name what axe found when there is."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.base import AXE_SCRIPT  # type: ignore[import-untyped]

GRAVES = ("serious", "critical")


def violations_graves(page: Any) -> list[str]:
    """Serious and critical axe violations of the page as it is now, one readable line each."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    result = page.evaluate("async () => await window.axe.run(document, {resultTypes: ['violations']})")
    lines = []
    for v in result["violations"]:
        if v.get("impact") in GRAVES:
            cibles = ", ".join(str(n["target"]) for n in v["nodes"][:5])
            lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {cibles}")
    return lines


def assert_accessible(page: Any, etat: str) -> None:
    """Fails naming the page state and each serious/critical violation."""
    graves = violations_graves(page)
    assert not graves, f"axe, {etat}:\n" + "\n".join(graves)
