"""Command line: ``newskit analyze`` and ``newskit eval`` (also ``python -m newskit``)."""

from __future__ import annotations

import argparse
import json
import sys
import warnings


def _load(args: argparse.Namespace):
    from newskit.corpus import CorpusWarning, load_corpus

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        corpus = load_corpus(args.inputs, text_column=args.text_column)
    for w in caught[:MAX_WARNINGS]:
        print(f"warning: {w.message}", file=sys.stderr)
    if len(caught) > MAX_WARNINGS:
        print(f"warning: ... and {len(caught) - MAX_WARNINGS} more (see the 'warning' column "
              "of articles)", file=sys.stderr)
    return corpus


MAX_WARNINGS = 20


def _analyze(args: argparse.Namespace) -> int:
    import newskit
    from newskit import cache as nkcache
    from newskit.output import OutputError, OutputFolder

    nkcache.configure(args.cache_dir, enabled=not args.no_cache)
    try:
        folder = OutputFolder(args.out).__enter__()
    except OutputError as exc:
        print(f"newskit: {exc}", file=sys.stderr)
        return 2
    try:
        try:
            corpus = _load(args)
        except FileNotFoundError as exc:
            print(f"newskit: {exc}", file=sys.stderr)
            return 2
        if corpus.empty:
            print("newskit: no files found in " + ", ".join(args.inputs), file=sys.stderr)
            return 2
        client = None
        if args.scheduler:
            from dask.distributed import Client

            client = Client(args.scheduler)
        cache_dir = None if args.no_cache else (args.cache_dir or nkcache.default_cache_dir())
        extra = {"timeout_per_article": args.timeout_per_article} \
            if args.timeout_per_article else {}
        result = newskit.analyze(corpus, cache_dir=cache_dir, n_process=args.n_process,
                                 client=client, progress=not args.quiet, **extra)
        return _save(args, folder, result)
    finally:
        folder.__exit__(None, None, None)


def _save(args: argparse.Namespace, folder, result) -> int:
    arts = result.articles
    errors = arts.loc[arts["status"] == "error", ["article_id", "source", "error"]]
    paths = folder.write(result.tables(), fmt=args.format, errors=errors,
                         escape=not args.no_escape_formulas and args.format == "csv")
    n_err = len(errors)
    n_ok = len(arts) - n_err
    unsupported = int(errors["error"].str.contains("unsupported format|unreadable folder|"
                                                   "not a regular file|broken link").sum())
    n_warn = int(arts["warning"].notna().sum()) if "warning" in arts else 0
    notes = []
    if unsupported:
        notes.append(f"{unsupported} of the errors are files not read (unsupported/unreadable)")
    if n_warn:
        notes.append(f"{n_warn} with warnings")
    if n_err:
        notes.append(f"errors listed in {folder.out / 'errors.csv'}")
    print(f"newskit: {n_ok} ok, {n_err} error; {len(result.entities)} entities, "
          f"{len(result.quotes)} quotes, {len(result.sentences)} sentences -> "
          f"{paths['articles'].parent}" + "".join(f"; {n}" for n in notes), file=sys.stderr)
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
                                         speaker_gold=args.speaker_gold,
                                         articles=args.sentences)
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
                       description="Analyse .txt/.md/.html/.jsonl/.json/.csv files or folders "
                                   "and write articles, entities, quotes and sentences tables "
                                   "(with errors.csv and a newskit-run.json manifest, written "
                                   "last).")
    a.add_argument("inputs", nargs="+", help="files or folders (walked recursively)")
    a.add_argument("--out", required=True, help="output folder")
    a.add_argument("--format", choices=["csv", "parquet"], default="csv")
    a.add_argument("--n-process", type=int, default=1, help="worker processes (default 1)")
    a.add_argument("--cache-dir", default=None, help="cache folder (default ~/.cache/newskit)")
    a.add_argument("--no-cache", action="store_true",
                   help="do not read or write any cache (results, word lists, model)")
    a.add_argument("--text-column", default=None,
                   help="CSV column / JSON field with the text (default: text, body or "
                        "content, any case)")
    a.add_argument("--timeout-per-article", type=float, default=None, metavar="SECONDS",
                   help="turn an article that takes longer into an error row")
    a.add_argument("--no-escape-formulas", action="store_true",
                   help="write CSV cells starting with = + - @ verbatim (default: prefixed "
                        "with ' so spreadsheets do not run them)")
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
                   help="slice of items to score: sentences (ner), items (sentiment) or "
                        "articles (quotes), e.g. 1550: or 40:80 (python slice syntax)")
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
