"""The German NLP pipeline: an installed spaCy model, or newskit's embedded one."""

from newskit.nlp.pipeline import load_pipeline, pipeline_fingerprint

__all__ = ["load_pipeline", "pipeline_fingerprint"]
