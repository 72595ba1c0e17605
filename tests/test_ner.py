"""Entity model: feature tables, span repairs, corpus readers (offline; data-dependent
checks skip when ../shared is absent)."""

import gzip
import json

import pytest

from newskit.nlp.ner import repair_spans


def _words(text):
    return text.split()


def test_sentence_initial_first_name_joins_the_surname():
    words = _words("Alan Turing wurde in einem Vorort von London geboren .")
    assert repair_spans(words, [(0, 1, "PER"), (1, 2, "PER")]) == [(0, 2, "PER")]
    assert repair_spans(words, [(0, 1, "LOC"), (1, 2, "PER")]) == [(0, 2, "PER")]
    assert repair_spans(words, [(1, 2, "PER")]) == [(0, 2, "PER")]


def test_sentence_initial_common_word_stays_outside():
    words = _words("Nach Merkel sprach der Gast .")
    assert repair_spans(words, [(1, 2, "PER")]) == [(1, 2, "PER")]
    words = _words("Kanzlerin Merkel sprach .")
    assert repair_spans(words, [(1, 2, "PER")]) == [(1, 2, "PER")]


def test_foreign_first_names_are_not_cut():
    words = _words("Im Museum erklärte Yang Liwei seinen Flug .")
    assert repair_spans(words, [(4, 5, "PER")]) == [(3, 5, "PER")]
    words = _words("Das Zeltdach entwarf Frei Otto mit Kollegen .")
    assert repair_spans(words, [(4, 5, "PER")]) == [(3, 5, "PER")]


def test_affiliation_is_split_from_the_name():
    words = _words("Die Frage beantwortete CDU/CSU Norbert Röttgen knapp .")
    assert repair_spans(words, [(3, 6, "ORG")]) == [(3, 4, "ORG"), (4, 6, "PER")]
    org = _words("Sie arbeitet bei der Deutschen Bank in Frankfurt .")
    assert repair_spans(org, [(4, 6, "ORG")]) == [(4, 6, "ORG")]


def test_genitive_place_is_not_a_person():
    words = _words("Die Bürgermeisterin Berlins eröffnete den Markt .")
    assert repair_spans(words, [(2, 3, "PER")]) == [(2, 3, "LOC")]
    person = _words("Die Rede von Merkel dauerte lange .")
    assert repair_spans(person, [(3, 4, "PER")]) == [(3, 4, "PER")]


def test_cluster_table_ships_and_encodes_paths():
    from newskit.nlp.ner_features import cluster_table

    table = cluster_table()
    assert len(table) > 100_000
    assert table["Merkel"][0] == table["Scholz"][0] != "0"  # one cluster for surnames
    assert table["Berlin"][0] == table["Hamburg"][0]  # and one for cities
    assert int(table["der"][1]) < int(table["Merkel"][1])  # frequency bin: smaller = commoner


def test_cluster_features_at_several_prefix_lengths():
    from newskit.nlp.ner_features import CLUSTER_PREFIXES, sentence_features

    feats = sentence_features(["Merkel", "sagte", "Zlxqwv"], ["NE", "VVFIN", "NE"])
    own = set(feats[0])
    for bits in CLUSTER_PREFIXES:
        assert any(f.startswith(f"c{bits}=") for f in own)
    assert any(f.startswith("fq=") for f in own)
    assert any(f.startswith("1c6=") for f in feats[0])  # the neighbour's cluster
    assert "c4=none" in feats[2] and "fq=99" in feats[2]  # unknown word


def test_feature_cost_is_linear_in_sentence_length():
    import time

    from newskit.nlp.ner_features import sentence_features

    words = "Der Minister Olaf Scholz sprach am Montag in Berlin mit der Presse .".split()
    tags = ["ART", "NN", "NE", "NE", "VVFIN", "APPRART", "NN", "APPR", "NE", "APPR", "ART",
            "NN", "$."]
    sentence_features(words, tags)  # warm the per-word cache

    def cost(k):  # CPU time of this process, the best of five runs (other jobs do not count)
        runs = []
        for _ in range(5):
            t0 = time.process_time()
            for _ in range(20):
                sentence_features(words * k, tags * k)
            runs.append(time.process_time() - t0)
        return min(runs)

    assert cost(40) < 80 * cost(1) + 0.05  # 40x the words: far from quadratic


def test_smartdata_mentions_map_to_germeval_labels():
    from newskit.nlp.ner_training import mention_label

    assert mention_label("person", "Harald Wester") == "PER"
    assert mention_label("ORGANIZATION_COMPANY", "Maserati") == "ORG"
    assert mention_label("location-city", "Genf") == "LOC"
    assert mention_label("location-street", "Hauptstraße") == "skip"
    assert mention_label("location", "italienische") == "skip"  # lower-case nominal
    assert mention_label("date", "2012") is None


def test_read_smartdata_aligns_mentions_to_tokens(tmp_path):
    from newskit.nlp.ner_training import read_smartdata

    text = "Der VW-Chef traf Harald Wester in Genf. Danach ging es zur Hauptstraße."
    mentions = [{"start": 4, "end": 6, "type": "organization-company", "text": "VW"},
                {"start": 17, "end": 30, "type": "person", "text": "Harald Wester"},
                {"start": 34, "end": 38, "type": "location-city", "text": "Genf"},
                {"start": 59, "end": 70, "type": "location-street", "text": "Hauptstraße"}]
    path = tmp_path / "sd.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"docType": "NEWS_HTML", "text": text, "mentions": mentions}) + "\n")
    sents = list(read_smartdata(path))
    assert len(sents) == 2
    words, labels, doc_type = sents[0]
    assert doc_type == "NEWS_HTML"
    assert dict(zip(words, labels)) == {"Der": "O", "VW-Chef": "O", "traf": "O",
                                        "Harald": "B-PER", "Wester": "I-PER", "in": "O",
                                        "Genf": "B-LOC", ".": "O"}
    assert "B-skip" in sents[1][1]


def test_read_mobie(shared_data):
    from newskit.nlp.ner_training import read_conll

    sents = list(read_conll(shared_data / "mobie" / "dev.conll2003", fine_types=True))
    labels = {lab for _, labs in sents for lab in labs}
    assert {"B-ORG", "B-LOC", "B-skip"} <= labels
    assert labels <= {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-skip",
                      "I-skip"}
    assert not any(w == "-DOCSTART-" for ws, _ in sents for w in ws)


@pytest.mark.parametrize("text,expected", [
    ("Alan Turing wurde in London geboren.", ("Alan Turing", "PER")),
    ("Die Bürgermeisterin Berlins eröffnete den Markt.", ("Berlins", "LOC")),
])
def test_pipeline_applies_the_repairs(nlp, text, expected):
    assert expected in {(e.text, e.label_) for e in nlp(text).ents}


def test_cluster_table_is_searched_in_place():
    from newskit.nlp.ner_tables import ClusterTable, cluster_file_bytes, parse_cluster_file

    rows = [("Bundesverfassungsgericht", 7, 13), ("Bundesverfassungsgerichts", 7, 15),
            ("Bundesverfassung", 9, 14), ("Öl", 3, 12), ("der", 1, 4)]
    table = parse_cluster_file(cluster_file_bytes(rows, {"name-clusters": [7, 3]}))
    assert isinstance(table, ClusterTable) and len(table) == 5
    for word, cluster, freq in rows:  # words sharing a long prefix are told apart
        assert table[word] == (str(cluster), str(freq))
    assert table.get("Bundesverfassungsgerich") is None and "Oel" not in table
    assert table.meta == {"name-clusters": frozenset({3, 7})}
    assert dict(table.items())["Öl"] == ("3", "12")


def test_repair_clusters_in_the_header_match_the_tables():
    from newskit.nlp.ner_tables import META_KEYS, cluster_table, gazetteer, repair_clusters

    table = cluster_table()
    assert set(META_KEYS) <= set(table.meta)  # built by training/build_clusters.py
    assert repair_clusters(table, gazetteer()[0]) == {k: table.meta[k] for k in META_KEYS}


def test_quoted_titles_are_marked():
    from newskit.nlp.ner_features import quote_features, sentence_features

    words = _words('Sie las " Die Blechtrommel " und sagte : " Das ist ein sehr langes Zitat '
                   'über das Buch " .')
    q = quote_features(words)
    assert q[3] == ["q=Bs"] and q[4] == ["q=Es"]
    assert q[10] == ["q=Bl"] and q[11] == ["q=Il"]
    assert q[0] == q[2] == q[5] == q[9] == []
    feats = sentence_features(words, ["X"] * len(words))
    assert "q=Bs" in feats[3] and "news:q=Bs" in feats[3]


def test_bundestag_clusters_ship_and_group_names():
    from newskit.nlp.ner_features import bt_clusters

    bt = bt_clusters()  # built by training/build_bundestag_clusters.py
    assert len(bt) > 30_000
    assert len(bt["Merkel"].split("\t")) == 3  # one cluster number per k
    k1024 = {w: bt[w].split("\t")[-1] for w in ("Berlin", "Hamburg", "Merkel")}
    assert k1024["Berlin"] == k1024["Hamburg"] != k1024["Merkel"]  # cities apart from persons


def test_bundestag_clusters_and_bigrams_are_features():
    from newskit.nlp.ner_features import sentence_features

    feats = sentence_features(["Die", "Deutsche", "Bank", "Zlxqwv"], ["ART", "ADJA", "NN", "NE"])
    assert {"b1", "b2", "b3"} <= {f.split("=")[0] for f in feats[2]}
    assert any(f.startswith("-1b2=") for f in feats[2])  # the neighbour's cluster
    assert "w-1|w=deutsche|bank" in feats[2] and "news:w|w+1=bank|zlxqwv" in feats[2]
    assert "s-1|s|s+1=Xx|Xx|Xx" in feats[2]
    assert "bt=none" in feats[3]


def test_country_after_an_organisation_names_its_branch():
    words = "Die Financial Times Deutschland berichtete".split()
    assert repair_spans(words, [(1, 3, "ORG"), (3, 4, "LOC")]) == [(1, 4, "ORG")]
    assert repair_spans(words, [(1, 3, "ORG")]) == [(1, 4, "ORG")]  # the country untagged
    assert repair_spans(words, [(1, 3, "PER"), (3, 4, "LOC")]) == [(1, 3, "PER"), (3, 4, "LOC")]


def test_listed_organisation_keeps_its_branch(nlp):
    doc = nlp("Amnesty International Österreich teilte mit, die Lage sei ernst.")
    assert [(e.text, e.label_) for e in doc.ents][:1] == [("Amnesty International Österreich", "ORG")]


def test_bioes_labels_give_the_same_spans_as_bio():
    import random

    from newskit.nlp.ner import bio_to_spans
    from newskit.nlp.ner_training import to_bioes

    rng = random.Random(7)
    for _ in range(500):
        labels, i = [], 0
        while i < 12:  # valid BIO: entities of 1-3 tokens, adjacent ones of any type
            if rng.random() < 0.4:
                kind, n = rng.choice(["PER", "ORG", "LOC", "MISC"]), rng.randint(1, 3)
                labels += ["B-" + kind] + ["I-" + kind] * (n - 1)
                i += n
            else:
                labels.append("O")
                i += 1
        bioes = to_bioes(labels)
        assert bio_to_spans(bioes) == bio_to_spans(labels)
        # every entity ends in S- or E- and nothing else ends one
        assert sum(lab[:2] in ("S-", "E-") for lab in bioes) == len(bio_to_spans(labels))



def test_organisation_head_makes_a_person_or_place_an_organisation():
    words = _words("Der Leopold Stocker Verlag und die Hans-Böckler-Stiftung klagen .")
    assert repair_spans(words, [(1, 4, "PER"), (6, 7, "PER")]) == [(1, 4, "ORG"), (6, 7, "ORG")]
    words = _words("Die Berliner Volksbank AG meldet Gewinne .")
    assert repair_spans(words, [(1, 4, "LOC")]) == [(1, 4, "ORG")]


def test_organisation_head_leaves_names_and_bare_nouns():
    words = _words("Der Verlag und Angela Merkel sowie Bank widersprachen .")
    spans = [(1, 2, "PER"), (3, 5, "PER"), (6, 7, "PER")]
    assert repair_spans(words, spans) == spans
