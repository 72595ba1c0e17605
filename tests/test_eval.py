"""``newskit eval`` on tiny gold files written here: each metric checked by hand."""

import json

import pytest

from newskit.eval.ner import evaluate_ner
from newskit.eval.quotes import evaluate_quotes, greedy_match, jaccard, positions
from newskit.eval.sentiment import evaluate_sentiment
from newskit.eval.speakers import names_match, normalise_name, score_speakers

GERMEVAL = """# gold sentence 1
1\tAngela\tB-PER\tO
2\tMerkel\tI-PER\tO
3\tbesuchte\tO\tO
4\tParis\tB-LOC\tO
5\t.\tO\tO

# gold sentence 2
1\tDie\tO\tO
2\tNato\tB-ORG\tO
3\ttagte\tO\tO
4\tin\tO\tO
5\tBrüssel\tB-LOC\tO
6\t.\tO\tO
"""


def test_eval_ner_on_a_tiny_germeval_file(nlp, tmp_path):
    path = tmp_path / "gold.tsv"
    path.write_text(GERMEVAL, encoding="utf-8")
    table, summary = evaluate_ner(path, nlp, progress=False)
    assert summary["sentences"] == 2 and summary["support"] == 4
    assert table.loc["LOC", "support"] == 2 and table.loc["PER", "support"] == 1
    # "Angela Merkel", "Paris", "Nato", "Brüssel" are easy: all four found, exactly
    assert (summary["precision"], summary["recall"], summary["f1"]) == (1.0, 1.0, 1.0)


def _article(text, quotes):
    anns = []
    for k, (quote, speaker, typ) in enumerate(quotes):
        qs = text.index(quote)
        ann = {"id": k, "type": typ, "quote": {"spans": [{"charBegin": qs, "charEnd": qs + len(quote)}]},
               "speaker": {"spans": []}, "cue": {"spans": []}, "frame": {"spans": []},
               "addressee": {"spans": []}}
        if speaker:
            ss = text.index(speaker)
            ann["speaker"] = {"spans": [{"charBegin": ss, "charEnd": ss + len(speaker)}]}
        anns.append(ann)
    return {"originalText": text, "annotations": anns}


def test_eval_quotes_counts_match_hand_counts(nlp, tmp_path):
    arts = [
        _article("„Wir bleiben hart“, sagte Jana Kulik. Das Wetter war schön.",
                 [("Wir bleiben hart", "Jana Kulik", "Direct")]),
        _article("Der Bürgermeister Tim Otte erklärte, die Brücke sei sicher. Man weiß nicht mehr.",
                 [("die Brücke sei sicher", "Der Bürgermeister Tim Otte", "Indirect"),
                  ("Man weiß nicht mehr", None, "FreeIndirect")]),
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in arts), encoding="utf-8")
    gold_dir = tmp_path / "speakers"
    gold_dir.mkdir()
    (gold_dir / "part.tsv").write_text(
        "article\tann_id\ttype\tquote_start\tspeaker_start\tspeaker_end\tspeaker_text\treferent\t"
        "referent_type\tgender\tgender_evidence\tnote\n"
        "0\t0\tDirect\t1\t0\t0\tJana Kulik\tJana Kulik\tperson\tfemale\tfirst_name\t\n"
        "1\t0\tIndirect\t0\t0\t0\tTim Otte\tTim Otte\tperson\tmale\tfirst_name\t\n"
        "1\t1\tFreeIndirect\t0\t-1\t-1\t\t\tnone\t\t\t\n", encoding="utf-8")
    table, s = evaluate_quotes(path, nlp, progress=False, speaker_gold=gold_dir)
    assert (s["direct_f1"], table.loc["direct F1@0.8", "n_gold"]) == (1.0, 1)
    assert table.loc["speech F1@0.3", "n_gold"] == 3 and table.loc["speech F1@0.3", "tp"] == 2
    assert s["speaker_accuracy"] == 1.0 and s["speaker_n"] == 2
    assert s["speaker_canonical_accuracy"] == 1.0 and s["speaker_canonical_n"] == 2
    assert s["gender_accuracy"] == 1.0 and s["gender_n"] == 2


def test_eval_sentiment_on_a_tiny_gerntsa_file(nlp, tmp_path):
    items = [
        {"opinion_snippet": "Russland droht mit einem brutalen Krieg.",
         "target_anchor": {"from": 0, "to": 8}, "sentiment": {"polarity": "negative"}},
        {"opinion_snippet": "Die Stadt feiert den großartigen Erfolg ihres Teams.",
         "target_anchor": {"from": 4, "to": 9}, "sentiment": {"polarity": "positive"}},
        {"opinion_snippet": "Der Zug fährt um acht Uhr nach Köln.",
         "target_anchor": {"from": 4, "to": 7}, "sentiment": {"polarity": "neutral"}},
    ]
    path = tmp_path / "gerntsa.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    table, summary = evaluate_sentiment(path, nlp)
    assert summary["n"] == 3
    # one row and one column per class; the diagonal holds the right labels
    assert sum(summary["confusion"][i][i] for i in range(3)) == round(summary["accuracy"] * 3)
    assert summary["confusion"][2][2] == 1  # "brutalen Krieg": negative toward Russland


def test_metric_building_blocks():
    text = "„Ja“, sagte er."
    a, b = positions(text, [(1, 3)]), positions(text, [(0, 4)])
    assert a == b == frozenset({1, 2})  # quote marks do not count
    assert jaccard(frozenset({1, 2}), frozenset({2, 3})) == pytest.approx(1 / 3, abs=1e-3)
    assert greedy_match([frozenset({1, 2})], [frozenset({5}), frozenset({1, 2})], 0.5) == [(0, 1)]
    assert normalise_name("die Polizei") == "polizei"
    assert names_match("Merkel", "Angela Merkel", lenient=True)
    assert not names_match("Merkel", "Angela Merkel")
    # a surname the corpus completed counts as the article's surname, only leniently
    assert names_match("Angela Merkel", "Merkel", lenient=True)
    assert not names_match("Angela Merkel", "Merkel")
    assert not names_match("Otto Scholz", "Olaf Scholz", lenient=True)


def test_score_speakers_counts_junk_and_articles():
    import pandas as pd

    matches = pd.DataFrame({"speaker_canonical": ["Jana Kulik", "Kulik"],
                            "referent": ["Jana Kulik", "Jana Kulik"],
                            "referent_type": ["person", "person"], "gender": ["female", "female"]})
    predicted = pd.DataFrame({"speaker": ["Jana Kulik", "Demnach", "die Polizei"],
                              "speaker_canonical": ["Jana Kulik", "Demnach", "die Polizei"]})
    s = score_speakers(matches, predicted)
    assert s["speaker_canonical_accuracy"] == 0.5 and s["speaker_canonical_lenient"] == 1.0
    assert s["junk_speaker_share"] == pytest.approx(1 / 3, abs=1e-3)
    assert s["canonical_article_share"] == pytest.approx(1 / 3, abs=1e-3)
