"""newskit's components behave as spaCy expects: declared attributes, saved and loaded
pipelines that work without importing newskit, namespaced extensions that refuse to clobber."""

import json
import subprocess
import sys

import pytest
from spacy.tokens import Span

from tests.conftest import ROOT

TEXT = ("Die Ministerin Johanna Berger (SPD) kam nach Leipzig. „Wir bleiben dabei“, sagte "
        "Berger. Nach Angaben der Polizei war die Lage ruhig.")

_LOAD = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
doc = nlp(sys.argv[2])
print(json.dumps({"newskit_imported_by_user": False,
                  "ents": [[e.text, e.label_, e._.nk_canonical] for e in doc.ents],
                  "quotes": [[q.text, q._.nk_kind, q._.nk_speaker_canonical]
                             for q in doc.spans["quotes"]]}))
"""


def _summary(doc):
    return {"ents": [[e.text, e.label_, e._.nk_canonical] for e in doc.ents],
            "quotes": [[q.text, q._.nk_kind, q._.nk_speaker_canonical]
                       for q in doc.spans["quotes"]]}


def test_analyze_pipes_shows_assigns_and_requires(nlp):
    info = nlp.analyze_pipes()
    summary = info["summary"]
    assert "span._.nk_canonical" in summary["newskit_entities"]["assigns"]
    assert "doc.spans" in summary["newskit_quotes"]["assigns"]
    assert "token.tag" in summary["newskit_tagger"]["assigns"]
    assert "doc.sents" in summary["newskit_sentiment"]["requires"]
    assert not info["problems"]["newskit_quotes"]  # everything it requires is assigned before


def test_saved_pipeline_loads_in_a_fresh_interpreter_without_newskit(nlp, tmp_path):
    path = tmp_path / "saved"
    nlp.to_disk(path)
    proc = subprocess.run([sys.executable, "-c", _LOAD, str(path), TEXT], capture_output=True,
                          text=True, cwd=tmp_path, timeout=600)
    assert proc.returncode == 0, proc.stderr
    loaded = json.loads(proc.stdout.strip().splitlines()[-1])
    assert loaded["ents"] == _summary(nlp(TEXT))["ents"]
    assert loaded["quotes"] == _summary(nlp(TEXT))["quotes"]
    assert (path / "newskit_sentiment" / "lexicon.json").exists()  # the lexicon travels along


def test_extensions_refuse_to_clobber_another_library():
    from newskit.components import extensions

    name = "nk_test_taken"
    Span.set_extension(name, getter=lambda span: "someone else's")
    extensions.EXTENSIONS[(Span, name)] = {"default": None}
    try:
        with pytest.raises(extensions.ExtensionClash, match=name):
            extensions.register_extensions()
    finally:
        del extensions.EXTENSIONS[(Span, name)]
        Span.remove_extension(name)


def test_extensions_are_namespaced():
    from newskit.components.extensions import EXTENSIONS

    assert all(name.startswith("nk_") for _, name in EXTENSIONS)


def test_root_has_no_import_side_effects(tmp_path):
    """``import newskit`` writes nothing to the user's home."""
    home = tmp_path / "home"
    home.mkdir()
    subprocess.run([sys.executable, "-c", "import newskit"], cwd=ROOT, check=True,
                   env={"HOME": str(home), "PATH": "/usr/bin:/bin"})
    assert list(home.iterdir()) == []
