"""German speech cues: reporting verbs and the words that frame reported speech.

The verb list is a list of facts about German (verbs of saying, announcing,
asserting, asking, warning, believing) written down for newskit. Lemmas of
separable verbs are the joined form (``ankündigen``, ``klarstellen``), as the
embedded tagger produces them; ``cue_lemma`` also joins particles for
installed spaCy models (dependency label ``svp``).
"""

from __future__ import annotations

from spacy.tokens import Token

from newskit.lang import de

SPEECH_VERBS = de.word_list("speech_verbs")

# Verbs that take a zu-infinitive as their reported content ("forderte sie auf, … zu …").
ZU_VERBS = frozenset("""
fordern auffordern aufrufen ankündigen versprechen drohen bitten appellieren beschließen
vorwerfen zusichern zusagen hoffen verlangen empfehlen raten warnen anbieten ablehnen
vereinbaren erklären betonen einräumen zugeben bestreiten leugnen behaupten versichern
""".split())

# Nouns and words that name a source: "nach Angaben der Polizei", "gemäß einem Sprecher".
SOURCE_NOUNS = frozenset("""
angaben angabe aussagen aussage berichten bericht berichte informationen information meinung
ansicht einschätzung auffassung darstellung worten schätzungen schätzung erkenntnissen
erkenntnis mitteilung zeugenaussagen medienberichten medienberichte polizeiangaben darstellungen
ansichten einschätzungen auffassungen meinungen aussage auskunft auskünften schilderungen
schilderung recherchen
""".split())
# Title nouns: a quoted phrase after them is a name of a work, not speech.
TITLE_NOUNS = frozenset("""
titel film album lied song buch roman enzyklika sendung serie magazin magazins zeitung
zeitschrift programm motto slogan namen name projekt aktion kampagne initiative stück oper
theaterstück ausstellung single platte cd dvd spiel gedicht werk bereich rubrik kategorie
operation verein gruppe band partei
""".split())

# Verbs whose use without a content clause is still a speech act ("reported").
REPORTED_VERBS = frozenset("""
kritisieren warnen fordern äußern sprechen drohen loben verurteilen ankündigen bestätigen
dementieren zurückweisen begrüßen appellieren verlangen bezeichnen bekräftigen danken
beklagen bemängeln vorwerfen beschuldigen anmahnen mahnen widersprechen bestreiten angeben
hervorheben protestieren
""".split())

# Words before a participle/infinitive that make one verb: "klar gemacht", "deutlich machen".
PARTICLE_WORDS = frozenset("klar deutlich bekannt fest".split())
# Words that head a clausal complement of a speech verb.
COMPLEMENTIZERS = frozenset("dass ob wie warum weshalb wann wo wer was welche welcher".split())
# Subordinators that open an adverbial clause, never reported content.
ADVERBIAL_SUBORDINATORS = frozenset(
    "um ohne statt anstatt nachdem weil da wenn als bevor während obwohl damit sodass falls "
    "indem seit seitdem bis sobald solange".split())


def cue_lemma(tok: Token) -> str | None:
    """Speech-verb lemma of ``tok`` (separable particles joined), or ``None``.

    >>> import newskit
    >>> doc = newskit.load_pipeline()("Das kündigte der Minister an.")
    >>> cue_lemma(doc[1])
    'ankündigen'
    """
    if not (tok.tag_.startswith("VV") or tok.pos_ == "VERB"):
        return None if tok.tag_ not in ("ADJA", "ADJD") else _mistagged_verb(tok)
    lemma = tok.lemma_.lower()
    for child in tok.children if tok.doc.has_annotation("DEP") else ():
        if child.dep_ == "svp":
            lemma = child.lower_ + lemma
    if tok.i > 0 and tok.tag_ in ("VVPP", "VVINF", "VVIZU"):
        prev = tok.doc[tok.i - 1]
        if prev.lower_ in PARTICLE_WORDS and prev.lower_ + lemma in SPEECH_VERBS:
            return prev.lower_ + lemma
    return lemma if lemma in SPEECH_VERBS else None


def _mistagged_verb(tok: Token) -> str | None:
    """A speech verb the tagger took for an adjective after a quote ("„…“ erklärte X").

    Only a lower-case word right after a closing quotation mark or a comma, whose
    context-free best reading is a finite verb, is reconsidered.
    """
    if tok.i == 0 or not tok.text.islower():
        return None
    prev = tok.doc[tok.i - 1]
    if prev.text not in ("“", "”", '"', "«", "»", ","):
        return None
    from newskit.nlp.hanta import lemmatize, tag_word

    cands = tag_word(tok.text)
    if not cands or cands[0][0] != "VV(FIN)":
        return None
    lemma = lemmatize(tok.text, "VV(FIN)")[0].lower()
    return lemma if lemma in SPEECH_VERBS else None
