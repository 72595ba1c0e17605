"""newskit.sources and newskit.shares: counts per source, shares with honest intervals."""

import numpy as np
import pandas as pd

import newskit


class _Result:
    def __init__(self, quotes, articles):
        self.quotes, self.articles = quotes, articles


def _quotes():
    return pd.DataFrame({
        "article_id": ["a", "a", "b", "b", "c"],
        "kind": ["direct", "indirect", "indirect", "reported", "direct"],
        "speaker_canonical": ["Ina Roth", "Ina Roth", "Ina Roth", "Stadtrat", None],
        "speaker_label": ["PER", "PER", "PER", "ORG", ""],
        "speaker_gender": ["female", "female", "female", "", ""],
        "entity_id": ["nk-1", "nk-1", "nk-1", "", ""]})


def test_sources_counts_per_referent():
    arts = pd.DataFrame({"article_id": ["a", "b", "c"],
                         "date_start": pd.to_datetime(["2021-03-01", "2021-05-01", "2021-06-01"])})
    s = newskit.sources(_Result(_quotes(), arts))
    assert s["canonical"].tolist() == ["Ina Roth", "Stadtrat"]
    roth = s.iloc[0]
    assert (roth.n_quotes, roth.n_direct, roth.n_indirect, roth.n_articles) == (3, 1, 2, 2)
    assert roth.gender == "female" and roth.label == "PER"
    assert str(roth.first_date.date()) == "2021-03-01" and str(roth.last_date.date()) == "2021-05-01"


def test_shares_by_group_and_empty_values_left_out():
    q = _quotes().assign(outlet=["X", "X", "Y", "Y", "Y"])
    s = newskit.shares(q, by="outlet", of="speaker_gender")
    assert s[["outlet", "speaker_gender", "n", "total"]].values.tolist() == [
        ["X", "female", 2, 2], ["Y", "female", 1, 1]]
    assert (s["ci_low"] <= s["share"]).all() and (s["share"] <= s["ci_high"]).all()


def test_shares_by_month():
    q = pd.DataFrame({"article_id": ["a", "b", "c"], "speaker_gender": ["male", "female", "male"],
                      "date_start": pd.to_datetime(["2021-01-05", "2021-01-20", "2021-02-02"])})
    s = newskit.shares(q, by="month", of="speaker_gender", value="female")
    assert s[["month", "n", "total"]].values.tolist() == [["2021-01", 1, 2], ["2021-02", 0, 1]]


def test_interval_covers_the_true_share_in_simulation():
    """Clustered data (articles differ in their share): a 95 % interval must cover the true
    share in at least 90 % of simulated corpora."""
    rng = np.random.default_rng(42)
    true_share, covered, runs = 0.3, 0, 200
    for run in range(runs):
        rows = []
        for art in range(60):
            p = rng.beta(3, 7)  # articles differ; mean share 3 / (3 + 7) = 0.3
            for _ in range(rng.integers(1, 8)):
                rows.append((f"a{art}", "female" if rng.random() < p else "male"))
        df = pd.DataFrame(rows, columns=["article_id", "speaker_gender"])
        s = newskit.shares(df, of="speaker_gender", value="female", n_boot=400, seed=run)
        covered += bool(s.loc[0, "ci_low"] <= true_share <= s.loc[0, "ci_high"])
    assert covered / runs >= 0.90, covered / runs
