"""pyproject.toml is the single source of dependencies; environment.yml must match it."""

import re
import tomllib

import pytest

from tests.conftest import ROOT, SEED, SHARED

CONDA_NAMES = {"matplotlib": "matplotlib-base"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject_requirements() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    reqs = list(data["project"]["dependencies"])
    for group in data["project"]["optional-dependencies"].values():
        reqs += group
    out = {}
    for r in reqs:
        m = re.match(r"^([A-Za-z0-9_.\-]+)(\[[^\]]+\])?\s*(.*)$", r)
        name, extras, spec = m.group(1), m.group(2), m.group(3).replace(" ", "")
        out[_norm(name)] = spec
        if extras and "distributed" in extras:
            out["distributed"] = spec
    return out


def _environment_requirements() -> dict[str, str]:
    out = {}
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("dependencies:", 1)[1].splitlines():
        m = re.match(r"^\s*-\s+([A-Za-z][A-Za-z0-9_.\-]*)\s*([<>=!~].*)?$", line)
        if not m or m.group(1) in ("python", "pip", "e"):
            continue
        out[_norm(m.group(1))] = (m.group(2) or "").replace(" ", "")
    return out


def test_environment_yml_matches_pyproject():
    py = _pyproject_requirements()
    env = _environment_requirements()
    expected = {_norm(CONDA_NAMES.get(k, k)): v for k, v in py.items()}
    assert env == expected


def test_seed_is_byte_identical_copy():
    shared_seed = SHARED / "seeds" / SEED.name
    if not shared_seed.exists():
        pytest.skip("../shared is not available")
    assert SEED.read_bytes() == shared_seed.read_bytes()


def test_no_shared_data_copied_into_repo():
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip("../shared is not available")
    sizes = {}
    for f in data.rglob("*"):
        if f.is_file() and f.stat().st_size > 20000:
            sizes.setdefault(f.stat().st_size, []).append(f)
    for f in ROOT.rglob("*"):
        if ".venv" in f.parts or ".git" in f.parts or not f.is_file():
            continue
        for g in sizes.get(f.stat().st_size, []):
            assert f.read_bytes() != g.read_bytes(), f"{f} is a copy of {g}"
