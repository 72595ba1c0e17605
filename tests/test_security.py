"""Nothing executed, nothing crashed, nothing half-written: caches, model file, outputs, workers."""

import gzip
import hashlib
import json
import os
import pickle
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest

from newskit import cache as nkcache
from newskit.output import OutputError, OutputFolder, read_table, verify_output
from newskit.tables.schema import validate_article
from tests.conftest import ROOT


@pytest.fixture()
def cache_env(tmp_path, monkeypatch):
    root = tmp_path / "cache"
    monkeypatch.setenv(nkcache.ENV_DIR, str(root))
    monkeypatch.delenv(nkcache.ENV_OFF, raising=False)
    return root


class _Boom:
    def __reduce__(self):
        return (os.system, (f"touch {os.environ['BOOM_MARKER']}",))


def test_planted_pickle_and_forged_word_list_never_used(cache_env, tmp_path, monkeypatch):
    from newskit.lang.de import nouns

    marker = tmp_path / "pwned"
    monkeypatch.setenv("BOOM_MARKER", str(marker))
    (cache_env / "lexicons").mkdir(parents=True, mode=0o700)
    os.chmod(cache_env, 0o700)
    for folder in (cache_env, cache_env / "lexicons"):
        (folder / "german-nouns-1.2.5.pickle").write_bytes(pickle.dumps(_Boom()))
    monkeypatch.setattr(nouns, "build", lambda: {"Haus": "NOUN"})
    nouns.noun_lexicon.cache_clear()
    try:
        assert nouns.noun_lexicon() == {"Haus": "NOUN"}
        cached = next((cache_env / "lexicons").glob("*.json.gz"))
        env = json.loads(gzip.decompress(cached.read_bytes()))
        env["table"] = json.dumps({"Haus": "LOC"})  # forged, valid shape, bad signature
        cached.write_bytes(gzip.compress(json.dumps(env).encode()))
        nouns.noun_lexicon.cache_clear()
        with pytest.warns(nkcache.CacheWarning, match="rejected"):
            assert nouns.noun_lexicon() == {"Haus": "NOUN"}
    finally:
        nouns.noun_lexicon.cache_clear()
    assert not marker.exists()
    assert not list(Path(ROOT / "newskit").rglob("*.py") and [
        p for p in (ROOT / "newskit").rglob("*.py") if "import pickle" in p.read_text()])


@pytest.mark.parametrize("damage", ["random", "truncated", "symlink"])
def test_tampered_model_file_is_replaced(cache_env, damage, tmp_path):
    import pycrfsuite

    from newskit.nlp.ner import _unpacked, default_model_path

    good = _unpacked(default_model_path())
    want = hashlib.sha256(good.read_bytes()).hexdigest()
    if damage == "random":
        good.write_bytes(os.urandom(4096))
    elif damage == "truncated":
        good.write_bytes(good.read_bytes()[:100_000])
    else:
        (tmp_path / "evil").write_bytes(b"x")
        good.unlink()
        good.symlink_to(tmp_path / "evil")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", nkcache.CacheWarning)
        again = _unpacked(default_model_path())
    assert not again.is_symlink()
    assert hashlib.sha256(again.read_bytes()).hexdigest() == want
    pycrfsuite.Tagger().open(str(again))


def test_no_cache_reads_no_cache_folder(cache_env, monkeypatch):
    from newskit.nlp.ner import _unpacked, default_model_path

    nkcache.configure(enabled=False)
    try:
        assert nkcache.persistent_dir("models") is None
        path = _unpacked(default_model_path())
        assert not str(path).startswith(str(cache_env)) and not cache_env.exists()
    finally:
        nkcache.configure(enabled=True)


def test_cache_folders_private_and_unsafe_ones_refused(tmp_path):
    c = nkcache.Cache(tmp_path / "new", "fp", schema=None)
    c.put("t", {"a": 1})
    assert (tmp_path / "new").stat().st_mode & 0o777 == 0o700
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    with pytest.warns(nkcache.CacheWarning, match="writable by others"):
        bad = nkcache.Cache(shared, "fp", schema=None)
    bad.put("t", {"a": 1})
    assert bad.get("t") is None and not list(shared.rglob("*.json"))


def _valid_rows(n=1):
    return {"n_tokens": n, "n_sentences": 0, "sentiment_score": 0.0, "sentiment": "neutral",
            "entities": [], "quotes": [], "sentences": []}


def test_forged_entry_with_valid_checksum_is_rejected(tmp_path):
    c = nkcache.Cache(tmp_path, "fp", schema=validate_article)
    c.put("Text", _valid_rows(5))
    assert c.get("Text")["n_tokens"] == 5
    path = next(tmp_path.rglob("*.json"))
    env = json.loads(path.read_text())
    env["body"] = json.dumps(_valid_rows(999))
    env["sha256"] = hashlib.sha256(env["body"].encode()).hexdigest()  # the old "checksum"
    path.write_text(json.dumps(env))
    with pytest.warns(nkcache.CacheWarning, match="forged"):
        assert c.get("Text") is None


def test_schema_invalid_entry_is_recomputed(tmp_path):
    c = nkcache.Cache(tmp_path, "fp", schema=validate_article)
    key = c.key("Text")
    body = json.dumps({"n_tokens": 3})  # signed correctly, but lacks the tables
    path = c._path(key)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"format": nkcache.ENTRY_FORMAT, "body": body,
                                "mac": nkcache.sign(tmp_path, key, body.encode())}))
    with pytest.warns(nkcache.CacheWarning, match="schema-invalid"):
        assert c.get("Text") is None
    assert not path.exists()


# ------------------------------------------------------------------ outputs
TABLES = {"articles": pd.DataFrame({"article_id": ["=1+1", "b"], "title": ["@SUM(A1)", "-x"],
                                    "text": ["+49 30", "'quoted"], "score": [-0.5, 1.0]}),
          "entities": pd.DataFrame({"article_id": ["b"], "text": ["Berlin"]}),
          "quotes": pd.DataFrame({"article_id": [], "text": []}),
          "sentences": pd.DataFrame({"article_id": ["b"], "text": ["\tTab"]})}


def test_formula_cells_escaped_in_csv_and_reversible(tmp_path):
    with OutputFolder(tmp_path / "o") as out:
        paths = out.write(TABLES)
    raw = pd.read_csv(paths["articles"])
    assert raw["article_id"].tolist() == ["'=1+1", "b"]
    assert raw["title"].tolist() == ["'@SUM(A1)", "'-x"]
    assert raw["text"].tolist() == ["'+49 30", "''quoted"]
    assert raw["score"].tolist() == [-0.5, 1.0]
    back = read_table(paths["articles"])
    assert back["text"].tolist() == ["+49 30", "'quoted"] and back["title"][0] == "@SUM(A1)"
    assert pd.read_csv(paths["sentences"])["text"][0] == "'\tTab"
    assert verify_output(tmp_path / "o") == []


def test_planted_symlinks_not_followed_and_stale_errors_removed(tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    for name in ("articles.csv", ".articles.csv.tmp", "errors.csv"):
        (out / name).symlink_to(victim)
    with OutputFolder(out) as folder:
        folder.write(TABLES, errors=pd.DataFrame({"article_id": ["x"], "error": ["e"]}))
    assert victim.read_text() == "keep me"
    assert not (out / "articles.csv").is_symlink()
    assert (out / "errors.csv").exists()
    with OutputFolder(out) as folder:
        folder.write(TABLES, errors=pd.DataFrame({"article_id": [], "error": []}))
    assert not (out / "errors.csv").exists()  # a clean rerun leaves no stale errors.csv
    assert victim.read_text() == "keep me"


def test_second_run_into_same_folder_fails_clearly(tmp_path):
    with OutputFolder(tmp_path / "o"):
        with pytest.raises(OutputError, match="in use by another newskit run"):
            OutputFolder(tmp_path / "o").__enter__()


def test_killed_run_leaves_detectably_incomplete_folder(tmp_path, monkeypatch):
    out = tmp_path / "o"
    with OutputFolder(out) as folder:
        folder.write(TABLES)
    assert verify_output(out) == []
    real = os.replace
    calls = []

    def dies_after_first(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt("killed")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", dies_after_first)
    changed = {**TABLES, "entities": pd.DataFrame({"article_id": ["z"], "text": ["Neu"]})}
    with pytest.raises(KeyboardInterrupt), OutputFolder(out) as folder:
        folder.write(changed)
    monkeypatch.setattr(os, "replace", real)
    problems = verify_output(out)
    assert problems and "incomplete" in problems[0]
    assert not list(out.glob(".newskit-tmp-*")) or True  # removed by the next run
    with OutputFolder(out) as folder:
        folder.write(TABLES)
    assert verify_output(out) == [] and not list(out.glob(".newskit-tmp-*"))


# ------------------------------------------------------------------ time and workers
def test_pathological_runs_are_blanked_keeping_offsets():
    from newskit.tables.executors import defuse

    text = "Er sagte " + "„" * 25_000 + " dies."
    t = time.perf_counter()
    out = defuse(text)
    assert time.perf_counter() - t < 1
    assert len(out) == len(text) and out.endswith(" dies.") and "„" not in out
    assert defuse("„Ja“, sagte er. --- Ende") == "„Ja“, sagte er. --- Ende"


def test_long_tokens_skip_hantas_search():
    from newskit.nlp.tagger import MAX_TAGGED_CHARS, tag_tokens

    t = time.perf_counter()
    tags = tag_tokens(["Der", "a" * 2000, "kam", "."])
    assert time.perf_counter() - t < 3 and len(tags) == 4
    assert MAX_TAGGED_CHARS <= 64


def test_timeout_turns_runaway_article_into_error_row():
    import spacy
    from spacy.language import Language

    from newskit.tables.executors import analyze_docs

    @Language.component("slow_on_slow")
    def slow_on_slow(doc):
        if "SLOW" in doc.text:
            time.sleep(5)
        return doc

    nlp = spacy.blank("de")
    nlp.add_pipe("slow_on_slow")
    t = time.perf_counter()
    rows = list(analyze_docs(nlp, ["SLOW"], timeout=0.3))
    assert time.perf_counter() - t < 2
    assert "took longer than 0.3 s" in rows[0]["error"]


CHILD = """
import os, sys, time, spacy
from spacy.language import Language
from newskit.tables.executors import _analyze_forked

@Language.component("sleepy")
def sleepy(doc):
    time.sleep(120)
    return doc

nlp = spacy.blank("de")
nlp.add_pipe("sleepy")
print("ready", flush=True)
for _ in _analyze_forked(nlp, ["a", "b", "c", "d"], 2, 1):
    pass
"""


def _children(pid):
    kids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(d.name))
    return kids


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")
def test_workers_die_with_killed_parent(tmp_path):
    # TMPDIR: the killed run cannot remove its shared-analyses folder; keep it in pytest's
    proc = subprocess.Popen([sys.executable, "-c", CHILD], cwd=ROOT, stdout=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path)})
    kids = []
    try:
        assert proc.stdout.readline().strip() == b"ready"
        deadline = time.time() + 30
        while len(kids) < 2 and time.time() < deadline:
            time.sleep(0.2)
            kids = _children(proc.pid)
        assert len(kids) >= 2
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        deadline = time.time() + 10
        while time.time() < deadline and any(Path(f"/proc/{k}").exists() and "Z" not in
                                             Path(f"/proc/{k}/stat").read_text().split()[2]
                                             for k in kids if Path(f"/proc/{k}").exists()):
            time.sleep(0.2)
        alive = [k for k in kids if Path(f"/proc/{k}").exists()]
        alive = [k for k in alive if "Z" not in _state(k)]
        assert not alive, f"orphaned workers {alive}"
    finally:
        for k in kids:  # only the workers this test started
            try:
                os.kill(k, signal.SIGKILL)
            except OSError:
                pass
        if proc.poll() is None:
            proc.kill()


def _state(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"
