"""List the quotes whose ``speaker_canonical`` misses the hand-made referent gold.

For error analysis of speaker resolution: every matched gold quote with a named referent,
newskit's speaker mention and canonical name, the gold referent, and whether they match
(the strict rule of :func:`newskit.eval.speakers.names_match`); the accuracy by referent
type, by article half (tune on one half, check on the other) and, with ``--gender``, the
quotes whose speaker gender is missing or wrong.

Usage (repository root):
    python bench/speaker_errors.py [GOLD.jsonl] [--speaker-gold DIR] [--out FILE.tsv]
        [--gender] [--split 75]

Defaults: the Wikinews dev part in ../shared and ``bench/gold/parts``. For the independent
check on train articles 0-39: ``head -40 ../shared/data/quotes-de-wikinews/train.jsonl >
/tmp/train40.jsonl`` and ``--speaker-gold bench/gold/train-parts``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newskit.eval import quotes as Q  # noqa: E402
from newskit.eval.speakers import names_match, read_speaker_gold  # noqa: E402
from newskit.pipeline import load_pipeline  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "quotes-de-wikinews" / "dev.jsonl"
COLUMNS = ["article", "ann_id", "referent_type", "speaker_text", "speaker",
           "speaker_canonical", "referent", "ok"]


def matched_pairs(gold_path: Path, speaker_gold: Path) -> pd.DataFrame:
    """Matched gold quotes joined with the referent gold and newskit's speaker columns."""
    captured: dict = {}
    original = Q._speaker_summary

    def grab(folder, matched, predicted):
        captured["matched"] = matched
        return original(folder, matched, predicted)

    Q._speaker_summary = grab
    try:
        Q.evaluate_quotes(gold_path, load_pipeline(), progress=False, speaker_gold=speaker_gold)
    finally:
        Q._speaker_summary = original
    gold = read_speaker_gold(speaker_gold).reset_index()
    pairs = pd.DataFrame(captured["matched"])
    return pairs.merge(gold, on=["article", "ann_id"], how="inner", suffixes=("", "_gold"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", type=Path, default=DEV)
    ap.add_argument("--speaker-gold", type=Path, default=ROOT / "bench" / "gold" / "parts")
    ap.add_argument("--out", type=Path, help="write every named quote with ok/not ok as TSV")
    ap.add_argument("--gender", action="store_true", help="also list gender misses")
    ap.add_argument("--split", type=int, default=75, help="first article of the check half")
    args = ap.parse_args()
    joined = matched_pairs(args.gold, args.speaker_gold)
    named = joined[joined["referent"].astype(bool)].copy()
    named["ok"] = [names_match(p, g) for p, g in zip(named["speaker_canonical"],
                                                      named["referent"])]
    print(named.groupby("referent_type")["ok"].agg(["mean", "count"]).round(4))
    for label, part in (("tune", named[named["article"] < args.split]),
                        ("check", named[named["article"] >= args.split])):
        if len(part):
            print(f"{label}: {part['ok'].mean():.4f} of {len(part)}")
    for r in named[~named["ok"]].itertuples():
        print(r.article, r.referent_type, "|", str(r.speaker)[:50], "|",
              str(r.speaker_canonical)[:40], "| gold", r.referent, sep=" ")
    if args.gender:
        people = joined[joined["referent_type"].isin(["person", "unnamed_person"])
                        & joined["gender"].isin(["female", "male"])]
        for r in people.itertuples():
            if r.speaker_gender != r.gender:
                print("gender", r.article, "|", r.speaker_canonical, "|", r.speaker_gender,
                      "| gold", r.referent, r.gender, r.gender_evidence)
    if args.out:
        named[COLUMNS].to_csv(args.out, sep="\t", index=False)


if __name__ == "__main__":
    main()
