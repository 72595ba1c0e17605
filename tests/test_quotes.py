"""Quotes: the seed article against hand-made gold, and one unit test per frame."""

import json
from pathlib import Path

import pytest

from newskit.components.quotes import quote_regions
from newskit.eval.quotes import jaccard, positions

GOLD = json.loads((Path(__file__).parent / "data" / "seed_quotes.json").read_text("utf-8"))


def _overlap(text, a_start, a_end, b_start, b_end):
    return jaccard(positions(text, [(a_start, a_end)]), positions(text, [(b_start, b_end)]))


def _find(text, snippet, within=None):
    """Offsets of ``snippet``; ``within`` is a longer unique context that contains it."""
    base = text.find(within) if within else 0
    assert base >= 0, f"gold context not in seed: {within}"
    i = text.find(snippet, base)
    assert i >= 0, f"gold snippet not in seed: {snippet[:40]}"
    return i, i + len(snippet)


@pytest.fixture(scope="module")
def seed_quotes(seed_doc):
    return list(seed_doc.spans["quotes"])


@pytest.mark.parametrize("gold", GOLD["required"], ids=lambda g: g["text"][:30])
def test_seed_quote_found_with_speaker(seed_doc, seed_quotes, gold):
    text = seed_doc.text
    gs, ge = _find(text, gold["text"], gold.get("within"))
    best = max(seed_quotes, key=lambda q: _overlap(text, gs, ge, q.start_char, q.end_char))
    assert _overlap(text, gs, ge, best.start_char, best.end_char) >= 0.6, best.text
    assert best._.nk_kind == gold["kind"]
    if "speaker" in gold:
        assert best._.nk_speaker_canonical == gold["speaker"]
    else:
        assert best._.nk_speaker is not None and best._.nk_speaker.text == gold["mention"]


def test_seed_no_spurious_speech(seed_doc, seed_quotes):
    text = seed_doc.text
    gold = [_find(text, g["text"], g.get("within")) for g in GOLD["required"] + GOLD["optional"]]
    for q in seed_quotes:
        if q._.nk_kind == "reported":
            continue
        assert any(_overlap(text, s, e, q.start_char, q.end_char) >= 0.5 for s, e in gold), q.text


def test_seed_pronoun_and_role_speakers(seed_quotes):
    by_mention = {(q._.nk_speaker.text if q._.nk_speaker is not None else None, q._.nk_speaker_canonical)
                  for q in seed_quotes}
    assert ("der US-Außenminister", "Antony Blinken") in by_mention
    assert ("er", "Antony Blinken") in by_mention
    assert ("er", "Sergej Lawrow") in by_mention


def test_editorial_note_is_not_a_quote():
    import newskit
    from tests.conftest import SEED

    result = newskit.analyze(SEED, cache_dir=None)
    assert not result.quotes["text"].str.contains("lesen Sie hier").any()


def q(nlp, text):
    doc = nlp(text)
    return [(s.text, s._.nk_kind, s._.nk_speaker.text if s._.nk_speaker is not None else None,
             s._.nk_speaker_canonical, s._.nk_cue_lemma) for s in doc.spans["quotes"]]


def test_frame_sagte_x_after_direct(nlp):
    out = q(nlp, "„Wir bleiben hart“, sagte Merkel.")
    # a direct quote is its words and its quotation marks (as SpkAtt and Wikinews annotate)
    assert out[0][:3] == ("„Wir bleiben hart“", "direct", "Merkel") and out[0][4] == "sagen"


def test_frame_x_sagte_colon(nlp):
    out = q(nlp, "Der Minister sagte: „Wir werden das Gesetz ändern.“")
    assert out[0][1] == "direct" and out[0][2] == "Der Minister"


def test_frame_so_x(nlp):
    out = q(nlp, "„Das ist ein guter Tag für Europa“, so Macron.")
    assert out[0][1:3] == ("direct", "Macron") and out[0][4] == "so"


def test_frame_indirect_konjunktiv_sagte_x(nlp):
    out = q(nlp, "Die Lage sei ernst, sagte der Sprecher der Polizei.")
    assert out[0][:2] == ("Die Lage sei ernst", "indirect")
    assert out[0][2].startswith("der Sprecher")


def test_frame_dass_clause(nlp):
    out = q(nlp, "Die Regierung erklärte, dass sie die Steuern senken werde.")
    assert out[0][:3] == ("dass sie die Steuern senken werde", "indirect", "Die Regierung")


def test_frame_konjunktiv_complement_without_dass(nlp):
    out = q(nlp, "Der Sprecher versicherte, die Versorgung sei gesichert.")
    assert out[0][:2] == ("die Versorgung sei gesichert", "indirect")


def test_frame_laut_x(nlp):
    out = q(nlp, "Laut Polizei wurden drei Menschen verletzt.")
    assert out[0][1] == "indirect" and out[0][2] == "Polizei" and out[0][4] == "laut"


def test_frame_nach_finding_noun_names_the_findings_not_their_date(nlp):
    out = q(nlp, "Nach ersten Untersuchungen war das Trinkwasser im Landkreis verunreinigt.")
    assert out and out[0][1] == "indirect" and out[0][3] == "Untersuchungen"
    assert out[0][0].startswith("war das Trinkwasser")
    out = q(nlp, "Nach einer neuen Umfrage lehnt die Mehrheit der Befragten das Vorhaben ab.")
    assert out and out[0][3] in ("neue Umfrage", "Umfrage")
    # an adjective that names the source stays: "lokale Medien" are not all media
    out = q(nlp, "Nach lokalen Medien wurden bei dem Brand zwei Feuerwehrleute verletzt.")
    assert out and out[0][3].split()[0].startswith("lokal") and out[0][3].endswith(" Medien")
    # "nach" in time is no source
    assert not q(nlp, "Nach einer langen Sitzung gingen die Abgeordneten nach Hause.")


def test_frame_x_zufolge(nlp):
    out = q(nlp, "Dem Bericht zufolge stieg die Zahl der Arbeitslosen.")
    # the mention keeps its article, the canonical name does not
    assert out == [("stieg die Zahl der Arbeitslosen", "indirect", "Dem Bericht", "Bericht",
                    "zufolge")]


def test_frame_wie_x_sagte_and_heisst_es(nlp):
    out = q(nlp, "Die Gespräche seien gescheitert, heißt es in Berlin.")
    assert out == [("Die Gespräche seien gescheitert", "indirect", "Berlin", "Berlin", "heißen")]
    out = q(nlp, "Wie der Sprecher sagte, werde die Brücke gesperrt.")
    assert out == [("werde die Brücke gesperrt", "indirect", "der Sprecher", "Sprecher", "sagen")]


def test_mixed_fragment_takes_the_sentence_frame(nlp):
    out = q(nlp, "Die Ministerin sprach von „offenen und ehrlichen“ Gesprächen.")
    assert out == [("„offenen und ehrlichen“", "mixed", "Die Ministerin", "Ministerin",
                    "sprechen")]


def test_frame_separable_cue(nlp):
    out = q(nlp, "„Wir kommen wieder“, kündigte die Sängerin an.")
    assert out[0][4] == "ankündigen" and out[0][2] == "die Sängerin"


def test_frame_cue_in_next_sentence_floating_quote(nlp):
    out = q(nlp, "„Das Spiel war hart.“ „Wir haben trotzdem gewonnen“, sagte Trainer Klopp.")
    assert [o[1] for o in out] == ["direct", "direct"]
    # the frameless first quote borrows the speaker of the framed one that follows it
    assert [o[2:] for o in out] == [("Trainer Klopp", "Klopp", None),
                                    ("Trainer Klopp", "Klopp", "sagen")]


def test_konjunktiv_continuation_inherits_speaker(nlp):
    out = q(nlp, "„Wir sind bereit“, sagte Müller. Er wolle aber zuerst mit der Partei reden.")
    assert out[1][1] == "indirect" and out[1][3] == out[0][3]


def test_pronoun_speaker_resolved(nlp):
    out = q(nlp, "Olaf Scholz besuchte Paris. Dort sagte er, die Beziehungen seien eng.")
    assert out[0][2] == "er" and out[0][3] == "Olaf Scholz"


def test_scare_quotes_and_titles_are_not_speech(nlp):
    assert q(nlp, "Die Rakete „Shenzhou 6“ startete am Morgen.") == []
    assert q(nlp, "Der Film „Das Boot“ lief im Kino.") == []


def test_reported_speech_act(nlp):
    out = q(nlp, "Gleichzeitig kritisierte die Ministerin die Pläne der Regierung.")
    assert out and out[0][1] == "reported" and out[0][2] == "die Ministerin"


def test_quote_regions_pairs_all_styles():
    text = 'A „de“ B »guil« C «swiss» D "ascii" E “en” F ‚single‘.'
    got = [text[s + 1 : e - 1] for s, e in quote_regions(text)]
    assert got == ["de", "guil", "swiss", "ascii", "en", "single"]


def test_unbalanced_quotes_do_not_crash(nlp):
    text = "„Das ist offen, sagte er. Und dann »noch eins."
    assert quote_regions(text) == []  # neither mark finds its closing partner
    out = q(nlp, text)
    # no direct quote from an unpaired mark; the frame still yields the indirect report
    assert out == [("Das ist offen", "indirect", "er", None, "sagen")]


# ---------------------------------------------------------------- parser branch
# With an installed parser (TIGER labels), the speaker is the subject (``sb``) of the
# speech verb or of its finite auxiliary, and a separated particle (``svp``) joins the
# cue lemma. Hand-built Docs stand in for a parser; the word-order fallback is checked on
# the same tokens without the parse, so each test shows that the parse decides.
POS = {"ADV": "ADV", "APPR": "ADP", "APPRART": "ADP", "ADJA": "ADJ", "ADJD": "ADJ", "ART": "DET",
       "NN": "NOUN", "NE": "PROPN", "VVFIN": "VERB", "VVPP": "VERB", "VAFIN": "AUX",
       "KOUS": "SCONJ", "PTKVZ": "ADP", "$,": "PUNCT", "$.": "PUNCT"}


def _parsed(nlp, rows, parse=True):
    """A Doc from ``(word, tag, lemma, head index, TIGER label, morph)`` rows."""
    from spacy.tokens import Doc

    words, tags, lemmas, heads, deps, morphs = zip(*rows)
    kwargs = dict(heads=list(heads), deps=list(deps)) if parse else dict(
        sent_starts=[True] + [False] * (len(words) - 1))
    return Doc(nlp.vocab, words=list(words), tags=list(tags), pos=[POS[t] for t in tags],
               lemmas=list(lemmas), morphs=list(morphs), **kwargs)


def _quotes_of(doc):
    from newskit.components.quotes import newskit_quotes

    newskit_quotes(doc)
    return [(s.text, s._.nk_kind, s._.nk_speaker.text if s._.nk_speaker is not None else None,
             s._.nk_cue_lemma) for s in doc.spans["quotes"]]


# "Nach langen Beratungen erklärte am Montag in Genf die Vorsitzende der Kommission,
#  dass die Gespräche weitergehen." — the subject follows two prepositional phrases.
SB_AFTER_TWO_PPS = [
    ("Nach", "APPR", "nach", 3, "mo", ""), ("langen", "ADJA", "lang", 2, "nk", ""),
    ("Beratungen", "NN", "Beratung", 0, "nk", ""), ("erklärte", "VVFIN", "erklären", 3, "ROOT", ""),
    ("am", "APPRART", "an", 3, "mo", ""), ("Montag", "NN", "Montag", 4, "nk", ""),
    ("in", "APPR", "in", 3, "mo", ""), ("Genf", "NE", "Genf", 6, "nk", ""),
    ("die", "ART", "der", 9, "nk", ""), ("Vorsitzende", "NN", "Vorsitzende", 3, "sb", ""),
    ("der", "ART", "der", 11, "nk", ""), ("Kommission", "NN", "Kommission", 9, "ag", ""),
    (",", "$,", ",", 16, "punct", ""), ("dass", "KOUS", "dass", 16, "cp", ""),
    ("die", "ART", "der", 15, "nk", ""), ("Gespräche", "NN", "Gespräch", 16, "sb", ""),
    ("weitergehen", "VVFIN", "weitergehen", 3, "oc", ""), (".", "$.", ".", 3, "punct", ""),
]

# "Am Freitag kündigte der Verband neue Streiks an." — lemma "kündigen" + particle "an".
SEPARATED_PARTICLE = [
    ("Am", "APPRART", "an", 2, "mo", ""), ("Freitag", "NN", "Freitag", 0, "nk", ""),
    ("kündigte", "VVFIN", "kündigen", 2, "ROOT", ""), ("der", "ART", "der", 4, "nk", ""),
    ("Verband", "NN", "Verband", 2, "sb", ""), ("neue", "ADJA", "neu", 6, "nk", ""),
    ("Streiks", "NN", "Streik", 2, "oa", ""), ("an", "PTKVZ", "an", 2, "svp", ""),
    (".", "$.", ".", 2, "punct", ""),
]

# "Gestern hat in Bonn am Abend die Sprecherin der Polizei betont, die Lage sei ruhig." —
# the subject hangs on the auxiliary "hat", the speech verb "betont" is its ``oc``.
SB_ON_AUXILIARY = [
    ("Gestern", "ADV", "gestern", 1, "mo", ""), ("hat", "VAFIN", "haben", 1, "ROOT", ""),
    ("in", "APPR", "in", 10, "mo", ""), ("Bonn", "NE", "Bonn", 2, "nk", ""),
    ("am", "APPRART", "an", 10, "mo", ""), ("Abend", "NN", "Abend", 4, "nk", ""),
    ("die", "ART", "der", 7, "nk", ""), ("Sprecherin", "NN", "Sprecherin", 1, "sb", ""),
    ("der", "ART", "der", 9, "nk", ""), ("Polizei", "NN", "Polizei", 7, "ag", ""),
    ("betont", "VVPP", "betonen", 1, "oc", ""), (",", "$,", ",", 10, "punct", ""),
    ("die", "ART", "der", 13, "nk", ""), ("Lage", "NN", "Lage", 14, "sb", ""),
    ("sei", "VAFIN", "sein", 10, "oc", "Mood=Sub|VerbForm=Fin"),
    ("ruhig", "ADJD", "ruhig", 14, "pd", ""), (".", "$.", ".", 1, "punct", ""),
]


def test_parser_subject_of_speech_verb(nlp):
    doc = _parsed(nlp, SB_AFTER_TWO_PPS)
    assert doc.has_annotation("DEP")
    assert _quotes_of(doc) == [("dass die Gespräche weitergehen", "indirect",
                                "die Vorsitzende der Kommission", "erklären")]
    # word order alone skips one prepositional phrase only: no speaker
    assert _quotes_of(_parsed(nlp, SB_AFTER_TWO_PPS, parse=False)) == [
        ("dass die Gespräche weitergehen", "indirect", None, "erklären")]


def test_parser_separated_particle_joins_cue_lemma(nlp):
    from newskit.components.quotes import cue_lemma

    doc = _parsed(nlp, SEPARATED_PARTICLE)
    assert cue_lemma(doc[2]) == "ankündigen"
    assert _quotes_of(doc) == [("Am Freitag kündigte der Verband neue Streiks an", "reported",
                                "der Verband", "ankündigen")]
    flat = _parsed(nlp, SEPARATED_PARTICLE, parse=False)
    assert cue_lemma(flat[2]) is None and _quotes_of(flat) == []


def test_parser_subject_of_auxiliary(nlp):
    doc = _parsed(nlp, SB_ON_AUXILIARY)
    assert _quotes_of(doc) == [("die Lage sei ruhig", "indirect", "die Sprecherin der Polizei",
                                "betonen")]
    assert _quotes_of(_parsed(nlp, SB_ON_AUXILIARY, parse=False)) == [
        ("die Lage sei ruhig", "indirect", None, "betonen")]


def test_speaker_affiliation_in_parentheses(nlp):
    out = q(nlp, "Die Abgeordnete Martina Kessler (FDP) kritisierte, der Haushalt sei unsolide.")
    # the speaker phrase runs over the parentheses (SpkAtt source spans do the same)
    assert [(o[2], o[3]) for o in out] == [("Die Abgeordnete Martina Kessler (FDP)",
                                            "Martina Kessler")]
    doc = nlp("Die Abgeordnete Martina Kessler (FDP) kritisierte, der Haushalt sei unsolide.")
    assert doc.spans["quotes"][0]._.nk_speaker_affiliation == "FDP"


def test_source_noun_hands_over_to_its_source(nlp):
    assert q(nlp, "Nach Angaben der Feuerwehr brannte die Halle vollständig aus.")[0][3] == "Feuerwehr"
    assert q(nlp, "Polizeiangaben zufolge wurde niemand verletzt.")[0][3] == "Polizei"


def test_head_decides_not_the_attribute(nlp):
    out = q(nlp, "Der Landesverband der Grünen erklärte, man werde klagen.")
    assert out[0][3] == "Landesverband der Grünen"


def test_role_with_apposition_name(nlp):
    out = q(nlp, "Der Sprecher des Hilfswerks, Jonas Brandt, sagte, die Vorräte seien knapp.")
    assert out[0][3] == "Jonas Brandt"


def test_indefinite_man_is_no_speaker(nlp):
    out = q(nlp, "Man sagt, die Brücke sei marode.")
    assert all(o[2] is None and o[3] is None for o in out)


def test_demnach_points_back_to_the_source(nlp):
    out = q(nlp, "Die Zeitung „Morgenpost“ berichtete über den Fall. Demnach soll der Täter "
                 "geflohen sein.")
    named = [o[3] for o in out if o[2] == "Demnach"]
    assert named and named[0] != "Demnach"


def test_speech_verb_with_subject_wins_over_demnach(nlp):
    out = q(nlp, "Das Ministerium gab eine Erklärung ab. Demnach erwartet Polen, dass die "
                 "Nachbarn den Vertrag bald unterzeichnen.")
    report = [o for o in out if "Vertrag" in o[0]]
    assert report and report[0][0].startswith("dass") and report[0][2] == "Polen"


def test_sie_prefers_a_woman(nlp):
    text = ("Anna Berger traf Thomas Krause. „Wir sind uns einig“, sagte Krause. "
            "Sie sagte, man habe viel erreicht.")
    out = q(nlp, text)
    assert out[-1][2] == "Sie" and out[-1][3] == "Anna Berger"


# recall on indirect speech (issue 17, item 4): one row per rule
RECALL = [
    # a zu-infinitive after any speech verb
    ("Die Firma gab an, keine weiteren Filialen schließen zu wollen.",
     "keine weiteren Filialen schließen zu wollen", "Die Firma"),
    # a quoted name or an apposition between the cue and the dass clause
    ("Die Bürgermeisterin sagte dem „Kurier“, dass die Brücke im Mai öffnet.",
     "dass die Brücke im Mai öffnet", "Die Bürgermeisterin"),
    ("Am Abend meldete der Lokalsender, Radio Elbe, dass die Fähre ausfällt.",
     "dass die Fähre ausfällt", "der Lokalsender"),
    # Konjunktiv II and indicative complements ("wie X sagte," + verb first)
    ("Die Ärztin erklärte, die Patienten müssten länger warten.",
     "die Patienten müssten länger warten", "Die Ärztin"),
    ("Der Trainer sagte, er ist mit dem Spiel zufrieden.", "er ist mit dem Spiel zufrieden",
     "Der Trainer"),
    ("Wie die Sprecherin mitteilte, bleibt das Museum geschlossen.",
     "bleibt das Museum geschlossen", "die Sprecherin"),
    # "Das bestätigte X": the sentence before is the report (up to the pronoun, as annotated)
    ("Die Fabrik wird im Herbst geschlossen. Das bestätigte die Geschäftsführerin am Montag.",
     "Die Fabrik wird im Herbst geschlossen. Das", "die Geschäftsführerin"),
    # source phrases with attributes: "nach eigenen Angaben", a participle after "laut",
    # a compound source noun, a possessive before "nach"
    ("Nach eigenen Angaben verkaufte der Verlag zehntausend Exemplare.",
     "verkaufte der Verlag zehntausend Exemplare", "eigenen Angaben"),
    ("Laut einer am Montag veröffentlichten Studie der Universität schlafen viele Kinder zu wenig.",
     "schlafen viele Kinder zu wenig", "einer am Montag veröffentlichten Studie der Universität"),
    ("Nach einem Fernsehbericht des Senders wurde der Minister entlassen.",
     "wurde der Minister entlassen", "einem Fernsehbericht des Senders"),
    ("Seiner Meinung nach hätte die Stadt früher handeln müssen.",
     "hätte die Stadt früher handeln müssen", "Seiner Meinung"),
    # a trailing wie-frame
    ("Der Hafen bleibt bis Freitag gesperrt, wie die Sprecherin der Stadt betonte.",
     "Der Hafen bleibt bis Freitag gesperrt", "die Sprecherin der Stadt"),
    # a source phrase inside a subordinate clause frames only that clause
    ("Die Stadt sperrte die Brücke, weil sie nach Angaben der Prüfer einsturzgefährdet ist.",
     "weil sie nach Angaben der Prüfer einsturzgefährdet ist", "Angaben der Prüfer"),
]


@pytest.mark.parametrize("text,content,speaker", RECALL, ids=lambda x: str(x)[:30])
def test_recall_indirect(nlp, text, content, speaker):
    out = [o for o in q(nlp, text) if o[1] == "indirect"]
    assert out and out[0][0] == content, out
    assert out[0][2] == speaker, out


def test_narrative_clause_after_a_cue_is_no_report(nlp):
    out = q(nlp, "Der Minister sprach lange, doch hörte ihm niemand zu.")
    assert not [o for o in out if o[1] == "indirect"]


def test_other_figures_are_no_source(nlp):
    assert q(nlp, "Die Fahrt dauert drei, nach anderen Angaben vier Stunden.") == []


def test_a_report_ending_in_a_quoted_fragment_keeps_the_fragment_inside(nlp):
    doc = nlp("Der Arzt sagte, die Lage sei „sehr ernst“. Dann ging er.")
    spans = {s._.nk_kind: s for s in doc.spans["quotes"]}
    assert spans["mixed"].text == "„sehr ernst“"
    report = spans["indirect"]
    assert report.text == "die Lage sei „sehr ernst“"
    assert report.start_char <= spans["mixed"].start_char < spans["mixed"].end_char \
        <= report.end_char


def test_source_of_a_direct_quote_makes_no_frame_quote(nlp):
    out = q(nlp, "„Wir machen weiter“, sagte die Trainerin laut der Lokalzeitung.")
    assert [o[:3] for o in out] == [("„Wir machen weiter“", "direct", "die Trainerin")]


def test_speech_noun_frames_a_report(nlp):
    out = q(nlp, "Der Verkehrsverbund verteidigte die Preise mit dem Argument, die Kosten "
                 "seien stark gestiegen.")
    assert [(o[0], o[1], o[3]) for o in out] == [
        ("die Kosten seien stark gestiegen", "indirect", "Verkehrsverbund")]
    # the subject who rejects a claim does not make it
    out = q(nlp, "Die Ministerin wandte sich gegen die Behauptung, die Schulen seien schlecht "
                 "ausgestattet.")
    assert [(o[1], o[3]) for o in out] == [("indirect", None)]
    # a fact is no report
    assert q(nlp, "Die Tatsache, dass er kam, freute alle.") == []


def _addressees(nlp, text):
    doc = nlp(text)
    return [q._.nk_addressee.text if q._.nk_addressee is not None else None
            for q in doc.spans["quotes"]]


def test_addressee_object_of_a_speech_verb(nlp):
    assert _addressees(nlp, "Die Ministerin warnte ihren Amtskollegen Petrow, man werde "
                            "nicht nachgeben.") == ["ihren Amtskollegen Petrow"]
    assert _addressees(nlp, "Der Verband wirft dem Konzern vor, die Löhne zu drücken.") \
        == ["dem Konzern"]


def test_addressee_gegenueber_and_interview(nlp):
    assert _addressees(nlp, "Er sagte gegenüber Journalisten, die Lage sei ernst.") \
        == ["Journalisten"]
    assert _addressees(nlp, "Sie sagte in einem Interview mit dem Radiosender, dass sie "
                            "zurücktrete.") == ["dem Radiosender"]


def test_addressee_of_a_passive_and_none_without_one(nlp):
    assert _addressees(nlp, "Dem Bürgermeister wurde vorgeworfen, Gelder veruntreut zu "
                            "haben.") == ["Dem Bürgermeister"]
    assert _addressees(nlp, "„Wir machen weiter“, sagte die Trainerin.") == [None]


def test_addressee_columns_in_the_quote_table():
    import pandas as pd

    import newskit
    from newskit.tables.schema import QUOTE_COLUMNS

    corpus = pd.DataFrame([{"article_id": "a", "text": "Der Senator forderte die Regierung "
                            "auf, die Steuern zu senken."}])
    quotes = newskit.analyze(corpus, cache_dir=None, progress=False).quotes
    assert {"addressee", "addressee_start_char", "addressee_end_char"} <= set(QUOTE_COLUMNS)
    row = quotes.iloc[0]
    assert row["addressee"] == "die Regierung"
    text = corpus.loc[0, "text"]
    assert text[row["addressee_start_char"]:row["addressee_end_char"]] == "die Regierung"


def test_report_after_apposition_and_phrase(nlp):
    out = q(nlp, "Dann sagte der Leiter des Krisenstabs, Jonas Weber, gegenüber dem Sender, "
                 "dass die Dämme halten würden.")
    assert out and out[0][0] == "dass die Dämme halten würden" and out[0][1] == "indirect"


def test_frame_offsets_cover_the_framing_clause(nlp):
    text = "Der Minister sagte am Montag vor Journalisten, die Reform komme bald."
    doc = nlp(text)
    q = doc.spans["quotes"][0]
    start, end = q._.nk_frame_offsets
    assert text[start:end] == "Der Minister sagte am Montag vor Journalisten,"
    text = "„Wir kommen wieder“, so die Sprecherin der Gruppe."
    doc = nlp(text)
    start, end = doc.spans["quotes"][0]._.nk_frame_offsets
    assert text[start:end] == ", so die Sprecherin der Gruppe"


def test_cue_takes_its_particle_or_auxiliary(nlp):
    doc = nlp("Die Polizei teilte mit, der Täter sei gefasst. Dem Verein wurde vorgeworfen, "
              "Spenden veruntreut zu haben.")
    cues = [q._.nk_cue.text for q in doc.spans["quotes"]]
    assert cues == ["teilte mit", "wurde vorgeworfen"]


def test_waehrend_before_an_article_is_a_preposition(nlp):
    out = q(nlp, "Der Sprecher sagte, es gebe keine Gefahr. Während der Übung habe zu keiner "
                 "Zeit ein Risiko bestanden.")
    assert any(o[0].startswith("Während der Übung habe") for o in out)


def test_speaker_phrase_keeps_the_apposition_after_a_name(nlp):
    text = ("Marta Keller, die Leiterin der Beratungsstelle, sagte, die Nachfrage sei "
            "gestiegen.")
    out = q(nlp, text)
    assert out[0][2] == "Marta Keller, die Leiterin der Beratungsstelle"
    assert out[0][3] == "Marta Keller"


def test_a_quoted_nickname_is_no_speech(nlp):
    assert q(nlp, "Der Stürmer, den alle nur „der Bomber“ nennen, traf zweimal.") == []
    assert q(nlp, "Die sogenannte „Schuldenbremse“ gilt seit Jahren.") == []


def test_a_cut_off_continuation_is_no_quote(nlp):
    out = q(nlp, "Der Anwalt sagte, sein Mandant habe nichts gewusst. Der Mandant habe")
    assert [o[0] for o in out] == ["sein Mandant habe nichts gewusst"]


def test_a_quoted_organisation_name_is_no_speech(nlp):
    assert q(nlp, "Er lobte die Arbeit von „Ärzte ohne Grenzen“ in der Region.") == []
    out = q(nlp, "Sie sagte, die Helfer von „Ärzte ohne Grenzen“ seien vor Ort.")
    assert [o[0] for o in out] == ["die Helfer von „Ärzte ohne Grenzen“ seien vor Ort"]


def test_passive_zitiert_names_the_one_quoted(nlp):
    out = q(nlp, "Die Ministerin wird in der Mitteilung mit den Worten zitiert, die Reform "
                 "sei ein Erfolg.")
    assert out and out[0][2] == "Die Ministerin"
