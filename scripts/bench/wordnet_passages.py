#!/usr/bin/env python3
"""Builds a BEIR folder of passages of about 100 tokens from the bundled WordNet training split, for timing
retrieval evaluation (`c4j evaluate --beir DIR`) on passage-length text.

Each sense of the split (a gloss and its usage examples) becomes an entry "gloss: example; example"; consecutive
entries are joined into passages of at least --words words (75 words make about 100 word-piece tokens with MiniLM's
tokenizer). For one sense with two or more examples in each of the first --queries passages, one example is taken
out of the passage and becomes a query whose only relevant document is that passage. Standard library only.

    python3 scripts/bench/wordnet_passages.py --output /tmp/wordnet-passages
    ./c4j evaluate --beir /tmp/wordnet-passages
"""
import argparse
import gzip
import json
import os
import sys
from collections import OrderedDict


def senses(path):
    """Glosses in file order, each with its distinct usage examples in file order."""
    by_gloss = OrderedDict()
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            examples = by_gloss.setdefault(row["positive"], [])
            if row["anchor"] not in examples:
                examples.append(row["anchor"])
    return list(by_gloss.items())


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", default=os.path.join(here, "..", "..", "data", "wordnet-senses", "train.jsonl.gz"))
    parser.add_argument("--output", required=True, help="the BEIR folder to write (must not exist)")
    parser.add_argument("--passages", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--words", type=int, default=75)
    args = parser.parse_args()
    if os.path.exists(args.output):
        sys.exit(f"wordnet_passages.py: {args.output} already exists")

    entries = senses(args.train)
    passages = []  # each: list of [gloss, examples]
    current, words = [], 0
    for gloss, examples in entries:
        current.append([gloss, list(examples)])
        words += len(gloss.split()) + sum(len(e.split()) for e in examples)
        if words >= args.words:
            passages.append(current)
            current, words = [], 0
            if len(passages) == args.passages:
                break
    if len(passages) < args.passages:
        sys.exit(f"wordnet_passages.py: {args.train} makes only {len(passages)} passages of {args.words} words")

    queries = []
    for number, passage in enumerate(passages):
        if len(queries) == args.queries:
            break
        for sense in passage:
            if len(sense[1]) >= 2:
                queries.append((f"q{number}", sense[1].pop(0), f"p{number}"))
                break
    if len(queries) < args.queries:
        sys.exit(f"wordnet_passages.py: only {len(queries)} passages hold a sense with two examples")

    os.makedirs(os.path.join(args.output, "qrels"))
    with open(os.path.join(args.output, "corpus.jsonl"), "w", encoding="utf-8") as out:
        for number, passage in enumerate(passages):
            text = " ".join(gloss + ": " + "; ".join(examples) + "." if examples else gloss + "."
                            for gloss, examples in passage)
            out.write(json.dumps({"_id": f"p{number}", "text": text}, ensure_ascii=False) + "\n")
    with open(os.path.join(args.output, "queries.jsonl"), "w", encoding="utf-8") as out:
        for query_id, text, _ in queries:
            out.write(json.dumps({"_id": query_id, "text": text}, ensure_ascii=False) + "\n")
    with open(os.path.join(args.output, "qrels", "test.tsv"), "w", encoding="utf-8") as out:
        out.write("query-id\tcorpus-id\tscore\n")
        for query_id, _, passage_id in queries:
            out.write(f"{query_id}\t{passage_id}\t1\n")
    print(f"wrote {args.output}: {len(passages)} passages, {len(queries)} queries")


if __name__ == "__main__":
    main()
