"""Worker processes share their word analyses (``newskit.nlp.hanta_share``) without
changing a single tag or lemma."""

from __future__ import annotations

import glob
import os
import tempfile

import pandas as pd

import newskit
from newskit.nlp import hanta, hanta_share
from newskit.nlp.tagger import clear_word_caches, tag_tokens

WORDS = "Die Quantenkryptografieexpertin Wolkenbruchmeldung zwitscherte ungefragterweise .".split()


def test_shared_analyses_replace_the_search_and_change_nothing(monkeypatch, tmp_path):
    clear_word_caches()
    hanta_share.sync(str(tmp_path))  # this process starts recording
    expected = tag_tokens(WORDS)
    hanta_share.sync(str(tmp_path))  # ... and publishes what it computed
    published = list(tmp_path.glob("*" + hanta_share.SUFFIX))
    assert len(published) == 1 and published[0].stat().st_size > 0

    # another worker: empty memos, reads the file instead of searching again
    clear_word_caches()
    other = hanta_share.SharedAnalyses(tmp_path, name="other")
    entries = other.receive()
    assert {kind for kind, _, _ in entries} == {hanta.FORWARD, hanta.LEMMA}
    hanta.add_analyses(entries)
    calls = []
    morph = hanta.fast_morph()
    monkeypatch.setattr(morph, "analyze_forward", lambda *a: calls.append(a))
    monkeypatch.setattr(morph, "analyze", lambda *a, **k: calls.append(a))
    from newskit.nlp import tagger
    tagger._tag_lemma.clear()
    assert tag_tokens(WORDS) == expected
    assert not calls
    assert other.receive() == []  # nothing new
    hanta_share.sync(None)  # stops recording
    assert hanta._journal is None


def test_a_record_being_written_is_read_only_when_complete(tmp_path):
    a, b = hanta_share.SharedAnalyses(tmp_path, "a"), hanta_share.SharedAnalyses(tmp_path, "b")
    a.publish([(hanta.FORWARD, "x", [(1, 0.0)])])
    path = tmp_path / ("a" + hanta_share.SUFFIX)
    whole = path.read_bytes()
    path.write_bytes(whole + whole[:5])  # a second record, half written
    assert b.receive() == [(hanta.FORWARD, "x", [(1, 0.0)])]
    path.write_bytes(whole + whole)
    assert b.receive() == [(hanta.FORWARD, "x", [(1, 0.0)])]


def test_cold_forked_workers_give_identical_tables_and_clean_up(tmp_path, monkeypatch):
    # a private temporary folder: other tests running at the same time (pytest-xdist)
    # create and remove their own share folders in the system one
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    created, real_new_folder = [], hanta_share.new_folder
    monkeypatch.setattr(hanta_share, "new_folder",
                        lambda: created.append(real_new_folder()) or created[-1])
    texts = ["Die Wolkenbruchmeldung sei ungefragterweise falsch, sagte Ina Roth am Montag.",
             "Die Quantenkryptografieexpertin Ina Roth zwitscherte: „Alles gut.“",
             "Der Bürgermeister Karl Meier kritisierte die Wolkenbruchmeldung scharf.",
             "„Wir prüfen das“, sagte die Quantenkryptografieexpertin."] * 3
    corpus = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "text": texts})
    pattern = os.path.join(tempfile.gettempdir(), hanta_share.PREFIX + "*")
    clear_word_caches()
    multi = newskit.analyze(corpus, cache_dir=None, n_process=2, batch_size=2, progress=False)
    clear_word_caches()
    local = newskit.analyze(corpus, cache_dir=None, progress=False)
    for name, df in local.tables().items():
        pd.testing.assert_frame_equal(df, multi.tables()[name])
    assert created and all(not os.path.exists(f) for f in created)
    assert glob.glob(pattern) == []


def test_forked_workers_inherit_a_frozen_heap(monkeypatch):
    """The workers' garbage collector leaves the objects forked from the parent alone
    (no copy of their pages); the parent's collector sees everything again afterwards."""
    import gc

    from newskit.tables import executors

    def freeze_counts(nlp, texts, share, batch_size, timeout=None):
        return [{"frozen": gc.get_freeze_count()} for _ in texts]

    monkeypatch.setattr(executors, "rows_sharing", freeze_counts)
    assert gc.get_freeze_count() == 0
    rows = list(executors.analyze_docs(newskit.load_pipeline(), ["Ein Text."] * 8,
                                       n_process=2, batch_size=2))
    assert len(rows) == 8 and all(r["frozen"] > 1000 for r in rows)
    assert gc.get_freeze_count() == 0


def test_tasks_cover_every_article_once_and_shrink_towards_the_end():
    import random

    from newskit.tables.executors import MIN_TASK_CHARS, partition

    rng = random.Random(7)
    lengths = [rng.randint(200, 9_000) for _ in range(1_000)] + [300_000] + [500] * 50
    tasks = partition(lengths, 2, 16)
    assert [i for r in tasks for i in r] == list(range(len(lengths)))  # in order, no gaps
    assert all(1 <= len(r) <= 16 for r in tasks)
    sizes = [sum(lengths[i] for i in r) for r in tasks]
    # a task of several articles never exceeds the floor or a 1/8 of what was left
    left = sum(lengths)
    for r, size in zip(tasks, sizes):
        if len(r) > 1:
            assert size <= max(MIN_TASK_CHARS, left // 8)
        left -= size
    # the last tasks are small, so neither worker waits long for the other at the end
    assert max(sizes[-4:]) <= MIN_TASK_CHARS
    assert max(sizes[: len(sizes) // 2]) > 2 * MIN_TASK_CHARS
