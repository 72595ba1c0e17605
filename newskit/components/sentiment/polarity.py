"""The polarity of one word: lemma, form, compound head, or the -ung noun of a verb.

Function words carry no polarity ("würde" is not "Würde", "einige" is not "einig"); verbs
are looked up by lemma only (the "gefallen" of *fallen*); a noun's lemma counts only when
the form can inflect it (HanTa guesses "Not" for "Nota"); compound nouns take the weight
of their head ("Kriegsgefahr" → "Gefahr") or, when the head is neutral, a share of a
strongly polar first part ("Unfallstelle" → "Unfall").
"""

from __future__ import annotations

from spacy.tokens import Token

from newskit.components.sentiment.config import DEFAULT, SentimentConfig
from newskit.components.sentiment.lexicon import sentiment_words
from newskit.lang.de.morphology import can_inflect_noun, first_part_stems
from newskit.lang.de.nouns import noun_lexicon

# Parts of speech that never carry polarity themselves: "würde" (AUX) is not "Würde",
# "einige" (DET) is not "einig", a verb particle ("stellte ... fest") is not "fest".
NO_POLARITY_POS = frozenset({"AUX", "DET", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "NUM",
                             "PUNCT", "SYM", "SPACE"})
#: nouns longer than this are tried as compounds
MIN_COMPOUND_LENGTH = 8
#: a first part must weigh at least this much to colour a compound
MIN_MODIFIER_WEIGHT = 0.5
#: words this close to "positiv"/"negativ" can make it a test result
TEST_WINDOW = 3


def is_first_part(mod: str, lex: dict[str, float], nouns: dict[str, str]) -> bool:
    """Whether ``mod`` can stand before a head: a known noun (with or without a linking
    -s/-n/-es/-en/-e), a lexicon word or a hyphenated part — not the remains of a simple
    word ("Kabi|nett", "Elfmet|erschießen", "Aben|teuer", "Ver|einigung")."""
    if mod.endswith("-") or mod in lex:
        return True
    # verb stems stand first too ("Park|verbot"), when the infinitive is a listed noun
    cands = first_part_stems(mod) + [mod + "n", mod + "en"]
    return any(len(c) >= 3 and c.capitalize() in nouns for c in cands)


def modifier_weight(mod: str, lex: dict[str, float], nouns: dict[str, str]) -> float:
    """Weight of a compound's first part, a noun with or without linking -s/-n/-es/-en."""
    adjective_only = sentiment_words().adjective_only
    for cand in first_part_stems(mod.rstrip("-")):  # "Boykott-Aufrufe"
        if (len(cand) >= 4 and cand in lex and abs(lex[cand]) >= MIN_MODIFIER_WEIGHT
                and cand.capitalize() in nouns and cand not in adjective_only):
            return lex[cand]
    return 0.0


def compound_polarity(low: str, lex: dict[str, float], cfg: SentimentConfig = DEFAULT) -> float:
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
        if head in lex and is_first_part(low[:k], lex, nouns):
            return lex[head]
        if head.capitalize() in nouns:
            if head in sentiment_words().suffix_like_heads:
                return 0.0
            return cfg.modifier_share * modifier_weight(low[:k], lex, nouns)
    return 0.0


def near_a_test(tok: Token, window: int = TEST_WINDOW) -> bool:
    """Whether a test, a case or a finding stands within ``window`` tokens of ``tok``."""
    words = sentiment_words()
    doc = tok.doc
    for t in doc[max(0, tok.i - window): min(len(doc), tok.i + window + 1)]:
        if t.i == tok.i:
            continue
        lemma = t.lemma_.lower()
        if any(w in lemma for w in words.finding_words):
            return True
        if t.pos_ == "NOUN" and lemma.endswith(words.finding_noun_endings):
            return True
    return False


def verb_from_noun(lemma: str, lex: dict[str, float]) -> float:
    """A verb missing from the lexicon takes the weight of its -ung noun ("verteuern" from
    "Verteuerung", "einschränken" from "Einschränkung")."""
    if not lemma.endswith("n") or lemma in sentiment_words().verbs_unlike_their_noun:
        return 0.0
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1]
    return lex.get(stem + "ung", 0.0)


def _lookup_keys(tok: Token, pos: str, lemma: str) -> tuple[str, ...]:
    if pos == "VERB":
        return (lemma,)
    if pos == "NOUN" and not can_inflect_noun(tok.lower_, lemma):
        return (tok.lower_,)  # a guessed lemma: "Nota" is not a form of "Not"
    return (lemma, tok.lower_)


def _listed_weight(tok: Token, key: str, pos: str, lex: dict[str, float]) -> float:
    words = sentiment_words()
    if key in words.adjective_only and pos != "ADJ":
        return 0.0
    if key in words.test_results and near_a_test(tok):
        return 0.0
    return lex[key]


def word_polarity(tok: Token, lex: dict[str, float], cfg: SentimentConfig = DEFAULT) -> float:
    """Lexicon weight of a token: lemma, then form, then compound head.

    Function words get none; verbs are looked up by lemma only, else by their -ung
    noun; compound heads are tried for nouns only ("zahlreich" does not end in "reich").
    """
    pos = tok.pos_
    if pos in NO_POLARITY_POS:
        return 0.0
    lemma = tok.lemma_.lower()
    for key in _lookup_keys(tok, pos, lemma):
        if key in lex:
            return _listed_weight(tok, key, pos, lex)
    if pos == "VERB":
        return verb_from_noun(lemma, lex)
    if pos == "NOUN" and len(tok.lower_) >= MIN_COMPOUND_LENGTH:
        return compound_polarity(tok.lower_, lex, cfg)
    return 0.0
