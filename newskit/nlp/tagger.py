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

from collections import defaultdict

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as UPOS_IDS
from spacy.tokens import Doc

from newskit.nlp import hanta, ner_features
from newskit.nlp.crf_model import drop_all_added_rows
from newskit.nlp.doctext import token_texts
from newskit.nlp.sentences import sentence_bounds

MAX_TAGGED_CHARS = hanta.MAX_TAGGED_CHARS  # longer tokens skip HanTa's morphological search

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

_POS_IDS = defaultdict(lambda: UPOS_IDS["X"],
                       {t: UPOS_IDS[u] for t, u in STTS_TO_UPOS.items()}, _SP=UPOS_IDS["SPACE"])

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


_tag_lemma: dict[tuple[str, int], tuple[str, str]] = {}  # (word, HanTa tag id) -> (STTS, lemma)


def _tag_and_lemma(word: str, tag: int) -> tuple[str, str]:
    key = (word, tag)
    hit = _tag_lemma.get(key)
    if hit is None:
        stts = _stts(hanta.hanta_tagger().int2tag[tag])
        hit = stts, _fix_lemma(word, hanta.lemmatize(word, tag)[0], stts)
        if len(_tag_lemma) >= hanta.WORD_CACHE_SIZE:
            _tag_lemma.clear()
        _tag_lemma[key] = hit
    return hit


def tag_tokens(words: list[str]) -> list[tuple[str, str]]:
    """Return ``(STTS tag, lemma)`` for each word of one sentence."""
    if not words:
        return []
    get = _tag_lemma.get
    out = []
    for w, t in zip(words, hanta.decode_tags(words)):
        hit = get((w, t))
        out.append(hit if hit is not None else _tag_and_lemma(w, t))
    return out


def _join_particles(tags: list[str], lemmas: list[str], words: list[str], punct,
                    span: range) -> None:
    """Join separated verb particles to the lemma of their finite verb within one sentence
    (``kündigte … an`` → ``ankündigen``); works on the token lists of the whole Doc."""
    finite = None
    n = len(words)
    for i in span:
        tag = tags[i]
        if tag in ("VVFIN", "VVIMP"):
            finite = i
        elif tag in ("$,", "KOUS", "PRELS", "KON") and words[i] not in ("und", "oder"):
            finite = None if tag != "KON" else finite
        elif finite is not None:
            clause_end = i + 1 >= n or punct[i + 1]
            if not clause_end:
                continue
            low = words[i].lower()
            # HanTa reads a clause-final "an"/"auf"/"vor" as a preposition ("kündigte ... an")
            if tag == "PTKVZ" or (tag == "APPR" and low in CLAUSE_FINAL_PARTICLES) \
                    or (low, lemmas[finite]) in PARTICLE_ADJ:
                lemmas[finite] = low + lemmas[finite]
                tags[i] = "PTKVZ"
                finite = None


def clear_word_caches() -> None:
    """Forget every memoised word analysis (for fair cold-start benchmarks): HanTa's
    (:func:`newskit.nlp.hanta.clear_caches`), the tagger's and the NER's word caches.
    The models and the precomputed word table stay loaded."""
    hanta.clear_caches()
    _tag_lemma.clear()
    for name in ("lexicon_class", "_word_block", "_shapes"):
        memo = getattr(ner_features, name, None)
        if hasattr(memo, "cache_clear"):
            memo.cache_clear()
    drop_all_added_rows()


@Language.factory("newskit_tagger",
                  assigns=["token.tag", "token.pos", "token.lemma", "token.morph"],
                  requires=["doc.sents"])
def make_tagger(nlp: Language, name: str):
    # HanTa's model, the decoder's tables, the morpheme search and the word table are built
    # with the pipeline, not on the first text (so forked workers inherit them)
    hanta.hanta_tagger()
    hanta.decoder_tables()
    hanta.fast_morph()
    hanta.word_table()
    return newskit_tagger


def newskit_tagger(doc: Doc) -> Doc:
    """Write ``tag_``, ``pos_``, ``lemma_`` and ``morph`` using HanTa (see module doc).

    Tags are computed on plain lists and written with one ``Doc.from_array``.
    """
    n = len(doc)
    if n == 0:
        return doc
    words = token_texts(doc)
    flags = doc.to_array([IS_SPACE, IS_PUNCT]).tolist()
    punct = [p for _, p in flags]
    tags, lemmas = ["_SP"] * n, list(words)
    morphs: list[str | None] = [None] * n  # None: left as it is (whitespace)
    bounds = sentence_bounds(doc) if doc.has_annotation("SENT_START") else [(0, n)]
    for start, end in bounds:
        idx = [i for i in range(start, end) if not flags[i][0]]
        prev = None
        for i, (tag, lemma) in zip(idx, tag_tokens([words[i] for i in idx])):
            tags[i], lemmas[i] = tag, lemma
            morphs[i] = _morph(words[i], tag, lemma, prev)
            prev = words[i]
        _join_particles(tags, lemmas, words, punct, range(start, end))
    _write(doc, tags, lemmas, morphs)
    return doc


def _write(doc: Doc, tags: list[str], lemmas: list[str], morphs: list[str | None]) -> None:
    """Set TAG, POS, LEMMA and MORPH of every token at once (``tok.tag_ = …`` per token)."""
    add, add_morph = doc.vocab.strings.add, doc.vocab.morphology.add
    keys: dict[str, int] = {}
    morph_keys: dict[str, int] = {}
    rows = doc.to_array([MORPH]).tolist()
    for i, (tag, lemma, morph) in enumerate(zip(tags, lemmas, morphs)):
        if morph is not None:
            key = morph_keys.get(morph)
            if key is None:
                key = morph_keys[morph] = add_morph(morph)
        else:
            key = rows[i]
        t = keys.get(tag)
        if t is None:
            t = keys[tag] = add(tag)
        lem = keys.get(lemma)
        if lem is None:
            lem = keys[lemma] = add(lemma)
        rows[i] = (t, _POS_IDS[tag], lem, key)
    doc.from_array([TAG, POS, LEMMA, MORPH], numpy.array(rows, dtype=numpy.uint64))


_MORPH_TAG_ENDS = ("FIN", "INF", "IZU", "PP")


def _morph(word: str, tag: str, lemma: str, prev: str | None) -> str:
    if not tag.endswith(_MORPH_TAG_ENDS) and tag != "PPER":
        return ""  # no features for other tags
    feats = {}
    if tag.endswith("FIN"):
        feats["VerbForm"] = "Fin"
        if word.lower() in KONJ2 or is_konjunktiv1(word, lemma, prev):
            feats["Mood"] = "Sub"
        else:
            feats["Mood"] = "Ind"
    elif tag.endswith("INF") or tag.endswith("IZU"):
        feats["VerbForm"] = "Inf"
    elif tag.endswith("PP"):
        feats["VerbForm"] = "Part"
    elif tag == "PPER" and word.lower() in PRONOUNS:
        person, number, gender = PRONOUNS[word.lower()]
        feats["Person"] = person
        if number:
            feats["Number"] = number
        if gender:
            feats["Gender"] = gender.replace("|", ",")
        feats["PronType"] = "Prs"
    return "|".join(f"{k}={v}" for k, v in sorted(feats.items()))
