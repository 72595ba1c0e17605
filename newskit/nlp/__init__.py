"""newskit's embedded German pipeline: sentence rules, HanTa tags and lemmas, CRF entities.

Used when no German spaCy model is installed; :mod:`newskit.pipeline` assembles it.
"""
