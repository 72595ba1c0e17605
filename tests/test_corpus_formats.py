"""Loaders under messy and hostile input: one bad line costs one record, nothing is silent."""

import json
import os

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newskit
from newskit.corpus import CorpusWarning, load_corpus, parse_date

DE = ("Die Regierung in Berlin hat am Montag erklärt, dass sie das Gesetz nicht ändern "
      "wird. Der Minister sagte, die Lage sei ernst und man werde mit den Ländern reden.")
EN = ("The government in Berlin said on Monday that it would not change the law, and the "
      "minister said that the situation was serious and that they will talk to the states.")


def test_csv_field_over_131072_chars_keeps_later_rows(tmp_path):
    p = tmp_path / "big.csv"
    pd.DataFrame({"id": ["a", "b", "c"], "text": ["x " * 100_000, DE, DE + " Zwei."]}).to_csv(
        p, index=False)
    df = load_corpus(p)
    assert df["article_id"].tolist() == ["a", "b", "c"]
    assert (df["status"] == "ok").all()
    assert len(df.loc[0, "text"]) == 200_000


def test_csv_unterminated_quote_costs_one_row(tmp_path):
    p = tmp_path / "q.csv"
    p.write_text('id,text\na,"gut\nb,"kaputt\nc,"auch gut"\nd,noch gut\n', encoding="utf-8")
    df = load_corpus(p).set_index("article_id")
    assert len(df) >= 4
    assert df.loc["c", "text"] == "auch gut" and df.loc["d", "text"] == "noch gut"
    errs = df[df["status"] == "error"]
    assert len(errs) >= 1 and all(":" in e for e in errs["error"])
    assert any("unterminated quote" in e for e in errs["error"])


def test_nul_byte_costs_only_its_line(tmp_path):
    p = tmp_path / "n.jsonl"
    p.write_bytes(json.dumps({"id": "a", "text": "Eins."}).encode() + b"\n"
                  + b'{"id": "b", "text": "Zw\x00ei."}\n'
                  + json.dumps({"id": "c", "text": "Drei."}).encode() + b"\n")
    df = load_corpus(p).set_index("article_id")
    assert (df["status"] == "ok").all() and list(df.index) == ["a", "b", "c"]
    assert df.loc["b", "text"] == "Zwei." and "NUL" in df.loc["b", "warning"]
    c = tmp_path / "n.csv"
    c.write_bytes(b"id,text\na,Eins\nb,Zw\x00ei\nc,Drei\n")
    assert (load_corpus(c)["status"] == "ok").sum() == 3


def test_mixed_latin1_line_does_not_garble_utf8_lines(tmp_path):
    p = tmp_path / "m.jsonl"
    good = json.dumps({"id": "u", "text": "Straße in Köln."}, ensure_ascii=False).encode()
    bad = json.dumps({"id": "l", "text": "Straße in Köln."}, ensure_ascii=False).encode("latin-1")
    p.write_bytes(good + b"\n" + bad + b"\n")
    df = load_corpus(p).set_index("article_id")
    assert df.loc["u", "text"] == "Straße in Köln." and pd.isna(df.loc["u", "warning"])
    assert df.loc["l", "text"] == "Straße in Köln." and "not UTF-8" in df.loc["l", "warning"]


def test_lone_surrogate_replaced_and_flagged(tmp_path):
    p = tmp_path / "s.jsonl"
    p.write_text('{"id": "s", "text": "Ein \\ud800 Text."}\n{"id": "t", "text": "Gut."}\n',
                 encoding="utf-8")
    df = load_corpus(p).set_index("article_id")
    assert df.loc["s", "text"] == "Ein \ufffd Text." and "surrogate" in df.loc["s", "warning"]
    df.reset_index().to_parquet(tmp_path / "x.parquet")  # used to abort with a pyarrow error


def test_every_file_accounted_for(tmp_path):
    d = tmp_path / "mixed"
    d.mkdir()
    (d / "a.txt").write_text(DE, encoding="utf-8")
    (d / "b.md").write_text("# Titel\n\n" + DE, encoding="utf-8")
    (d / "c.html").write_text(f"<html><body><article><p>{DE}</p></article></body></html>",
                              encoding="utf-8")
    (d / "d.json").write_text(json.dumps([{"id": "j1", "text": DE}, {"id": "j2", "text": DE}]),
                              encoding="utf-8")
    (d / "e.pdf").write_bytes(b"%PDF-1.4 binary")
    (d / "f.docx").write_bytes(b"PK\x03\x04")
    locked = d / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text(DE, encoding="utf-8")
    os.chmod(locked, 0)
    try:
        df = load_corpus(d)
    finally:
        os.chmod(locked, 0o755)
    by = {os.path.basename(s.split(":")[0]): (st_, e) for s, st_, e in
          zip(df["source"], df["status"], df["error"])}
    assert len(df) == 8
    assert by["e.pdf"][0] == "error" and "unsupported format '.pdf'" in by["e.pdf"][1]
    assert by["f.docx"][0] == "error"
    if os.geteuid() != 0:  # root can read anything
        assert "unreadable folder" in by["locked"][1]
    assert (df["status"] == "ok").sum() >= 5


def test_same_file_twice_is_one_record(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(DE, encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path)
    with pytest.warns(CorpusWarning, match="given more than once were read once"):
        df = load_corpus([p, p, tmp_path])
    assert len(df) == 1


def test_deep_folders_no_recursion_error(tmp_path):
    d = tmp_path
    made = []
    for _ in range(1100):
        d = d / "d"
        os.mkdir(d)
        made.append(d)
    (d / "deep.txt").write_text(DE, encoding="utf-8")
    try:
        df = load_corpus(tmp_path)
    finally:  # pytest's own clean-up would recurse
        (d / "deep.txt").unlink()
        for folder in reversed(made):
            os.rmdir(folder)
    assert df["status"].tolist() == ["ok"]


def test_german_excel_csv(tmp_path):
    p = tmp_path / "excel.csv"
    p.write_bytes(("ID;Datum;Titel;Text\r\n1;12.03.2021;Über Köln;" + DE + "\r\n"
                   "2;12. März 2021;Zwei;Straße und Brücke.\r\n").encode("cp1252"))
    df = load_corpus(p)
    assert df["status"].tolist() == ["ok", "ok"]
    assert df["date"].tolist() == ["2021-03-12", "2021-03-12"]
    assert df["title"].tolist() == ["Über Köln", "Zwei"]
    assert df.loc[1, "text"] == "Straße und Brücke."
    assert "cp1252" in df.loc[0, "warning"]


def test_text_column_option_and_clear_error(tmp_path):
    p = tmp_path / "b.csv"
    pd.DataFrame({"id": ["a"], "Artikel": [DE]}).to_csv(p, index=False)
    err = load_corpus(p)
    assert err.loc[0, "status"] == "error" and "'Artikel'" in err.loc[0, "error"]
    ok = load_corpus(p, text_column="artikel")
    assert ok.loc[0, "status"] == "ok" and ok.loc[0, "text"] == DE
    body = tmp_path / "c.csv"
    pd.DataFrame({"id": ["a"], "body": [DE]}).to_csv(body, index=False)
    assert load_corpus(body).loc[0, "status"] == "ok"


def test_html_page_gives_article_text(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("""<!doctype html><html><head><title>Seite | Zeitung</title>
<meta property="og:title" content="Streit um das Gesetz">
<meta property="article:published_time" content="2021-03-12T08:00:00+01:00">
<script>var tracking = "<p>nein</p>";</script><style>p{color:red}</style></head>
<body><nav><a href="/">Startseite</a> Politik</nav><article><h1>Streit um das Gesetz</h1>
<p>Die Regierung in Berlin hat am Montag erklärt, dass sie das Gesetz &amp; die Regeln
nicht ändern wird.</p><aside>Lesen Sie auch</aside><p>„Wir bleiben dabei“, sagte der
Minister.</p></article><footer>Impressum</footer></body></html>""", encoding="utf-8")
    row = load_corpus(p).iloc[0]
    assert row["status"] == "ok" and row["title"] == "Streit um das Gesetz"
    assert row["date"] == "2021-03-12"
    assert row["text"].startswith("Die Regierung in Berlin hat am Montag erklärt, dass sie "
                                  "das Gesetz & die Regeln nicht ändern wird.")
    assert "„Wir bleiben dabei“, sagte der Minister." in row["text"]
    for junk in ("Startseite", "tracking", "color", "Impressum", "Lesen Sie auch", "<p>"):
        assert junk not in row["text"]


def test_english_text_flagged_not_dropped(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text(json.dumps({"id": "en", "text": EN}) + "\n" + json.dumps({"id": "de", "text": DE})
                 + "\n", encoding="utf-8")
    df = load_corpus(p).set_index("article_id")
    assert df.loc["en", "status"] == "ok" and df.loc["en", "lang"] == "en"
    assert "English" in df.loc["en", "warning"]
    assert df.loc["de", "lang"] == "de" and pd.isna(df.loc["de", "warning"])


@pytest.mark.parametrize("value,iso", [("12.03.2021", "2021-03-12"), ("1.3.2021", "2021-03-01"),
                                       ("12. März 2021", "2021-03-12"), ("März 2021", "2021-03"),
                                       ("12.03.2021 14:30", "2021-03-12"),
                                       ("March 12, 2021", "2021-03-12")])
def test_german_dates(value, iso):
    assert parse_date(value)[0] == iso


LINE = st.one_of(st.text(max_size=40), st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
                 st.sampled_from(['{"id": 1, "text": "a"}', '{"text": "\\ud800"}', '"', ";",
                                  "\x00", "id,text", 'a,"b', "ä".encode().decode("latin-1")]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(LINE, max_size=8), st.sampled_from([".jsonl", ".csv", ".json", ".txt", ".html"]))
def test_loaders_never_raise_and_name_the_file(tmp_path, lines, suffix):
    p = tmp_path / f"h{suffix}"
    p.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    df = newskit.load_corpus(p)
    assert len(df) >= 1
    for r in df.itertuples():
        assert r.status in ("ok", "error")
        assert r.source.startswith(str(p))
        if r.status == "error":
            assert r.error.startswith(str(p))
        else:
            assert r.text.strip()
        r.text.encode("utf-8")  # no lone surrogates left


def test_csv_with_a_header_and_no_rows_says_so(tmp_path):
    p = tmp_path / "empty.csv"
    p.write_text("id,text\n\n", encoding="utf-8")
    df = newskit.load_corpus(p)
    assert list(df["status"]) == ["error"] and "no rows" in df["error"].iloc[0]
    assert df["error"].iloc[0].startswith(str(p))
