"""Tables from parsed Docs: rows per entity, quote and sentence; the four result tables;
executors (one process, forked workers, Dask) and the per-article cache."""
