"""Messy corpora: every record becomes one row, errors name file and line, nothing is lost."""

import json
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newskit
from newskit.corpus import CorpusWarning
from tests.conftest import ROOT, run_cli

GOOD = "Die Kanzlerin Angela Merkel besuchte Paris. „Wir bleiben Partner“, sagte sie."


@pytest.fixture()
def messy(tmp_path):
    d = tmp_path / "messy corpus ä"
    (d / "sub dir ü").mkdir(parents=True)
    (d / "ok.txt").write_text(GOOD, encoding="utf-8")
    (d / "sub dir ü" / "bom crlf.txt").write_bytes(
        b"\xef\xbb\xbf date 2021-05 Erster Satz \xc3\xbcber M\xc3\xbcnchen.\r\n\r\nZweiter Absatz.\r\n")
    (d / "legacy.txt").write_bytes("Die Bürger in Köln äußern Kritik an der Straße.".encode("cp1252"))
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text("   \n\t\n", encoding="utf-8")
    (d / "only date.txt").write_text(" date 2022-01 \n", encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (d / "bad date.txt").write_text(" date 20XX-99 Ein Satz über Berlin.", encoding="utf-8")
    lines = [json.dumps({"id": "j1", "text": GOOD}), "{not json",
             json.dumps({"id": "j3", "title": "kein Text"}), json.dumps({"id": "j4", "text": 42}),
             json.dumps({"id": "j5", "text": "Noch ein guter Text aus Wien.", "date": "gestern"})]
    (d / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pd.DataFrame({"id": ["c1", "c2"], "text": ["Ein Text aus Hamburg.", ""]}).to_csv(
        d / "table.csv", index=False)
    return d


def test_every_record_one_row_with_clear_errors(messy):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = newskit.load_corpus(messy)
    by_src = {r.source: r for r in df.itertuples()}
    assert len(df) == 15
    errors = df[df["status"] == "error"]
    assert len(errors) == 8
    for r in errors.itertuples():
        assert r.error.startswith(r.source), r.error
    msgs = " | ".join(errors["error"])
    for needle in ("empty", "binary", "not valid JSON", "no 'text' string"):
        assert needle in msgs
    legacy = next(r for s, r in by_src.items() if s.endswith("legacy.txt"))
    assert legacy.text == "Die Bürger in Köln äußern Kritik an der Straße."
    bom = next(r for s, r in by_src.items() if s.endswith("bom crlf.txt"))
    assert bom.status == "ok" and bom.date == "2021-05" and "\r" not in bom.text
    assert bom.text.startswith("Erster Satz über München.")
    bad_date = next(r for s, r in by_src.items() if s.endswith("bad date.txt"))
    assert bad_date.status == "ok" and pd.isna(bad_date.date)
    assert any(issubclass(w.category, CorpusWarning) and "bad date.txt" in str(w.message)
               for w in caught)
    assert any(s.endswith("dump.jsonl:2") for s in errors["source"])


def test_cli_on_messy_folder(messy, tmp_path):
    out = tmp_path / "out"
    proc = run_cli("analyze", str(messy), "--out", str(out), "--no-cache", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "7 ok, 8 error" in proc.stderr
    arts = pd.read_csv(out / "articles.csv")
    assert len(arts) == 15 and (arts["status"] == "ok").sum() == 7
    errs = pd.read_csv(out / "errors.csv")
    assert len(errs) == 8 and "errors.csv" in proc.stderr
    assert (pd.read_csv(out / "entities.csv")["article_id"].nunique()) >= 4


def test_cli_nothing_readable_exits_nonzero(tmp_path):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "x.txt").write_bytes(b"")
    proc = run_cli("analyze", str(d), "--out", str(tmp_path / "o"), "--no-cache", "--quiet")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr


def test_cli_unwritable_output(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = run_cli("analyze", str(ROOT / "seeds"), "--out", str(blocker / "sub"), "--quiet")
    assert proc.returncode == 2 and "cannot write" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_long_article_is_chunked_not_truncated(nlp):
    para = "Angela Merkel sprach in Berlin. Die Lage sei ernst, sagte Merkel.\n\n"
    text = para * 60
    corpus = pd.DataFrame({"article_id": ["long"], "text": [text]})
    old = nlp.max_length
    nlp.max_length = 1000
    try:
        result = newskit.analyze(corpus, nlp=nlp, cache_dir=None)
    finally:
        nlp.max_length = old
    assert result.articles.loc[0, "n_sentences"] == 120
    assert len(result.sentences) == 120
    assert result.sentences["end_char"].max() > len(text) - 5
    for r in result.entities.itertuples():
        assert text[r.start_char:r.end_char] == r.text
    assert (result.quotes["kind"] == "indirect").sum() == 60
    assert sorted(result.sentences["sent_id"]) == list(range(120))


def test_progress_moves_within_a_long_article(nlp):
    from newskit.tables.executors import analyze_docs

    para = "Angela Merkel sprach in Berlin. Die Lage sei ernst, sagte Merkel.\n\n"
    texts = ["Kurz.", para * 60]
    seen: list[tuple[str, int]] = []
    old = nlp.max_length
    nlp.max_length = 1000
    try:
        for rows in analyze_docs(nlp, texts, on_chunk=lambda n: seen.append(("chunk", n))):
            seen.append(("article", rows["n_sentences"]))
    finally:
        nlp.max_length = old
    chunks = [n for kind, n in seen if kind == "chunk"]
    assert len(chunks) >= 4 and sum(chunks) == len(texts[1])  # the long text, piece by piece
    assert [k for k, _ in seen].count("article") == 2


QUOTES = st.sampled_from(list("„“”\"»«‚‘‹›'"))
TEXT = st.lists(st.one_of(st.text(max_size=30), QUOTES, st.sampled_from(
    ["sagte er", "sei", ", so Merkel", ":", "\n\n", "\x00", "\u200b", "🙂", "x" * 300,
     "Dr.", "21.", "laut", "zufolge"])), max_size=25).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_extractors_never_raise(nlp, text):
    from newskit.tables.rows import doc_rows

    rows = doc_rows(nlp(text))
    for q in rows["quotes"]:
        assert 0 <= q["start_char"] <= q["end_char"] <= len(text)
    for e in rows["entities"]:
        assert text[e["start_char"]:e["end_char"]] == e["text"]


def test_utf16_with_bom_is_text(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("Die Bürger in Köln.".encode("utf-16"))
    df = newskit.load_corpus(p)
    assert df.loc[0, "status"] == "ok" and df.loc[0, "text"] == "Die Bürger in Köln."


def test_pipeline_failure_on_one_article_keeps_the_others():
    from spacy.language import Language

    import newskit.pipeline as nkpipe

    @Language.component("fail_on_boom")
    def fail_on_boom(doc):
        if "BOOM" in doc.text:
            raise RuntimeError("component exploded")
        return doc

    nlp = nkpipe.build_embedded()
    nlp.add_pipe("fail_on_boom", first=True)
    corpus = pd.DataFrame({"article_id": ["a", "b", "c"], "source": ["x.jsonl:1", "x.jsonl:2",
                                                                     "x.jsonl:3"],
                           "text": ["Angela Merkel kam.", "BOOM in Berlin.", "Olaf Scholz ging."]})
    result = newskit.analyze(corpus, nlp=nlp, cache_dir=None)
    status = dict(zip(result.articles["article_id"], result.articles["status"]))
    assert status == {"a": "ok", "b": "error", "c": "ok"}
    err = result.articles.set_index("article_id").loc["b", "error"]
    assert err.startswith("x.jsonl:2") and "component exploded" in err
    assert set(result.entities["article_id"]) == {"a", "c"}
