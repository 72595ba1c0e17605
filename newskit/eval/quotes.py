"""Quotation attribution scores (``newskit eval quotes``).

Gold format: German Wikinews quotation attribution (Petersen-Frey & Biemann
2024) — a ``.jsonl`` file with one article per line, or a folder of ``.json``
files, each with ``originalText`` and ``annotations`` (``quote``/``speaker``
with character ``spans``, ``type``).

Metrics:

* overlap of two quotes = Jaccard index over the positions of letters and
  digits inside their spans (quote marks and spaces do not count);
* gold and predicted quotes are matched one-to-one, greedily by overlap;
* **direct F1@0.8**: gold ``Direct`` vs predicted ``direct`` + ``mixed``;
* **speech F1@0.3**: gold ``Direct``, ``Indirect``, ``FreeIndirect``,
  ``IndirectFreeIndirect`` vs every predicted quote except ``reported``;
* **speaker accuracy**: among gold quotes matched in the speech evaluation
  that have a gold speaker, the share whose predicted speaker mention overlaps
  the gold speaker span.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pandas as pd

SPEECH_TYPES = ("Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect")


def read_articles(path: str | Path) -> Iterator[dict]:
    """Yield gold articles from a ``.jsonl`` file or a folder of ``.json`` files."""
    path = Path(path)
    if path.is_dir():
        for f in sorted(path.rglob("*.json")):
            yield json.loads(f.read_text(encoding="utf-8"))
        return
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def positions(text: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    """Positions of letters and digits inside ``spans``."""
    return frozenset(i for s, e in spans for i in range(max(0, s), min(e, len(text)))
                     if text[i].isalnum())


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def greedy_match(gold: list[frozenset], pred: list[frozenset], threshold: float):
    """One-to-one matches ``(gold index, pred index)`` with overlap ≥ ``threshold``."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if g & p:
                o = jaccard(g, p)
                if o >= threshold:
                    pairs.append((o, i, j))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g, used_p, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def _f1(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "tp": tp, "n_pred": n_pred, "n_gold": n_gold}


def score_article(text: str, annotations: list[dict], predicted: list[dict]) -> dict:
    """Counts for one article; ``predicted`` rows have start/end chars, kind, speaker span."""
    def spans_of(part):
        return [(s["charBegin"], s["charEnd"]) for s in (part or {}).get("spans", [])]

    gold_direct = [positions(text, spans_of(a["quote"])) for a in annotations
                   if a["type"] == "Direct"]
    gold_speech = [a for a in annotations if a["type"] in SPEECH_TYPES]
    gold_speech_pos = [positions(text, spans_of(a["quote"])) for a in gold_speech]
    pred_direct = [positions(text, [(q["start_char"], q["end_char"])]) for q in predicted
                   if q["kind"] in ("direct", "mixed")]
    pred_speech_rows = [q for q in predicted if q["kind"] != "reported"]
    pred_speech = [positions(text, [(q["start_char"], q["end_char"])]) for q in pred_speech_rows]
    direct_matches = greedy_match(gold_direct, pred_direct, 0.8)
    speech_matches = greedy_match(gold_speech_pos, pred_speech, 0.3)
    spk_total = spk_ok = 0
    for gi, pj in speech_matches:
        gold_spk = positions(text, spans_of(gold_speech[gi].get("speaker")))
        if not gold_spk:
            continue
        spk_total += 1
        q = pred_speech_rows[pj]
        if q.get("speaker_start_char", -1) >= 0:
            pred_spk = positions(text, [(q["speaker_start_char"], q["speaker_end_char"])])
            if pred_spk & gold_spk:
                spk_ok += 1
    return {"direct_tp": len(direct_matches), "direct_pred": len(pred_direct),
            "direct_gold": len(gold_direct), "speech_tp": len(speech_matches),
            "speech_pred": len(pred_speech), "speech_gold": len(gold_speech_pos),
            "speaker_ok": spk_ok, "speaker_total": spk_total,
            "matched": [(gold_speech[gi].get("id"), pred_speech_rows[pj])
                        for gi, pj in speech_matches]}


def evaluate_quotes(path: str | Path, nlp, *, progress: bool = True,
                    speaker_gold: str | Path | None = None, articles: str | None = None):
    """Score ``nlp``'s quotes against gold; return a table and a summary dict.

    ``speaker_gold``: a folder of hand-made speaker referents (``bench/gold/parts``) for the
    articles of ``path``; adds the by-name speaker metrics of :mod:`newskit.eval.speakers`.
    ``articles``: a slice of the file's articles (``"40:80"``); they keep their line index,
    which is what the speaker gold's ``article`` column counts.
    """
    from newskit.eval.ner import parse_slice
    from newskit.tables.analysis import analyze

    chosen = parse_slice(articles)
    every = list(read_articles(path))
    index = list(range(len(every)))[chosen]
    articles = every[chosen]
    totals: dict[str, int] = {}
    matched, predicted = [], []
    # analysed as one corpus, as a user would: the corpus-wide resolver runs too
    corpus = pd.DataFrame({"article_id": [f"gold{k:05d}" for k in index],
                           "text": [a["originalText"] for a in articles]})
    quotes = analyze(corpus, nlp=nlp, cache_dir=None, progress=progress).quotes
    by_article = {aid: g.to_dict("records") for aid, g in quotes.groupby("article_id")}
    for k, art in zip(index, articles):
        rows = by_article.get(f"gold{k:05d}", [])
        counts = score_article(art["originalText"], art["annotations"], rows)
        matched += [{"article": k, "ann_id": ann_id, **row} for ann_id, row in counts.pop("matched")]
        predicted += rows
        for key, v in counts.items():
            totals[key] = totals.get(key, 0) + v
    direct = _f1(totals["direct_tp"], totals["direct_pred"], totals["direct_gold"])
    speech = _f1(totals["speech_tp"], totals["speech_pred"], totals["speech_gold"])
    acc = totals["speaker_ok"] / totals["speaker_total"] if totals["speaker_total"] else 0.0
    table = pd.DataFrame([{"metric": "direct F1@0.8", **direct},
                          {"metric": "speech F1@0.3", **speech}]).set_index("metric")
    summary = {"task": "quotes", "path": str(path), "articles": len(articles),
               "direct_f1": round(direct["f1"], 4), "direct_precision": round(direct["precision"], 4),
               "direct_recall": round(direct["recall"], 4), "speech_f1": round(speech["f1"], 4),
               "speech_precision": round(speech["precision"], 4),
               "speech_recall": round(speech["recall"], 4), "speaker_accuracy": round(acc, 4),
               "speaker_n": totals["speaker_total"]}
    if speaker_gold is not None:
        summary.update(_speaker_summary(speaker_gold, matched, predicted))
    return table, summary


def _speaker_summary(speaker_gold: str | Path, matched: list[dict], predicted: list[dict]) -> dict:
    from newskit.eval.speakers import read_speaker_gold, score_speakers

    gold = read_speaker_gold(speaker_gold).reset_index()
    pred_cols = ["speaker", "speaker_canonical"]
    pairs = pd.DataFrame(matched, columns=["article", "ann_id", *pred_cols])
    for col in ("speaker_gender", "speaker_via"):
        if matched and col in matched[0]:
            pairs[col] = [m.get(col) for m in matched]
    joined = pairs.merge(gold, on=["article", "ann_id"], how="inner", suffixes=("", "_gold"))
    return score_speakers(joined, pd.DataFrame(predicted, columns=pred_cols))
