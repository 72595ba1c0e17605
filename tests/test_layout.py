"""The package's shape: one-way layers, no import circles, small modules, simple functions."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "newskit"

# lower rank = lower layer; a module may import only modules of its own rank or below
LAYERS = [
    ("newskit", 0), ("newskit.cache", 0), ("newskit.output", 0),
    ("newskit.corpus", 1),
    ("newskit.lang", 2),
    ("newskit.nlp", 3),
    ("newskit.components", 4),
    ("newskit.pipeline", 5),
    ("newskit.tables", 6),
    ("newskit.analysis", 7), ("newskit.plots", 7),
    ("newskit.eval", 8), ("newskit.cli", 8), ("newskit.__main__", 8),
]
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _rank(module: str) -> int:
    best = max((p for p, _ in LAYERS if module == p or module.startswith(p + ".")), key=len)
    return dict(LAYERS)[best]


def _imports(path: Path) -> set[str]:
    """Every newskit module imported anywhere in the file (module level or in functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return {m for m in found if m.split(".")[0] == "newskit"}


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PKG.rglob("*.py")}
    graph = {m: {i for i in _imports(p) if i in modules and i != m} for m, p in modules.items()}
    graph["newskit"] = set()  # the root is a lazy facade (PEP 562): it imports nothing at load
    return graph


def test_imports_only_point_down(graph):
    up = [f"{m} -> {i}" for m, deps in graph.items() for i in deps if _rank(i) > _rank(m)]
    assert not up, "imports going up a layer:\n" + "\n".join(sorted(up))


def test_no_import_circles(graph):
    # package __init__ files re-export their own submodules; that edge is not a circle
    edges = {m: {i for i in deps if not m.startswith(i + ".")} for m, deps in graph.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(m, stack):
        state[m] = 1
        for i in sorted(edges.get(m, ())):
            if state.get(i) == 1:
                cycles.append(" -> ".join(stack[stack.index(i):] + [i]))
            elif i not in state:
                visit(i, stack + [i])
        state[m] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m, [m])
    assert not cycles, "import circles:\n" + "\n".join(cycles)


def test_modules_are_small():
    big = {str(p.relative_to(PKG)): n for p in PKG.rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not big, f"modules over {MAX_LINES} lines: {big}"


def test_functions_are_simple():
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed")
    out = subprocess.run([ruff, "check", "--select", "C901", "--output-format", "concise",
                          str(PKG)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout


def test_import_is_light():
    """``import newskit`` loads neither spaCy nor pandas (the public names are lazy)."""
    code = ("import sys, newskit; heavy = [m for m in ('spacy', 'pandas', 'HanTa') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=PKG.parent)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
