"""STTS tags, UD parts of speech, lemmas and morphology from HanTa.

HanTa (the Hanover Tagger) ships its German model inside its wheel, so this
component works offline. On top of HanTa's tags and lemmas we add:

* ``Mood=Sub`` for forms that show Konjunktiv I (``sei``, ``habe``, ``könne``,
  ``gehe`` …) or an unambiguous Konjunktiv II (``würde``, ``wäre``, ``hätte`` …);
* separable verbs joined in the lemma of the finite verb
  (``kündigte … an`` → ``ankündigen``, ``stellte … klar`` → ``klarstellen``);
* person, number and gender for personal pronouns (used for speaker resolution).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

# STTS -> Universal POS (the standard mapping used by UD German treebanks).
STTS_TO_UPOS = {
    "ADJA": "ADJ", "ADJD": "ADJ", "ADV": "ADV", "APPR": "ADP", "APPRART": "ADP", "APPO": "ADP",
    "APZR": "ADP", "ART": "DET", "CARD": "NUM", "FM": "X", "ITJ": "INTJ", "KOUI": "SCONJ",
    "KOUS": "SCONJ", "KON": "CCONJ", "KOKOM": "CCONJ", "NN": "NOUN", "NE": "PROPN",
    "PDS": "PRON", "PDAT": "DET", "PIS": "PRON", "PIAT": "DET", "PIDAT": "DET", "PPER": "PRON",
    "PPOSS": "PRON", "PPOSAT": "DET", "PRELS": "PRON", "PRELAT": "DET", "PRF": "PRON",
    "PWS": "PRON", "PWAT": "DET", "PWAV": "ADV", "PAV": "ADV", "PROAV": "ADV", "PTKZU": "PART",
    "PTKNEG": "PART", "PTKVZ": "ADP", "PTKANT": "PART", "PTKA": "PART", "TRUNC": "X",
    "VVFIN": "VERB", "VVIMP": "VERB", "VVINF": "VERB", "VVIZU": "VERB", "VVPP": "VERB",
    "VAFIN": "AUX", "VAIMP": "AUX", "VAINF": "AUX", "VAPP": "AUX", "VMFIN": "AUX",
    "VMINF": "AUX", "VMPP": "AUX", "XY": "X", "$,": "PUNCT", "$.": "PUNCT", "$(": "PUNCT",
}

KONJ2 = frozenset(
    "würde würden würdest wäre wären wärest hätte hätten hättest könnte könnten müsste "
    "müssten dürfte dürften möchte möchten bräuchte bräuchten ginge gäbe käme".split()
)
# Lemmas whose "-e" form is not Konjunktiv I (their 3rd person indicative ends in -e too).
_NO_KONJ1 = frozenset(["sein"])
# Predicative words that act as verb particles in "stellte … klar" etc.
PARTICLE_ADJ = {
    ("klar", "stellen"), ("fest", "stellen"), ("klar", "machen"), ("bekannt", "geben"),
    ("fest", "halten"), ("deutlich", "machen"), ("offen", "lassen"), ("frei", "geben"),
    ("statt", "finden"), ("teil", "nehmen"), ("zurück", "weisen"), ("fest", "legen"),
}

# prepositions that, last in a clause after a finite full verb, are its separated particle
CLAUSE_FINAL_PARTICLES = frozenset("ab an auf aus bei ein mit nach vor zu".split())

PRONOUNS = {
    # form: (Person, Number, Gender); Gender "" when open
    "er": ("3", "Sing", "Masc"), "ihn": ("3", "Sing", "Masc"), "ihm": ("3", "Sing", "Masc|Neut"),
    "sie": ("3", "", ""), "ihr": ("2", "Plur", ""), "es": ("3", "Sing", "Neut"),
    "ich": ("1", "Sing", ""), "wir": ("1", "Plur", ""), "du": ("2", "Sing", ""),
}


WORD_CACHE_SIZE = 500_000


@lru_cache(maxsize=1)
def _hanta():
    """HanTa's German tagger with its per-word work memoised.

    HanTa analyses every word form from scratch (candidate tags, then the
    lemma for the chosen tag). Both depend only on the word (and tag), not on
    the sentence, so they are cached per form; the sentence-level Viterbi
    search still runs every time. This makes tagging several times faster on
    news text, where most forms repeat.
    """
    from HanTa import HanoverTagger as ht

    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    forward, lemmas = _word_table()
    raw_forward = lru_cache(maxsize=WORD_CACHE_SIZE)(tagger.analyze_forward)
    raw_analyze = lru_cache(maxsize=WORD_CACHE_SIZE)(tagger._analyze)

    def analyze_forward(word):
        hit = forward.get(word)
        return hit if hit is not None else raw_forward(word)

    def analyze(word, pos, taglevel=1):
        if taglevel == 1:
            hit = lemmas.get((word.lower(), pos))
            if hit is not None:
                return hit
        return raw_analyze(word, pos, taglevel=taglevel)

    tagger.analyze_forward = analyze_forward
    tagger._analyze = analyze
    return tagger


def _word_table() -> tuple[dict, dict]:
    """HanTa analyses precomputed for frequent word forms (training/build_word_table.py).

    Ignored (empty) unless it was built with the installed HanTa version.
    """
    import gzip
    import json
    from importlib import metadata, resources

    path = resources.files("newskit") / "data" / "hanta_words.json.gz"
    try:
        with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
            table = json.load(fh)
    except (OSError, ValueError):
        return {}, {}
    if table.get("hanta_version") != metadata.version("HanTa"):
        return {}, {}
    forward = {w: [tuple(x) for x in v] for w, v in table["forward"].items()}
    lemmas = {}
    for key, value in table["analyze"].items():
        word, _, tag = key.rpartition("\t")
        lemmas[(word, int(tag))] = tuple(value)
    return forward, lemmas


# HanTa's own refinements of STTS, mapped back to the standard tag set.
_HANTA_TAGS = {"PROAV": "PAV", "NNA": "NN", "NNI": "NN", "ACR_NE": "NE", "ACR_NN": "NN",
               "VA_VAR": "VAFIN"}


def _stts(tag: str) -> str:
    if not tag.startswith("$"):
        tag = tag.replace("(", "").replace(")", "")
    return _HANTA_TAGS.get(tag, tag)


def _fix_lemma(word: str, lemma: str, tag: str) -> str:
    if tag in ("NN", "NE", "FM", "XY") and lemma.lower() == word.lower():
        return word
    if tag in ("NN", "NE") and lemma[:1].isupper():
        k = 0
        while k < min(len(word), len(lemma)) and word[k].lower() == lemma[k].lower():
            k += 1
        return word[:k] + lemma[k:]
    return lemma


def is_konjunktiv1(word: str, lemma: str, prev: str | None) -> bool:
    """True when finite ``word`` (lemma ``lemma``) shows Konjunktiv I.

    >>> is_konjunktiv1("habe", "haben", "er"), is_konjunktiv1("habe", "haben", "ich")
    (True, False)
    """
    w = word.lower()
    if w in ("sei", "seien", "seiest", "seist"):
        return True
    if prev and prev.lower() == "ich":
        return False
    if lemma in _NO_KONJ1 or not lemma.endswith("en") or not w.endswith("e"):
        return False
    return w == lemma[:-2].lower() + "e"


def tag_tokens(words: list[str]) -> list[tuple[str, str]]:
    """Return ``(STTS tag, lemma)`` for each word of one sentence."""
    if not words:
        return []
    out = _hanta().tag_sent(words, taglevel=1)
    return [(_stts(t), _fix_lemma(w, lem, _stts(t))) for w, lem, t in out]


def _join_particles(sent) -> None:
    finite = None
    for tok in sent:
        if tok.tag_ in ("VVFIN", "VVIMP"):
            finite = tok
        elif tok.tag_ in ("$,", "KOUS", "PRELS", "KON") and tok.text not in ("und", "oder"):
            finite = None if tok.tag_ != "KON" else finite
        elif finite is not None:
            nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
            clause_end = nxt is None or nxt.is_punct
            # HanTa reads a clause-final "an"/"auf"/"vor" as a preposition ("kündigte ... an")
            if (tok.tag_ == "PTKVZ" or (tok.tag_ == "APPR" and tok.lower_ in CLAUSE_FINAL_PARTICLES)) \
                    and clause_end:
                finite.lemma_ = tok.lower_ + finite.lemma_
                tok.tag_, tok.pos_ = "PTKVZ", "ADP"
                finite = None
            elif (tok.lower_, finite.lemma_) in PARTICLE_ADJ and clause_end:
                finite.lemma_ = tok.lower_ + finite.lemma_
                tok.tag_, tok.pos_ = "PTKVZ", "ADP"
                finite = None


def clear_word_caches() -> None:
    """Forget memoised word analyses (for fair cold-start benchmarks)."""
    _hanta.cache_clear()
    from newskit.nlp.ner import lexicon_class

    lexicon_class.cache_clear()


@Language.factory("newskit_tagger")
def make_tagger(nlp: Language, name: str):
    _hanta()  # load HanTa's model when the pipeline is built, not on the first text
    return newskit_tagger


def newskit_tagger(doc: Doc) -> Doc:
    """Write ``tag_``, ``pos_``, ``lemma_`` and ``morph`` using HanTa (see module doc)."""
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    for sent in sents:
        toks = [t for t in sent if not t.is_space]
        tagged = tag_tokens([t.text for t in toks])
        prev = None
        for tok, (tag, lemma) in zip(toks, tagged):
            tok.tag_ = tag
            tok.pos_ = STTS_TO_UPOS.get(tag, "X")
            tok.lemma_ = lemma
            tok.set_morph(_morph(tok, tag, lemma, prev))
            prev = tok.text
        for tok in sent:
            if tok.is_space:
                tok.tag_, tok.pos_, tok.lemma_ = "_SP", "SPACE", tok.text
        _join_particles(sent)
    return doc


def _morph(tok: Token, tag: str, lemma: str, prev: str | None) -> str:
    feats = {}
    if tag.endswith("FIN"):
        feats["VerbForm"] = "Fin"
        low = tok.lower_
        if low in KONJ2 or is_konjunktiv1(tok.text, lemma, prev):
            feats["Mood"] = "Sub"
        else:
            feats["Mood"] = "Ind"
    elif tag.endswith("INF") or tag.endswith("IZU"):
        feats["VerbForm"] = "Inf"
    elif tag.endswith("PP"):
        feats["VerbForm"] = "Part"
    elif tag == "PPER" and tok.lower_ in PRONOUNS:
        person, number, gender = PRONOUNS[tok.lower_]
        feats["Person"] = person
        if number:
            feats["Number"] = number
        if gender:
            feats["Gender"] = gender.replace("|", ",")
        feats["PronType"] = "Prs"
    return "|".join(f"{k}={v}" for k, v in sorted(feats.items()))
