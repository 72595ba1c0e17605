"""Earlier referents of a speaker phrase: what "das Ministerium", "der Konzern", "der oberste
Gerichtshof", "der gleichen Nachrichtenagentur" or "die Richter" point back to.

A bare or lightly modified definite noun names the source last reported, the institution last
named whose name ends with the noun (however far back: "das Gericht" long after "Landgericht
Mannheim"), the organisation last named for a kind noun ("der Konzern", "der britische
Fernsehsender"), the group described more fully before for a plural of persons ("Die
Forscher"), the author of a document, or — for judges — the court the article names most. Used by
:mod:`newskit.components.quotes.mentions` and :mod:`newskit.components.quotes.speakers`.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

from newskit.components.entities import is_nationality_adjective, is_role_word
from newskit.components.quotes.docindex import DocIndex, History, canonical, last_before
from newskit.components.quotes.grammar import clause_start, main_finite, np_forward
from newskit.components.quotes.refine import is_document, phrase, refine, words
from newskit.components.quotes.subjects import clause_subject
from newskit.components.quotes.words import GENITIVE_ARTICLES
from newskit.lang import de
from newskit.lang.de.declension import choose, readings

# a bare definite noun looks this many tokens back for the phrase it shortens
ANTECEDENT_WINDOW = 600
# endings a noun may add in another case ("des Gerichts", "den Gerichten")
CASE_ENDINGS = ("", "s", "es", "n", "en", "e", "er", "ern")
DEFINITE_ARTICLES = frozenset(["der", "die", "das", "den", "dem", "des"])
# determiners of a noun that points back: "das Ministerium", "dieselbe Zeitung", "dieser Sender"
BACK_DETERMINERS = DEFINITE_ARTICLES | frozenset(
    "derselbe dieselbe dasselbe derselben desselben demselben denselben "
    "dieser diese dieses diesem diesen".split())
INSTITUTION_HEADS = de.word_list("institution_name_heads")
SAME_WORDS = frozenset(["gleiche", "gleichen", "selbe", "selben"])
_MEMBERS = de.word_table("institution_members")
ORG_KINDS = de.word_list("organisation_class_nouns")
# "der Konzern" points back to an organisation named at most this many sentences before
ORG_WINDOW_SENTS = 4


def _names_head(name: str, head: str) -> bool:
    """Whether ``name`` has a word that ends with ``head`` ("isländisches
    Fischereiministerium" for "Ministerium") and is more than the head itself."""
    low = head.lower()
    return name.lower() != low and any(w.lower().endswith(low) for w in name.split())


def earlier_referent(index: DocIndex, mention: Span, history: History) -> str | None:
    """"das Ministerium", "Der Ausschuss": a bare definite noun names the source last
    reported or the organisation last named whose name ends with that noun."""
    ws = words(mention)
    if len(ws) == 3 and ws[1].lower_ in SAME_WORDS:  # "der gleichen Nachrichtenagentur"
        ws = [ws[0], ws[2]]
    if len(ws) == 3 and ws[0].lower_ in DEFINITE_ARTICLES and is_nationality_adjective(ws[1]) \
            and ws[1].text[:1].islower() and ws[2].lower_ in ORG_KINDS:
        # "der britische Fernsehsender": the one just named ("die Süddeutsche Zeitung" is a name)
        return last_organisation(index, mention)
    if len(ws) == 3 and ws[0].lower_ in DEFINITE_ARTICLES and ws[1].tag_ == "ADJA" \
            and ws[2].tag_ == "NN" and not is_role_word(ws[2]) \
            and not is_nationality_adjective(ws[1]) \
            and not (ws[1].text[:1].isupper() and ws[1].lower_.endswith("er")):  # "Wiener Linien"
        return _compound_antecedent(index, mention.start, ws[2])  # "der oberste Gerichtshof"
    if len(ws) == 2 and ws[0].lower_ == "die" and ws[1].tag_ == "NN" and is_role_word(ws[1]):
        return _group_antecedent(index, mention, ws[1])  # "Die Forscher"
    if len(ws) != 2 or ws[0].lower_ not in BACK_DETERMINERS or ws[1].tag_ != "NN" \
            or is_role_word(ws[1]):
        return None
    head_ = phrase(ws)
    said = last_before(history, mention.start_char, lambda h: _names_head(h[1], head_))
    if said is not None and said[1] == head_:
        said = None  # the same bare noun reported before names no one yet
    if said is None and is_document(ws[1].lower_):  # also "der Gesetzentwurf"
        author = _document_author(index, mention, ws[1])
        if author is not None:  # "die Studie": the study's author
            return author
    named = _antecedent_phrase(index.doc, mention.start, head_)
    if named is None and said is None:  # the article's court, named once at the top
        named = _far_antecedent(index, mention.start, head_)
    if said is not None and (named is None or said[0] >= named.start_char):
        return said[1]
    if named is None:
        return last_organisation(index, mention) if ws[1].lower_ in ORG_KINDS else None
    ent = index.entity_covering(named.end - 1)
    if ent is None and named.end < len(index.doc):  # "die Nachrichtenagentur RIA Novosti"
        ent = index.entity_covering(named.end)
        ent = ent if ent is not None and ent.start == named.end else None
    return canonical(ent) if ent is not None and ent.label_ == "ORG" else phrase(list(named))


def _group_antecedent(index: DocIndex, mention: Span, noun) -> str | None:
    """"Die Forscher" after "Klimaforscher der University of Colorado": a plural of persons
    names the group described more fully before (``None`` for a singular: "die Ministerin")."""
    reading = choose(readings(noun.text), "die", noun.text)
    if reading is None or not reading.plural:
        return None
    named = _antecedent_phrase(index.doc, mention.start, noun.text)
    return phrase(list(named)) if named is not None and len(named) > 1 else None


def _document_author(index: DocIndex, mention: Span, noun) -> str | None:
    """"So heißt es in dem Schreiben", "so die Studie": the author of the document named
    before (within ``ANTECEDENT_WINDOW`` tokens) — the organisation or person in the
    genitive after it ("eine Studie … der Stiftung Warentest"), or the subject of its
    clause when that names one ("Die Behörde hat in einem Schreiben … angedroht")."""
    doc, low = index.doc, noun.lower_
    for i in range(mention.start - 1, max(-1, mention.start - 1 - ANTECEDENT_WINDOW), -1):
        t = doc[i]
        if t.tag_ != "NN" or not t.lower_.endswith(low):
            continue
        sent_end = doc[i].sent.end
        for j in range(i + 1, min(sent_end - 1, i + 14)):
            if doc[j].text == "," or doc[j].tag_.startswith("V"):
                break
            if doc[j].lower_ not in GENITIVE_ARTICLES:
                continue
            ent = index.entity_covering(j + 1)
            if ent is not None and ent.start == j + 1 and ent.label_ in ("ORG", "PER"):
                return canonical(ent)
            owner = np_forward(doc, j, min(sent_end, j + 6))
            if owner is not None and (any(t.tag_ == "NE" for t in owner) or sum(
                    t.tag_ == "NN" for t in owner) >= 2 or _institution(owner[-1])):
                return phrase(list(owner))  # "der Stiftung Warentest": a name
        sent = doc[i].sent
        fin = main_finite(sent, set())
        subj = clause_subject(doc, sent, fin, clause_start(doc, sent, fin.i, set())) \
            if fin is not None and fin.i < i else None
        ent = index.entity_in(subj) if subj is not None and subj.end <= i else None
        if ent is None and subj is not None and subj.end <= i and _institution(subj[-1]):
            return phrase(list(subj))  # "Das Innenministerium hat einen Gesetzentwurf …"
        if ent is not None and ent.label_ in ("ORG", "PER"):
            found = refine(subj)
            if found is not None and found.span is not None and not found.anaphoric:
                return found.name or phrase(list(found.span))
    return None


def _institution(tok) -> bool:
    """"des Bundesbildungsministeriums", "des Statistischen Bundesamtes": a compound noun
    whose last part names an institution (``institution_name_heads.txt``)."""
    low = tok.lower_.rstrip("s")
    return tok.tag_ == "NN" and any(low.endswith(h) and len(low) > len(h) + 2
                                    for h in INSTITUTION_HEADS)


def _compound_antecedent(index: DocIndex, before: int, head_) -> str | None:
    """"der oberste Gerichtshof" → the "Bundesgerichtshof" named last before: a compound
    that ends with the head noun (within ``ANTECEDENT_WINDOW`` tokens)."""
    low = head_.lower_
    for i in range(before - 1, max(-1, before - 1 - ANTECEDENT_WINDOW), -1):
        t = index.doc[i]
        word = t.lower_.rstrip("s") if t.lower_.rstrip("s").endswith(low) else t.lower_
        if t.tag_ in ("NN", "NE") and word.endswith(low) and len(word) > len(low) + 2:
            ent = index.entity_covering(i)
            return canonical(ent) if ent is not None else phrase([t])
    return None


def last_organisation(index: DocIndex, mention: Span) -> str | None:
    """"der Konzern", "die Fluggesellschaft": the organisation named last before, within
    ``ORG_WINDOW_SENTS`` sentences."""
    k = bisect_left(index.ent_starts, mention.start)
    for e in reversed(index.ents[:k]):
        if index.sentence_gap(e.start_char, mention.start_char) > ORG_WINDOW_SENTS:
            return None
        if e.label_ == "ORG":
            return canonical(e)
    return None


def _antecedent_phrase(doc: Doc, before: int, head_: str,
                       window: int = ANTECEDENT_WINDOW) -> Span | None:
    """The nearest earlier phrase whose noun ends with ``head_`` and says more than it:
    "das isländische Fischereiministerium", "der Ständige Ausschuss des Nationalen
    Volkskongresses", "die Umweltschutzorganisation WWF", the name "Universität Tübingen"
    (within ``window`` tokens)."""
    low = head_.lower()
    stem = low[: max(1, len(low) - 3)]  # case endings only add letters after the stem
    for i in range(before - 1, max(-1, before - 1 - window), -1):
        t = doc[i]
        if t.tag_ not in ("NN", "NE") or stem not in t.lower_ \
                or not phrase([t]).lower().endswith(low):
            continue
        start = i
        while start > 0 and doc[start - 1].tag_ == "ADJA":
            start -= 1
        end = i + 1
        if end + 1 < len(doc) and doc[end].lower_ in GENITIVE_ARTICLES:
            attr = np_forward(doc, end, min(len(doc), end + 6))
            end = attr.end if attr is not None else end
        named_after = end < len(doc) and doc[end].ent_iob_ == "B" and doc[end].ent_type_ == "ORG"
        if end == i + 1 and t.ent_type_ == "ORG" and t.ent_iob_ == "B" and end < len(doc) \
                and doc[end].ent_iob_ == "I" and doc[end].tag_ in ("NE", "FM"):
            while end < len(doc) and doc[end].ent_iob_ == "I":  # "die Universität
                end += 1  # Tübingen": a name it starts (not "Gericht Berufung")
            return doc[start:end]
        if end == i + 1 and _place_name(doc, end):  # "am Flughafen Bremen": the fuller name
            while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
                end += 1
            return doc[start : end + 1]
        if start < i or phrase([t]).lower() != low or named_after:  # "… WWF"
            return doc[start:end]
    return None


def _far_antecedent(index: DocIndex, before: int, head_: str) -> Span | None:
    """:func:`_antecedent_phrase` beyond its window: the nearest such phrase anywhere
    before token ``before`` (found among the Doc's nouns ending with ``head_``, indexed
    once per head, so long texts stay linear)."""
    low = head_.lower()
    key = ("far", low)
    starts = index.memo.get(key)
    if starts is None:
        words_ = {w for e in CASE_ENDINGS for w in index.nouns_ending_with(low + e)}
        cands = sorted(i for w in words_ for i in index.noun_positions[w])  # "Landgerichts"
        starts = [i for i in cands if _antecedent_phrase(index.doc, i + 1, head_, window=1)]
        index.memo[key] = starts
    k = bisect_left(starts, before - ANTECEDENT_WINDOW)
    return _antecedent_phrase(index.doc, starts[k - 1] + 1, head_, window=1) if k else None


def _place_name(doc: Doc, i: int) -> bool:
    """Whether token ``i`` starts a place name (a place entity or an unlabelled name)."""
    if i >= len(doc):
        return False
    t = doc[i]
    return t.text[:1].isupper() and (
        t.ent_type_ == "LOC" and t.ent_iob_ == "B" or t.tag_ == "NE" and not t.ent_type_)


def institution_of_members(index: DocIndex, mention: Span) -> str | None:
    """"die Richter", "Die Richter des Bundesverwaltungsgerichtes": judges speaking as a
    group speak for their court — the court named after them or last before them."""
    ws = words(mention)
    if len(ws) < 2 or ws[0].lower_ not in ("die", "den") or ws[1].tag_ != "NN":
        return None
    member = ws[1].lower_
    endings = next((v.split() for k, v in _MEMBERS.items() if member.endswith(k)), None)
    if endings is None:
        return None
    for t in ws[2:]:
        if t.tag_ in ("NN", "NE") and t.lower_.rstrip("es").endswith(tuple(endings)):
            ent = index.entity_covering(t.i)
            return canonical(ent) if ent is not None else phrase(list(index.doc[t.i - 1 : t.i + 1]))
    return _most_named_before(index, mention.start, tuple(endings))


def _most_named_before(index: DocIndex, before: int, endings: tuple[str, ...]) -> str | None:
    """The institution whose name ends with one of ``endings`` named most often before
    token ``before`` (the nearest of equals): the article's court, not one it mentions once."""
    counts: dict[str, list[int]] = {}
    for i in range(max(0, before - ANTECEDENT_WINDOW), before):
        t = index.doc[i]
        if t.tag_ not in ("NN", "NE") or not t.lower_.rstrip("es").endswith(endings):
            continue
        named = _antecedent_phrase(index.doc, i + 1, t.text) or index.doc[i : i + 1]
        if named.end < before and index.doc[named.end].tag_ == "NE":  # "Landgericht Bonn"
            named = index.doc[named.start : named.end + 1]
        ent = index.entity_covering(i)
        if ent is not None and ent.end > i + 1 \
                and all(t.tag_ == "NN" for t in index.doc[i + 1: ent.end]):
            ent = None  # "beim Bundesverwaltungsgericht Berufung [eingelegt]": not the name
        name = canonical(ent) if ent is not None else phrase(list(named))
        seen = counts.setdefault(t.lower_.rstrip("es"), [0, 0, name])
        seen[0], seen[1] = seen[0] + 1, i
        seen[2] = max(seen[2], name, key=len)  # the fullest name of the court
    if not counts:
        return None
    return max(counts.values(), key=lambda c: (c[0], c[1]))[2]
