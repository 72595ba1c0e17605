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
    if gold["kind"] in ("direct", "mixed"):
        assert best._.kind in ("direct", "mixed")
    else:
        assert best._.kind == "indirect"
    if "speaker" in gold:
        assert best._.speaker_canonical == gold["speaker"]
    else:
        assert best._.speaker is not None and best._.speaker.text == gold["mention"]


def test_seed_no_spurious_speech(seed_doc, seed_quotes):
    text = seed_doc.text
    gold = [_find(text, g["text"], g.get("within")) for g in GOLD["required"] + GOLD["optional"]]
    for q in seed_quotes:
        if q._.kind == "reported":
            continue
        assert any(_overlap(text, s, e, q.start_char, q.end_char) >= 0.5 for s, e in gold), q.text


def test_seed_pronoun_and_role_speakers(seed_quotes):
    by_mention = {(q._.speaker.text if q._.speaker is not None else None, q._.speaker_canonical)
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
    return [(s.text, s._.kind, s._.speaker.text if s._.speaker is not None else None,
             s._.speaker_canonical, s._.cue_lemma) for s in doc.spans["quotes"]]


def test_frame_sagte_x_after_direct(nlp):
    out = q(nlp, "„Wir bleiben hart“, sagte Merkel.")
    assert out[0][:3] == ("Wir bleiben hart", "direct", "Merkel") and out[0][4] == "sagen"


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


def test_frame_x_zufolge(nlp):
    out = q(nlp, "Dem Bericht zufolge stieg die Zahl der Arbeitslosen.")
    assert out[0][1] == "indirect" and "Bericht" in out[0][2]


def test_frame_wie_x_sagte_and_heisst_es(nlp):
    out = q(nlp, "Die Gespräche seien gescheitert, heißt es in Berlin.")
    assert out[0][1] == "indirect" and out[0][4] == "heißen"


def test_frame_separable_cue(nlp):
    out = q(nlp, "„Wir kommen wieder“, kündigte die Sängerin an.")
    assert out[0][4] == "ankündigen" and out[0][2] == "die Sängerin"


def test_frame_cue_in_next_sentence_floating_quote(nlp):
    out = q(nlp, "„Das Spiel war hart.“ „Wir haben trotzdem gewonnen“, sagte Trainer Klopp.")
    assert [o[1] for o in out] == ["direct", "direct"]
    assert out[0][3] == out[1][3] == "Trainer Klopp" or "Klopp" in out[0][3]


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
    doc = nlp("„Das ist offen, sagte er. Und dann »noch eins.")
    assert isinstance(list(doc.spans["quotes"]), list)
