"""Evaluation commands: ``newskit eval ner|quotes|sentiment``."""
