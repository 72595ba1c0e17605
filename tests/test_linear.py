"""Analysis time grows linearly with the length of one article (issue 15).

The per-token time of an article made of 64 copies of a short news text must
stay within 1.5× that of a single copy. Both are measured in the same run, so
the test compares a ratio, not an absolute time; each is the best of several
runs, short and long alternating, in CPU time of this process (a busy machine only
ever makes a run slower). The text is written for
this test (no corpus data).
"""

from __future__ import annotations

import time

import pytest

MAX_RATIO = 1.5
COPIES = 64

TEXT = """\
Stadtrat stimmt für neue Brücke über die Lahn

Nach monatelangem Streit hat der Stadtrat von Wetzlar am Dienstagabend den Bau einer \
neuen Fußgängerbrücke beschlossen. Oberbürgermeisterin Karla Brenner sprach von einem \
guten Tag für die Stadt. "Wir haben lange gerungen, aber das Ergebnis kann sich sehen \
lassen", sagte sie nach der Sitzung. Die Opposition kündigte dagegen Widerstand an.

Der Fraktionschef der Freien Wähler, Tobias Krämer, hält das Projekt für zu teuer. Die \
Kosten seien von drei auf fast fünf Millionen Euro gestiegen, erklärte er. Man müsse \
zuerst die Schulen sanieren. Auch der Bund der Steuerzahler in Hessen stellte klar, dass \
er die Planung kritisch sehe.

Die Verwaltung wies die Vorwürfe zurück. „Jeder Euro ist gut angelegt“, betonte \
Stadtbaurat Jens Okafor. Die alte Brücke sei marode und müsse ohnehin bald gesperrt \
werden. Laut einem Gutachten der Technischen Hochschule Mittelhessen würde eine Sanierung \
kaum billiger.

Anwohner im Stadtteil Niedergirmes reagierten gemischt. Eine Rentnerin freute sich über \
den kürzeren Weg zum Markt, ein Händler befürchtet Lärm während der Bauzeit. Die Arbeiten \
sollen im Frühjahr beginnen und etwa zwei Jahre dauern.
"""


def _seconds_per_token(nlp, text: str) -> float:
    """CPU seconds per token: the work done, not the wall time other processes take."""
    t0 = time.process_time()
    doc = nlp(text)
    return (time.process_time() - t0) / max(1, len(doc))


def article(copies: int) -> str:
    return "\n\n".join([TEXT] * copies)


def length_ratio(nlp, copies: int = COPIES, long_runs: int = 2,
                 max_long_runs: int = 5) -> tuple[int, float, float, float]:
    """(copies measured, per-token ratio long/short, short and long seconds per token).

    Short and long runs alternate and each keeps its best time, so a burst of load from
    other processes cannot fall on one side only. An 8-copy article is measured first; if
    it already exceeds the bound, the 64-copy one (which would then take minutes) is not run.
    The long article is run ``long_runs`` times, and again (up to ``max_long_runs``) while
    its best time is still over the bound: a test worker beside this one can slow a single
    run by a third, a real growth with length slows every run.
    """
    nlp(article(2))  # warm the per-word memos: the test measures length, not vocabulary
    short = min(_seconds_per_token(nlp, article(1)) for _ in range(5))
    for k in (8, copies):
        long = float("inf")
        runs = long_runs if k == copies else 5
        limit = max_long_runs if k == copies else 5
        done = 0
        while done < runs or (done < limit and long / short > MAX_RATIO):
            short = min([short] + [_seconds_per_token(nlp, article(1)) for _ in range(3)])
            long = min(long, _seconds_per_token(nlp, article(k)))
            done += 1
        if long / short > MAX_RATIO:
            break
    return k, long / short, short, long


def check_linear(nlp, long_runs: int = 2, max_long_runs: int = 5) -> None:
    k, ratio, short, long = length_ratio(nlp, long_runs=long_runs, max_long_runs=max_long_runs)
    assert ratio <= MAX_RATIO, (
        f"per-token time at {k}x is {ratio:.2f}x that at 1x "
        f"({long * 1e6:.1f} vs {short * 1e6:.1f} µs/token)")


def test_sentencizer_and_tagger_are_linear_in_article_length():
    from newskit.pipeline import build_embedded

    check_linear(build_embedded(ner=False))  # newskit_sentencizer + newskit_tagger


def test_sentence_boundaries_of_a_long_article_repeat_those_of_one_copy():
    from newskit.pipeline import build_embedded

    nlp = build_embedded(ner=False)
    one = [s.text.strip() for s in nlp(TEXT).sents]
    many = [s.text.strip() for s in nlp(article(8)).sents]
    assert many == one * 8


def test_full_pipeline_is_linear_in_article_length(nlp):
    nlp(article(1))
    t0 = time.perf_counter()
    nlp(article(1))
    if (time.perf_counter() - t0) * COPIES * MAX_RATIO * 4 > 60:
        pytest.skip("this machine would need more than 60 s for the 64x article")
    check_linear(nlp, long_runs=2, max_long_runs=4)


def test_token_strings_are_built_once_per_doc_and_follow_a_retokenized_doc():
    import spacy

    from newskit.nlp.doctext import token_lowers, token_texts

    doc = spacy.blank("de")("Die Deutsche Bahn AG meldet Verspätungen.")
    first = token_texts(doc)
    assert first == [t.text for t in doc]
    assert token_texts(doc) is first  # kept for the Doc's lifetime, not rebuilt
    assert token_lowers(doc) == [t.lower_ for t in doc]
    with doc.retokenize() as retok:
        retok.merge(doc[1:4])
    assert token_texts(doc) == ["Die", "Deutsche Bahn AG", "meldet", "Verspätungen", "."]
    assert token_lowers(doc)[1] == "deutsche bahn ag"
