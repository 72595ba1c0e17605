"""Who said what: German direct, mixed, indirect and reported speech.

The ``newskit_quotes`` component writes ``doc.spans["quotes"]``; each span has

* ``span._.nk_kind`` — ``direct`` (an utterance in quotation marks), ``mixed`` (a
  quoted fragment inside reported speech), ``indirect`` (Konjunktiv I or a
  dass/ob clause under a speech verb, or a Konjunktiv I sentence that carries
  on the previous report) or ``reported`` (a speech act without its content);
* ``span._.nk_speaker`` — the mention that frames the quote ("Blinken", "er",
  "der US-Außenminister"), or ``None``;
* ``span._.nk_speaker_canonical`` — who that is: an entity's canonical name, a
  pronoun's antecedent, or the person a role noun is bound to;
* ``span._.nk_cue`` / ``span._.nk_cue_lemma`` — the speech verb or frame word;
* ``span._.nk_addressee`` — whom the speaker addresses ("gegenüber der BBC", "warf dem
  Konzern vor"), or ``None``; ``span._.nk_frame_offsets`` — the framing clause.

Frames recognised: "…, sagte X", "X sagte: „…“", "…, so X", "X zufolge",
"laut X", "wie X sagte, …", "heißt es", a speech verb with a dass/ob or
Konjunktiv-I complement, quoted sentences without a frame that inherit the
speaker of the quote before them, and Konjunktiv-I sentences that continue it.
With an installed parser, the subject (TIGER label ``sb``) of the speech verb
is preferred; without one, German word order (Vorfeld, finite verb,
Mittelfeld) and STTS tags find it.

The package is split along its seams: ``marks`` (quotation marks and regions),
``grammar`` (noun phrases, clauses, finite verbs, mood), ``cues`` (speech-verb lemmas),
``subjects`` (the speaker of a speech verb), ``frames`` (the :class:`Frame` record and the
frames around quotes), ``source_frames`` ("laut X", "X zufolge", "nach Angaben X"),
``reports`` (indirect and reported speech per sentence), ``find`` (all quotes of a Doc),
``refine`` / ``appositions`` / ``mentions`` / ``referents`` (what a speaker phrase names),
``speakers`` (who a mention is, quote by quote), ``addressees`` (whom a quote
addresses), ``spans`` (the text ranges a quote reports, shaped as SpkAtt annotates them)
and ``component`` (the spaCy component). The German words the rules use are data in
``newskit/lang/de/data`` (see ``words``).

Example:
    >>> import newskit
    >>> doc = newskit.load_pipeline()("„Wir bleiben“, sagte Blinken. Die Lage sei ernst, so Lawrow.")
    >>> [(q.text, q._.nk_kind, q._.nk_speaker.text) for q in doc.spans["quotes"]]
    [('„Wir bleiben“', 'direct', 'Blinken'), ('Die Lage sei ernst', 'indirect', 'Lawrow')]
"""

from newskit.components.quotes.component import QuoteFinder, make_quotes, newskit_quotes
from newskit.components.quotes.cues import cue_lemma
from newskit.components.quotes.find import find_quotes
from newskit.components.quotes.frames import Frame, Quote
from newskit.components.quotes.grammar import clause_start, np_coordinated, np_forward
from newskit.components.quotes.marks import PAIRS, quote_regions
from newskit.components.quotes.speakers import resolve_speakers
from newskit.components.quotes.subjects import clause_subject, find_subject
from newskit.components.quotes.words import (
    ADVERBIAL_SUBORDINATORS,
    COMPLEMENTIZERS,
    PARTICLE_WORDS,
    REPORTED_VERBS,
    SOURCE_NOUNS,
    SPEECH_VERBS,
    TITLE_NOUNS,
    ZU_VERBS,
)

__all__ = [
    "ADVERBIAL_SUBORDINATORS", "COMPLEMENTIZERS", "PAIRS", "PARTICLE_WORDS", "REPORTED_VERBS",
    "SOURCE_NOUNS", "SPEECH_VERBS", "TITLE_NOUNS", "ZU_VERBS", "Frame", "Quote",
    "clause_start", "clause_subject", "cue_lemma", "find_quotes", "find_subject",
    "newskit_quotes", "np_coordinated", "np_forward", "quote_regions", "QuoteFinder", "make_quotes",
    "resolve_speakers",
]
