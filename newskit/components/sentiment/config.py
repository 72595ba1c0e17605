"""Every weight and cut-off of the sentiment rules, named once."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields


@dataclass(frozen=True)
class SentimentConfig:
    """Weights of the rule-based scorer (the component's config; defaults as shipped).

    The target cut-offs, ``typical_sentence_tokens`` and ``context_weight`` were chosen
    on GerNTSA items 0–1149 (items 1150– only report); the rest are linguistic choices
    kept where cross-validation did not object.
    """

    #: a negated polar word flips and weakens ("nicht gut" is less bad than "schlecht")
    negation: float = -0.8
    #: Konjunktiv II / conditionals damp what they govern
    hypothetical: float = 0.6
    #: after a contrast word the rest of the sentence weighs this much …
    contrast_after: float = 2.0
    #: … and what came before it this much
    contrast_before: float = 0.5
    #: a polar first part colours a compound with a neutral head at this share
    modifier_share: float = 0.6
    #: sentence and article labels: positive above +threshold, negative below -threshold
    threshold: float = 0.2
    #: toward a target: negative below this score …
    target_negative_below: float = -0.175
    #: … positive above this one
    target_positive_above: float = 0.05
    #: toward a target, the summed weights are divided by sqrt(sentence tokens / this)
    typical_sentence_tokens: int = 25
    #: the sentences before and after the target's count at this share
    context_weight: float = 0.2
    #: a polar word ``d`` tokens from the target weighs 1 / (1 + d / distance_scale)
    distance_scale: float = 4.0

    def as_config(self) -> dict:
        """The fields as a plain dict (for a spaCy component config)."""
        return asdict(self)

    @classmethod
    def from_config(cls, values: dict) -> "SentimentConfig":
        """Build from a dict, ignoring keys that are not fields."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in names})


DEFAULT = SentimentConfig()
