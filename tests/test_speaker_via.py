"""How a speaker was found (``quotes.speaker_via``), and how the metrics use it."""

from __future__ import annotations

import pandas as pd

import newskit
from newskit.eval.speakers import score_speakers


def _vias(nlp, text: str) -> list[tuple[str | None, str | None]]:
    doc = nlp(text)
    return [(q._.nk_speaker_canonical, q._.nk_speaker_via) for q in doc.spans["quotes"]]


def test_a_name_in_the_frame_is_name_and_a_pronoun_after_it_is_anaphor(nlp):
    text = ("Die Bürgermeisterin Carla Wendt sagte am Montag, die Brücke werde im Mai eröffnet. "
            "Später erklärte sie, die Kosten seien gestiegen.")
    assert _vias(nlp, text) == [("Carla Wendt", "name"), ("Carla Wendt", "anaphor")]


def test_a_role_without_a_name_is_description(nlp):
    out = _vias(nlp, "Ein Sprecher der Feuerwehr sagte, das Feuer sei unter Kontrolle.")
    assert [via for _, via in out] == ["description"]


def test_a_report_that_goes_on_without_a_frame_is_context(nlp):
    text = ("Der Trainer Jonas Brandt sagte nach dem Spiel, die Mannschaft habe gut gekämpft. "
            "Die Niederlage sei trotzdem verdient gewesen.")
    out = _vias(nlp, text)
    assert out[0] == ("Jonas Brandt", "name")
    assert out[1:] == [("Jonas Brandt", "context")]


def test_no_speaker_has_no_via(nlp):
    assert _vias(nlp, "Man sagt, der Sommer werde heiß.") == [(None, None)]


def test_the_quotes_table_and_sources_carry_it():
    result = newskit.analyze("seeds", cache_dir=None, progress=False)
    q = result.quotes
    assert set(q["speaker_via"].dropna()) <= {"name", "anaphor", "description", "context"}
    assert (q["speaker_via"].isna() == q["speaker_canonical"].isna()).all()
    s = newskit.sources(result).set_index("canonical")
    named = q[q["speaker_via"] == "name"].groupby("speaker_canonical").size()
    assert s.loc["Antony Blinken", "n_named"] == named["Antony Blinken"]
    assert (s["n_named"] <= s["n_quotes"]).all()


def test_canonical_accuracy_is_reported_per_via():
    matches = pd.DataFrame({"speaker_canonical": ["Jana Kulik", "Kulik", "Stadtrat", None],
                            "referent": ["Jana Kulik", "Jana Kulik", "Stadtrat", "Polizei"],
                            "referent_type": ["person", "person", "organisation", "organisation"],
                            "gender": ["female", "female", "", ""],
                            "speaker_via": ["name", "anaphor", "name", None]})
    predicted = pd.DataFrame({"speaker": ["Jana Kulik"], "speaker_canonical": ["Jana Kulik"]})
    s = score_speakers(matches, predicted)
    assert (s["canonical_accuracy_name"], s["canonical_n_name"]) == (1.0, 2)
    assert (s["canonical_accuracy_anaphor"], s["canonical_n_anaphor"]) == (0.0, 1)
    assert (s["canonical_n_none"], s["canonical_n_context"]) == (1, 0)
