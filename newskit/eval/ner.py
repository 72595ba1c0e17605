"""Exact-span NER evaluation (``newskit eval ner``).

Gold sentences are detokenised by joining tokens with single spaces; the
pipeline runs on that text and predicted ``doc.ents`` are compared to gold
on exact character spans and labels. GermEval's ``*deriv``/``*part`` spans are
neither gold nor penalised: a prediction overlapping one is dropped.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from newskit.nlp.ner import LABELS, bio_to_spans, read_conll, read_germeval


def _char_spans(words, labels):
    offsets, pos = [], 0
    for w in words:
        offsets.append((pos, pos + len(w)))
        pos += len(w) + 1
    gold, ignored = set(), []
    for s, e, lab in bio_to_spans(labels):
        span = (offsets[s][0], offsets[e - 1][1])
        if "deriv" in lab or "part" in lab:
            ignored.append(span)
        else:
            gold.add((*span, lab))
    return " ".join(words), gold, ignored


def parse_slice(spec: str | None) -> slice:
    """``"1550:"`` → ``slice(1550, None)``; ``None`` → everything."""
    if not spec:
        return slice(None)
    a, _, b = spec.partition(":")
    return slice(int(a) if a else None, int(b) if b else None)


def _gold_token_docs(nlp, data):
    """Docs on the gold tokens, one sentence per item (the GermEval 2014 setting)."""
    from spacy.tokens import Doc

    pipes = [(name, proc) for name, proc in nlp.pipeline
             if name not in ("newskit_sentencizer", "sentencizer", "senter", "parser")]
    for words, _ in data:
        doc = Doc(nlp.vocab, words=words, spaces=[True] * (len(words) - 1) + [False])
        for i, tok in enumerate(doc):
            tok.is_sent_start = i == 0
        for _, proc in pipes:
            doc = proc(doc)
        yield doc


def count_spans(items, docs) -> tuple[Counter, Counter, Counter]:
    """Exact typed-span true positives, false positives and false negatives per label.

    ``items`` are ``_char_spans`` results (text, gold spans, ignored spans), ``docs`` the
    parsed texts in the same order; predictions overlapping an ignored gold span
    (``*deriv``/``*part``) are not counted.
    """
    tp, fp, fn = Counter(), Counter(), Counter()
    for (_text, gold, ignored), doc in zip(items, docs):
        pred = {(e.start_char, e.end_char, e.label_) for e in doc.ents
                if not any(e.start_char < b and a < e.end_char for a, b in ignored)}
        for s in pred & gold:
            tp[s[2]] += 1
        for s in pred - gold:
            fp[s[2]] += 1
        for s in gold - pred:
            fn[s[2]] += 1
    return tp, fp, fn


def evaluate_ner(path: str | Path, nlp, *, fmt: str = "germeval", sentences: str | None = None,
                 progress: bool = True, raw_text: bool = False) -> tuple[pd.DataFrame, dict]:
    """Score ``nlp`` on a gold NER file; return a per-label table and a summary dict.

    By default the pipeline runs on the gold tokens with one sentence per item,
    as in the GermEval 2014 shared task; ``raw_text=True`` lets newskit tokenise
    and split the space-joined text itself (a little harder).
    """
    from tqdm.auto import tqdm

    reader = read_germeval if fmt == "germeval" else read_conll
    data = list(reader(path))[parse_slice(sentences)]
    items = [_char_spans(w, lab) for w, lab in data]
    docs = (nlp.pipe((t for t, _, _ in items), batch_size=64) if raw_text
            else _gold_token_docs(nlp, data))
    tp, fp, fn = count_spans(items, tqdm(docs, total=len(items), desc="eval ner",
                                         disable=not progress))
    rows = []
    for lab in (*LABELS, "overall"):
        t = sum(tp.values()) if lab == "overall" else tp[lab]
        p_ = sum(fp.values()) if lab == "overall" else fp[lab]
        n = sum(fn.values()) if lab == "overall" else fn[lab]
        prec = t / (t + p_) if t + p_ else 0.0
        rec = t / (t + n) if t + n else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows.append({"label": lab, "precision": prec, "recall": rec, "f1": f1,
                     "support": t + n})
    table = pd.DataFrame(rows).set_index("label")
    summary = {"task": "ner", "path": str(path), "sentences": len(items),
               "tokenisation": "newskit" if raw_text else "gold",
               **{f"{k}": round(float(v), 4) for k, v in table.loc["overall"].items()},
               "per_label_f1": {lab: round(float(table.loc[lab, "f1"]), 4) for lab in LABELS}}
    return table, summary
