#!/usr/bin/python3
"""Checks pytorch_train_reference.py against independent references; exits 1 when a check fails.

1. Embeddings: the reference's encoder (dropout off) against contrastive4j's own, written by
   `c4j encode --model FOLDER --input TEXTS --output JSONL --max-seq-length N`, text by text; the largest
   absolute difference of any component must stay within --tolerance (1e-4). Tokenizer, weights, layers,
   pooling and normalisation all enter these numbers.
2. Loss: MultipleNegativesRankingLoss of the benchmark's first batch (dropout off), as the reference computes
   it in float32 torch, against a float64 numpy computation from the same embeddings written out here from the
   formula: L = mean_i( log sum_j exp(20 cos(a_i, c_j)) - 20 cos(a_i, c_i) ), c = positives then negatives.

Usage (see README.md):
  ./c4j encode --model DIR --input scripts/bench/parity-texts.txt --output c4j.jsonl --max-seq-length 64
  /usr/bin/python3 scripts/bench/check_pytorch_reference.py --model-folder DIR --c4j-embeddings c4j.jsonl \
      --max-seq-length 64
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pytorch_train_reference as ref  # noqa: E402

# Punctuation, accents, CJK, an emoji, upper case, long words in many pieces, a text past 64 tokens.
DEFAULT_TEXTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "parity-texts.txt")

if ref.torch is None:
    print(ref.SKIP_MESSAGE)
    sys.exit(0)

import numpy as np  # noqa: E402  (python3-torch depends on python3-numpy)
import torch  # noqa: E402


def read_texts(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def read_c4j_embeddings(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            try:
                rows.append(json.loads(line)["embedding"])
            except (json.JSONDecodeError, KeyError) as e:
                raise SystemExit(f"error: {path}: line {number}: expected {{\"id\":…,\"embedding\":[…]}}: {e}")
    return np.array(rows, dtype=np.float64)


def encode(model, tokenizer, texts):
    ids, mask = ref.pad([tokenizer.tokenize(t) for t in texts], tokenizer.pad)
    with torch.no_grad():
        return model(ids, mask)


def mnrl_float64(anchors, candidates, scale=20.0):
    a = anchors / np.linalg.norm(anchors, axis=1, keepdims=True)
    c = candidates / np.linalg.norm(candidates, axis=1, keepdims=True)
    z = scale * a @ c.T
    shift = z.max(axis=1, keepdims=True)
    log_sum = np.log(np.exp(z - shift).sum(axis=1)) + shift[:, 0]
    return float(np.mean(log_sum - np.diag(z[:, :a.shape[0]])))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model-folder", required=True)
    parser.add_argument("--texts", default=DEFAULT_TEXTS,
                        help="one text per line, as given to c4j encode (default: parity-texts.txt beside this script)")
    parser.add_argument("--c4j-embeddings", required=True, help="c4j encode's .jsonl output for --texts")
    parser.add_argument("--max-seq-length", type=int, default=64)
    parser.add_argument("--batch-size", type=int, default=32, help="rows of the loss check's batch")
    parser.add_argument("--long", action="store_true", help="the loss check's batch with lengthened texts")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--tolerance", type=float, default=1e-4)
    args = parser.parse_args()
    torch.set_num_threads(2)
    model, tokenizer = ref.load_model(args.model_folder, dropout=False, max_seq_length=args.max_seq_length)
    model.eval()

    texts = read_texts(args.texts)
    expected = read_c4j_embeddings(args.c4j_embeddings)
    if expected.shape[0] != len(texts):
        raise SystemExit(f"error: {args.c4j_embeddings}: {expected.shape[0]} embeddings for {len(texts)} texts")
    actual = encode(model, tokenizer, texts).double().numpy()
    differences = np.abs(actual - expected).max(axis=1)
    for text, difference in zip(texts, differences):
        tokens = len(tokenizer.tokenize(text))
        print(f"  max |diff| {difference:.2e}  ({tokens:3d} tokens) {text[:60]!r}")
    embeddings_ok = differences.max() <= args.tolerance
    print(f"embeddings: {len(texts)} texts, max |reference - c4j encode| = {differences.max():.3e}"
          f" (tolerance {args.tolerance:g}): {'ok' if embeddings_ok else 'FAILED'}")

    ids, mask = ref.pad([tokenizer.tokenize(t) for t in texts], tokenizer.pad)
    with torch.no_grad():
        split = ref.embed(model, ids, mask, rows_per_pass=3).double().numpy()
    split_difference = np.abs(split - actual).max()
    split_ok = split_difference <= 1e-6
    print(f"--c4j-passes: passes of 3 texts against one pass, max |diff| {split_difference:.2e}:"
          f" {'ok' if split_ok else 'FAILED'}")

    rows = ref.sample_triplets(ref.read_triplets(ref.DEFAULT_DATA), args.batch_size, args.seed, tokenizer, args.long)
    first = ref.batches(len(rows), args.batch_size, args.seed)[0]
    columns = [encode(model, tokenizer, [rows[r][c] for r in first]) for c in range(3)]
    loss32 = ref.mnrl_loss(columns[0], torch.cat(columns[1:])).item()
    loss64 = mnrl_float64(columns[0].double().numpy(), torch.cat(columns[1:]).double().numpy())
    loss_ok = abs(loss32 - loss64) <= 1e-5 * max(1.0, abs(loss64))
    print(f"mnrl loss of the first batch ({args.batch_size} triplets): torch float32 {loss32:.8f},"
          f" numpy float64 {loss64:.8f}, |diff| {abs(loss32 - loss64):.2e}: {'ok' if loss_ok else 'FAILED'}")
    return 0 if embeddings_ok and split_ok and loss_ok else 1


if __name__ == "__main__":
    sys.exit(main())
