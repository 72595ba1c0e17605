import pandas as pd
import pytest

import newskit
from newskit.components.sentiment import load_lexicon, score_tokens, word_polarity


@pytest.fixture(scope="module")
def score(nlp):
    lex = load_lexicon()

    def _score(text):
        return score_tokens([t for t in nlp(text) if not t.is_space], lex)

    return _score


def test_polarity_basics(score):
    assert score("Das Treffen war ein großer Erfolg.") > 0.2
    assert score("Der Angriff war eine Katastrophe.") < -0.2
    assert abs(score("Der Zug fährt um acht Uhr.")) < 0.2


@pytest.mark.parametrize("positive,negated", [
    ("Das Treffen war erfolgreich.", "Das Treffen war nicht erfolgreich."),
    ("Es gab eine Lösung.", "Es gab keine Lösung."),
    ("Sie hat Hoffnung.", "Sie hat nie Hoffnung gehabt."),
])
def test_negation_flips(score, positive, negated):
    assert score(positive) > 0 > score(negated)


def test_negation_after_the_verb(score):
    assert score("Die Regierung hilft den Menschen nicht.") < 0 < score(
        "Die Regierung hilft den Menschen.")


def test_ohne_does_not_reach_back_to_the_verb(score):
    assert score("Die Nachbarn helfen ohne Zögern.") > 0


def test_double_full_stop_ends_negation_and_mood(score):
    # GerNTSA-style snippets join sentences with ".."
    assert score("Es wäre nicht gut.. Der Tag war ein Erfolg.") == pytest.approx(
        score("Es wäre nicht gut. Der Tag war ein Erfolg."))


def test_not_only_does_not_negate(score):
    assert score("Das Team ist nicht nur erfolgreich.") > 0.2


def test_negation_scope_ends_at_clause(score):
    assert score("Das war nicht geplant, aber ein Erfolg.") > 0


def test_intensifiers_and_downtoners(score):
    assert score("Die Lage ist sehr gefährlich.") < score("Die Lage ist gefährlich.") < 0
    assert score("Die Lage ist kaum gefährlich.") > score("Die Lage ist gefährlich.")


def test_degree_adjectives_grade_the_next_polar_word(score):
    # "schwer" before a polar word says how much, not that something is bad
    assert score("Das Team feierte einen schweren Sieg.") > score("Das Team feierte einen Sieg.") > 0
    assert score("Zwei Menschen wurden schwer verletzt.") < score("Zwei Menschen wurden verletzt.") < 0
    assert score("Die Aufgabe ist schwer.") < 0
    assert score("Das war richtig dumm.") < score("Das war dumm.") < 0


def test_contrast_weighs_the_second_part(score):
    assert score("Die Lage ist schwierig, aber die Gespräche waren konstruktiv.") > 0
    assert score("Die Gespräche waren konstruktiv, aber die Lage ist schwierig.") < 0


def test_separable_verb_lemma(score):
    assert score("Die Firma kündigte zwei Mitarbeitern.") < 0
    assert abs(score("Die Firma kündigte neue Produkte an.")) < 0.2


def test_compound_head(score):
    assert score("Die Kriegsgefahr wächst.") < -0.2


@pytest.fixture(scope="module")
def polarity(nlp):
    lex = load_lexicon()

    def _polarity(text, word):
        tok = next(t for t in nlp(text) if t.text == word)
        return word_polarity(tok, lex)

    return _polarity


@pytest.mark.parametrize("text,word", [
    ("Er würde gern kommen.", "würde"),                        # AUX, not die Würde
    ("Es gab einige Fragen.", "einige"),                        # DET, not einig
    ("Der Soldat ist im Krieg gefallen.", "gefallen"),          # fallen, not gefallen
    ("Der Koalitionsvertrag liegt vor.", "Koalitionsvertrag"),  # Vertrag, not Ertrag
    ("Im Bildungsbereich fehlen Lehrer.", "Bildungsbereich"),   # Bereich, not Reich
    ("Es kamen zahlreiche Gäste.", "zahlreiche"),               # adjectives are not split
    ("Er brach sich den Arm.", "Arm"),                          # der Arm, not arm
    ("Sie kauft im Supermarkt ein.", "Supermarkt"),             # not super
    ("Er spielt mit Leidenschaft.", "Leidenschaft"),            # -schaft is no head
])
def test_words_that_only_look_polar(polarity, text, word):
    assert polarity(text, word) == 0.0


def test_guessed_noun_lemmas_are_not_trusted(polarity):
    # HanTa guesses the lemma "Not" for the unknown name "Nota"
    assert polarity("Das Auto, wie Nota es nannte, ist schnell.", "Nota") == 0.0
    assert polarity("Die Risiken wachsen.", "Risiken") < 0
    assert polarity("Es fielen Schüsse.", "Schüsse") < 0


def test_test_results_are_not_evaluations(polarity):
    assert polarity("Der Minister wurde positiv getestet.", "positiv") == 0.0
    assert polarity("Sie legte einen negativen Corona-Test vor.", "negativen") == 0.0
    assert polarity("Wenn es wieder positive Corona-Fälle gibt, kommt die Maskenpflicht.",
                    "positive") == 0.0
    assert polarity("Die Bilanz ist positiv.", "positiv") > 0
    assert polarity("Die Reaktionen fielen positiv aus.", "positiv") > 0


def test_polar_words_still_found(polarity):
    assert polarity("Die Kriegsgefahr wächst.", "Kriegsgefahr") < 0
    assert polarity("Die Familie ist arm.", "arm") < 0
    assert polarity("Die Würde des Menschen ist unantastbar.", "Würde") > 0


@pytest.mark.parametrize("text,word,sign", [
    ("Bei der Schießerei fielen mehrere Schüsse.", "Schüsse", -1),
    ("Der Auftritt endete mit einem Eklat.", "Eklat", -1),
    ("Die Firma meldet hohe Einbußen.", "Einbußen", -1),
    ("Die Verhandlungen blieben erfolglos.", "erfolglos", -1),
    ("Sie gilt als großes Talent.", "Talent", 1),
    ("Er kümmert sich liebevoll um die Tiere.", "liebevoll", 1),
])
def test_everyday_news_words_are_covered(polarity, text, word, sign):
    assert polarity(text, word) * sign > 0


@pytest.mark.parametrize("word", ["Kabinett", "Elfmeterschießen", "Abenteuer", "Vorsorge"])
def test_simple_words_are_not_split_into_polar_heads(polarity, word):
    # not Kabi|nett, Elfmet|erschießen, Aben|teuer, Vor|Sorge
    assert polarity(f"Das {word} kam.", word) == 0.0


def test_verbs_take_the_weight_of_their_ung_noun(polarity):
    assert polarity("Die Reisen verteuern sich.", "verteuern") < 0  # Verteuerung
    assert polarity("Sie verständigen sich rasch.", "verständigen") > 0  # Verständigung
    assert polarity("Die Partei verfolgt ein Ziel.", "verfolgt") == 0.0  # not Verfolgung


def test_hyphenated_polar_first_part(polarity):
    assert polarity("Die Boykott-Aufrufe mehren sich.", "Boykott-Aufrufe") < 0


def test_polar_first_part_colours_a_neutral_head(polarity):
    assert polarity("Die Polizei sperrte die Unfallstelle.", "Unfallstelle") < 0
    assert polarity("Die Friedensverhandlungen beginnen.", "Friedensverhandlungen") > 0
    # weaker than the polar noun itself
    assert abs(polarity("Die Polizei sperrte die Unfallstelle.", "Unfallstelle")) < abs(
        polarity("Der Unfall war schwer.", "Unfall"))


def test_hypothetical_is_damped(score):
    assert score("Es ist eine Katastrophe.") < score("Es wäre eine Katastrophe.") < 0


def test_target_sentiment_order_and_columns():
    texts = ["Russland droht mit einem brutalen Krieg.", "Berlin feiert einen großen Erfolg.",
             "Der Bus fährt nach Hamburg."]
    df = pd.DataFrame({"text": texts, "start_char": [0, 0, 22], "end_char": [8, 6, 29]},
                      index=[10, 11, 12])
    out = newskit.target_sentiment(df)
    assert list(out.columns) == ["label", "score"] and list(out.index) == [10, 11, 12]
    assert out["label"].tolist() == ["negative", "positive", "neutral"]


def test_target_sentiment_parses_each_text_once_and_keeps_every_row(nlp):
    """Many targets in one article (entities joined with their article's text): the text
    is parsed once, and each row gets what it gets alone."""
    text = "Russland droht mit einem brutalen Krieg. Berlin feiert einen großen Erfolg."
    other = "Der Bus fährt nach Hamburg."
    spans = [(text, 0, 8), (other, 19, 26), (text, 41, 47), (text, 0, 8)]
    df = pd.DataFrame(spans, columns=["text", "start_char", "end_char"], index=[5, 3, 9, 1])
    seen = []

    class Counting:  # the pipeline, counting the texts it is given
        pipe_names = nlp.pipe_names

        def pipe(self, texts, **kw):
            texts = list(texts)
            seen.extend(texts)
            return nlp.pipe(texts, **kw)

    out = newskit.target_sentiment(df, nlp=Counting(), progress=False)
    assert sorted(seen) == sorted([text, other])
    assert list(out.index) == [5, 3, 9, 1]
    assert out["label"].tolist() == ["negative", "neutral", "positive", "negative"]
    for i in df.index:
        alone = newskit.target_sentiment(df.loc[[i]], nlp=nlp, progress=False)
        assert alone.loc[i, "score"] == out.loc[i, "score"]


def test_target_score_is_damped_in_long_sentences():
    short = "Berlin feiert einen Erfolg."
    long = ("Berlin feiert einen Erfolg, während viele Menschen am Wochenende bei Sonne durch "
            "die Parks und Straßen der Innenstadt spazieren und am Abend in die Kinos gehen.")
    out = newskit.target_sentiment(pd.DataFrame({"text": [short, long], "start_char": [0, 0],
                                                 "end_char": [6, 6]}))
    assert out["score"][0] > out["score"][1] > 0


def test_neighbouring_sentences_count_less():
    own = "Der brutale Anschlag in Berlin war eine Katastrophe."
    before = "Der brutale Anschlag war eine Katastrophe. Die Polizei ermittelt in Berlin."
    alone = "Die Polizei ermittelt in Berlin."
    df = pd.DataFrame({"text": [own, before, alone],
                       "start_char": [own.index("Berlin"), before.index("Berlin"), alone.index("Berlin")]})
    df["end_char"] = df["start_char"] + len("Berlin")
    scores = newskit.target_sentiment(df)["score"].tolist()
    assert scores[0] < scores[1] < scores[2] == 0.0


def test_target_sentiment_needs_columns():
    with pytest.raises(ValueError, match="start_char"):
        newskit.target_sentiment(pd.DataFrame({"text": ["x"]}))


def test_seed_warning_is_negative_toward_russia(seed_doc):
    text = seed_doc.text
    sent = "warnte Russland erneut vor einem Angriff auf das Nachbarland"
    i = text.index(sent) + len("warnte ")
    out = newskit.target_sentiment(pd.DataFrame({"text": [text], "start_char": [i],
                                                 "end_char": [i + len("Russland")]}))
    assert out.loc[0, "label"] == "negative"
    ents = [e for e in seed_doc.ents if e._.nk_canonical in ("Russland", "Ukraine")
            and "Einmarsch" in e.sent.text and "warnte" in e.sent.text]
    assert ents and all(e._.nk_sentiment == "negative" for e in ents)


def test_seed_columns_filled():
    from tests.conftest import SEED

    result = newskit.analyze(newskit.load_corpus(SEED), cache_dir=None)
    assert result.sentences["score"].between(-1, 1).all()
    assert set(result.sentences["label"]) <= {"positive", "neutral", "negative"}
    assert result.entities["sentiment"].notna().all()
    assert result.quotes["sentiment"].notna().all()
    assert result.articles["sentiment"].notna().all()


def test_macro_f1_matches_the_report_and_cutoffs_separate():
    import numpy as np

    from newskit.eval.sentiment import best_cutoffs, cutoff_labels, macro_f1, scores

    rng = np.random.default_rng(0)
    classes = np.array(["positive", "neutral", "negative"])
    gold, pred = classes[rng.integers(0, 3, 200)], classes[rng.integers(0, 3, 200)]
    assert macro_f1(gold, pred) == pytest.approx(scores(list(gold), list(pred))[1]["macro_f1"],
                                                 abs=1e-4)
    x = np.array([-0.5, -0.3, 0.0, 0.02, 0.3, 0.45])
    gold = np.array(["negative", "negative", "neutral", "neutral", "positive", "positive"])
    low, high = best_cutoffs(x, gold)
    assert list(cutoff_labels(x, low, high)) == list(gold)
