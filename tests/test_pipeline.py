import spacy

import newskit
from newskit import pipeline as nkpipe
from newskit.nlp.tagger import is_konjunktiv1


def _sents(nlp, text):
    return [s.text.strip() for s in nlp(text).sents]


def test_sentences_keep_abbreviations_and_ordinals(nlp):
    text = ("Am 21. Januar sprach Dr. Müller in St. Pauli, z. B. über die 3. Liga u. a. mit "
            "Prof. Schmidt. Danach ging er.")
    assert _sents(nlp, text) == [text[: text.index(" Danach")], "Danach ging er."]


def test_sentences_quotes_attach_right(nlp):
    text = "Er sagte: „Wir gehen.“ Sie blieb. »Nein!«, rief er. \"Gut.\" Dann Ruhe."
    assert _sents(nlp, text) == ["Er sagte: „Wir gehen.“", "Sie blieb.", "»Nein!«, rief er.",
                                 "\"Gut.\"", "Dann Ruhe."]


def test_paragraph_break_ends_sentence(nlp):
    assert len(_sents(nlp, "Überschrift ohne Punkt\n\nDer Text beginnt hier.")) == 2


def test_tags_lemmas_morph(nlp):
    doc = nlp("Die Situation sei kritisch, sagte er, und er habe Angst.")
    by = {t.text: t for t in doc}
    assert by["sei"].tag_ == "VAFIN" and "Sub" in by["sei"].morph.get("Mood")
    assert "Sub" in by["habe"].morph.get("Mood")
    assert "Ind" in by["sagte"].morph.get("Mood") and by["sagte"].lemma_ == "sagen"
    assert by["Situation"].pos_ == "NOUN"


def test_konjunktiv1_rule():
    assert is_konjunktiv1("gehe", "gehen", "er")
    assert is_konjunktiv1("könne", "können", "sie")
    assert not is_konjunktiv1("gehe", "gehen", "ich")
    assert not is_konjunktiv1("geht", "gehen", "er")


def test_separable_verbs_joined(nlp):
    doc = nlp("Der Minister kündigte neue Gesetze an. Blinken stellte das klar.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["kündigte"] == "ankündigen"
    assert lemmas["stellte"] == "klarstellen"


def test_particle_read_as_preposition_is_joined(nlp):
    # HanTa tags this clause-final "an" as a preposition (APPR)
    doc = nlp("Dann kündigte er den Unterricht bis Mitte Januar an – kurz darauf nicht mehr.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["kündigte"] == "ankündigen"
    assert next(t for t in doc if t.text == "an").tag_ == "PTKVZ"
    # a preposition inside the clause stays one
    doc = nlp("Er kündigte an einem Montag.")
    assert {t.text: t.lemma_ for t in doc}["kündigte"] == "kündigen"


def test_embedded_pipeline_runs_without_network():
    nlp = newskit.load_pipeline("newskit_embedded", cache=False)
    assert nlp.pipe_names[:3] == ["newskit_sentencizer", "newskit_tagger", "newskit_ner"]
    doc = nlp("Angela Merkel besuchte Paris.")
    assert ("Angela Merkel", "PER") in {(e.text, e.label_) for e in doc.ents}


def test_pipe_with_two_processes(nlp):
    texts = ["Angela Merkel besuchte Paris.", "Die Lage sei ernst, sagte Macron."] * 3
    docs = list(nlp.pipe(texts, n_process=2, batch_size=2))
    assert [d.text for d in docs] == texts
    assert all(len(d.ents) >= 1 for d in docs)


def test_installed_model_path(tmp_path, monkeypatch):
    """A pipeline on disk stands in for de_core_news_*: load_pipeline adds newskit's parts."""
    tiny = spacy.blank("de")
    tiny.add_pipe("newskit_sentencizer")
    tiny.add_pipe("newskit_tagger")
    ruler = tiny.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": "Anna Schmidt"},
                        {"label": "PER", "pattern": "Schmidt"},
                        {"label": "LOC", "pattern": "Berlin"}])
    tiny.meta["name"] = "core_news_tiny"
    path = tmp_path / "de_core_news_tiny"
    tiny.to_disk(path)
    monkeypatch.setattr(nkpipe, "_installed_model", lambda: str(path))
    nlp = nkpipe.load_pipeline("auto", cache=False)
    assert "entity_ruler" in nlp.pipe_names and "newskit_ner" not in nlp.pipe_names
    assert nlp.pipe_names[-4:] == ["newskit_entities", "newskit_quotes", "newskit_gender",
                                   "newskit_sentiment"]
    doc = nlp("Anna Schmidt kam nach Berlin. „Wir bleiben“, sagte Schmidt.")
    assert {e._.nk_canonical for e in doc.ents if e.label_ == "PER"} == {"Anna Schmidt"}
    q = doc.spans["quotes"][0]
    assert q._.nk_kind == "direct" and q._.nk_speaker_canonical == "Anna Schmidt"


def test_named_model_missing_is_clear():
    import pytest

    with pytest.raises(OSError, match="not installed"):
        newskit.load_pipeline("de_core_news_doesnotexist", cache=False)


def test_tokenizer_remembers_a_research_sized_corpus(nlp):
    """spaCy's tokenizer memoises only 10,000 distinct chunks by default (then it runs
    several times slower); newskit's remembers more, and tokenises exactly as spaCy does."""
    assert nlp.tokenizer.max_cache_size >= nkpipe.TOKENIZER_CACHE > 10_000
    blank = spacy.blank("de").tokenizer
    texts = [f"Am {i}. Mai sagte Müller{i}, die SPD-Fraktion (Berlin) habe „{i % 97} %“ "
             f"erreicht: z.B. www.beispiel{i}.de, 3,5-mal mehr." for i in range(3000)]
    for text in texts + texts[:200]:
        ours, spacys = nlp.tokenizer(text), blank(text)
        assert [(t.text, t.whitespace_) for t in ours] == [(t.text, t.whitespace_) for t in spacys]
