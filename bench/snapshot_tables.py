"""Dump or compare the four result tables for seeds/ and the Wikinews dev articles.

Used to prove that a refactor leaves every table unchanged:

    python bench/snapshot_tables.py dump /tmp/before      # before the change
    python bench/snapshot_tables.py dump /tmp/after       # after it
    python bench/snapshot_tables.py compare /tmp/before /tmp/after

The Wikinews dev articles (../shared, NC licence) are read in place and never copied.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "quotes-de-wikinews" / "dev.jsonl"
TABLES = ("articles", "entities", "quotes", "sentences")


def corpora() -> dict[str, pd.DataFrame]:
    import newskit

    out = {"seeds": newskit.load_corpus(ROOT / "seeds")}
    if not DEV.exists():
        print(f"warning: {DEV} not found: only seeds/ is dumped", file=sys.stderr)
    else:
        rows = []
        with open(DEV, encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                art = json.loads(line)
                rows.append({"id": f"dev{i:03d}", "text": art["originalText"]})
        out["wikinews_dev"] = newskit.load_corpus(_as_jsonl(rows))
    return out


def _as_jsonl(rows: list[dict]) -> Path:
    import tempfile

    tmp = Path(tempfile.mkdtemp()) / "dev.jsonl"
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                   encoding="utf-8")
    return tmp


def dump(out: Path) -> None:
    import newskit

    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.parquet"):  # a stale table must not pass for this run's
        old.unlink()
    for name, corpus in corpora().items():
        result = newskit.analyze(corpus, cache_dir=None, progress=False)
        for table in TABLES:
            df = getattr(result, table).drop(columns=["source"], errors="ignore")
            df.to_parquet(out / f"{name}.{table}.parquet", index=False)
            print(f"{name}.{table}: {len(df)} rows", file=sys.stderr)


def compare(a: Path, b: Path) -> int:
    bad = 0
    for f in sorted(set(b.glob("*.parquet")) - {b / g.name for g in a.glob("*.parquet")}):
        print(f"{f.name}: missing in {a}")
        bad += 1
    for f in sorted(a.glob("*.parquet")):
        left = pd.read_parquet(f)
        g = b / f.name
        if not g.exists():
            print(f"{f.name}: missing in {b}")
            bad += 1
            continue
        right = pd.read_parquet(g)
        common = [c for c in left.columns if c in right.columns]
        extra = sorted(set(right.columns) - set(left.columns))
        gone = sorted(set(left.columns) - set(right.columns))
        same = len(left) == len(right) and left[common].reset_index(drop=True).equals(
            right[common].reset_index(drop=True))
        print(f"{f.name}: {'identical' if same else 'DIFFERENT'} ({len(left)} vs {len(right)} rows)"
              + (f"; new columns {extra}" if extra else "") + (f"; lost {gone}" if gone else ""))
        if not same:
            bad += 1
            for c in common:
                if len(left) == len(right) and not left[c].reset_index(drop=True).equals(
                        right[c].reset_index(drop=True)):
                    print(f"    column {c} differs")
        bad += bool(gone)
    return 1 if bad else 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = p.parse_args()
    if args.cmd == "dump":
        dump(args.out)
        return 0
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
