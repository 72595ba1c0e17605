"""spaCy components of newskit, each a package split along its seams."""
