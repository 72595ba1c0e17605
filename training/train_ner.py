"""Build the shipped entity model ``newskit/data/ner_de.crfsuite.gz``.

Usage:
    python training/train_ner.py [--data ../shared/data] [--iterations 60] [--c1 X] [--c2 Y]
        [--out PATH] [--scheme bio|bioes]
        [--no-europeana] [--no-smartdata] [--no-mobie] [--no-smartdata-dev]

Corpora (read from ``--data``, never copied; licences in NOTICE), each with its own
domain copy of every feature ("frustratingly easy" domain adaptation: a feature
appears once shared and once as ``DOMAIN:feature``; prediction uses ``news``):

* GermEval 2014 dev + test part 1 (CC BY 4.0), domain ``news``;
* Europeana Newspapers lft/onb/sbb (CC0), historical newspapers, domain ``hist``;
* SmartData v1 train (CC BY 4.0), business news, RSS and tweets, domain ``sd``, and,
  for the shipped model only, SmartData v3 dev (which ``bench/train_ner.py`` scores on);
* MobIE train (CC BY 4.0), traffic tweets and reports, domain ``mob``.

SmartData/MobIE types map to PER (person), ORG (organization, organization-company)
and LOC (location, location-city); sentences with streets, stops or routes are left
out, and lower-case nominal mentions are not entities. The written model keeps only
the shared and the ``news:`` attributes (``training/strip_crf_model.py``; the others
never fire at prediction), with each ``news:`` weight folded into its plain feature
(``ner_de.json`` next to the model tells the entity component to send the plain
features only), checked to tag 500 sentences exactly as the full model. ``bench/train_ner.py`` cross-
validates the same recipe.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

EUROPEANA = ("lft", "onb", "sbb")
OTHER_DOMAINS = ("hist", "sd", "mob")  # training-only domains (prediction uses ``news``)
# written next to the model: its ``news:`` weights are folded into the plain features, so
# the entity component gives it the plain features only (``newskit.nlp.ner.feature_domain``)
MODEL_META = {"merged_domain": "news", "built_by": "training/train_ner.py"}


def _fine(sentences):
    """The sentences without streets, stops or routes."""
    from newskit.nlp.ner_training import has_skipped

    return [(w, lab) for w, lab in sentences if not has_skipped(lab)]


def _items(name: str, sents, domain: str, tag_cache: Path | None, parts: bool = False) -> list:
    """Features of ``sents``; HanTa's tags are kept in ``tag_cache/NAME.json`` when given
    (tagging takes most of the time, and the tags do not change with the features)."""
    import json

    from newskit.nlp.ner_training import sentence_items
    from newskit.nlp.tagger import tag_tokens

    sents = list(sents)
    cache = tag_cache / f"{name}.json" if tag_cache else None
    tags = None
    if cache and cache.exists():
        tags = json.loads(cache.read_text())
        if len(tags) != len(sents):
            tags = None
    if tags is None:
        tags = [[t for t, _ in tag_tokens(words)] for words, _ in sents]
        if cache:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_text(json.dumps(tags))
    return list(sentence_items(sents, domain, tags, parts))


def corpus_items(data: Path, *, europeana: bool = True, smartdata: bool = True,
                 mobie: bool = True, smartdata_dev: bool = False,
                 tag_cache: Path | None = None, parts: bool = False) -> dict[str, list]:
    """``(features, labels)`` per sentence of each training corpus, by corpus name."""
    from newskit.nlp.ner_training import read_conll, read_germeval, read_smartdata

    germeval = data / "germeval2014"
    items = {"dev": _items("dev", read_germeval(germeval / "NER-de-dev.tsv"), "news", tag_cache,
                           parts),
             "part1": _items("part1", read_germeval(germeval / "NER-de-test-part1.tsv"), "news",
                             tag_cache, parts)}
    if europeana:
        sents = [s for name in EUROPEANA
                 for s in read_conll(data / f"europeana-ner-de/enp_DE.{name}.bio")]
        items["europeana"] = _items("europeana", sents, "hist", tag_cache)
    smart = ["smartdata-v1-train"] if smartdata else []
    if smartdata_dev:
        smart.append("smartdata-v3-dev")
    for name in smart:
        sents = [(w, lab) for w, lab, _ in read_smartdata(data / f"smartdata/{name}.jsonl.gz")]
        items[name] = _items(name, _fine(sents), "sd", tag_cache)
    if mobie:
        sents = read_conll(data / "mobie/train.conll2003", fine_types=True)
        items["mobie"] = _items("mobie", _fine(sents), "mob", tag_cache)
    return items


def main() -> None:
    from newskit.nlp.ner import default_model_path
    from newskit.nlp.ner_training import train_items

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--no-europeana", dest="europeana", action="store_false")
    ap.add_argument("--no-smartdata", dest="smartdata", action="store_false")
    ap.add_argument("--no-mobie", dest="mobie", action="store_false")
    ap.add_argument("--no-smartdata-dev", dest="smartdata_dev", action="store_false",
                    help="leave SmartData v3 dev out (it is in the shipped model)")
    ap.add_argument("--iterations", type=int, default=60)
    ap.add_argument("--c1", type=float, default=0.05, help="L1 regularisation (CRFsuite c1)")
    ap.add_argument("--c2", type=float, default=0.05, help="L2 regularisation (CRFsuite c2)")
    ap.add_argument("--scheme", choices=["bio", "bioes"], default="bio",
                    help="labels the CRF learns (newskit.nlp.ner_training.to_bioes)")
    ap.add_argument("--tag-cache", type=Path, help="keep HanTa's tags of the corpora here")
    ap.add_argument("--out", default=str(default_model_path()),
                    help="where to write the model (default: the shipped one)")
    args = ap.parse_args()
    t0 = time.time()
    items = corpus_items(Path(args.data), europeana=args.europeana, smartdata=args.smartdata,
                         mobie=args.mobie, smartdata_dev=args.smartdata_dev,
                         tag_cache=args.tag_cache)
    every = [it for its in items.values() for it in its]
    print(", ".join(f"{k} {len(v)}" for k, v in items.items()), f"sentences ({time.time() - t0:.0f}s)")
    import gzip
    import tempfile

    from strip_crf_model import strip  # training/strip_crf_model.py

    with tempfile.TemporaryDirectory() as tmp:
        full = train_items(every, Path(tmp) / "full.crfsuite", max_iterations=args.iterations,
                           c1=args.c1, c2=args.c2, scheme=args.scheme)
        raw = full.read_bytes()
        # only ``news`` features are ever seen at prediction: drop the other domains'
        # attributes (identical tags, a smaller and faster model), and check that
        # and fold the ``news:`` weights into the plain features (half the lookups)
        stripped = Path(tmp) / "news.crfsuite"
        stripped.write_bytes(strip(raw, tuple(f"{d}:" for d in OTHER_DOMAINS), merge="news:"))
        _check_same_tags(full, stripped, items["dev"][:500])
        path = Path(args.out)
        path.write_bytes(gzip.compress(stripped.read_bytes(), compresslevel=9, mtime=0))
        meta = path.with_name(path.name.split(".crfsuite")[0] + ".json")
        meta.write_text(json.dumps(MODEL_META, indent=1) + "\n", encoding="utf-8")
    print(f"trained on {len(every)} sentences in {time.time() - t0:.0f}s -> {path} "
          f"({path.stat().st_size / 1e6:.1f} MB; {len(raw) / 1e6:.1f} MB unpacked before "
          f"stripping, {stripped_size(path) / 1e6:.1f} MB after)")


def stripped_size(path: Path) -> int:
    import gzip

    return len(gzip.decompress(path.read_bytes()))


def _check_same_tags(full: Path, stripped: Path, items) -> None:
    """The full model with ``news`` features and the stripped, merged one with the plain
    features give the same labels and probabilities on GermEval dev sentences."""
    import pycrfsuite

    from newskit.nlp.ner_features import sentence_features

    a, b = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    a.open(str(full))
    b.open(str(stripped))
    for feats, _ in items:
        plain = [[f for f in fs if not f.startswith("news:")] for fs in feats]
        ya = a.tag(feats)
        if ya != b.tag(plain) or abs(a.probability(ya) - b.probability(ya)) > 1e-9:
            raise SystemExit("the stripped model tags differently; not written")
    assert sentence_features(["Ein", "Satz"], ["ART", "NN"], None) == \
        [[f for f in fs if not f.startswith("news:")]
         for fs in sentence_features(["Ein", "Satz"], ["ART", "NN"])]


if __name__ == "__main__":
    main()
