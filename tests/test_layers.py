"""The layers of pyproject.toml's import-linter contract, checked again over every import statement
(function-level ones included) with the standard `ast` module, and no import cycle between the
package's top-level modules — so the contract holds even where `lint-imports` is not run."""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ror_orientation"
ADAPTERS = {"web", "cli", "api", "__main__"}


def _module_of(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


def _imports(path: Path, module: tuple[str, bool] | None = None) -> Iterator[tuple[str, int]]:
    """(imported module, line) for every import in the file, wherever it stands; `module` is the
    file's (dotted name, is a package), by default from its place in the checkout."""
    name, is_package = module or _module_of(path)
    for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(n, ast.Import):
            for alias in n.names:
                yield alias.name, n.lineno
        elif isinstance(n, ast.ImportFrom):
            if n.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (n.level - 1)]
                target = ".".join(base + ([n.module] if n.module else []))
            else:
                target = n.module or ""
            if n.module:
                yield target, n.lineno
            else:  # `from . import x`: x is a module (or a name of the package itself)
                for alias in n.names:
                    yield f"{target}.{alias.name}", n.lineno


def _top(module: str) -> str | None:
    """The top-level unit of the package a module belongs to ('engine', 'store'...)."""
    parts = module.split(".")
    if parts[0] != "ror_orientation" or len(parts) < 2:
        return None
    return parts[1] if (PACKAGE / parts[1]).is_dir() or (PACKAGE / f"{parts[1]}.py").exists() \
        else None


def edges() -> dict[tuple[str, str], str]:
    """(importer unit, imported unit) → where the first such import is (file:line)."""
    out: dict[tuple[str, str], str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        src = _top(_module_of(path)[0])
        if src is None:
            continue
        for target, line in _imports(path):
            dst = _top(target)
            if dst is not None and dst != src:
                out.setdefault((src, dst), f"{path.relative_to(ROOT)}:{line}")
    return out


def contract_layers() -> list[tuple[set[str], bool]]:
    """The layers contract of pyproject.toml: (units, independent siblings) from top to bottom."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    out = []
    for layer in contract["layers"]:
        independent = ":" not in layer
        units = {u.strip() for u in layer.replace(":", "|").split("|")}
        out.append((units, independent))
    return out


def test_every_import_follows_the_layers_contract():
    layers = contract_layers()
    level = {u: i for i, (units, _) in enumerate(layers) for u in units}
    independent = {u: ind for units, ind in layers for u in units}
    bad = []
    for (src, dst), where in edges().items():
        if src not in level or dst not in level:
            continue
        if level[dst] < level[src] or (level[dst] == level[src] and independent[src]):
            bad.append(f"{where}: {src} imports {dst}")
    assert not bad, "\n".join(bad)


def test_every_library_module_is_placed_in_a_layer():
    placed = {u for units, _ in contract_layers() for u in units}
    units = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
             if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()}
    assert units - placed == set(), "add the new module to a layer of pyproject.toml"


def test_the_library_never_imports_web_or_cli():
    bad = [f"{where}: {src} imports {dst}" for (src, dst), where in edges().items()
           if src not in ADAPTERS and dst in ADAPTERS]
    assert not bad, "\n".join(bad)


def test_no_import_cycle_between_top_level_modules():
    graph: dict[str, set[str]] = {}
    for src, dst in edges():
        graph.setdefault(src, set()).add(dst)
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(u: str) -> list[str] | None:
        state[u] = 1
        path.append(u)
        for v in sorted(graph.get(u, ())):
            if state.get(v) == 1:
                return path[path.index(v):] + [v]
            if v not in state and (cycle := visit(v)):
                return cycle
        path.pop()
        state[u] = 2
        return None

    for u in sorted(graph):
        if u not in state and (cycle := visit(u)):
            raise AssertionError("import cycle: " + " → ".join(cycle))


def test_the_walk_sees_relative_imports_inside_functions(tmp_path):
    source = tmp_path / "x.py"
    source.write_text("import os\n\ndef f():\n    from ..web import app\n    return app\n")
    found = list(_imports(source, ("ror_orientation.engine.x", False)))
    assert found == [("os", 1), ("ror_orientation.web", 4)]
    assert _top(found[1][0]) == "web"


def test_the_package_imports_no_test_only_dependency():
    """pytest, httpx & co. are in the `test` extra only: the installed package must not need them."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    test_only = {"pytest", "hypothesis", "playwright", "pypdf", "httpx", "httpx2", "ruff", "mypy",
                 "importlinter"}
    runtime = {re.split(r"[<>=\[ ;]", d, maxsplit=1)[0].strip().lower().replace("-", "")
               for d in config["project"]["dependencies"]}
    assert runtime & test_only == set()
    bad = [f"{path.relative_to(ROOT)}:{line}: {target}"
           for path in sorted(PACKAGE.rglob("*.py"))
           for target, line in _imports(path) if target.split(".")[0] in test_only]
    assert not bad, "\n".join(bad)
