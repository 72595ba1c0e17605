"""Speakers by name against the hand-made referent gold (``bench/gold``) on the Wikinews
quotation corpus in ../shared: floors that catch a regression (skipped without ../shared).

The floors sit a few points under the figures in README.md: dev is tuned on, the train
articles 220–299 were the held-out check of the sixth session.
"""

from pathlib import Path

import pytest

from newskit.eval.quotes import evaluate_quotes

GOLD = Path(__file__).resolve().parents[1] / "bench" / "gold"
pytestmark = pytest.mark.shared


def test_dev_speaker_names_keep_their_floor(nlp, shared_data):
    _, s = evaluate_quotes(shared_data / "quotes-de-wikinews" / "dev.jsonl", nlp,
                           progress=False, speaker_gold=GOLD / "parts")
    assert s["speaker_canonical_accuracy"] >= 0.82, s
    assert s["speaker_person_accuracy"] >= 0.89, s
    assert s["junk_speaker_share"] <= 0.02, s
    assert s["canonical_article_share"] == 0, s
    assert s["direct_f1"] >= 0.84 and s["speech_f1"] >= 0.77, s


def test_held_out_train_speaker_names_keep_their_floor(nlp, shared_data):
    _, s = evaluate_quotes(shared_data / "quotes-de-wikinews" / "train.jsonl", nlp,
                           progress=False, speaker_gold=GOLD / "train-parts",
                           articles="220:300")
    assert s["speaker_canonical_accuracy"] >= 0.67, s
    assert s["speaker_person_accuracy"] >= 0.76, s
    assert s["canonical_article_share"] == 0, s
    assert s["speech_f1"] >= 0.77, s
