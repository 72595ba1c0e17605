"""Language knowledge as data: word lists, lexicons and morphology helpers per language."""
