import multiprocessing as mp
import warnings
from pathlib import Path

import pandas as pd

import newskit
from newskit.cache import Cache, CacheWarning

TEXTS = [f"Angela Merkel traf Emmanuel Macron in Paris ({i}). „Wir sind einig“, sagte Merkel."
         for i in range(12)]


def _corpus():
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(TEXTS))], "text": TEXTS})


def test_cache_roundtrip_and_keys(tmp_path):
    c = Cache(tmp_path, "fp1", schema=None)  # any JSON value; analyze() checks the row schema
    assert c.get("Text") is None
    c.put("Text", {"x": [1, 2]})
    assert c.get("Text") == {"x": [1, 2]}
    assert Cache(tmp_path, "fp2", schema=None).get("Text") is None  # another pipeline misses


def test_warm_run_equals_cold_and_hits(tmp_path):
    cold = newskit.analyze(_corpus(), cache_dir=tmp_path)
    warm = newskit.analyze(_corpus(), cache_dir=tmp_path)
    for name, df in cold.tables().items():
        pd.testing.assert_frame_equal(df, warm.tables()[name])
    files = list(tmp_path.rglob("*.json"))
    assert len(files) == len(TEXTS)


def test_corrupt_entry_is_reported_and_recomputed(tmp_path):
    cold = newskit.analyze(_corpus(), cache_dir=tmp_path)
    victim = sorted(tmp_path.rglob("*.json"))[0]
    victim.write_bytes(victim.read_bytes()[:40])  # truncated write
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        again = newskit.analyze(_corpus(), cache_dir=tmp_path)
    assert any(issubclass(w.category, CacheWarning) and "corrupt" in str(w.message)
               for w in caught)
    pd.testing.assert_frame_equal(cold.quotes, again.quotes)


def test_schema_invalid_entry_recomputed_not_keyerror(tmp_path):
    import json

    from newskit import cache as nkcache

    cold = newskit.analyze(_corpus(), cache_dir=tmp_path)
    victim = sorted(tmp_path.rglob("*.json"))[0]
    key = victim.stem
    body = json.dumps({"n_tokens": 1, "n_sentences": 1})  # validly signed, no tables
    victim.write_text(json.dumps({"format": nkcache.ENTRY_FORMAT, "body": body,
                                  "mac": nkcache.sign(tmp_path, key, body.encode())}))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        again = newskit.analyze(_corpus(), cache_dir=tmp_path)
    assert any("schema-invalid" in str(w.message) for w in caught)
    for name, df in cold.tables().items():
        pd.testing.assert_frame_equal(df, again.tables()[name])


def _worker(cache_dir, q):
    try:
        res = newskit.analyze(_corpus(), cache_dir=cache_dir)
        q.put(len(res.entities))
    except Exception as exc:  # pragma: no cover - reported to the parent
        q.put(repr(exc))


def test_two_processes_share_one_cache(tmp_path):
    newskit.load_pipeline()  # forked children inherit it instead of loading their own
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    q = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(str(tmp_path), q)) for _ in range(2)]
    for p in procs:
        p.start()
    results = [q.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert all(isinstance(r, int) and r > 0 for r in results), results
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        final = newskit.analyze(_corpus(), cache_dir=tmp_path)
    assert not [w for w in caught if issubclass(w.category, CacheWarning)]
    assert len(final.entities) == results[0]
    assert not list(tmp_path.rglob(".tmp-*"))


def test_dask_client_gives_identical_tables():
    from dask.distributed import Client, LocalCluster

    local = newskit.analyze(_corpus(), cache_dir=None)
    # real worker processes: the pipeline spec and the rows cross process boundaries
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        remote = newskit.analyze(_corpus(), cache_dir=None, client=client)
    for name, df in local.tables().items():
        pd.testing.assert_frame_equal(df, remote.tables()[name])


def test_local_cluster_forks_workers_with_the_pipeline_and_gives_identical_tables():
    import os

    local = newskit.analyze(_corpus(), cache_dir=None)
    with newskit.local_cluster(2) as client:
        # before any task: the worker processes already hold the built pipeline
        ready = client.run(lambda: (os.getpid(), "newskit.pipeline" in __import__("sys").modules
                                    and bool(__import__("newskit.pipeline").pipeline
                                             ._cached.cache_info().currsize)))
        remote = newskit.analyze(_corpus(), cache_dir=None, client=client)
    assert len(ready) == 2
    assert all(pid != os.getpid() and has for pid, has in ready.values())
    for name, df in local.tables().items():
        pd.testing.assert_frame_equal(df, remote.tables()[name])


def test_n_process_gives_identical_tables():
    local = newskit.analyze(_corpus(), cache_dir=None)
    multi = newskit.analyze(_corpus(), cache_dir=None, n_process=2, batch_size=3)
    for name, df in local.tables().items():
        pd.testing.assert_frame_equal(df, multi.tables()[name])


def test_changing_a_data_file_recomputes(tmp_path):
    """The cache key covers every file newskit ships: a retrained model or an edited word
    list must never be answered from results cached by the old one."""
    from newskit import pipeline

    corpus = pd.DataFrame({"article_id": ["a"], "text": ["Die Lage sei ernst, sagte Ina Roth."]})
    nlp = newskit.load_pipeline()
    before = pipeline.pipeline_fingerprint(nlp)
    newskit.analyze(corpus, cache_dir=tmp_path, progress=False)
    assert len(list(tmp_path.rglob("*.json"))) == 1
    extra = Path(pipeline.__file__).parent / "lang" / "de" / "data" / "zz_cache_key_test.txt"
    extra.write_text("# a new word list\nwort\n", encoding="utf-8")
    try:
        pipeline.code_fingerprint.cache_clear()
        assert pipeline.pipeline_fingerprint(nlp) != before
        newskit.analyze(corpus, cache_dir=tmp_path, progress=False)
        assert len(list(tmp_path.rglob("*.json"))) == 2  # computed again under the new key
    finally:
        extra.unlink()
        pipeline.code_fingerprint.cache_clear()
    assert pipeline.pipeline_fingerprint(nlp) == before
