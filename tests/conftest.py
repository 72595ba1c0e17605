from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "000_333a917a58fcf089.txt"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, or skip the test when it is absent."""
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip("../shared/data is not available")
    return data


@pytest.fixture(scope="session")
def nlp():
    import newskit

    return newskit.load_pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    import newskit

    return newskit.load_corpus(SEED).loc[0, "text"]


@pytest.fixture(scope="session")
def seed_doc(nlp, seed_text):
    return nlp(seed_text)


_CACHE_ENV = ("NEWSKIT_CACHE_DIR", "NEWSKIT_NO_CACHE")


def run_cli(*args: str):
    """Run newskit's command line in this process (no interpreter start, no model reload).

    Returns a ``subprocess.CompletedProcess`` with the exit code and what was printed; the
    cache settings a CLI call makes (``--no-cache``, ``--cache-dir``) are undone afterwards.
    """
    import io
    import os
    import subprocess
    from contextlib import redirect_stderr, redirect_stdout

    from newskit.cli import main

    saved = {k: os.environ.get(k) for k in _CACHE_ENV}
    out, err = io.StringIO(), io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: --help, usage errors
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())
