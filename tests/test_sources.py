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
    # each group's shares come from one article: resampling articles cannot show uncertainty
    assert s["n_clusters"].tolist() == [1, 1]
    assert s["ci_low"].isna().all() and s["ci_high"].isna().all()


def test_interval_holds_the_share_and_is_exact_at_zero_and_one():
    q = pd.DataFrame({"article_id": list("aabbccdd"),
                      "speaker_gender": ["female", "male", "male", "male", "female", "male",
                                         "male", "male"],
                      "outlet": list("XXXXXXYY")})
    s = newskit.shares(q, of="speaker_gender")
    assert (s["ci_low"] <= s["share"]).all() and (s["share"] <= s["ci_high"]).all()
    assert (s["ci_high"] > s["ci_low"]).all()
    never = newskit.shares(q, of="speaker_gender", value="diverse")
    assert never.loc[0, "n"] == 0 and never.loc[0, "ci_low"] == 0
    assert abs(never.loc[0, "ci_high"] - (1 - 0.025 ** (1 / 4))) < 1e-12  # 0 of 4 articles
    y = newskit.shares(q[q["outlet"] == "Y"].assign(article_id=["d", "e"]), of="speaker_gender")
    assert y.loc[0, "share"] == 1 and abs(y.loc[0, "ci_low"] - 0.025 ** (1 / 2)) < 1e-12


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


def test_interval_covers_a_rare_share_even_when_the_sample_has_none():
    """A value with a true share of 2 % often does not occur in a small corpus at all; the
    interval must still cover 2 % (a percentile bootstrap alone would give 0…0)."""
    rng = np.random.default_rng(7)
    covered, zero_runs, runs = 0, 0, 200
    for run in range(runs):
        rows = [(f"a{art}", "female" if rng.random() < 0.02 else "male")
                for art in range(25) for _ in range(rng.integers(1, 4))]
        df = pd.DataFrame(rows, columns=["article_id", "speaker_gender"])
        s = newskit.shares(df, of="speaker_gender", value="female", n_boot=400, seed=run)
        zero_runs += int(s.loc[0, "n"] == 0)
        covered += bool(s.loc[0, "ci_low"] <= 0.02 <= s.loc[0, "ci_high"])
    assert zero_runs >= 40  # the case is exercised
    assert covered / runs >= 0.90, covered / runs


def test_intervals_do_not_depend_on_the_resampling_block(monkeypatch):
    """Replicates are drawn in blocks to bound memory on large corpora; the intervals must be
    those of one block."""
    import importlib

    mod = importlib.import_module("newskit.analysis.stats")

    rng = np.random.default_rng(3)
    df = pd.DataFrame({"article_id": rng.integers(0, 300, size=900),
                       "kind": rng.choice(["direct", "indirect", "reported"], size=900)})
    one_block = newskit.shares(df, of="kind", n_boot=500)
    monkeypatch.setattr(mod, "BOOT_BLOCK_ELEMENTS", 300 * 3 * 7)  # blocks of 7 replicates
    pd.testing.assert_frame_equal(newskit.shares(df, of="kind", n_boot=500), one_block)
    assert one_block["ci_low"].lt(one_block["ci_high"]).all()
