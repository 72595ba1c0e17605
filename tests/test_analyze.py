import pandas as pd

import newskit
from newskit.tables.schema import (
    CORPUS_COLUMNS,
    ENTITY_COLUMNS,
    QUOTE_COLUMNS,
)
from tests.conftest import SEED


def _readme_contract() -> dict[str, list[str]]:
    """The column lists of the README's table of tables (the public contract)."""
    import re

    text = (SEED.parents[1] / "README.md").read_text(encoding="utf-8")
    out = {}
    for table in ("articles", "entities", "quotes", "sentences"):
        row = re.search(rf"^\| `{table}` \| (.+) \|$", text, flags=re.M).group(1)
        cols = [re.sub(r"\s*\(.*", "", c).strip() for c in row.split(", ")]
        out[table] = [c for c in cols if re.fullmatch(r"[a-z_]+", c)]
    return out


def test_tables_have_contract_columns(tmp_path):
    """Every column the README promises exists, and offsets index into articles.text."""
    result = newskit.analyze(newskit.load_corpus(SEED), cache_dir=None)
    contract = _readme_contract()
    assert len(contract["quotes"]) >= 20 and "speaker_canonical" in contract["quotes"]
    for name, df in result.tables().items():
        missing = [c for c in contract[name] if c not in df.columns]
        assert not missing, f"{name} lacks README columns {missing}"
    assert list(result.quotes.columns[: len(QUOTE_COLUMNS)]) == QUOTE_COLUMNS
    text = result.articles.loc[0, "text"]
    for table in (result.entities, result.quotes, result.sentences):
        for r in table.itertuples():
            assert text[r.start_char:r.end_char] == r.text
    for r in result.quotes.itertuples():
        if r.speaker_start_char >= 0:
            assert text[r.speaker_start_char:r.speaker_end_char] == r.speaker
    assert result.articles.loc[0, "n_sentences"] == len(result.sentences)


def test_empty_tables_keep_columns():
    corpus = pd.DataFrame({"article_id": ["x"], "text": ["   "], "status": ["error"],
                           "error": ["empty"]})
    result = newskit.analyze(corpus, cache_dir=None)
    assert list(result.quotes.columns) == QUOTE_COLUMNS + CORPUS_COLUMNS["quotes"]
    assert list(result.entities.columns) == ENTITY_COLUMNS + CORPUS_COLUMNS["entities"]
    assert result.articles.loc[0, "status"] == "error"


def test_analyze_accepts_paths():
    result = newskit.analyze(SEED, cache_dir=None)
    assert len(result.articles) == 1
