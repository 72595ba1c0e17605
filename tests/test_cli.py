import subprocess
import sys

import pandas as pd

from tests.conftest import ROOT, SEED, run_cli


def test_cli_analyze_writes_four_tables(tmp_path):
    """The one smoke test in a fresh interpreter: ``python -m newskit`` as a user runs it."""
    out = tmp_path / "out dir ü"
    proc = subprocess.run([sys.executable, "-m", "newskit", "analyze", str(SEED), "--out",
                           str(out), "--no-cache", "--quiet"], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr
    for name in ("articles", "entities", "quotes", "sentences"):
        assert (out / f"{name}.csv").exists()
    arts = pd.read_csv(out / "articles.csv")
    assert arts.loc[0, "status"] == "ok"
    assert arts.loc[0, "n_tokens"] > 500
    ents = pd.read_csv(out / "entities.csv")
    assert {"article_id", "sent_id", "start_char", "end_char", "text", "label",
            "canonical"} <= set(ents.columns)
    text = arts.loc[0, "text"]
    for r in ents.itertuples():
        assert text[r.start_char:r.end_char] == r.text
    assert "1 ok, 0 error" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_help():
    proc = run_cli("analyze", "--help")
    assert proc.returncode == 0
    assert "--out" in proc.stdout and "--format" in proc.stdout


def test_cli_missing_input_is_clear(tmp_path):
    proc = run_cli("analyze", str(tmp_path / "nope"), "--out", str(tmp_path / "o"))
    assert proc.returncode != 0
    assert "nope" in proc.stderr and "Traceback" not in proc.stderr


def test_cli_parquet(tmp_path):
    out = tmp_path / "pq"
    proc = run_cli("analyze", str(SEED), "--out", str(out), "--format", "parquet", "--no-cache",
                   "--quiet")
    assert proc.returncode == 0, proc.stderr
    quotes = pd.read_parquet(out / "quotes.parquet")
    assert len(quotes) > 10 and "speaker_canonical" in quotes.columns
