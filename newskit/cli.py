"""Command line: ``newskit analyze`` and ``newskit eval`` (also ``python -m newskit``)."""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path


def _analyze(args: argparse.Namespace) -> int:
    import newskit
    from newskit.io import CorpusWarning

    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".newskit-write-test"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        print(f"newskit: cannot write to output folder {out}: {exc.strerror or exc}",
              file=sys.stderr)
        return 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        try:
            corpus = newskit.load_corpus(args.inputs)
        except FileNotFoundError as exc:
            print(f"newskit: {exc}", file=sys.stderr)
            return 2
    for w in caught:
        print(f"warning: {w.message}", file=sys.stderr)
    if corpus.empty:
        print("newskit: no .txt, .jsonl or .csv files found in " + ", ".join(args.inputs),
              file=sys.stderr)
        return 2
    from newskit.cache import default_cache_dir

    cache_dir = None if args.no_cache else (args.cache_dir or default_cache_dir())
    client = None
    if args.scheduler:
        from dask.distributed import Client

        client = Client(args.scheduler)
    result = newskit.analyze(corpus, cache_dir=cache_dir, n_process=args.n_process,
                             client=client, progress=not args.quiet)
    paths = result.save(out, fmt=args.format)
    n_err = int((result.articles["status"] == "error").sum())
    n_ok = len(result.articles) - n_err
    err_note = ""
    if n_err:
        err_path = out / "errors.csv"
        result.articles.loc[result.articles["status"] == "error",
                            ["article_id", "source", "error"]].to_csv(err_path, index=False)
        err_note = f"; errors listed in {err_path}"
    print(f"newskit: {n_ok} ok, {n_err} error; {len(result.entities)} entities, "
          f"{len(result.quotes)} quotes, {len(result.sentences)} sentences -> "
          f"{paths['articles'].parent}{err_note}", file=sys.stderr)
    return 0 if n_ok > 0 else 1


def _eval(args: argparse.Namespace) -> int:
    import newskit

    nlp = newskit.load_pipeline(args.model)
    if args.task == "ner":
        from newskit.eval.ner import evaluate_ner

        table, summary = evaluate_ner(args.path, nlp, fmt=args.format or "germeval",
                                      sentences=args.sentences, progress=not args.quiet,
                                      raw_text=args.raw_text)
    elif args.task == "quotes":
        from newskit.eval.quotes import evaluate_quotes

        table, summary = evaluate_quotes(args.path, nlp, progress=not args.quiet,
                                         speaker_gold=args.speaker_gold)
    else:
        from newskit.eval.sentiment import evaluate_sentiment

        table, summary = evaluate_sentiment(args.path, nlp, fmt=args.format or "gerntsa",
                                            items=args.sentences)
    print(table.round(4).to_string())
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newskit", description=(
        "Entities, quotes with speakers, and sentiment in German news articles."))
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("analyze", help="analyse articles and write the four tables",
                       description="Analyse .txt/.jsonl/.csv files or folders and write "
                                   "articles, entities, quotes and sentences tables.")
    a.add_argument("inputs", nargs="+", help="files or folders (walked recursively)")
    a.add_argument("--out", required=True, help="output folder")
    a.add_argument("--format", choices=["csv", "parquet"], default="csv")
    a.add_argument("--n-process", type=int, default=1, help="worker processes (default 1)")
    a.add_argument("--cache-dir", default=None, help="cache folder (default ~/.cache/newskit)")
    a.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    a.add_argument("--scheduler", default=None,
                   help="address of a Dask scheduler to run on (e.g. tcp://host:8786)")
    a.add_argument("--quiet", action="store_true", help="no progress bar")
    a.set_defaults(func=_analyze)
    e = sub.add_parser("eval", help="score newskit against gold data",
                       description="Evaluate NER, quotes or sentiment on a gold file.")
    e.add_argument("task", choices=["ner", "quotes", "sentiment"])
    e.add_argument("path", help="gold file")
    e.add_argument("--format", default=None,
                   help="ner: germeval|conll; sentiment: gerntsa")
    e.add_argument("--sentences", default=None,
                   help="slice of items to score, e.g. 1550: (python slice syntax)")
    e.add_argument("--model", default="auto", help="pipeline to evaluate (default auto)")
    e.add_argument("--raw-text", action="store_true",
                   help="ner: tokenise the joined text with newskit instead of gold tokens")
    e.add_argument("--speaker-gold", default=None, metavar="DIR",
                   help="quotes: folder of hand-made speaker referents (bench/gold/parts) for "
                        "the by-name speaker and gender metrics")
    e.add_argument("--quiet", action="store_true")
    e.set_defaults(func=_eval)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
