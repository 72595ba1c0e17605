"""The analysis layer: its doctests, and the cases the figures depend on."""

import doctest
import importlib

import pandas as pd
import pytest

from newskit import analysis
from newskit.analysis import is_real_speaker

MODULES = ["newskit.analysis.speakers", "newskit.analysis.stats", "newskit.analysis.tables"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("name", ["Der", "Diese", "Er", "sie", "Beide", "Umfragen", "Angaben",
                                  "Anfang Februar", "Demnach", "Kongress-", "", None,
                                  float("nan"), "vor allem"])
def test_not_speakers(name):
    assert not is_real_speaker(name)


@pytest.mark.parametrize("name", ["Antony Blinken", "Sergej Lawrow", "USA", "die Polizei",
                                  "n-tv", "Der Staatsanwalt", "Human Rights Watch"])
def test_real_speakers(name):
    assert is_real_speaker(name)


def test_bootstrap_is_deterministic_and_clusters_sentences():
    values = [-0.5, -0.5, -0.5, 0.5]
    a = analysis.bootstrap_mean_ci(values, ["s1", "s1", "s1", "s2"])
    assert a == analysis.bootstrap_mean_ci(values, ["s1", "s1", "s1", "s2"])
    b = analysis.bootstrap_mean_ci(values)  # four independent mentions: a narrower interval
    assert a[1] - a[0] >= b[1] - b[0]


def test_timeline_skips_year_only_dates_and_errors():
    arts = pd.DataFrame({"article_id": ["a", "b", "c"], "status": ["ok", "ok", "error"],
                         "date_start": pd.to_datetime(["2022-01-01", "2021-01-01", "2022-02-01"]),
                         "date_precision": ["month", "year", "month"]})
    ents = pd.DataFrame({"article_id": ["a", "b", "c"], "canonical": ["USA"] * 3})
    t = analysis.timeline_table(arts, ents)
    assert t["month"].dt.strftime("%Y-%m").tolist() == ["2022-01"]
    assert t["mentions"].tolist() == [1]


def test_entity_sentiment_table_min_mentions_and_single_sentence():
    ents = pd.DataFrame({"article_id": ["a"] * 3, "sent_id": [0, 0, 1],
                         "canonical": ["USA", "USA", "Kiew"], "label": ["LOC"] * 3,
                         "sentiment_score": [-0.2, -0.2, 0.5]})
    t = analysis.entity_sentiment_table(ents, min_mentions=2)
    assert t["canonical"].tolist() == ["USA"]
    assert t.loc[0, "sentences"] == 1 and pd.isna(t.loc[0, "ci_low"])
