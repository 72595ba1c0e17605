"""Build ``newskit/lang/de/data/first_names.tsv``: first names with their usual gender.

Source: the gendered first-name lists of Faker's person providers (MIT licence, see
NOTICE), over every locale whose names are written in Latin script — German news names
people from everywhere ("Yang Liwei", "Annalena", "Recep Tayyip"). A name listed as female
in some locales and male in others is written as ``unisex`` (gender evidence from the
name alone is then not used). Build-time only: ``pip install faker`` first.

Usage: python training/build_first_names.py [--out PATH]
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "newskit" / "lang" / "de" / "data" / "first_names.tsv"
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ'\-]+$")


def _names(provider, attr: str) -> list[str]:
    values = getattr(provider, attr, None) or ()
    return [str(v) for v in (values.keys() if hasattr(values, "keys") else values)]


def collect() -> dict[str, set[str]]:
    import faker.providers.person as person

    genders: dict[str, set[str]] = defaultdict(set)
    for mod in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{mod.name}").Provider
        for attr, gender in (("first_names_female", "female"), ("first_names_male", "male")):
            for name in _names(provider, attr):
                if LATIN.match(name) and len(name) > 1 and name[0].isupper():
                    genders[name].add(gender)
    return genders


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    genders = collect()
    lines = ["# First names and their usual gender, from Faker's gendered name lists (MIT);",
             "# built by training/build_first_names.py. unisex = listed as both.",
             "name\tgender"]
    for name in sorted(genders):
        g = genders[name]
        lines.append(f"{name}\t{next(iter(g)) if len(g) == 1 else 'unisex'}")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts = {k: sum(1 for g in genders.values() if (next(iter(g)) if len(g) == 1 else "unisex") == k)
              for k in ("female", "male", "unisex")}
    print(f"{len(genders)} names -> {args.out} {counts}")


if __name__ == "__main__":
    main()
