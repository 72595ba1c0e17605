"""Build ``newskit/lang/de/data/first_names.tsv``: first names with their usual gender.

Source: the gendered first-name lists of Faker's person providers (MIT licence, see
NOTICE), over every locale whose names are written in Latin script — German news names
people from everywhere ("Yang Liwei", "Annalena", "Recep Tayyip"). A name listed as female
in some locales and male in others takes the gender all German-language locales (de_*)
that list it agree on ("Gerd" is male in Germany, female in Norway); else it is written as
``unisex`` ("Andrea", "Kim": gender evidence from the name alone is then not used). ``first_names_extra.tsv`` (hand-made facts: common
transliterations Faker lists only in other scripts, "Mohammed", "Fatima") is merged in.
Build-time only: ``pip install faker`` first.

Usage: python training/build_first_names.py [--out PATH]
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
from collections import Counter, defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "newskit" / "lang" / "de" / "data"
OUT = DATA / "first_names.tsv"
EXTRA = Path(__file__).resolve().parent / "first_names_extra.tsv"
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ'\-]+$")


def _names(provider, attr: str) -> list[str]:
    values = getattr(provider, attr, None) or ()
    return [str(v) for v in (values.keys() if hasattr(values, "keys") else values)]


def collect() -> dict[str, Counter]:
    """Name → Counter of (gender, is German-language locale) over Faker's locales."""
    import faker.providers.person as person

    genders: dict[str, Counter] = defaultdict(Counter)
    for mod in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{mod.name}").Provider
        german = mod.name.startswith("de")
        for attr, gender in (("first_names_female", "female"), ("first_names_male", "male")):
            for name in set(_names(provider, attr)):
                if LATIN.match(name) and len(name) > 1 and name[0].isupper():
                    genders[name][(gender, german)] += 1
    return genders


def decide(votes: Counter) -> str:
    """female/male/unisex from locale votes (see the module docstring)."""
    genders = {g for g, _ in votes}
    if len(genders) == 1:
        return next(iter(genders))
    german = {g for g, de in votes if de}
    return next(iter(german)) if len(german) == 1 else "unisex"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    genders = {name: decide(votes) for name, votes in collect().items()}
    for row in EXTRA.read_text(encoding="utf-8").splitlines()[1:]:
        if row and not row.startswith("#"):
            name, gender = row.split("\t")
            genders.setdefault(name, gender)
    lines = ["# First names and their usual gender, from Faker's gendered name lists (MIT);",
             "# built by training/build_first_names.py. unisex = listed as both.",
             "name\tgender"]
    lines += [f"{name}\t{genders[name]}" for name in sorted(genders)]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(genders)} names -> {args.out} {Counter(genders.values())}")

if __name__ == "__main__":
    main()
