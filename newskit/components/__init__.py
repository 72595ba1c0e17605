"""newskit's spaCy components: entities, quotes and sentiment, each a package.

Components read the tokens, tags and entities of the ``nlp`` layer (or an installed
spaCy model) and write their results to namespaced extension attributes
(:mod:`newskit.components.extensions`). They never import the pipeline, the tables or
anything above them.
"""
