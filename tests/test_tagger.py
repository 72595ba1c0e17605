"""newskit.nlp.hanta reproduces HanTa's own tagger exactly, and its memos really clear."""

from __future__ import annotations

import pytest

from newskit.nlp import hanta
from newskit.nlp.tagger import clear_word_caches, tag_tokens

SENTENCES = [
    "Der Stadtrat von Wetzlar hat am Dienstag den Bau einer neuen Brücke beschlossen .",
    "„ Wir haben lange gerungen “ , sagte die Oberbürgermeisterin nach der Sitzung .",
    "Die Kosten seien auf fast fünf Millionen Euro gestiegen , erklärte Krämer .",
    "Man müsse zuerst die Schulen sanieren und könne die Brücke später bauen .",
    "Die Verwaltung wies die Vorwürfe am Abend entschieden zurück .",
    "Xqzvbrt Fnordelweiß grmpfte 17,5 % ( ca. 3.000 € ) !",
    "ICH HABE ES NICHT GEWUSST .",
    "ob",
    "“ ‚ ' ´´ `` … ?!",
]


@pytest.fixture(scope="module")
def reference():
    """A second, untouched HanoverTagger: the reference our decoder must equal."""
    from HanTa import HanoverTagger as ht

    return ht.HanoverTagger(hanta.MODEL)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tag_sent_equals_hanta(reference, sentence):
    words = sentence.split()
    expected = [tuple(x) for x in reference.tag_sent(words, taglevel=1)]
    assert hanta.tag_sent(words) == expected
    clear_word_caches()
    assert hanta.tag_sent(words) == expected  # cold memos give the same answer


def test_word_level_functions_equal_hanta(reference):
    for word in ("Haus", "haus", "erklärte", "Fnordelweiß", ",", "''", "3.000"):
        assert hanta.tag_word(word) == reference.tag_word(word)
    assert hanta.lemmatize("erklärte", "VV(FIN)") == tuple(reference.analyze("erklärte", "VV(FIN)"))


def test_hanta_is_not_patched():
    tagger = hanta.hanta_tagger()
    assert "_analyze" not in vars(tagger) and "analyze_forward" not in vars(tagger)


def test_clear_word_caches_empties_every_memo():
    from newskit.nlp import ner_features, tagger

    tag_tokens("Die Brücke wird gebaut .".split())
    hanta.fast_morph().analyze_forward("brückenbaustelle")
    assert hanta.fast_morph()._suf_memo
    ner_features.lexicon_class("Brücke")
    ner_features._word_block("Brücke", "NN")
    assert ner_features._word_block.cache_info().currsize > 0
    clear_word_caches()
    assert not hanta._forward and not hanta._cands[0] and not hanta._cands[1]
    assert not hanta._lemmas and not tagger._tag_lemma
    assert not hanta.fast_morph()._suf_memo
    assert ner_features.lexicon_class.cache_info().currsize == 0
    assert ner_features._word_block.cache_info().currsize == 0


def test_tag_tokens_maps_to_stts():
    assert tag_tokens("Er kündigte die Reform an .".split()) == [
        ("PPER", "er"), ("VVFIN", "kündigen"), ("ART", "der"), ("NN", "Reform"),
        ("PTKVZ", "an"), ("$.", ".")]


def test_number_with_thousands_and_full_stop_ends_a_sentence():
    import newskit

    nlp = newskit.load_pipeline()
    doc = nlp("Es kamen nur 5.000. Mexikos Regierung schwieg. Er war der 5.000. Besucher.")
    assert [s.text for s in doc.sents] == ["Es kamen nur 5.000.", "Mexikos Regierung schwieg.",
                                          "Er war der 5.000. Besucher."]


def test_year_or_number_with_full_stop_ends_a_sentence_but_an_ordinal_does_not():
    import newskit

    nlp = newskit.load_pipeline()

    def sents(text):
        return [s.text for s in nlp(text).sents]

    assert sents("Die Anlage ging im Mai 2019. Experten warnen seitdem.") == [
        "Die Anlage ging im Mai 2019.", "Experten warnen seitdem."]
    assert sents("Sie wurde Vierte mit Platz 4. Der Titel ging an Kenia.") == [
        "Sie wurde Vierte mit Platz 4.", "Der Titel ging an Kenia."]
    assert sents("Der Typ heißt AB-12. Er fliegt schnell.") == ["Der Typ heißt AB-12.",
                                                              "Er fliegt schnell."]
    # ordinals: before a month or noun, after an article or "am"
    for one in ("Am 3. Oktober 2020 begann die 2. Runde.", "Er kam am 4. Der Zug fuhr.",
                "Das war im Jahr 2019. Oktober wurde kalt.", "Die 3. Liga spielt."):
        assert len(sents(one)) == 1, one


# word forms HanTa's model does not know (compounds, names, typos, short forms, digits)
RARE_FORMS = ["Bundesverfassungsgerichts", "Stadtbaurat", "Niedergirmes", "Okafor", "xy", "ab",
              "Fußgängerbrückenplanung", "unverhältnismäßigerweise", "Grmpfte", "3.000", "17,5",
              "überdimensioniert", "Klimaschutzgesetzes", "E-Mail-Adresse", "vorgestern", "Zz"]


def test_fast_morpheme_search_equals_hanta(reference):
    """newskit.nlp.hanta_morph's search gives HanTa's candidates, lemmas and morphemes."""
    fast = hanta.fast_morph()
    assert fast.exact
    nn, vfin = reference.tag2int["NN"], reference.tag2int["VV(FIN)"]
    for word in RARE_FORMS:
        form = reference.normalize(word)
        assert fast.analyze_forward(form) == reference.analyze_forward(form), word
        tags = {t for t, _ in reference._tag_word(word)} | {nn, vfin}
        for tag in sorted(tags):
            for level in (1, 3):
                assert fast._analyze(word, tag, level) == reference._analyze(word, tag, level)
    fast.clear_memo()
    assert fast.analyze_forward("klimaschutzgesetzes") == \
        reference.analyze_forward("klimaschutzgesetzes")


def test_shipped_word_table_gives_hantas_candidates(reference):
    """The table keeps only the decisive candidates of a form (``decisive_candidates``);
    every caller still gets what HanTa's own search gives, for every flag and cutoff."""
    table = hanta.word_table()
    forms = sorted(table._forward)[::max(1, len(table._forward) // 40)]
    assert len(forms) >= 30
    for form in forms:
        for word in (form, form[:1].upper() + form[1:]):
            for cs, cond, cutoff in ((True, False, 5), (True, True, 5), (False, True, 5),
                                     (False, False, 2), (True, True, 0)):
                got = hanta.word_probs(word, cutoff, cs, cond)
                assert got == reference._tag_word(word, cutoff, cs, cond), (word, cs, cond)


def test_decisive_candidates_drop_only_hopeless_ones(reference):
    full = reference.analyze_forward("brückenbaustellenzufahrt")
    kept = hanta.decisive_candidates(full)
    assert kept and len(kept) < len(full) and all(c in full for c in kept)
    order = [full.index(c) for c in kept]
    assert order == sorted(order)
