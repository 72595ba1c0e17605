"""Train the shipped NER model (``newskit/data/ner_de.crfsuite``).

Usage: python bench/train_ner.py [SHARED_DATA_DIR]

Training data: GermEval 2014 dev (all), GermEval 2014 test part 1 sentences
0-1549, and the three Europeana Newspapers German files. GermEval test part 1
sentences 1550-2549 are held out and never trained on; README reports them:
    newskit eval ner ../shared/data/germeval2014/NER-de-test-part1.tsv --sentences 1550:
"""

import sys
import time
from pathlib import Path

from newskit.nlp.ner import default_model_path, read_conll, read_germeval, train

HELD_OUT_FROM = 1550

data = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
sents = list(read_germeval(data / "germeval2014/NER-de-dev.tsv"))
sents += list(read_germeval(data / "germeval2014/NER-de-test-part1.tsv"))[:HELD_OUT_FROM]
for name in ("lft", "onb", "sbb"):
    sents += list(read_conll(data / f"europeana-ner-de/enp_DE.{name}.bio"))
t0 = time.time()
path = train(sents, default_model_path())
print(f"trained on {len(sents)} sentences in {time.time() - t0:.0f}s -> {path} "
      f"({path.stat().st_size / 1e6:.1f} MB)")
