import json

import pandas as pd
import pytest

import newskit
from newskit.corpus import derive_title, parse_date, parse_seed
from tests.conftest import SEED


def test_seed_loads_right():
    df = newskit.load_corpus(SEED)
    assert len(df) == 1
    row = df.iloc[0]
    assert row["article_id"] == "000_333a917a58fcf089"
    assert row["date"] == "2022-01"
    assert row["date_precision"] == "month"
    assert row["date_start"] == pd.Timestamp("2022-01-01")
    assert row["lead"].startswith("Nach dem russischen Außenminister hat auch sein US-Kollege")
    assert row["lead"].endswith("sollte das Land in die Ukraine einmarschieren.")
    assert "USA wollen Spannungen lösen" in row["subheadings"]
    assert "USA wollen Spannungen lösen" not in row["text"]
    assert "lesen Sie hier" not in row["text"]
    assert any("lesen Sie hier" in n for n in row["editorial_notes"])
    assert "date 2022-01" not in row["text"]
    assert row["text"].startswith(row["lead"])
    assert row["text"].rstrip().endswith("des westlichen Militärbündnisses Nato.")
    assert row["title"] == derive_title(row["lead"])
    assert row["status"] == "ok"
    # the sentence before the editorial note survives
    assert "Gleichzeitig kritisierte er die Osterweiterung der Nato." in row["text"]


def test_folder_walked_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("Ein Text über Berlin.", encoding="utf-8")
    (tmp_path / "y.jsonl").write_text(json.dumps({"id": "j1", "text": "Hallo."}) + "\n",
                                      encoding="utf-8")
    (tmp_path / "notes.md").write_text("Markdown wird gelesen.", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    df = newskit.load_corpus(tmp_path)
    assert sorted(df["article_id"]) == ["j1", "notes", "scan", "x"]
    pdf = df.set_index("article_id").loc["scan"]
    assert pdf["status"] == "error" and "unsupported format '.pdf'" in pdf["error"]


def test_jsonl_and_csv_text_kept_byte_for_byte(tmp_path):
    texts = ["  Führende Leerzeichen\r\nund CRLF\tTab  ", "Zeile 1\n\nZeile 2 „Zitat“ "]
    jl = tmp_path / "c.jsonl"
    jl.write_text("\n".join(json.dumps({"id": f"a{i}", "text": t, "date": "2021-03-04",
                                        "title": "T"}) for i, t in enumerate(texts)),
                  encoding="utf-8")
    csvp = tmp_path / "d.csv"
    pd.DataFrame({"id": ["c0", "c1"], "text": texts}).to_csv(csvp, index=False)
    df = newskit.load_corpus([jl, csvp]).set_index("article_id")
    assert df.loc["a0", "text"] == texts[0]
    assert df.loc["a1", "text"] == texts[1]
    assert df.loc["c0", "text"] == texts[0]
    assert df.loc["c1", "text"] == texts[1]
    assert df.loc["a0", "date"] == "2021-03-04" and df.loc["a0", "date_precision"] == "day"
    assert df.loc["a0", "title"] == "T"
    assert df.loc["a0", "source"] == f"{jl}:1"
    assert df.loc["c0", "source"].startswith(f"{csvp}:")


def test_ids_unique_and_deterministic(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text("Text.", encoding="utf-8")
    jl = tmp_path / "dup.jsonl"
    jl.write_text('{"id": "1", "text": "a"}\n{"id": "1", "text": "b"}\n', encoding="utf-8")
    a = newskit.load_corpus(tmp_path)["article_id"].tolist()
    b = newskit.load_corpus(tmp_path)["article_id"].tolist()
    assert a == b
    assert len(set(a)) == len(a) == 4


def test_parse_seed_rules():
    parts = parse_seed(" date 2023-05 Lead-Satz eins.\n\nZwischentitel ohne Punkt\n\n"
                       "Absatz zwei. (Mehr dazu lesen Sie hier.)\n\nAbsatz drei endet so.")
    assert parts["subheadings"] == ["Zwischentitel ohne Punkt"]
    assert parts["paragraphs"] == ["Lead-Satz eins.", "Absatz zwei.", "Absatz drei endet so."]
    assert parts["editorial_notes"] == ["(Mehr dazu lesen Sie hier.)"]


def test_parenthetical_inside_sentence_is_kept():
    parts = parse_seed(" date 2023-05 Die Nationale Behörde (NEMA) sagte das.")
    assert parts["text"] == "Die Nationale Behörde (NEMA) sagte das."


@pytest.mark.parametrize("value,expected", [
    ("2022", ("2022", "year")), ("2022-1", ("2022-01", "month")),
    ("2022-01-31", ("2022-01-31", "day")), ("2022-01-31T10:00:00", ("2022-01-31", "day")),
])
def test_parse_date(value, expected):
    iso, _, precision = parse_date(value)
    assert (iso, precision) == expected


def test_bad_date_is_error():
    with pytest.raises(ValueError):
        parse_date("gestern")
