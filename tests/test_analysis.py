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


def test_bootstrap_interval_does_not_depend_on_the_resampling_block(monkeypatch):
    import numpy as np

    rng = np.random.default_rng(2)
    values, clusters = rng.normal(size=600), rng.integers(0, 250, size=600)
    one_block = analysis.bootstrap_mean_ci(values, clusters)
    monkeypatch.setattr(importlib.import_module("newskit.analysis.stats"),
                        "BOOT_BLOCK_ELEMENTS", 250 * 9)  # blocks of 9 replicates
    assert analysis.bootstrap_mean_ci(values, clusters) == one_block
    assert one_block[0] < one_block[1]


def test_entity_sentiment_table_per_name_with_unscored_and_interleaved_rows():
    ents = pd.DataFrame({"article_id": ["a", "a", "b", "b", "c", "c"],
                         "sent_id": [0, 1, 0, 1, 0, 1],
                         "canonical": ["USA", "Kiew", "USA", "Kiew", "USA", "Nato"],
                         "label": ["LOC", "LOC", "LOC", "LOC", "LOC", "ORG"],
                         "sentiment_score": [-0.4, 0.2, -0.2, 0.4, None, None]})
    t = analysis.entity_sentiment_table(ents).set_index("canonical")
    assert t.loc["USA", "mean"] == pytest.approx(-0.3) and t.loc["Kiew", "mean"] == pytest.approx(0.3)
    assert t.loc["USA", "ci_low"] <= -0.3 <= t.loc["USA", "ci_high"]
    assert pd.isna(t.loc["Nato", "mean"]) and pd.isna(t.loc["Nato", "ci_low"])


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
