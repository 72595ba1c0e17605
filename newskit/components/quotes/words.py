"""The German words the quote rules use, read once from ``newskit/lang/de/data``.

Each list is a data file (``NAME.txt``, one entry per line); single words that anchor one
rule each ("laut", "zufolge", "heißt es") are rows of ``quote_anchor_words.tsv``.
"""

from __future__ import annotations

from newskit.lang import de

# speech cues
SPEECH_VERBS = de.word_list("speech_verbs")
ZU_VERBS = de.word_list("zu_infinitive_verbs")
REPORTED_VERBS = de.word_list("reported_speech_verbs")
PARTICLE_WORDS = de.word_list("verb_particle_words")
SOURCE_NOUNS = de.word_list("source_nouns")
TITLE_NOUNS = de.word_list("title_nouns")
TITLE_ARTICLES = de.word_list("title_articles")

# clauses
COMPLEMENTIZERS = de.word_list("complementizers")
QUESTION_COMPLEMENTIZERS = de.word_list("question_complementizers")
ADVERBIAL_SUBORDINATORS = de.word_list("adverbial_subordinators")
SPEECH_CLAUSE_SUBORDINATORS = de.word_list("speech_clause_subordinators")
SUBORDINATE_FRAME_OPENERS = de.word_list("subordinate_frame_openers")
CLAUSE_CONJUNCTIONS = de.word_list("clause_conjunctions")
NARRATIVE_OPENERS = de.word_list("narrative_clause_openers")

# noun phrases and subjects
SUBJECT_PRONOUNS = de.word_list("subject_pronouns")
INVERTED_SUBJECT_PRONOUNS = de.word_list("inverted_subject_pronouns")
RESOLVABLE_PRONOUNS = de.word_list("resolvable_pronouns")
FOCUS_PARTICLES = de.word_list("focus_particles")
BACKREF = de.word_list("backreference_pronouns")
OBLIQUE_STARTS = de.word_list("oblique_starts")
VORFELD_POSTPOSITIONS = de.word_list("vorfeld_postpositions")
GENITIVE_ARTICLES = de.word_list("genitive_articles")
VON = de.word_list("von_prepositions")
NP_COORDINATORS = de.word_list("np_coordinators")
NP_LIST_SEPARATORS = de.word_list("np_list_separators")
MITTELFELD_SKIP_WORDS = de.word_list("mittelfeld_skip_words")
DOCUMENT_PREPOSITIONS = de.word_list("document_prepositions")
INSTITUTION_HEADS = de.ordered_list("institution_name_heads")
SPEECH_NOUNS = de.word_list("speech_nouns")
DISOWNING_WORDS = de.word_list("disowning_words")

# mood
KONJ2_FORMS = de.word_list("konjunktiv2_forms")
KONJ2_REPORT = de.word_list("konjunktiv2_report")
REPORTIVE_MODALS = de.word_list("reportive_modals")
PERFECT_AUXILIARIES = de.word_list("perfect_auxiliaries")

# "heißt es"
HEISSEN_FORMS = de.word_list("heissen_forms")
HEISST_ES_SOURCE_PREPOSITIONS = de.word_list("heisst_es_source_prepositions")

_ANCHORS = de.word_table("quote_anchor_words")
SO = _ANCHORS["so_frame"]
LAUT = _ANCHORS["laut"]
NACH = _ANCHORS["nach"]
GEMAESS = _ANCHORS["gemaess"]
FUER = _ANCHORS["fuer"]
DEMNACH = _ANCHORS["demnach"]
ZUFOLGE = _ANCHORS["zufolge"]
IMPERSONAL_ES = _ANCHORS["impersonal_es"]
HEISSEN = _ANCHORS["heissen_lemma"]
UND = _ANCHORS["coordination"]
ZITIEREN = _ANCHORS["zitieren"]
PASSIVE_AUX = _ANCHORS["passive_auxiliary"]
MASCULINE_PRONOUN = _ANCHORS["masculine_pronoun"]
SEITEN = _ANCHORS["von_seiten"]  # "von Seiten der Regierung"
VONSEITEN = _ANCHORS["vonseiten"]
WONACH = _ANCHORS["wonach"]
PERFECT_PASSIVE_AUX = _ANCHORS["perfect_passive_auxiliary"]  # "war … festgestellt worden"
WORDEN = _ANCHORS["perfect_passive_participle"]
#: quotation marks that open / close a quoted name or title ("die Organisation „Reporter ohne
#: Grenzen“")
OPENING_MARKS = frozenset("„»«‚\"“")
CLOSING_MARKS = frozenset("“”«»‘’\"")


def abstract_noun(tok) -> bool:
    """A common noun that names a thing, not a speaker ("Zuversicht", "Mitverantwortung",
    "Beschäftigung"; ``abstract_noun_endings.txt``): no entity, no body of people
    ("Regierung", "Stiftung", "Vereinsführung") and no source or document ("Meinung")."""
    low = tok.lower_
    if tok.tag_ != "NN" or tok.ent_type_ or not low.endswith(
            tuple(de.ordered_list("abstract_noun_endings"))):
        return False
    bodies = ("collective_nouns", "government_nouns", "institution_name_heads",
              "organisation_class_nouns", "leadership_heads", "source_noun_heads",
              "document_nouns", "speech_nouns")
    return not any(low.endswith(w) for name in bodies for w in de.ordered_list(name)) \
        and low not in SOURCE_NOUNS
