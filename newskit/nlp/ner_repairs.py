"""Span repairs after the entity CRF: errors it makes systematically, each fixed from the
words of one sentence and newskit's name tables (clusters, gazetteer, german-nouns).

>>> repair_spans(["Alan", "Turing", "sagte"], [(0, 1, "LOC"), (1, 2, "PER")])
[(0, 2, 'PER')]
"""

from __future__ import annotations

from typing import Sequence

from newskit.lang import de
from newskit.nlp.ner_features import cluster_table, gazetteer
from newskit.nlp.ner_tables import repair_cluster_sets

Spans = list[tuple[int, int, str]]


def name_clusters() -> tuple[frozenset[int], frozenset[int]]:
    """Brown clusters of personal names: ``(first-name clusters, all name clusters)``
    (Alan/Angela/Yang; Norbert/Otto; … and Merkel/Frei/Turing/Röttgen, a cluster that
    also holds many common nouns), see ``newskit.nlp.ner_tables.repair_clusters``."""
    sets = repair_cluster_sets()
    return sets["first-name-clusters"], sets["name-clusters"]


def _cluster(word: str) -> int:
    hit = cluster_table().get(word)
    return int(hit[0]) if hit else 0


def _common_noun(word: str) -> bool:
    from newskit.lang.de.nouns import noun_lexicon

    return "NOUN" in (noun_lexicon().get(word) or "")


def _is_first_name(word: str) -> bool:
    """In a first-name cluster (Alan, Yang, Norbert), or a listed first name that
    german-nouns does not know as a common noun."""
    if _cluster(word) in name_clusters()[0]:
        return True
    return "first" in gazetteer()[0].get(word, ()) and not _common_noun(word)


def _namelike(words: Sequence[str], i: int) -> bool:
    """A capitalised word that is a first name, or a listed or clustered name that is
    not a common noun (``Frei``, ``Turing``, not ``Bischof``); at the start of a
    sentence only if its lower-case form is not the commoner one."""
    w = words[i]
    if not (w[:1].isupper() and w.isalpha() and not w.isupper()):
        return False
    if not _is_first_name(w):
        kinds = gazetteer()[0].get(w, ())
        listed = "last" in kinds or _cluster(w) in name_clusters()[1]
        if not listed or _common_noun(w):
            return False
    if i == 0:
        table = cluster_table()
        low, own = table.get(w.lower()), table.get(w)
        return low is None or (own is not None and int(own[1]) <= int(low[1]))
    return True


def _split_affiliation(words: Sequence[str], spans: Spans) -> Spans:
    """``CDU/CSU Norbert Röttgen`` tagged as one ORG → ORG + PER at the first name."""
    out: Spans = []
    for s, e, label in spans:
        cut = None
        if label == "ORG" and e - s >= 3:
            cut = next((j for j in range(s + 1, e - 1)
                        if _is_first_name(words[j]) and _namelike(words, j)
                        and all(_namelike(words, k) for k in range(j + 1, e))), None)
        if cut is None:
            out.append((s, e, label))
        else:
            out += [(s, cut, label), (cut, e, "PER")]
    return out


def _join_names(words: Sequence[str], spans: Spans) -> Spans:
    """``Alan`` + ``Turing`` as two spans → one PER: a one-word span that is a first name,
    right before a PER span, becomes part of it when it has another label or starts the
    sentence (``Bush Cheney`` mid-sentence stay two); so does an untagged
    name word (``Frei Otto``, ``Yang Liwei`` cut to ``Otto``, ``Liwei``)."""
    out: Spans = []
    for s, e, label in sorted(spans):
        prev = out[-1] if out else None
        if label == "PER" and prev and prev[1] == s and prev[1] - prev[0] == 1 \
                and (prev[2] != "PER" or prev[0] == 0) \
                and _is_first_name(words[prev[0]]) and _namelike(words, prev[0]):
            out[-1] = (prev[0], e, "PER")
            continue
        if label == "PER" and s > 0 and (not prev or prev[1] < s) and _namelike(words, s - 1):
            s -= 1
        out.append((s, e, label))
    return out


def genitive_place_clusters() -> frozenset[int]:
    """Clusters of genitives of listed places (``Berlins``, ``Moskaus``, ``Washingtons``)."""
    return repair_cluster_sets()["genitive-place-clusters"]


def _place_not_person(words: Sequence[str], span: tuple[int, int, str]) -> tuple[int, int, str]:
    """A one-word PER that is the genitive of a listed place (``Berlins``), not listed
    itself and in a cluster of such genitives → LOC."""
    s, e, label = span
    w = words[s]
    if label != "PER" or e - s != 1 or not w.endswith("s") or gazetteer()[0].get(w):
        return span
    if "place" in gazetteer()[0].get(w[:-1], ()) and _cluster(w) in genitive_place_clusters():
        return s, e, "LOC"
    return span


#: a country name right after an organisation is its branch's name ("Greenpeace Deutschland")
BRANCH_COUNTRIES = frozenset(("Deutschland", "Österreich", "Schweiz"))


def _country_branch(words: Sequence[str], spans: Spans) -> Spans:
    """``Financial Times`` + ``Deutschland`` as ORG + LOC → one ORG: the country is the
    name of the organisation's branch or edition."""
    out: Spans = []
    starts = {s for s, _, _ in spans}
    for s, e, label in sorted(spans):
        prev = out[-1] if out else None
        if label == "LOC" and e - s == 1 and words[s] in BRANCH_COUNTRIES and prev \
                and prev[2] == "ORG" and prev[1] == s:
            out[-1] = (prev[0], e, "ORG")
            continue
        if label == "ORG" and e < len(words) and words[e] in BRANCH_COUNTRIES \
                and e not in starts:  # the country left untagged
            e += 1
        out.append((s, e, label))
    return out


#: last words of organisation names only (``lang/de/data/organisation_name_heads.txt``)
ORGANISATION_HEADS = de.word_list("organisation_name_heads")


def _organisation_head(words: Sequence[str], span: tuple[int, int, str]) -> tuple[int, int, str]:
    """A PER or LOC span ending in a word only organisation names end with (``Leopold
    Stocker Verlag``, ``Hans-Böckler-Stiftung``) → ORG."""
    s, e, label = span
    if label not in ("PER", "LOC"):
        return span
    last = words[e - 1]
    head = last.rsplit("-", 1)[-1] if e - s == 1 else last
    if e - s == 1 and head == last:  # a lone word is the head itself: "Verlag" is no name
        return span
    if head.lower() in ORGANISATION_HEADS and head[:1].isupper():
        return s, e, "ORG"
    return span


def _place_words() -> dict[str, str]:
    """``lang/de/data/place_name_words.tsv``: word → ``first`` or ``last``."""
    return de.word_table("place_name_words")


def _place_head(words: Sequence[str], span: tuple[int, int, str]) -> tuple[int, int, str]:
    """A name of several words opened or ended by a word only place names take in that
    position (``Cape Canaveral``, ``Sukhumvit Road``) → LOC.

    >>> _place_head(["nahe", "Cape", "Canaveral"], (1, 3, "MISC"))
    (1, 3, 'LOC')
    >>> _place_head(["Road", "Runner"], (0, 2, "MISC"))
    (0, 2, 'MISC')
    """
    s, e, label = span
    if label == "LOC" or e - s < 2:
        return span
    places = _place_words()
    if places.get(words[s]) == "first" or places.get(words[e - 1]) == "last":
        return s, e, "LOC"
    return span


def repair_spans(words: Sequence[str], spans: Spans) -> Spans:
    """Fix errors the CRF makes systematically (see the helpers); ``spans`` are
    ``(start, end, label)`` word indices of one sentence."""
    spans = _country_branch(words, _split_affiliation(words, spans))
    spans = _join_names(words, spans)
    return [_place_head(words, _organisation_head(words, _place_not_person(words, span)))
            for span in spans]

