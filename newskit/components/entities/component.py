"""The ``newskit_entities`` component: four labels, one canonical name per entity, roles."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from newskit.components.entities.names import (
    LABEL_MAP,
    canonical_names,
    harmonise_labels,
    propagate_names,
    trim_common_nouns,
)
from newskit.components.entities.organisations import mend_organisations
from newskit.components.entities.persons import complete_person_names, split_two_surnames
from newskit.components.entities.roles import find_roles
from newskit.components.extensions import register_extensions
from newskit.lang.de.declension import declension_table


class EntityCanonicaliser:
    """Normalise labels to PER/LOC/ORG/MISC, propagate names, set ``ent._.nk_canonical``
    and ``doc._.nk_roles``.

    Runs after any NER (embedded or an installed spaCy model). ``label_map`` maps the
    recogniser's labels to newskit's four; mentions with other labels (dates, money) are
    dropped.

    Example:
        >>> import newskit
        >>> doc = newskit.load_pipeline()("Sergej Lawrow kam. Lawrows Rede war kurz.")
        >>> [(e.text, e._.nk_canonical) for e in doc.ents]
        [('Sergej Lawrow', 'Sergej Lawrow'), ('Lawrows', 'Sergej Lawrow')]
    """

    def __init__(self, nlp: Language, name: str, label_map: dict[str, str] | None = None):
        register_extensions()
        declension_table()  # read when the pipeline is built (forked workers inherit it)
        self.name = name
        self.label_map = dict(label_map or LABEL_MAP)

    def _mapped(self, doc: Doc) -> list[Span]:
        ents = []
        for ent in doc.ents:
            label = self.label_map.get(ent.label_)
            if label is None:
                continue
            if ent.label_ != label:
                ent = Span(doc, ent.start, ent.end, label=label)
            ents.append(trim_common_nouns(ent))
        return ents

    def __call__(self, doc: Doc) -> Doc:
        ents = propagate_names(doc, complete_person_names(doc, self._mapped(doc)))
        ents = mend_organisations(doc, ents)
        doc.ents = split_two_surnames(complete_person_names(doc, ents))  # also the repeats
        ents = list(doc.ents)
        canon = canonical_names(doc, ents)
        ents = harmonise_labels(ents, canon)
        doc.ents = ents
        for ent, name in zip(ents, canon):  # the spans just set: no second read of doc.ents
            ent._.nk_canonical = name
        doc._.nk_roles = find_roles(doc)
        return doc


@Language.factory(
    "newskit_entities",
    default_config={"label_map": None},
    assigns=["doc.ents", "span._.nk_canonical", "doc._.nk_roles"],
    requires=["token.tag"],
)
def make_entities(nlp: Language, name: str, label_map: dict[str, str] | None):
    return EntityCanonicaliser(nlp, name, label_map)
