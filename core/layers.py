"""The import rule of the project, as data and a checker (tests/test_layers.py runs it).

Imports flow one way: the wiring (`foreign_affairs`) imports apps; an app imports `core` and the
apps below it (accounts < notifications < plans < delegations < reports, dashboard; the last two
are siblings and do not import each other); `core` imports no app; `demo` may import every app, and
nothing but the tests imports `demo`. Nothing imports the wiring.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

# Rank of each package: an app may import packages of a lower rank only.
RANKS = {
    "core": 0,
    "accounts": 1,
    "notifications": 2,
    "plans": 3,
    "delegations": 4,
    "reports": 5,
    "dashboard": 5,
    "demo": 6,
}
WIRING = "foreign_affairs"
PACKAGES = [WIRING, *RANKS]


def imported_packages(path: Path, package: str) -> Iterator[tuple[int, str]]:
    """(line, top-level package) of every import in the file that names one of the project's packages."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [package] if node.level else [node.module or ""]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in PACKAGES:
                yield node.lineno, top


def allowed(importer: str, imported: str) -> bool:
    if importer == imported:
        return True
    if importer == WIRING:
        return imported != "demo"
    if imported == WIRING:
        return False
    return RANKS[imported] < RANKS[importer]


def violations(root: Path) -> list[str]:
    """Every import under root that runs against the rule, as "path:line: a imports b"."""
    found = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            for line, imported in imported_packages(path, package):
                if not allowed(package, imported):
                    found.append(f"{path.relative_to(root)}:{line}: {package} imports {imported}")
    return found
