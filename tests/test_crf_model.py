"""The array CRF decoder (``newskit.nlp.crf_model``) gives CRFsuite's own labels."""

import gzip

import numpy
import pytest

from newskit.nlp.crf_model import CRFModel, ModelFileError
from newskit.nlp.ner import _tagger, default_model_path, feature_domain
from newskit.nlp.ner_features import _across_words, sentence_features
from newskit.nlp.ner_rows import _across_rows, sentence_scores, window_scores

pycrfsuite = pytest.importorskip("pycrfsuite")

# sentences of our own with plausible STTS tags (the decoder must agree on any input)
SENTENCES = [
    ("Bundeskanzler Olaf Scholz traf am Montag in Paris den französischen Präsidenten "
     "Emmanuel Macron .", "NN NE NE VVFIN APPRART NN APPR NE ART ADJA NN NE NE $."),
    ("Die Deutsche Bahn und die Gewerkschaft GDL verhandeln wieder .",
     "ART ADJA NN KON ART NN NE VVFIN ADV $."),
    ("„ Wir sind zufrieden “ , sagte ein Sprecher von Siemens in München .",
     "$( PPER VAFIN ADJD $( $, VVFIN ART NN APPR NE APPR NE $."),
    ("Laut der Nachrichtenagentur dpa kamen beim Unglück in Hessen drei Menschen ums Leben .",
     "APPR ART NN NE VVFIN APPRART NN APPR NE CARD NN APPRART NN $."),
    ("Yang Liwei flog mit Shenzhou 5 ins All .", "NE NE VVFIN APPR NE CARD APPRART NN $."),
    ("Regen .", "NN $."),
    ("Der FC Bayern München gewann gegen Borussia Dortmund mit 2 : 1 .",
     "ART NE NE NE VVFIN APPR NE NE APPR CARD $( CARD $."),
]


@pytest.fixture(scope="module")
def shipped():
    path = str(default_model_path())
    return CRFModel.from_bytes(gzip.decompress(default_model_path().read_bytes())), _tagger(path)


def test_labels_as_crfsuite_reads_them(shipped):
    model, tagger = shipped
    assert model.labels == list(tagger.labels())
    assert model.state.shape[1] == len(model.labels) == model.trans.shape[0]


def test_array_decoder_tags_as_crfsuite(shipped):
    model, tagger = shipped
    domain = feature_domain(default_model_path())
    scores = []
    for words, tags in SENTENCES:
        w, t = words.split(), tags.split()
        assert len(w) == len(t)
        expected = tagger.tag(sentence_features(w, t, domain))
        assert model.tag([model.ids(fs) for fs in sentence_features(w, t, domain)]) == expected
        s = sentence_scores(w, t, model, domain)  # summed rows per word, cached
        assert model.tag_scores([s])[0] == expected
        scores.append((s, expected))
    # side by side in one batch (different lengths) as one by one
    assert model.tag_scores([s for s, _ in scores]) == [e for _, e in scores]
    # the cached word rows give the same scores the second time
    w, t = SENTENCES[0][0].split(), SENTENCES[0][1].split()
    assert numpy.allclose(sentence_scores(w, t, model, domain), scores[0][0])
    assert any(label != "O" for _, e in scores for label in e)


def test_window_and_pair_rows_give_the_same_scores(shipped):
    # the scores of many sentences summed together, and the rows of word pairs looked up
    # once, are exactly those of the feature strings sentence by sentence
    model, tagger = shipped
    pairs = [(w.split(), t.split()) for w, t in SENTENCES]
    alone = [sentence_scores(w, t, model) for w, t in pairs]
    together = window_scores(pairs, model)
    assert all(numpy.array_equal(a, b) for a, b in zip(alone, together))
    for w, t in pairs:
        blocks = [model.cache[(x, y, None)] for x, y in zip(w, t)]
        strings = model.scores([model.ids(e) for e in _across_words(w, t, blocks)])
        assert numpy.array_equal(strings, model.scores(_across_rows(w, t, blocks, model)))
        expected = tagger.tag(sentence_features(w, t, feature_domain(default_model_path())))
        assert model.tag_scores(window_scores([(w, t)], model))[0] == expected


def test_dropping_added_rows_forgets_the_word_cache(shipped):
    model, _ = shipped
    w, t = SENTENCES[1][0].split(), SENTENCES[1][1].split()
    before = sentence_scores(w, t, model)
    assert model.added_rows > 0 and model.cache
    model.drop_added_rows()
    assert model.added_rows == 0 and not model.cache
    assert numpy.allclose(sentence_scores(w, t, model), before)


def test_damaged_model_bytes_are_refused(shipped):
    data = gzip.decompress(default_model_path().read_bytes())
    for bad in (b"", b"not a model", data[: len(data) // 2], b"xCRF" + data[4:]):
        with pytest.raises(ModelFileError):
            CRFModel.from_bytes(bad)
    broken = bytearray(data)
    broken[68:72] = b"\xff\xff\xff\x7f"  # the first feature's target label out of range
    with pytest.raises(ModelFileError):
        CRFModel.from_bytes(bytes(broken))
