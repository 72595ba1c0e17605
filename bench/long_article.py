"""Write one long "article" of real text for the long-input speed check of issue 15.

Usage: python bench/long_article.py OUT.txt [--data ../shared/data] [--chars 2430000]

The file holds the 850 German Wikinews articles (dev, then train, in file order, a blank
line between them) followed by Bundestag plenary text (sessions in name order) up to
``--chars`` characters in all (2,430,000: about 2.4 MB of UTF-8). Time it with

    newskit analyze OUT.txt --out /tmp/long-out --no-cache

The text is read from ../shared at run time; keep the file outside the project.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path


def long_text(data: Path, chars: int) -> str:
    """The Wikinews texts, then Bundestag text, cut at ``chars`` characters (at a line end
    when there is one in the last 1,000 characters)."""
    parts: list[str] = []
    for name in ("dev.jsonl", "train.jsonl"):
        with open(data / "quotes-de-wikinews" / name, encoding="utf-8") as fh:
            parts += [json.loads(line)["originalText"].strip() for line in fh if line.strip()]
    text = "\n\n".join(parts)
    for path in sorted((data / "bundestag-wp19" / "text").glob("*.txt.gz")):
        if len(text) >= chars:
            break
        speech = gzip.decompress(path.read_bytes()).decode("utf-8")
        text += "\n\n" + "\n".join(line for line in speech.splitlines()
                                   if not line.startswith("# rede"))
    text = text[:chars]
    cut = text.rfind("\n", len(text) - 1000)
    return text[: cut + 1] if cut > 0 else text


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    ap.add_argument("--chars", type=int, default=2_430_000)
    args = ap.parse_args(argv)
    text = long_text(args.data, args.chars)
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(text):,} characters, {args.out.stat().st_size / 1e6:.2f} MB -> {args.out}")


if __name__ == "__main__":
    main()
