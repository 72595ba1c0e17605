"""STTS tag and lemma accuracy of the embedded tagger (HanTa + newskit's mapping).

Usage: python bench/tagger_accuracy.py [../shared/data/ud-german-gsd/de_gsd-ud-dev.conllu]

Runs on the gold tokens and sentences of a CoNLL-U file and compares with its
XPOS (STTS) and LEMMA columns (case-insensitive lemmas; PROAV = PAV).
"""

import sys

from newskit.nlp.tagger import tag_tokens

path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/ud-german-gsd/de_gsd-ud-dev.conllu"
sents, cur = [], []
for line in open(path, encoding="utf-8"):
    if line.startswith("#"):
        continue
    if not line.strip():
        if cur:
            sents.append(cur)
        cur = []
        continue
    cols = line.rstrip("\n").split("\t")
    if "-" in cols[0] or "." in cols[0]:
        continue
    cur.append((cols[1], cols[4], cols[2]))
if cur:
    sents.append(cur)
n = tag_ok = lemma_ok = 0
for sent in sents:
    for (_word, gold_tag, gold_lemma), (tag, lemma) in zip(sent, tag_tokens([w for w, _, _ in sent])):
        n += 1
        tag_ok += tag == gold_tag.replace("PROAV", "PAV")
        lemma_ok += lemma.lower() == gold_lemma.lower()
print(f"{len(sents)} sentences, {n} tokens: STTS accuracy {tag_ok / n:.4f}, "
      f"lemma accuracy {lemma_ok / n:.4f}")
