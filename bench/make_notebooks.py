"""Write the narrative notebooks in notebooks/ (outputs empty; run them to fill figures/).

The notebooks are the product researchers read; this script is how we keep their
source reviewable as Python. Run: python bench/make_notebooks.py
"""

from pathlib import Path

import nbformat as nbf

ROOT = Path(__file__).resolve().parents[1]

SETUP = '''\
# Versions: what produced these results
import sys

import spacy

import newskit

nlp = newskit.load_pipeline()
print(f"newskit {newskit.__version__} | spaCy {spacy.__version__} | Python {sys.version.split()[0]}")
print(f"pipeline: {nlp.meta.get('name')} ({', '.join(nlp.pipe_names)})")'''

PARAMS = '''\
# Parameters: point CORPUS at your own files or folders (.txt, .jsonl, .csv)
import os
from pathlib import Path

ROOT = next(p for p in [Path.cwd(), *Path.cwd().parents] if (p / "pyproject.toml").exists())
CORPUS = os.environ.get("NEWSKIT_CORPUS", str(ROOT / "seeds"))
FIGURES = ROOT / "figures"'''

LOAD = '''\
from newskit import plots

corpus = newskit.load_corpus(CORPUS)
result = newskit.analyze(corpus, nlp=nlp)   # cached: a re-run does not re-parse
result'''


def md(text):
    return nbf.v4.new_markdown_cell(text)


def code(text):
    return nbf.v4.new_code_cell(text)


NOTEBOOKS = {
    "01-corpus.ipynb": [
        md("""# 1 · The corpus: what we analyse and how newskit reads it

**Question.** Before counting anyone's quotes we need to know what the corpus is: how many
articles, from when, how long, and how hard to read. This notebook loads the corpus, shows
what newskit keeps and drops, and describes the text.

**Method.** `newskit.load_corpus` reads seed-format `.txt` files (a ` date YYYY-MM ` line
with the lead, paragraphs, subheadings, editorial notes), plain `.txt`, `.jsonl` and `.csv`.
Subheadings and editorial notes such as "(Die Aussagen … lesen Sie hier.)" are kept in their
own columns but not analysed. Broken records are kept as rows with `status == "error"`.
The text is then parsed by newskit's embedded German pipeline (HanTa tagger, rule-based
sentences, CRF entities) unless a German spaCy model is installed."""),
        code(SETUP),
        code(PARAMS),
        code(LOAD),
        md("""## What was read

One row per record. `date` keeps the precision it was given at (the seed is dated to the
month, `2022-01`), `title` is the lead's first sentence when none is given."""),
        code('corpus[["article_id", "date", "date_precision", "title", "status"]]'),
        code('corpus[["subheadings", "editorial_notes"]]'),
        md("""## Length and readability

textacy computes readability on our parsed documents; for German we report the Wiener
Sachtextformel (school grade 4 = easy … 15 = very hard) next to plain counts."""),
        code('''\
from textacy import text_stats

docs = list(nlp.pipe(corpus.loc[corpus["status"] == "ok", "text"]))
stats = result.articles.loc[result.articles["status"] == "ok",
                            ["article_id", "n_tokens", "n_sentences"]].copy()
stats["wiener_sachtextformel"] = [text_stats.readability.wiener_sachtextformel(d) for d in docs]
stats["tokens_per_sentence"] = stats["n_tokens"] / stats["n_sentences"]
stats'''),
        md("""## Key terms

SGRank (textacy) ranks multi-word terms by position and frequency; it runs on our lemmas
and STTS tags, so `russischen Außenminister` becomes `russisch Außenminister`."""),
        code('''\
from textacy.extract import keyterms

for doc, aid in zip(docs, stats["article_id"]):
    print(aid, [term for term, _ in keyterms.sgrank(doc, topn=8)])'''),
        code('''\
import matplotlib.pyplot as plt

plots.use_style()
fig, ax = plt.subplots(figsize=(7, 3.5))
lengths = [len([t for t in s if not t.is_punct and not t.is_space]) for d in docs for s in d.sents]
ax.hist(lengths, bins=range(0, max(lengths) + 5, 3), color="#1f77b4")
ax.set_xlabel("Wörter pro Satz")
ax.set_ylabel("Sätze")
ax.set_title("Satzlängen im Korpus")
plots.save(fig, FIGURES / "sentence_lengths.png")'''),
        md("""**Reading the figure.** Most sentences of the seed have 10–25 words; the long ones are
quotations and reported speech, which is where the next notebooks look.

**Limits.** Readability formulas count syllables with a hyphenation dictionary and know
nothing about content. Sentence splitting is rule-based (abbreviations, ordinals and
quotation marks are handled; unusual typography may still split wrongly).

**Your corpus.** Set `NEWSKIT_CORPUS=/path/to/folder` (or edit `CORPUS` above) and re-run;
anything that failed to load is listed in `corpus[corpus.status == "error"]` with the file,
line and cause."""),
    ],
    "02-entities.ipynb": [
        md("""# 2 · Who and what is named?

**Question.** Which persons, places and organisations does the coverage name, how often,
and which appear together?

**Method.** Named entities come from newskit's CRF recogniser (trained on GermEval 2014,
CC BY 4.0) or from an installed spaCy model. newskit then gives each mention one
**canonical name**: surnames take the full name from the same article ("Lawrow" →
"Sergej Lawrow"), genitive endings are stripped ("Russlands" → "Russland"), aliases merge
("Vereinigte Staaten" → "USA"). Counting canonical names, not strings, is what makes the
counts below meaningful.

**Measured accuracy.** Exact-span F1 on GermEval 2014 sentences the model never saw is
reported in the README (`newskit eval ner …`); organisations and "other" names are the
weakest types."""),
        code(SETUP),
        code(PARAMS),
        code(LOAD),
        code('''\
result.entities.groupby(["canonical", "label"]).size().sort_values(ascending=False).head(15)'''),
        md("""## Entities in context

displaCy shows the recogniser's decisions on the first article (colours by type)."""),
        code('''\
from spacy import displacy

first = result.articles.loc[result.articles["status"] == "ok", "text"].iloc[0]
doc = nlp(first)
displacy.render(doc, style="ent", jupyter=True)'''),
        code('''\
fig = plots.entity_mentions(result.entities)
plots.save(fig, FIGURES / "entity_mentions.png")'''),
        md("""**Reading the figure.** Russland, the USA and the Ukraine dominate the seed; the two
foreign ministers follow. Because every mention is counted under its canonical name,
"Lawrow", "Lawrows" and "Sergej Lawrow" add up to one bar."""),
        code('''\
fig = plots.cooccurrence_network(result.entities)
plots.save(fig, FIGURES / "entity_network.png")'''),
        md("""**Reading the network.** Edges join names that share a sentence; thick edges mean many
shared sentences. In the seed, Russland–Ukraine and Russland–USA carry the story.

## Keyword in context

A KWIC view (textacy) is the quickest check of what the recogniser found."""),
        code('''\
import textacy

for left, kw, right in list(textacy.extract.kwic.keyword_in_context(first, "Lawrow",
                                                                    window_width=40))[:6]:
    print(f"{left:>40} [{kw}] {right}")'''),
        md("""**Limits.** Names never seen in training and written like common nouns can be missed;
organisations with long names are often cut. Canonical names are resolved within one
article, not across articles (two different "Müller" stay one name).

**Your corpus.** Set `CORPUS` and re-run; `result.entities` has one row per mention with
`start_char`/`end_char` into `result.articles.text`."""),
    ],
    "03-quotes.ipynb": [
        md("""# 3 · Who said what?

**Question.** Who is given a voice, how (in their own words or paraphrased), and whom do
they talk about?

**Method.** German news reports most speech **indirectly**, in Konjunktiv I ("Die Situation
sei kritisch, sagte Blinken"). newskit finds

* **direct** quotes in quotation marks („…“, »…«, "…"),
* **mixed** quotes — a quoted fragment inside reported speech (sprach von "offenen" Gesprächen),
* **indirect** speech — a speech verb with a dass/ob or Konjunktiv-I clause, frames like
  "so X", "laut X", "X zufolge", and Konjunktiv-I sentences that continue a report,
* **reported** speech acts without their content ("kritisierte er die Osterweiterung").

The speaker is the mention that frames the quote ("er", "der US-Außenminister"); pronouns
resolve to the most recent speaker or person, role nouns to the person they were introduced
with ("sein US-Kollege Antony Blinken").

**Measured accuracy.** On German Wikinews articles (Petersen-Frey & Biemann 2024), see the
README table from `newskit eval quotes`."""),
        code(SETUP),
        code(PARAMS),
        code(LOAD),
        code('''\
result.quotes[["kind", "speaker", "speaker_canonical", "cue_lemma", "text"]]'''),
        md("""## Quotes highlighted

displaCy's span view marks every quote with its kind."""),
        code('''\
from spacy import displacy

first = result.articles.loc[result.articles["status"] == "ok", "text"].iloc[0]
doc = nlp(first)
displacy.render(doc, style="span", jupyter=True, options={"spans_key": "quotes"})'''),
        code('''\
fig = plots.quote_speakers(result.quotes)
plots.save(fig, FIGURES / "quote_speakers.png")'''),
        md("""**Reading the figure.** In the seed, the US Secretary of State is quoted far more, and
more often in his own words, than his Russian counterpart, whose position is mostly
paraphrased or only reported. That asymmetry is exactly what this toolkit is built to
measure across a whole corpus."""),
        code('''\
plots.speaker_mentions(result.quotes, result.entities)'''),
        code('''\
fig = plots.speaker_network(result.quotes, result.entities)
plots.save(fig, FIGURES / "speaker_network.png")'''),
        md("""**Reading the network.** An arrow from a speaker to a name means the name occurs
inside that speaker's quotes: who talks about whom.

## Quotes in context"""),
        code('''\
import textacy

for left, kw, right in list(textacy.extract.kwic.keyword_in_context(first, "sagte",
                                                                    window_width=45))[:6]:
    print(f"{left:>45} [{kw}] {right}")'''),
        md("""**Limits.** Indirect speech without a speech verb or Konjunktiv is easy to miss; a
pronoun is resolved to the most recent speaker, which fails when two people alternate;
"Beide" or "die Seiten" stay as they are.

**Your corpus.** Set `CORPUS` and re-run; filter `result.quotes.kind` to compare direct and
indirect voices, and group by `speaker_canonical`."""),
    ],
    "04-sentiment.ipynb": [
        md("""# 4 · In what tone?

**Question.** Is an article gloomy or hopeful, where does its tone turn, and how does it
write about each person or country?

**Method.** newskit scores each sentence with a German polarity lexicon written for the
project, looked up by lemma (so "kündigte … an" is *ankündigen*, not *kündigen*) and by
compound head ("Kriegsgefahr" → *Gefahr*), with negation (nicht, kein, nie, ohne),
intensifiers (sehr, äußerst), downtoners (kaum), contrast (aber, jedoch) and damped
hypotheticals. The article score is the mean of its sentences. Toward an entity, words
closer to the mention weigh more.

**Measured accuracy.** On GerNTSA (German news, target sentiment) see the README table from
`newskit eval sentiment`; most news sentences are neutral, and the lexicon rarely sees
positive stance — treat these scores as a coarse signal, not a verdict."""),
        code(SETUP),
        code(PARAMS),
        code(LOAD),
        code('''\
result.articles[["article_id", "sentiment_score", "sentiment"]]'''),
        code('''\
aid = result.articles.loc[result.articles["status"] == "ok", "article_id"].iloc[0]
fig = plots.sentiment_arc(result.sentences, aid)
plots.save(fig, FIGURES / "sentiment_arc.png")'''),
        md("""**Reading the arc.** Bars are sentences (green positive, red negative); the line is a
rolling mean. The seed alternates between dialogue and threat: the dips are the warnings
about an invasion, the rises the talk of open and constructive dialogue."""),
        code('''\
result.sentences.sort_values("score").head(5)[["sent_id", "score", "text"]]'''),
        code('''\
fig = plots.entity_sentiment(result.entities)
plots.save(fig, FIGURES / "entity_sentiment.png")'''),
        md("""**Reading the figure.** The bars show the mean tone of the words around each entity's
mentions, with the number of mentions. Russland sits on the negative side in the seed,
because it is named next to "Einmarsch", "Aggression" and "Konsequenzen".

## Over time

With articles from several months, the timeline shows who is named when. The seed has one
month, so the figure says so."""),
        code('''\
fig = plots.timeline(result.articles.merge(corpus[["article_id", "date_start"]]), result.entities)
plots.save(fig, FIGURES / "timeline.png")'''),
        md("""**Limits.** A lexicon does not understand irony, quotes of others' opinions, or
stance expressed by facts alone. Use the scores to compare large groups of articles, and
read examples (the table above) before drawing conclusions.

**Your corpus.** Set `CORPUS` and re-run; `newskit.target_sentiment(df)` scores any
`text`/`start_char`/`end_char` targets of your own."""),
    ],
}


def main() -> None:
    out = ROOT / "notebooks"
    out.mkdir(exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        nb = nbf.v4.new_notebook()
        nb.cells = cells
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        nbf.write(nb, out / name)
        print("wrote", out / name)


if __name__ == "__main__":
    main()
