"""Extractors that take a parsed ``Doc`` and yield mentions or table rows."""
