"""Score the quote rules on the *train* part of the German Wikinews quotation corpus.

Development runs only on train (the dev part is reported at the end, once). The pipeline up
to ``newskit_entities`` runs once and its Docs are cached (a spaCy DocBin in
``~/.cache/newskit-bench``, keyed by the texts and by every upstream code and data file), so
a run re-applies only the quote rules: ``newskit_quotes`` on every cached Doc.

Metrics: direct F1@0.8, speech F1@0.3 and speaker accuracy as ``newskit eval quotes``
(:func:`newskit.eval.quotes.score_article`), plus the SpkAtt message/source/roles F1 of
``../shared/tools/spkatt_score.py`` (its own scorer, on the per-Doc quote rows; the
corpus-wide resolver of ``analyze`` is not run, it changes no span).

Usage (worktree root, PYTHONPATH=.):
    python bench/quotes_train_eval.py [--limit N] [--misses FILE] [--fps FILE]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "data" / "quotes-de-wikinews" / "train.jsonl"
SCORER = ROOT.parent / "shared" / "tools" / "spkatt_score.py"
CACHE_DIR = Path.home() / ".cache" / "newskit-bench"
QUOTES = "newskit_quotes"


def _scorer():
    spec = importlib.util.spec_from_file_location("spkatt_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _upstream_fingerprint() -> str:
    """SHA-256 over every package file the components before the quotes may read (the
    tagger, entity model and their data, word lists): cached Docs are reused only while
    none of them changed."""
    import hashlib

    h = hashlib.sha256()
    pkg = ROOT / "newskit"
    for sub in ("nlp", "data", "lang", "components/entities", "components/extensions.py",
                "pipeline.py"):
        path = pkg / sub
        for f in sorted([path] if path.is_file() else path.rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts:
                h.update(str(f.relative_to(pkg)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


def parsed_docs(texts: list[str], nlp):
    """Docs parsed up to (not including) the quote component, cached by text and by the
    upstream code and data (a spaCy DocBin, never a pickle)."""
    import hashlib

    from spacy.tokens import DocBin

    key = hashlib.sha256("\0".join(texts).encode()).hexdigest()[:16]
    cache = CACHE_DIR / f"train-docs-{key}-{_upstream_fingerprint()}.spacy"
    if cache.exists():
        return list(DocBin().from_bytes(cache.read_bytes()).get_docs(nlp.vocab))
    names = nlp.pipe_names
    keep = names[: names.index(QUOTES)]
    t0 = time.time()
    with nlp.select_pipes(enable=keep):
        docs = list(nlp.pipe(texts))
    print(f"parsed {len(docs)} docs in {time.time() - t0:.0f}s", file=sys.stderr)
    CACHE_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    for old in CACHE_DIR.glob("train-docs-*.spacy"):
        old.unlink()
    cache.write_bytes(DocBin(store_user_data=True, docs=docs).to_bytes())
    return docs


def rows_of(doc) -> list[dict]:
    out = []
    for q in doc.spans.get("quotes", []):
        spk, cue, addr = q._.nk_speaker, q._.nk_cue, q._.nk_addressee
        out.append({"start_char": q.start_char, "end_char": q.end_char, "kind": q._.nk_kind,
                    "text": q.text, "speaker": spk.text if spk is not None else None,
                    "speaker_start_char": spk.start_char if spk is not None else -1,
                    "speaker_end_char": spk.end_char if spk is not None else -1,
                    "cue": (cue.start_char, cue.end_char) if cue is not None else None,
                    "frame": q._.nk_frame_offsets,
                    "addressee": (addr.start_char, addr.end_char) if addr is not None else None})
    return out


def spkatt_groups(sc, gdoc, rows):
    groups = []
    for r in rows:
        msg = sc.chars_to_tokens(gdoc, r["start_char"], r["end_char"])
        if not msg:
            continue
        roles = {"Source": sc.chars_to_tokens(gdoc, r["speaker_start_char"], r["speaker_end_char"]),
                 "Cue": sc.chars_to_tokens(gdoc, *r["cue"]) if r["cue"] else []}
        if r["frame"]:
            roles["Frame"] = sc.chars_to_tokens(gdoc, *r["frame"])
        if r["addressee"]:
            roles["Addr"] = sc.chars_to_tokens(gdoc, *r["addressee"])
        groups.append(sc.Group(msg, roles, sc.KIND_TO_FORM.get(r["kind"], "Indirect"),
                               sc.DEFAULT_STWR, kind=r["kind"]))
    sc.mark_nested(groups)
    return groups


def _dump_lists(path, items):
    with open(path, "w", encoding="utf-8") as fh:
        for it in items:
            fh.write(json.dumps(it, ensure_ascii=False) + "\n")


def _errors(k, text, art, rows, counts):
    """Missed gold speech quotes and unmatched predictions of one article."""
    from newskit.eval.quotes import SPEECH_TYPES
    matched_ids = {gid for gid, _ in counts["matched"]}
    matched_preds = {(r["start_char"], r["end_char"]) for _, r in counts["matched"]}
    misses = [{"art": k, "type": a["type"],
               "quote": " | ".join(text[s["charBegin"]:s["charEnd"]] for s in a["quote"]["spans"]),
               "speaker": " | ".join(text[s["charBegin"]:s["charEnd"]]
                                     for s in (a.get("speaker") or {}).get("spans", []))}
              for a in art["annotations"] if a["type"] in SPEECH_TYPES and a.get("id") not in matched_ids]
    fps = [{"art": k, "kind": r["kind"], "quote": r["text"], "speaker": r["speaker"]}
           for r in rows if r["kind"] != "reported" and (r["start_char"], r["end_char"]) not in matched_preds]
    return misses, fps


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--misses", default=None, help="write missed gold speech quotes (jsonl)")
    ap.add_argument("--fps", default=None, help="write unmatched predictions (jsonl)")
    args = ap.parse_args(argv)

    import newskit
    from newskit.eval.quotes import _f1, read_articles, score_article

    sc = _scorer()
    arts = list(read_articles(GOLD))[: args.limit]
    gdocs = sc.read_gold(GOLD)[: args.limit]
    nlp = newskit.load_pipeline()
    docs = parsed_docs([a["originalText"] for a in arts], nlp)
    quotes = nlp.get_pipe(QUOTES)
    totals, sys_groups, misses, fps = {}, [], [], []
    for k, (art, doc, gdoc) in enumerate(zip(arts, docs, gdocs)):
        rows = rows_of(quotes(doc))
        counts = score_article(art["originalText"], art["annotations"], rows)
        m, f = _errors(k, art["originalText"], art, rows, counts)
        misses += m
        fps += f
        counts.pop("matched")
        for key, v in counts.items():
            totals[key] = totals.get(key, 0) + v
        sys_groups.append(spkatt_groups(sc, gdoc, rows))
    direct = _f1(totals["direct_tp"], totals["direct_pred"], totals["direct_gold"])
    speech = _f1(totals["speech_tp"], totals["speech_pred"], totals["speech_gold"])
    full, _, _ = sc.evaluate(gdocs, sys_groups)
    simp, _, _ = sc.evaluate(gdocs, sys_groups, simplified=True)
    out = {"articles": len(arts), "direct_f1": round(direct["f1"], 4),
           "speech_p": round(speech["precision"], 4), "speech_r": round(speech["recall"], 4),
           "speech_f1": round(speech["f1"], 4),
           "speaker_acc": round(totals["speaker_ok"] / max(1, totals["speaker_total"]), 4),
           "spkatt_message_f1": round(100 * full["message"][2], 2),
           "spkatt_source_f1": round(100 * simp["roles"][2], 2),
           "spkatt_roles_f1": round(100 * full["roles"][2], 2),
           "spkatt_addressee_prf": [round(100 * x, 2) if x is not None else None for x in full["addressee"]] if "addressee" in full else None,
           "speech_tp": speech["tp"], "speech_pred": speech["n_pred"], "speech_gold": speech["n_gold"]}
    print(json.dumps(out))
    if args.misses:
        _dump_lists(args.misses, misses)
    if args.fps:
        _dump_lists(args.fps, fps)


if __name__ == "__main__":
    main()
