"""The corpus-wide resolver: one name and one id per referent across articles."""

import pandas as pd

import newskit
from newskit.tables.referents import name_map, resolve_referents


def _ents(rows):
    return pd.DataFrame(rows, columns=["article_id", "label", "canonical"]).assign(
        gender="unknown", gender_evidence="none")


def test_surname_maps_to_the_one_full_name_in_the_corpus():
    ents = _ents([("a", "PER", "Vincent Okafor"), ("b", "PER", "Okafor"),
                  ("c", "PER", "Ben Tahar"), ("d", "PER", "Zine el-Abidine Ben Tahar")])
    assert name_map(ents) == {"Okafor": "Vincent Okafor",
                              "Ben Tahar": "Zine el-Abidine Ben Tahar"}


def test_ambiguous_surname_stays():
    ents = _ents([("a", "PER", "Olaf Brenner"), ("b", "PER", "Bubi Brenner"),
                  ("c", "PER", "Brenner")])
    assert "Brenner" not in name_map(ents)


def test_genitive_only_when_the_bare_name_is_more_frequent():
    ents = _ents([("a", "LOC", "Kirgistan"), ("b", "LOC", "Kirgistan"), ("c", "LOC", "Kirgistans"),
                  ("d", "PER", "Jo Wales"), ("e", "PER", "Jo Wales"), ("f", "PER", "Jo Wale")])
    m = name_map(ents)
    assert m.get("Kirgistans") == "Kirgistan" and "Jo Wales" not in m


def test_ids_are_shared_by_entities_and_quotes():
    ents = _ents([("a", "PER", "Vincent Okafor"), ("b", "PER", "Okafor")])
    quotes = pd.DataFrame({"article_id": ["b", "b"], "speaker_canonical": ["Okafor", None],
                           "speaker_gender": ["", ""], "speaker_gender_evidence": ["", ""],
                           "cue": ["sagte", None]})
    ents2, quotes2 = resolve_referents(ents, quotes)
    assert ents2["entity_id"].nunique() == 1
    assert quotes2.loc[0, "entity_id"] == ents2.loc[0, "entity_id"]
    assert quotes2["speaker_label"].tolist() == ["PER", ""]
    assert quotes2.loc[0, "speaker_canonical"] == "Vincent Okafor"


def test_corpus_through_analyze():
    corpus = pd.DataFrame({
        "article_id": ["a1", "a2"],
        "text": ["Die Ärztin Johanna Lindqvist warnte vor der Grippe. „Wir sind bereit“, "
                 "sagte Lindqvist.",
                 "Lindqvist sagte am Freitag, die Impfstoffe seien knapp."]})
    result = newskit.analyze(corpus, cache_dir=None)
    q = result.quotes
    assert set(q["speaker_canonical"]) == {"Johanna Lindqvist"}
    assert q["entity_id"].nunique() == 1 and (q["speaker_label"] == "PER").all()
    # the first name told the gender in article a1; it now holds in a2 too
    assert set(q["speaker_gender"]) == {"female"}
