"""Entity mentions with one canonical name per real-world entity.

``roles`` binds role nouns to persons, ``names`` builds canonical names, ``component``
holds the spaCy component ``newskit_entities``.
"""

from newskit.components.entities.component import EntityCanonicaliser, make_entities
from newskit.components.entities.names import (
    LABEL_MAP,
    canonical_names,
    harmonise_labels,
    propagate_names,
    without_legal_form,
)
from newskit.components.entities.roles import (
    RoleBinding,
    find_roles,
    is_nationality_adjective,
    is_role_word,
    resolve_role,
    split_role,
    strip_genitive,
)

__all__ = ["EntityCanonicaliser", "make_entities", "LABEL_MAP", "canonical_names",
           "harmonise_labels", "propagate_names", "RoleBinding", "find_roles", "is_nationality_adjective", "is_role_word",
           "resolve_role", "split_role", "strip_genitive", "without_legal_form"]
