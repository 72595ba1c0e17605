"""Gender of persons and quoted speakers from evidence in the article.

``evidence`` holds the name and noun rules, ``component`` the spaCy component
``newskit_gender`` (runs after quotes, so pronouns linked to speakers count).
"""

from newskit.components.gender.component import (
    GenderAssigner,
    make_gender,
    person_genders,
    unnamed_speaker_gender,
)
from newskit.components.gender.evidence import (
    EVIDENCE_ORDER,
    GENERIC_MASCULINE,
    Gender,
    decide,
    name_gender,
    noun_gender,
)

__all__ = ["GenderAssigner", "make_gender", "person_genders", "unnamed_speaker_gender",
           "EVIDENCE_ORDER", "GENERIC_MASCULINE", "Gender", "decide", "name_gender",
           "noun_gender"]
