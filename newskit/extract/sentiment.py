"""German sentiment for sentences, articles, target mentions and quotes.

The default scorer is rule-based and ships no third-party data: a polarity
lexicon written for newskit (``newskit/data/polarity_de.tsv``, about 1,500 lemmas
and forms with a weight in −1…1), looked up by lemma (verbs by lemma only; a
noun's lemma only when the form can inflect it), by word form and,
for compound nouns, by their head ("Kriegsgefahr" → "Gefahr") or, when the
head is neutral, at 0.6 of a polar first part ("Unfallstelle" → "Unfall").
Function words carry no polarity ("würde" is not "Würde"). German rules on top:

* negation (``nicht``, ``kein``, ``nie``, ``niemals``, ``ohne``) flips the
  polarity of the next polar words in its clause;
* intensifiers (``sehr``, ``äußerst``, ``besonders``) scale up, downtoners
  (``kaum``, ``etwas``, ``wenig``) scale down; right before a polar word,
  ``schwer``, ``hart``, ``groß``, ``hoch``, ``tief``, ``richtig`` only grade it
  ("schwer verletzt", "ein schwerer Sieg", "richtig dumm");
* after a contrast (``aber``, ``jedoch``, ``doch``, ``allerdings``) the rest of
  the sentence weighs double;
* separable verbs are looked up under their joined lemma ("kündigte … an" is
  ``ankündigen``, not ``kündigen``);
* Konjunktiv II and conditionals (``würde``, ``wenn``, ``falls``, ``sollte``)
  damp what they govern.

Sentence score = tanh of the summed weights; label positive above +0.2,
negative below −0.2. Article score = mean of its sentence scores (so long
articles are not more extreme than short ones); label by the same cut-offs.
Toward a target (entities, ``target_sentiment``) the cut-offs are −0.175 and
+0.05, chosen on the first half of the GerNTSA part in ../shared.

``target_sentiment`` scores toward a character span: words nearer the target
weigh more (1 / (1 + distance / 4) in tokens), within the target's sentence,
and the sum is divided by sqrt(sentence tokens / 25) — a long sentence holds
more polar words without saying more about the target. The sentences just
before and after add their own (length-normalised) sum at 0.2 of its weight.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newskit.nlp.lexicons import noun_lexicon

NEGATORS = frozenset("nicht kein keine keinen keinem keiner keines nie niemals nirgends "
                     "ohne weder nichts niemand".split())
INTENSIFIERS = {"sehr": 1.5, "äußerst": 1.8, "extrem": 1.8, "besonders": 1.4, "höchst": 1.6,
                "zutiefst": 1.7, "völlig": 1.5, "total": 1.5, "enorm": 1.5, "massiv": 1.5,
                "erheblich": 1.4, "stark": 1.3, "ausgesprochen": 1.5, "überaus": 1.6}
# not "so", "zu", "ganz": mostly "thus", the infinitive "zu" and "whole" in news
DOWNTONERS = {"kaum": 0.3, "etwas": 0.6, "wenig": 0.5, "leicht": 0.6, "eher": 0.7,
              "ziemlich": 0.9, "teilweise": 0.6, "bisschen": 0.5}
CONTRAST = frozenset("aber jedoch doch allerdings dennoch trotzdem sondern".split())
HYPOTHETICAL = frozenset("würde würden wenn falls sollte sollten könnte könnten wäre wären "
                         "hätte hätten".split())
THRESHOLD = 0.2
# Toward a target, most news sentences are neutral and stance is mild: these cut-offs were
# chosen on GerNTSA items 0-1149 (the held-out items 1150- are only used to report).
TARGET_NEGATIVE_BELOW = -0.175
TARGET_POSITIVE_ABOVE = 0.05
# Toward a target, the summed weights are divided by sqrt(sentence tokens / 25).
TYPICAL_SENTENCE_TOKENS = 25
# The sentences before and after the target's count at this share (chosen on items 0-1149).
CONTEXT_WEIGHT = 0.2


# adjectives that, right before a polar word, only grade it
_DEGREE_ADJECTIVES = {"schwer": 1.4, "hart": 1.2, "groß": 1.2, "hoch": 1.2, "tief": 1.3,
                      "richtig": 1.3}
_NOT_NEGATING_AFTER = frozenset({"nur", "zuletzt"})
_POSTPOSED_NEGATORS = frozenset({"nicht", "nie", "niemals"})


def _ensure_extensions() -> None:
    for name in ("sentiment_score", "sentiment"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


_ensure_extensions()


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> dict[str, float]:
    """Read a ``word<TAB>weight`` lexicon (newskit's own by default)."""
    p = Path(path) if path else Path(str(resources.files("newskit") / "data" / "polarity_de.tsv"))
    lex: dict[str, float] = {}
    for line in p.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, weight = line.split("\t")[:2]
        lex[word.strip().lower()] = float(weight)
    return lex


def load_sentiws(folder: str | Path) -> dict[str, float]:
    """Optional backend: read SentiWS v2.0 from ``folder`` (never bundled: CC BY-NC-SA).

    Returns a dict from lower-cased lemma and inflected forms to weights.
    """
    lex: dict[str, float] = {}
    for name in ("SentiWS_v2.0_Positive.txt", "SentiWS_v2.0_Negative.txt"):
        for line in (Path(folder) / name).read_text(encoding="utf-8-sig").splitlines():
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            lemma = parts[0].split("|")[0].lower()
            w = float(parts[1])
            lex[lemma] = w
            if len(parts) > 2:
                for form in parts[2].split(","):
                    if form.strip():
                        lex.setdefault(form.strip().lower(), w)
    return lex


# Parts of speech that never carry polarity themselves: "würde" (AUX) is not "Würde",
# "einige" (DET) is not "einig", a verb particle ("stellte ... fest") is not "fest".
_NO_POLARITY_POS = frozenset({"AUX", "DET", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "NUM",
                              "PUNCT", "SYM", "SPACE"})
# Lexicon adjectives whose lower-cased form is also a neutral noun or a compound's first
# part (der Arm, das Reich, der Supermarkt, das Gemeinwesen).
_ADJECTIVE_ONLY = frozenset({"arm", "reich", "super", "gemein"})


def _compound_head(low: str, lex: dict[str, float]) -> float:
    """Polarity of a compound noun from its parts.

    The head decides: "Kriegsgefahr" → "Gefahr". The head is the longest final
    part that is a known noun, so "Koalitionsvertrag" stops at "Vertrag" instead
    of reaching "Ertrag", and "Bildungsbereich" at "Bereich". When the head is
    not polar, a strongly polar noun in front colours the compound more weakly
    ("Gewalttat", "Unfallstelle", "Friedensverhandlungen").
    """
    nouns = noun_lexicon()
    for k in range(3, len(low) - 3):
        head = low[k:]
        if head in lex and _is_first_part(low[:k], lex, nouns):
            return lex[head]
        if head.capitalize() in nouns:
            if head in _SUFFIX_LIKE:
                return 0.0
            return MODIFIER_SHARE * _modifier_weight(low[:k], lex, nouns)
    return 0.0


def _is_first_part(mod: str, lex: dict[str, float], nouns: dict[str, str]) -> bool:
    """Whether ``mod`` can stand before a head: a known noun (with or without a linking
    -s/-n/-es/-en/-e), a lexicon word or a hyphenated part — not the remains of a simple
    word ("Kabi|nett", "Elfmet|erschießen", "Aben|teuer", "Ver|einigung")."""
    if mod.endswith("-") or mod in lex:
        return True
    # verb stems stand first too ("Park|verbot"), when the infinitive is a listed noun
    cands = _first_part_stems(mod) + [mod + "n", mod + "en"]
    return any(len(c) >= 3 and c.capitalize() in nouns for c in cands)


# A polar first part counts this much of its weight when the head is neutral.
MODIFIER_SHARE = 0.6
# Final parts that are nouns in their own right but act as suffixes ("Leidenschaft").
_SUFFIX_LIKE = frozenset({"schaft", "schaften"})


def _first_part_stems(mod: str) -> list[str]:
    """A compound's first part with and without a linking element (-s, -n, -es, -en, -e lost)."""
    cands = [mod]
    if mod.endswith(("s", "n")):
        cands.append(mod[:-1])
    if mod.endswith(("es", "en")):
        cands.append(mod[:-2])
    cands.append(mod + "e")
    return cands


def _modifier_weight(mod: str, lex: dict[str, float], nouns: dict[str, str]) -> float:
    """Weight of a compound's first part, a noun with or without linking -s/-n/-es/-en."""
    for cand in _first_part_stems(mod.rstrip("-")):  # "Boykott-Aufrufe"
        if (len(cand) >= 4 and cand in lex and abs(lex[cand]) >= 0.5
                and cand.capitalize() in nouns and cand not in _ADJECTIVE_ONLY):
            return lex[cand]
    return 0.0


# "positiv getestet", "positive Corona-Fälle", "ein negativer Befund": findings, not evaluations
_TEST_RESULT = frozenset({"positiv", "negativ"})
_FINDING_NOUNS = ("fall", "fälle", "befund", "probe")
_FINDING_WORDS = ("test", "corona", "covid", "pcr")


def _near_a_test(tok: Token, window: int = 3) -> bool:
    doc = tok.doc
    lo, hi = max(0, tok.i - window), min(len(doc), tok.i + window + 1)
    for t in doc[lo:hi]:
        if t.i == tok.i:
            continue
        lemma = t.lemma_.lower()
        if any(w in lemma for w in _FINDING_WORDS):
            return True
        if t.pos_ == "NOUN" and lemma.endswith(_FINDING_NOUNS):
            return True
    return False


_UMLAUT_FREE = str.maketrans("äöü", "aou")
_NOUN_ENDINGS = frozenset({"", "e", "en", "n", "s", "es", "er", "ern", "r", "nen", "ns"})


def _noun_inflection(form: str, lemma: str) -> bool:
    """Whether ``form`` can inflect ``lemma`` ("Schüssen" of "Schuss", not "Nota" of "Not")."""
    f, lem = form.translate(_UMLAUT_FREE), lemma.translate(_UMLAUT_FREE)
    if f.startswith(lem) and f[len(lem):] in _NOUN_ENDINGS:
        return True
    # foreign plurals: Risiko/Risiken, Drama/Dramen, Virus/Viren, Museum/Museen
    for ending in ("um", "us", "on", "is", "a", "o"):
        if lem.endswith(ending) and f in (lem[:-len(ending)] + "en", lem[:-len(ending)] + "a"):
            return True
    return False


def word_polarity(tok: Token, lex: dict[str, float]) -> float:
    """Lexicon weight of a token: lemma, then form, then compound head.

    Function words get none; verbs are looked up by lemma only (the form
    "gefallen" of "fallen" is not "gefallen", to please), else by their -ung
    noun; compound heads are tried for nouns only ("zahlreich" does not end in
    "reich").
    """
    pos = tok.pos_
    if pos in _NO_POLARITY_POS:
        return 0.0
    lemma = tok.lemma_.lower()
    keys = (lemma,) if pos == "VERB" else (lemma, tok.lower_)
    if pos == "NOUN" and not _noun_inflection(tok.lower_, lemma):
        keys = (tok.lower_,)  # a guessed lemma: "Nota" is not a form of "Not"
    for key in keys:
        if key in lex:
            if key in _ADJECTIVE_ONLY and pos != "ADJ":
                return 0.0
            if key in _TEST_RESULT and _near_a_test(tok):
                return 0.0
            return lex[key]
    if pos == "VERB":
        return _verb_from_noun(lemma, lex)
    low = tok.lower_
    if pos == "NOUN" and len(low) > 7:
        return _compound_head(low, lex)
    return 0.0


# verbs whose -ung noun means something else: "ein Ziel verfolgen" (not persecution), "sich mit
# etwas auseinandersetzen" (not a quarrel), "den Titel erobern" (not a conquest)
_VERB_NOT_LIKE_NOUN = frozenset({"verfolgen", "auseinandersetzen", "erobern"})


def _verb_from_noun(lemma: str, lex: dict[str, float]) -> float:
    """A verb missing from the lexicon takes the weight of its -ung noun ("verteuern" from
    "Verteuerung", "einschränken" from "Einschränkung")."""
    if not lemma.endswith("n") or lemma in _VERB_NOT_LIKE_NOUN:
        return 0.0
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1]
    return lex.get(stem + "ung", 0.0)


def _sentence_end(tok: Token) -> bool:
    """".", "!", "?", "?!", "…" and runs of dots ("..", how news snippets join sentences)."""
    return bool(tok.text) and set(tok.text) <= {".", "!", "?", "…"}


def _clause_break(tok: Token) -> bool:
    return (_sentence_end(tok) or tok.text in (",", ";", ":")
            or tok.lower_ in ("dass", "und", "oder"))


def token_weights(tokens: list[Token], lex: dict[str, float]) -> list[float]:
    """Signed weight per token after negation, intensity, contrast and mood rules."""
    weights = [0.0] * len(tokens)
    polarity = [word_polarity(t, lex) for t in tokens]
    negate = False
    scale = 1.0
    hypo = 1.0
    contrast = 1.0
    verb_before = -1  # last polar verb of this clause that precedes a negator
    negator = ""

    def close_clause() -> None:
        # "Die Regierung hilft den Menschen nicht": "nicht"/"nie" with nothing polar after
        # it in its clause negates the polar finite verb before it (not "ohne Zögern")
        if negate and verb_before >= 0 and negator in _POSTPOSED_NEGATORS:
            weights[verb_before] *= -0.8

    for i, tok in enumerate(tokens):
        low = tok.lower_
        if _clause_break(tok):
            close_clause()
            negate, scale, verb_before = False, 1.0, -1
            if _sentence_end(tok):
                hypo = 1.0
            continue
        if low in CONTRAST:
            contrast = 2.0
            for j in range(i):
                weights[j] *= 0.5
            continue
        if low in NEGATORS:
            # "nicht nur …, sondern auch", "nicht zuletzt" do not negate
            nxt = tokens[i + 1].lower_ if i + 1 < len(tokens) else ""
            negate, negator = nxt not in _NOT_NEGATING_AFTER, low
            continue
        if low in INTENSIFIERS:
            scale *= INTENSIFIERS[low]
            continue
        if tok.lemma_.lower() in _DEGREE_ADJECTIVES and i + 1 < len(tokens) and polarity[i + 1]:
            # "schwer verletzt", "schwere Niederlage", "harte Kritik": how much, not how good
            scale *= _DEGREE_ADJECTIVES[tok.lemma_.lower()]
            continue
        if low in DOWNTONERS:
            scale *= DOWNTONERS[low]
            continue
        if low in HYPOTHETICAL:
            hypo = 0.6
        w = polarity[i]
        if w:
            if negate:
                w = -0.8 * w
                negate = False
            elif tok.pos_ == "VERB":
                verb_before = i
            weights[i] = w * scale * hypo * contrast
            scale = 1.0
    close_clause()
    return weights


def score_tokens(tokens: list[Token], lex: dict[str, float]) -> float:
    return math.tanh(sum(token_weights(tokens, lex)))


def label_of(score: float) -> str:
    """Sentence and article label: positive above +0.2, negative below −0.2."""
    return "positive" if score > THRESHOLD else "negative" if score < -THRESHOLD else "neutral"


def target_label_of(score: float) -> str:
    """Label toward a target, with the cut-offs calibrated on GerNTSA (see above)."""
    return ("positive" if score > TARGET_POSITIVE_ABOVE
            else "negative" if score < TARGET_NEGATIVE_BELOW else "neutral")


def target_score(sent: Span, start_char: int, end_char: int, lex: dict[str, float],
                 context: float = 0.0) -> float:
    """Sentiment of ``sent`` toward the target at ``start_char:end_char``.

    ``context`` is the evidence of the neighbouring sentences (``neighbour_context``);
    it counts at ``CONTEXT_WEIGHT``.
    """
    toks = [t for t in sent if not t.is_space]
    weights = token_weights(toks, lex)
    inside = [i for i, t in enumerate(toks) if t.idx < end_char and t.idx + len(t) > start_char]
    if not inside:
        return math.tanh(sum(weights))
    lo, hi = min(inside), max(inside)
    total = 0.0
    for i, w in enumerate(weights):
        if not w:
            continue
        dist = 0 if lo <= i <= hi else (lo - i if i < lo else i - hi)
        total += w / (1 + dist / 4)
    # a long sentence holds more polar words without saying more about the target
    total /= math.sqrt(len(toks) / TYPICAL_SENTENCE_TOKENS)
    return math.tanh(total + CONTEXT_WEIGHT * context)


def sentence_evidence(sent: Span, lex: dict[str, float]) -> tuple[float, int]:
    """Summed token weights of a sentence and its number of tokens."""
    toks = [t for t in sent if not t.is_space]
    return sum(token_weights(toks, lex)), len(toks)


def neighbour_context(sents: list[Span], k: int, lex: dict[str, float],
                      evidence: list[tuple[float, int]] | None = None) -> float:
    """Length-normalised evidence of the sentences before and after sentence ``k``.

    ``evidence`` may hold ``sentence_evidence`` of every sentence, computed once.
    """
    around = [j for j in (k - 1, k + 1) if 0 <= j < len(sents)]
    found = [evidence[j] if evidence else sentence_evidence(sents[j], lex) for j in around]
    total = sum(w for w, _ in found)
    n = sum(m for _, m in found)
    return total / math.sqrt(n / TYPICAL_SENTENCE_TOKENS) if n else 0.0


@Language.factory("newskit_sentiment", default_config={"lexicon_path": None})
def make_sentiment(nlp: Language, name: str, lexicon_path: str | None):
    lex = load_lexicon(lexicon_path)

    def newskit_sentiment(doc: Doc) -> Doc:
        from newskit.nlp.sentences import sentence_ids

        scores = []
        sents = list(doc.sents)
        evidence = [sentence_evidence(sent, lex) for sent in sents]
        for sent, (total, _) in zip(sents, evidence):
            s = math.tanh(total)
            sent._.sentiment_score, sent._.sentiment = s, label_of(s)
            scores.append(s)
        ids = sentence_ids(doc)
        for ent in doc.ents:
            k = ids[ent.start]
            context = neighbour_context(sents, k, lex, evidence)
            s = target_score(sents[k], ent.start_char, ent.end_char, lex, context)
            ent._.sentiment_score, ent._.sentiment = s, target_label_of(s)
        for q in doc.spans.get("quotes", []):  # the quoted words themselves
            s = score_tokens([t for t in q if not t.is_space], lex)
            q._.sentiment_score, q._.sentiment = s, label_of(s)
        doc._.sentiment_score = sum(scores) / len(scores) if scores else 0.0
        doc._.sentiment = label_of(doc._.sentiment_score)
        return doc

    return newskit_sentiment


def span_sentiment(span: Span) -> dict:
    """``sentiment`` and ``sentiment_score`` columns for an entity or quote span."""
    return {"sentiment": span._.sentiment, "sentiment_score": span._.sentiment_score}


def sentence_rows(doc: Doc) -> Iterator[dict]:
    """One row per sentence: offsets, text, score and label."""
    for i, sent in enumerate(doc.sents):
        score = sent._.sentiment_score
        toks = [t for t in sent if not t.is_space]
        start = toks[0].idx if toks else sent.start_char
        end = toks[-1].idx + len(toks[-1]) if toks else sent.start_char
        yield {"sent_id": i, "start_char": start, "end_char": end,
               "text": doc.text[start:end], "score": score if score is not None else 0.0,
               "label": sent._.sentiment or "neutral"}


def article_sentiment(sentences: list[dict]) -> tuple[float, str]:
    """Mean sentence score and its label (see module docstring)."""
    if not sentences:
        return 0.0, "neutral"
    s = sum(r["score"] for r in sentences) / len(sentences)
    return s, label_of(s)


def target_sentiment(df, *, nlp: Language | None = None, lexicon: dict | None = None):
    """Sentiment toward targets: ``df`` has ``text``, ``start_char``, ``end_char``.

    Returns a DataFrame with ``label`` and ``score`` in the order of ``df``.

    Example:
        >>> import pandas as pd, newskit
        >>> df = pd.DataFrame({"text": ["Russland droht mit einem brutalen Krieg."],
        ...                    "start_char": [0], "end_char": [8]})
        >>> newskit.target_sentiment(df)["label"].tolist()
        ['negative']
    """
    import pandas as pd

    from newskit.nlp import load_pipeline

    missing = {"text", "start_char", "end_char"} - set(df.columns)
    if missing:
        raise ValueError(f"target_sentiment needs columns {sorted(missing)}")
    nlp = nlp or load_pipeline()
    lex = lexicon or load_lexicon()
    texts = df["text"].astype(str).tolist()
    out = []
    disable = [p for p in nlp.pipe_names if p in ("newskit_quotes", "newskit_ner", "ner",
                                                    "newskit_entities")]
    docs = nlp.pipe(texts, disable=disable, batch_size=64)
    for doc, s, e in zip(docs, df["start_char"].tolist(), df["end_char"].tolist()):
        s, e = int(s), int(e)
        sents = list(doc.sents)
        k = next((i for i, st in enumerate(sents) if st.start_char <= s < st.end_char), None)
        if k is None:
            score = target_score(doc[:], s, e, lex)
        else:
            score = target_score(sents[k], s, e, lex, neighbour_context(sents, k, lex))
        out.append({"label": target_label_of(score), "score": score})
    return pd.DataFrame(out, index=df.index, columns=["label", "score"])
