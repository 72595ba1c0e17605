import pandas as pd

import newskit
from newskit.tables.schema import (
    ARTICLE_COLUMNS,
    CORPUS_COLUMNS,
    ENTITY_COLUMNS,
    QUOTE_COLUMNS,
    SENTENCE_COLUMNS,
)
from tests.conftest import SEED


def test_tables_have_contract_columns(tmp_path):
    result = newskit.analyze(newskit.load_corpus(SEED), cache_dir=None)
    for df, cols in ((result.articles, ARTICLE_COLUMNS), (result.entities, ENTITY_COLUMNS),
                     (result.quotes, QUOTE_COLUMNS), (result.sentences, SENTENCE_COLUMNS)):
        assert list(df.columns[: len(cols)]) == cols
    text = result.articles.loc[0, "text"]
    for table in (result.entities, result.quotes, result.sentences):
        for r in table.itertuples():
            assert text[r.start_char:r.end_char] == r.text
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
