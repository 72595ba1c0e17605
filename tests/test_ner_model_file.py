"""The entity model file: dropping training-only domains and folding the ``news:``
feature copies into the plain features (``training/strip_crf_model.py``) must leave
every prediction as it was."""

import gzip
import sys
from pathlib import Path

import pytest

pycrfsuite = pytest.importorskip("pycrfsuite")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))

from strip_crf_model import HEADER, _cqdb_read, cqdb_hash, strip  # noqa: E402

from newskit.nlp.ner import default_model_path, feature_domain  # noqa: E402
from newskit.nlp.ner_features import sentence_features  # noqa: E402

# (words, tags, labels) — sentences of our own, a few entities of each kind
SENTENCES = [
    ("Anna Weber wohnt in Köln .", "NE NE VVFIN APPR NE $.", "B-PER I-PER O O B-LOC O"),
    ("Die Firma Siemens baut in Erlangen .", "ART NN NE VVFIN APPR NE $.",
     "O O B-ORG O O B-LOC O"),
    ("Peter Braun reist nach Wien .", "NE NE VVFIN APPR NE $.", "B-PER I-PER O O B-LOC O"),
    ("Der Verein Hertha spielt heute .", "ART NN NE VVFIN ADV $.", "O O B-ORG O O O"),
    ("Laut Maria Schulz ist Berlin teuer .", "APPR NE NE VAFIN NE ADJD $.",
     "O B-PER I-PER O B-LOC O O"),
    ("Die Bahn streicht Züge nach Hamburg .", "ART NN VVFIN NN APPR NE $.",
     "O B-ORG O O O B-LOC O"),
    ("Heute regnet es in München .", "ADV VVFIN PPER APPR NE $.", "O O O O B-LOC O"),
    ("Jonas Keller lobt die Telekom .", "NE NE VVFIN ART NE $.", "B-PER I-PER O O B-ORG O"),
]
UNSEEN = [
    ("Lena Vogt fährt nach Bremen .", "NE NE VVFIN APPR NE $."),
    ("Die Post liefert in Dresden .", "ART NN VVFIN APPR NE $."),
    ("Siemens lobt Anna in Wien .", "NE VVFIN NE APPR NE $."),
]


def _items(domain):
    return [(sentence_features(w.split(), t.split(), domain), lab.split())
            for w, t, lab in SENTENCES]


@pytest.fixture(scope="module")
def full_model(tmp_path_factory):
    """A small model trained as the shipped one is: a ``news`` copy and a ``hist`` copy
    of the features (the same sentences twice, with different labels for one word so the
    domains disagree), strong L1 so that some plain features lose all their weight."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, labels in _items("news"):
        trainer.append(feats, labels)
    for feats, labels in _items("hist"):
        trainer.append(feats, ["O" if lab.endswith("ORG") else lab for lab in labels])
    trainer.set_params({"c1": 0.3, "c2": 0.01, "max_iterations": 80,
                        "feature.possible_transitions": True})
    path = tmp_path_factory.mktemp("crf") / "full.crfsuite"
    trainer.train(str(path))
    return path


def _keys(data):
    return _cqdb_read(data, HEADER.unpack_from(data, 0)[9])[0]


def test_merged_model_tags_plain_features_like_the_full_model(full_model, tmp_path):
    raw = full_model.read_bytes()
    merged = tmp_path / "merged.crfsuite"
    merged.write_bytes(strip(raw, ("hist:",), merge="news:"))
    keys = _keys(merged.read_bytes())
    assert not any(k.startswith((b"news:", b"hist:")) for k in keys)
    # strong L1 zeroed some plain features whose news: copy kept a weight: those are
    # renamed (and re-hashed), so the merged model knows them under the plain name
    full_keys = set(_keys(raw))
    renamed = {k for k in keys if k not in full_keys}
    assert renamed and all(b"news:" + k in full_keys for k in renamed)
    a, b = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    a.open(str(full_model))
    b.open(str(merged))
    for words, tags in UNSEEN + [(w, t) for w, t, _ in SENTENCES]:
        full = sentence_features(words.split(), tags.split())
        plain = sentence_features(words.split(), tags.split(), domain=None)
        ya = a.tag(full)
        assert b.tag(plain) == ya
        assert b.probability(ya) == pytest.approx(a.probability(ya), abs=1e-9)
        for j, label in enumerate(ya):
            assert b.marginal(label, j) == pytest.approx(a.marginal(label, j), abs=1e-9)
    # without folding, the plain features alone would not do
    stripped = tmp_path / "stripped.crfsuite"
    stripped.write_bytes(strip(raw, ("hist:",)))
    c = pycrfsuite.Tagger()
    c.open(str(stripped))
    gaps = []
    for words, tags in UNSEEN:
        ya = a.tag(sentence_features(words.split(), tags.split()))
        c.set(sentence_features(words.split(), tags.split(), domain=None))
        gaps.append(abs(c.probability(ya) - a.probability(ya)))
    assert max(gaps) > 1e-3


def test_cqdb_hash_matches_the_shipped_model_keys():
    data = gzip.decompress(default_model_path().read_bytes())
    keys, hashes, _ = _cqdb_read(data, HEADER.unpack_from(data, 0)[9])
    assert len(keys) > 10_000
    sample = range(0, len(keys), 7)
    assert all(cqdb_hash(keys[i]) == hashes[i] for i in sample)


def test_feature_domain_follows_the_description_next_to_the_model(tmp_path):
    assert feature_domain(default_model_path()) is None  # shipped: merged
    model = tmp_path / "own.crfsuite"
    model.write_bytes(b"")
    assert feature_domain(model) == "news"  # as newskit.nlp.ner.train writes it
    (tmp_path / "own.json").write_text('{"merged_domain": "news"}')
    assert feature_domain(model) is None
    (tmp_path / "own.json").write_text("[not json")
    with pytest.raises(ValueError, match="own.json"):
        feature_domain(model)
