"""Every figure renders on a small hand-made table and draws what it should."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import LineCollection, PathCollection  # noqa: E402
from matplotlib.patches import FancyArrowPatch, Rectangle  # noqa: E402

from newskit import plots  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _entities():
    rows = [  # (article, sentence, canonical, label, score)
        ("a", 0, "Russland", "LOC", -0.5), ("a", 0, "USA", "LOC", -0.4),
        ("a", 1, "Russland", "LOC", -0.3), ("a", 1, "Antony Blinken", "PER", 0.1),
        ("a", 2, "Russland", "LOC", -0.6), ("a", 2, "Nato", "ORG", -0.2),
        ("b", 0, "Russland", "LOC", 0.0), ("b", 0, "USA", "LOC", 0.2),
        ("b", 1, "Antony Blinken", "PER", 0.3), ("b", 1, "Nato", "ORG", 0.1),
        ("b", 2, "USA", "LOC", 0.1), ("b", 3, "Kiew", "LOC", 0.0),
    ]
    df = pd.DataFrame(rows, columns=["article_id", "sent_id", "canonical", "label",
                                     "sentiment_score"])
    df["start_char"] = df["sent_id"] * 100 + df.groupby(["article_id", "sent_id"]).cumcount() * 20
    df["end_char"] = df["start_char"] + 10
    return df


def _quotes():
    rows = [  # (article, start, end, speaker, kind)
        ("a", 0, 90, "Antony Blinken", "direct"), ("a", 100, 190, "Antony Blinken", "indirect"),
        ("b", 0, 90, "Sergej Lawrow", "reported"), ("b", 100, 190, "Der", "indirect"),
        ("b", 200, 290, None, "direct"), ("a", 200, 290, "Diese", "mixed"),
    ]
    return pd.DataFrame(rows, columns=["article_id", "start_char", "end_char",
                                       "speaker_canonical", "kind"])


def _articles(dates=("2022-01-01", "2022-03-01")):
    return pd.DataFrame({"article_id": ["a", "b"], "status": ["ok", "ok"],
                         "date_start": pd.to_datetime(list(dates))})


def _bars(ax):
    """Drawn bars (not background spans), those of zero size left out."""
    return [p for c in ax.containers for p in c
            if isinstance(p, Rectangle) and p.get_width() and p.get_height()]


def _texts(ax):
    return [t.get_text() for t in ax.texts]


def test_entity_mentions_legend_has_one_coloured_swatch_per_type():
    fig = plots.entity_mentions(_entities(), top=4)
    ax = fig.axes[0]
    assert len(_bars(ax)) == 4
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "Russland"  # most mentioned on top
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["Person", "Ort", "Organisation"]
    colors = [tuple(h.get_facecolor()) for h in legend.legend_handles]
    assert len(set(colors)) == 3
    assert colors[1] == matplotlib.colors.to_rgba(plots.LABEL_COLORS["LOC"])
    assert ax.get_xlabel() == "Erwähnungen"


def test_cooccurrence_network_draws_top_n_nodes_with_labels():
    fig = plots.cooccurrence_network(_entities(), top=3)
    ax = fig.axes[0]
    nodes = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(nodes[0].get_offsets()) == 3
    assert {"Antony Blinken", "Russland", "USA"} <= set(_texts(ax))
    assert "Kiew" not in _texts(ax)  # never shares a sentence: not in a network
    assert plots.entity_network is plots.cooccurrence_network


def test_cooccurrence_network_labels_are_the_top_nodes():
    fig = plots.cooccurrence_network(_entities(), top=2)
    labels = {t for t in _texts(fig.axes[0]) if not t.startswith("2 der")}
    assert labels == {"Russland", "USA"}
    edges = [c for c in fig.axes[0].collections if isinstance(c, LineCollection)]
    assert len(edges[0].get_segments()) == 1


def test_quote_speakers_drops_fragments_and_stacks_kinds():
    fig = plots.quote_speakers(_quotes())
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names == ["Sergej Lawrow", "Antony Blinken"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["direkt", "indirekt",
                                                                    "nur berichtet"]
    assert len(_bars(ax)) == 3


def test_quote_speakers_counts_the_quotes_named_in_their_own_frame():
    q = _quotes().assign(speaker_via=["name", "anaphor", "name", "name", None, "context"])
    texts = [t.get_text().strip() for t in plots.quote_speakers(q).axes[0].texts]
    assert sorted(texts) == ["1 mit Namen", "1 mit Namen"]  # Blinken 1 of 2, Lawrow 1 of 1
    without = [t.get_text().strip() for t in plots.quote_speakers(_quotes()).axes[0].texts]
    assert without == ["0 mit Namen", "0 mit Namen"]


def test_speaker_network_shows_real_speakers_only():
    fig = plots.speaker_network(_quotes(), _entities(), top=10)
    ax = fig.axes[0]
    labels = set(_texts(ax))
    assert {"Antony Blinken", "Sergej Lawrow", "Russland"} <= labels
    assert not labels & {"Der", "Diese"}
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert arrows  # directed edges drawn


def test_speaker_network_top_n():
    fig = plots.speaker_network(_quotes(), _entities(), top=2)
    nodes = [c for c in fig.axes[0].collections if isinstance(c, PathCollection)]
    assert len(nodes[0].get_offsets()) == 2


def test_empty_tables_give_a_message_not_an_error():
    empty = _entities().iloc[:0]
    for fig in (plots.entity_mentions(empty), plots.cooccurrence_network(empty),
                plots.speaker_network(_quotes().iloc[:0], empty),
                plots.quote_speakers(_quotes().iloc[:0]), plots.entity_sentiment(empty),
                plots.timeline(_articles(), empty)):
        assert fig.axes[0].texts and not fig.axes[0].axison


def test_timeline_marks_months_without_articles_and_labels_axes_in_words():
    fig = plots.timeline(_articles(), _entities(), top=2)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["01/2022", "02/2022", "03/2022"]
    assert "keine Artikel" in _texts(ax)
    assert not ax.lines  # bars, never lines bridging months
    assert ax.get_ylabel() == "Erwähnungen" and ax.get_xlabel().startswith("Monat")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Russland", "USA"]
    heights = sorted(round(p.get_height()) for p in _bars(ax))
    assert heights == [1, 1, 2, 3]  # Russland 3 then 1, USA 1 then 2; February empty


def test_timeline_one_month_says_so():
    fig = plots.timeline(_articles(("2022-01-01", "2022-01-01")), _entities(), top=3)
    ax = fig.axes[0]
    assert "nur ein Monat" in ax.get_title()
    assert ax.get_ylabel() == "Erwähnungen" and "canonical" not in ax.get_xlabel()
    assert len(_bars(ax)) == 3


def test_entity_sentiment_shows_evidence_and_intervals():
    fig = plots.entity_sentiment(_entities(), min_mentions=3)
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(names) == ["Russland", "USA"]
    assert "n = 4 Erw. / 4 Sätze" in _texts(ax)
    assert "n = 3 Erw. / 3 Sätze" in _texts(ax)
    intervals = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(intervals[0].get_segments()) == 2
    assert "Tonalität" in ax.get_xlabel()


def test_sentiment_arc_bars_per_sentence():
    sents = pd.DataFrame({"article_id": ["a"] * 4 + ["b"], "sent_id": [0, 1, 2, 3, 0],
                          "score": [0.5, -0.5, 0.0, 0.3, 0.9]})
    fig = plots.sentiment_arc(sents, "a")
    ax = fig.axes[0]
    assert len(ax.patches) == 4
    assert np.allclose(sorted(p.get_height() for p in ax.patches), [-0.5, 0.0, 0.3, 0.5])
    assert ax.get_xlabel() == "Satz im Artikel"
    with pytest.raises(ValueError, match="holds 2.*sentiment_arc\\(sentences, 'a'\\)"):
        plots.sentiment_arc(sents)  # two articles' sentence numbers are not one arc
    assert len(plots.sentiment_arc(sents[sents["article_id"] == "b"]).axes[0].patches) == 1


def test_sentence_lengths_histogram():
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    docs = [nlp("Das ist ein Satz. Und hier ist noch ein etwas längerer Satz.")]
    fig = plots.sentence_lengths(docs)
    ax = fig.axes[0]
    assert sum(p.get_height() for p in ax.patches) == 2
    assert "2 Sätze" in ax.get_title()


def test_save_writes_same_bytes_twice(tmp_path):
    a = plots.save(plots.entity_mentions(_entities()), tmp_path / "x" / "a.png")
    b = plots.save(plots.entity_mentions(_entities()), tmp_path / "b.png")
    assert a.read_bytes() == b.read_bytes()


def test_figure_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSKIT_FIGURES", raising=False)
    monkeypatch.delenv("NEWSKIT_CORPUS", raising=False)
    assert plots.figure_dir(root=tmp_path) == tmp_path / "figures"
    assert plots.figure_dir(tmp_path / "seeds", root=tmp_path) == tmp_path / "figures"
    monkeypatch.setenv("NEWSKIT_CORPUS", "/data/Meine Zeitung.jsonl")
    assert plots.figure_dir(root=tmp_path) == tmp_path / "figures-meine-zeitung"
    monkeypatch.setenv("NEWSKIT_FIGURES", str(tmp_path / "out"))
    assert plots.figure_dir(root=tmp_path) == tmp_path / "out"


def test_share_bars_draws_one_bar_per_row_with_intervals():
    from newskit import plots

    table = pd.DataFrame({"speaker_gender": ["female", "male"], "n": [3, 9], "total": [12, 12],
                          "share": [0.25, 0.75], "ci_low": [0.1, 0.6], "ci_high": [0.4, 0.9],
                          "n_clusters": [5, 5]})
    fig = plots.share_bars(table, "speaker_gender", title="Wer kommt zu Wort?")
    ax = fig.axes[0]
    assert len(ax.patches) == 2
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Frauen", "Männer"]
    assert any("25%" in t.get_text() for t in ax.texts)
    assert len(ax.collections) == 2  # one interval per bar


def test_share_bars_leaves_out_an_interval_that_does_not_exist():
    import warnings

    from newskit import plots

    table = pd.DataFrame({"speaker_gender": ["female", "male"], "n": [3, 9], "total": [12, 12],
                          "share": [0.25, 0.75], "ci_low": [float("nan")] * 2,
                          "ci_high": [float("nan")] * 2, "n_clusters": [1, 1]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plots.share_bars(table, "speaker_gender")
    ax = fig.axes[0]
    assert len(ax.patches) == 2 and len(ax.collections) == 0
    assert any("75%" in t.get_text() for t in ax.texts)


def test_top_sources_splits_women_and_men():
    from newskit import plots

    src = pd.DataFrame({"canonical": ["Ina Roth", "Ole Berg", "Stadtrat"],
                        "label": ["PER", "PER", "ORG"], "gender": ["female", "male", ""],
                        "n_quotes": [4, 2, 9]})
    fig = plots.top_sources(src)
    left, right = fig.axes
    assert [t.get_text() for t in left.get_yticklabels()] == ["Ina Roth"]
    assert [t.get_text() for t in right.get_yticklabels()] == ["Ole Berg"]
