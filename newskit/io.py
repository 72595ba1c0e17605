"""Moved to :mod:`newskit.corpus`; this module re-exports it so existing imports keep working."""

from newskit.corpus import (  # noqa: F401
                            CORPUS_COLUMNS,
                            SUFFIXES,
                            CorpusWarning,
                            decode_bytes,
                            derive_title,
                            iter_files,
                            load_corpus,
                            parse_date,
                            parse_seed,
                            read_text_file,
)

__all__ = ["load_corpus", "read_text_file", "parse_seed", "CORPUS_COLUMNS", "CorpusWarning"]
