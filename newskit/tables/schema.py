"""The columns of the four result tables (a public contract: add, don't rename) and a
check that one article's cached rows have that shape."""

from __future__ import annotations

ARTICLE_COLUMNS = ["article_id", "source", "date", "title", "text", "status", "error",
                   "n_tokens", "n_sentences", "sentiment_score", "sentiment"]
ENTITY_COLUMNS = ["article_id", "sent_id", "start_char", "end_char", "text", "label",
                  "canonical", "sentiment", "sentiment_score", "gender", "gender_evidence"]
QUOTE_COLUMNS = ["article_id", "sent_id", "start_char", "end_char", "text", "kind", "speaker",
                 "speaker_start_char", "speaker_end_char", "speaker_canonical", "cue",
                 "cue_lemma", "sentiment", "sentiment_score", "speaker_gender",
                 "speaker_gender_evidence", "speaker_affiliation", "cue_start_char",
                 "cue_end_char", "frame_start_char", "frame_end_char", "addressee",
                 "addressee_start_char", "addressee_end_char", "speaker_via"]
SENTENCE_COLUMNS = ["article_id", "sent_id", "start_char", "end_char", "text", "score", "label"]
TABLES = {"entities": ENTITY_COLUMNS, "quotes": QUOTE_COLUMNS, "sentences": SENTENCE_COLUMNS}
# columns that only the whole corpus can fill (``tables.referents``), after the per-article ones
CORPUS_COLUMNS = {"entities": ["entity_id"], "quotes": ["speaker_label", "entity_id"]}


def validate_article(value: object) -> None:
    """Raise ``ValueError`` unless ``value`` has the shape of one article's rows."""
    if not isinstance(value, dict):
        raise ValueError("entry is not an object")
    for k in ("n_tokens", "n_sentences"):
        if not isinstance(value.get(k), int) or isinstance(value.get(k), bool):
            raise ValueError(f"{k!r} is not an integer")
    if not (value.get("sentiment_score") is None
            or isinstance(value.get("sentiment_score"), (int, float))):
        raise ValueError("'sentiment_score' is not a number")
    if not (value.get("sentiment") is None or isinstance(value.get("sentiment"), str)):
        raise ValueError("'sentiment' is not a string")
    for table, cols in TABLES.items():
        rows = value.get(table)
        if not isinstance(rows, list):
            raise ValueError(f"{table!r} is not a list")
        need = set(cols) - {"article_id"}
        for r in rows:
            if not isinstance(r, dict) or not need <= set(r):
                raise ValueError(f"a row of {table!r} lacks columns")
            if not all(isinstance(r[k], int) for k in ("sent_id", "start_char", "end_char")):
                raise ValueError(f"a row of {table!r} has non-integer offsets")
