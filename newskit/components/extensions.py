"""newskit's extension attributes, namespaced ``nk_`` and registered in one place.

Every attribute newskit writes is listed in :data:`EXTENSIONS`. :func:`register_extensions`
sets them on ``Doc``/``Span``; it refuses loudly to overwrite an attribute of the same name
that another library registered.

Example:
    >>> from spacy.tokens import Span
    >>> register_extensions()
    >>> Span.has_extension("nk_canonical")
    True
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

PREFIX = "nk_"


class ExtensionClash(RuntimeError):
    """Another library already owns an extension attribute newskit needs."""


def _span_from_offsets(attr: str):
    """A getter that turns stored ``(start_char, end_char)`` offsets back into a Span.

    Offsets (not Span objects) are stored so that Docs serialise (``nlp.pipe(n_process=…)``,
    ``DocBin``).
    """

    def get(span: Span) -> Span | None:
        offsets = getattr(span._, attr)
        if not offsets:
            return None
        return span.doc.char_span(offsets[0], offsets[1], alignment_mode="expand")

    get.__newskit__ = True  # marks the getter as ours
    get.__name__ = f"span_from_{attr}"
    return get


# (class, attribute) -> keyword arguments of ``set_extension``
EXTENSIONS: dict[tuple[type, str], dict] = {
    (Span, "nk_canonical"): {"default": None},
    (Doc, "nk_roles"): {"default": None},
    (Span, "nk_sentiment"): {"default": None},
    (Span, "nk_sentiment_score"): {"default": None},
    (Doc, "nk_sentiment"): {"default": None},
    (Doc, "nk_sentiment_score"): {"default": None},
    (Span, "nk_kind"): {"default": None},
    (Span, "nk_speaker_canonical"): {"default": None},
    (Span, "nk_cue_lemma"): {"default": None},
    (Span, "nk_speaker_affiliation"): {"default": None},
    (Span, "nk_speaker_via"): {"default": None},
    (Span, "nk_frame_offsets"): {"default": None},
    (Span, "nk_speaker_offsets"): {"default": None},
    (Span, "nk_cue_offsets"): {"default": None},
    (Span, "nk_addressee_offsets"): {"default": None},
    (Span, "nk_gender"): {"default": None},
    (Span, "nk_gender_evidence"): {"default": None},
    (Span, "nk_speaker_gender"): {"default": None},
    (Span, "nk_speaker_gender_evidence"): {"default": None},
    (Span, "nk_speaker"): {"getter": _span_from_offsets("nk_speaker_offsets")},
    (Span, "nk_cue"): {"getter": _span_from_offsets("nk_cue_offsets")},
    (Span, "nk_addressee"): {"getter": _span_from_offsets("nk_addressee_offsets")},
}

_registered: set[tuple[type, str]] = set()


def _is_ours(cls: type, name: str, kwargs: dict) -> bool:
    default, method, getter, setter = cls.get_extension(name)
    if "getter" in kwargs:
        return getattr(getter, "__newskit__", False) or getter is kwargs["getter"]
    return method is None and getter is None and setter is None and default is None


def register_extensions() -> None:
    """Register every ``nk_*`` attribute; raise :class:`ExtensionClash` if one is taken."""
    for (cls, name), kwargs in EXTENSIONS.items():
        if (cls, name) in _registered:
            continue
        if cls.has_extension(name):
            if not _is_ours(cls, name, kwargs):
                raise ExtensionClash(
                    f"{cls.__name__}._.{name} is already registered by another library; "
                    "newskit needs it. Remove that extension or run newskit in its own process.")
        else:
            cls.set_extension(name, **kwargs)
        _registered.add((cls, name))
