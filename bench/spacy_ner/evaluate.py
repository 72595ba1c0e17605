# ruff: noqa: E402  (imports after the sys.path lines that find newskit and its scripts)
"""Score the spaCy NER model, the CRF fold model and ensembles on GermEval 2014 part 1
fold 0 (gold tokens, exact spans, *deriv/*part ignored as in bench/train_ner.py).

Usage: python bench/spacy_ner/evaluate.py [--spacy /tmp/spacy_ner/out/model-best]
       [--crf /tmp/spacy_ner/crf/fold0.crfsuite] [--json /tmp/spacy_ner/results.json]
"""
import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import spacy
from spacy.tokens import Doc, Span
from train_ner import _pipeline, _table  # bench/train_ner.py

from newskit.eval.ner import _char_spans, _gold_token_docs, count_spans
from newskit.nlp.ner import LABELS, bio_to_spans
from newskit.nlp.ner_training import read_germeval


def fold_data(data: Path, cv=5, k=0):
    part1 = list(read_germeval(data / "germeval2014/NER-de-test-part1.tsv"))
    n = len(part1)
    bounds = [round(i * n / cv) for i in range(cv + 1)]
    return part1[bounds[k]: bounds[k + 1]]


def gold_doc(vocab, words):
    doc = Doc(vocab, words=words, spaces=[True] * (len(words) - 1) + [False])
    for i, tok in enumerate(doc):
        tok.is_sent_start = i == 0
    return doc


def token_spans(doc):
    return [(e.start, e.end, e.label_) for e in doc.ents]


def overlaps(a, spans):
    return any(a[0] < b[1] and b[0] < a[1] for b in spans)


def docs_with(vocab, data, span_lists):
    for (words, _), spans in zip(data, span_lists):
        doc = gold_doc(vocab, words)
        doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in sorted(spans)]
        yield doc


def score(items, vocab, data, span_lists):
    tp, fp, fn = count_spans(items, docs_with(vocab, data, span_lists))
    return _table(tp, fp, fn, LABELS)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--spacy", default="/tmp/spacy_ner/out/model-best")
    ap.add_argument("--crf", default="/tmp/spacy_ner/crf/fold0.crfsuite")
    ap.add_argument("--json", default="/tmp/spacy_ner/results.json")
    args = ap.parse_args()
    data = fold_data(Path(args.data))
    items = [_char_spans(w, lab) for w, lab in data]
    n_tok = sum(len(w) for w, _ in data)
    res = {"sentences": len(data), "tokens": n_tok}

    # --- CRF exactly as bench/train_ner.py scores it (pipeline + _gold_token_docs)
    crf_nlp = _pipeline(Path(args.crf), True)
    t = time.time()
    crf_docs = list(_gold_token_docs(crf_nlp, data))
    res["crf_seconds_incl_hanta"] = round(time.time() - t, 2)
    tp, fp, fn = count_spans(items, crf_docs)
    res["crf_bench_way"] = _table(tp, fp, fn, LABELS)
    crf_spans = [token_spans(d) for d in crf_docs]
    res["crf"] = score(items, crf_nlp.vocab, data, crf_spans)  # re-built docs: must equal
    assert res["crf"] == res["crf_bench_way"], "re-scoring token spans differs"

    # --- spaCy model on gold tokens
    nlp = spacy.load(args.spacy)
    docs = [gold_doc(nlp.vocab, w) for w, _ in data]
    for d in docs[:20]:  # warm-up
        nlp(gold_doc(nlp.vocab, [t.text for t in d]))
    best = None
    for _ in range(3):
        ds = [gold_doc(nlp.vocab, w) for w, _ in data]
        t, pt = time.perf_counter(), time.process_time()
        out = list(nlp.pipe(ds, batch_size=256))
        dt, cpu = time.perf_counter() - t, time.process_time() - pt
        if best is None or dt < best[0]:
            best = (dt, cpu)
    res["spacy_speed"] = {"pipeline": nlp.pipe_names, "batch_size": 256,
                          "best_of_3_wall_s": round(best[0], 3), "cpu_s": round(best[1], 3),
                          "tokens_per_s_wall": round(n_tok / best[0]),
                          "tokens_per_s_cpu": round(n_tok / best[1])}
    ds = [gold_doc(nlp.vocab, w) for w, _ in data]
    t = time.perf_counter()
    out1 = [nlp(d) for d in ds]
    res["spacy_speed"]["one_doc_at_a_time_tokens_per_s"] = round(n_tok / (time.perf_counter() - t))
    sp_spans = [token_spans(d) for d in out]
    assert sp_spans == [token_spans(d) for d in out1]
    res["spacy"] = score(items, nlp.vocab, data, sp_spans)

    # --- ensembles
    a = [c + [s for s in sp if not overlaps(s, c)] for c, sp in zip(crf_spans, sp_spans)]
    b = [sp + [c for c in cr if not overlaps(c, sp)] for cr, sp in zip(crf_spans, sp_spans)]
    c = [sorted(set(cr) & set(sp)) for cr, sp in zip(crf_spans, sp_spans)]
    res["ens_a_crf_plus_spacy_nonoverlap"] = score(items, nlp.vocab, data, a)
    res["ens_b_spacy_plus_crf_nonoverlap"] = score(items, nlp.vocab, data, b)
    res["ens_c_agree_exact"] = score(items, nlp.vocab, data, c)

    # --- complementarity (gold spans found by one system only)
    gold_tok = [{s for s in bio_to_spans(labels) if "deriv" not in s[2] and "part" not in s[2]}
                for _, labels in data]
    both = only_crf = only_sp = neither = 0
    for g, cr, sp in zip(gold_tok, crf_spans, sp_spans):
        for s in g:
            x, y = s in set(cr), s in set(sp)
            both += x and y
            only_crf += x and not y
            only_sp += y and not x
            neither += not x and not y
    res["gold_span_hits"] = {"both": both, "crf_only": only_crf, "spacy_only": only_sp,
                             "neither": neither,
                             "oracle_recall": round((both + only_crf + only_sp) / len(sum(map(list, gold_tok), [])), 4)}
    agree = sum(len(set(cr) & set(sp)) for cr, sp in zip(crf_spans, sp_spans))
    res["prediction_counts"] = {"crf": sum(map(len, crf_spans)), "spacy": sum(map(len, sp_spans)),
                                "exact_agreement": agree}

    rows = [("CRF", "crf"), ("spaCy", "spacy"), ("a: CRF + spaCy non-overlapping", "ens_a_crf_plus_spacy_nonoverlap"),
            ("b: spaCy + CRF non-overlapping", "ens_b_spacy_plus_crf_nonoverlap"), ("c: exact agreement", "ens_c_agree_exact")]
    print(f"{'system':34} {'P':>6} {'R':>6} {'F1':>6} | " + " ".join(f"{lab:>6}" for lab in LABELS))
    for name, key in rows:
        o = res[key]["overall"]
        print(f"{name:34} {o['precision']:6.4f} {o['recall']:6.4f} {o['f1']:6.4f} | "
              + " ".join(f"{res[key][lab]['f1']:6.4f}" for lab in LABELS))
    print(json.dumps({k: res[k] for k in ("spacy_speed", "gold_span_hits", "prediction_counts",
                                          "crf_seconds_incl_hanta")}, indent=1))
    Path(args.json).write_text(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
