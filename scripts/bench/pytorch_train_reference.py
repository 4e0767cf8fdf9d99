#!/usr/bin/python3
"""Plain PyTorch (eager) reference for `c4j bench train`: the same model, loss, batches, sequence length and
threads, trained step by step with torch.nn and torch.optim, so that the Java figures can be put beside it.

What one step is, as in contrastive4j's Trainer (core/.../train/Trainer.java, TrainingConfig.defaults()):
  three forward passes in train mode (dropout 0.1 on hidden states and attention probabilities): anchors,
  positives, negatives, each column padded to its own longest text; MultipleNegativesRankingLoss as
  sentence-transformers defines it (cosine similarity x 20, anchors against positives then negatives,
  cross-entropy with labels 0..n-1); backward; global-norm clipping at 1.0; AdamW (lr 2e-5, betas 0.9/0.999,
  eps 1e-8, weight decay 0.01 except biases and LayerNorm weights) with linear warm-up over ceil(0.1 x updates)
  updates and linear decay to 0; gradients cleared. The first --warmup updates are not timed.

The data are the Java benchmark's own: the bundled WordNet training triplets, sampled with the same seeded
java.util.Random shuffle and duplicate-free filter (BenchmarkTriplets.java), with --long concatenated per
column until each text reaches --max-seq-length tokens, and cut into the batches NoDuplicatesBatchSampler
forms. Token ids are computed before the timed steps (the Java step also tokenises, with Hugging Face's Rust
tokenizer; that is a small share of a step).

The BERT encoder is written here in torch.nn with Hugging Face BertModel semantics and loaded from a
sentence-transformers model folder (config.json, model.safetensors, tokenizer.json, modules.json,
1_Pooling/config.json, sentence_bert_config.json) such as `c4j train --output DIR` writes into DIR/final-model.
No transformers, tokenizers or safetensors package is needed: the safetensors file and the WordPiece tokenizer
(BERT's: clean text, split CJK, strip accents, lower-case, split on whitespace and punctuation, greedy
longest-match-first word pieces) are read here.

Runs with Debian's python3 and python3-torch (apt-get install python3-torch). Without torch it prints a
"skipped" line and exits 0.
"""

import argparse
import gzip
import json
import math
import os
import resource
import statistics
import struct
import sys
import time
import unicodedata

try:
    import torch
    import torch.nn.functional as F
    from torch import nn
except ImportError:
    torch = None

SKIP_MESSAGE = "skipped: torch is not installed (apt-get install python3-torch)"
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DATA = os.path.join(REPO_ROOT, "data", "wordnet-senses", "train.jsonl.gz")


# ---------------------------------------------------------------------------------------------------------
# java.util.Random and Collections.shuffle, so that the sample and the batches are the Java benchmark's.

class JavaRandom:
    """java.util.Random's 48-bit linear congruential generator (its documented algorithm)."""

    MULTIPLIER = 0x5DEECE66D
    MASK = (1 << 48) - 1

    def __init__(self, seed):
        self.seed = (seed ^ self.MULTIPLIER) & self.MASK

    def _next(self, bits):
        self.seed = (self.seed * self.MULTIPLIER + 0xB) & self.MASK
        value = self.seed >> (48 - bits)
        return value - (1 << 32) if value >= 1 << 31 else value  # (int) cast: only 32-bit draws can be negative

    def next_int(self, bound):
        if bound & -bound == bound:
            return (bound * self._next(31)) >> 31
        while True:
            bits = self._next(31)
            value = bits % bound
            if bits - value + (bound - 1) < 1 << 31:  # no 32-bit overflow: accepted
                return value


def java_shuffle(items, random):
    """Collections.shuffle(list, random) for a random-access list."""
    for i in range(len(items), 1, -1):
        j = random.next_int(i)
        items[i - 1], items[j] = items[j], items[i - 1]


def to_signed64(value):
    value &= (1 << 64) - 1
    return value - (1 << 64) if value >= 1 << 63 else value


def batch_sampler_seed(seed, epoch):
    """NoDuplicatesBatchSampler.mix: the seed of an epoch's shuffle (SplitMix64's finaliser, 64-bit wrap)."""
    mask = (1 << 64) - 1
    z = (seed + 0x9E3779B97F4A7C15 * (epoch + 1)) & mask
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
    return to_signed64(z ^ (z >> 31))


# ---------------------------------------------------------------------------------------------------------
# Model folder: config, safetensors weights, tokenizer.

def read_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        raise SystemExit(f"error: {path}: no such file (expected a sentence-transformers model folder)")
    except json.JSONDecodeError as e:
        raise SystemExit(f"error: {path}: line {e.lineno}, column {e.colno}: not JSON: {e.msg}")


SAFETENSORS_DTYPES = {"F32": "float32", "F16": "float16", "BF16": "bfloat16", "F64": "float64", "I64": "int64"}


def read_safetensors(path):
    """name -> float32 tensor. Format: 8-byte little-endian header length, JSON header, raw little-endian data."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise SystemExit(f"error: {path}: {len(data)} bytes, too short for a safetensors file")
    (header_length,) = struct.unpack("<Q", data[:8])
    if 8 + header_length > len(data):
        raise SystemExit(f"error: {path}: header length {header_length} runs past the end of the file")
    header = json.loads(data[8:8 + header_length].decode("utf-8"))
    start = 8 + header_length
    buffer = bytearray(data)  # torch.frombuffer wants a writable buffer
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        dtype_name = SAFETENSORS_DTYPES.get(entry["dtype"])
        if dtype_name is None:
            raise SystemExit(f"error: {path}: tensor {name}: dtype {entry['dtype']} is not supported")
        dtype = getattr(torch, dtype_name)
        begin, end = entry["data_offsets"]
        count = math.prod(entry["shape"])
        item = torch.tensor([], dtype=dtype).element_size()
        if end - begin != count * item:
            raise SystemExit(f"error: {path}: tensor {name}: {end - begin} bytes for shape {entry['shape']}")
        flat = torch.frombuffer(buffer, dtype=dtype, count=count, offset=start + begin) if count else \
            torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(entry["shape"]).to(torch.float32).clone()
    return tensors


class WordPieceTokenizer:
    """BERT's tokenizer as a tokenizer.json with a BertNormalizer and a WordPiece model describes it."""

    def __init__(self, tokenizer_json_path, max_seq_length, lower_case_input):
        spec = read_json(tokenizer_json_path)
        model = spec.get("model") or {}
        if model.get("type") != "WordPiece":
            raise SystemExit(f"error: {tokenizer_json_path}: model.type: expected WordPiece, found {model.get('type')}")
        self.vocab = model["vocab"]
        self.unk = model.get("unk_token", "[UNK]")
        self.prefix = model.get("continuing_subword_prefix", "##")
        self.max_chars = model.get("max_input_chars_per_word", 100)
        normalizer = spec.get("normalizer") or {}
        if normalizer and normalizer.get("type") != "BertNormalizer":
            raise SystemExit(f"error: {tokenizer_json_path}: normalizer.type: expected BertNormalizer, found"
                             f" {normalizer.get('type')}")
        self.clean_text = normalizer.get("clean_text", True)
        self.chinese_chars = normalizer.get("handle_chinese_chars", True)
        self.lowercase = normalizer.get("lowercase", True)
        strip = normalizer.get("strip_accents")
        self.strip_accents = self.lowercase if strip is None else strip
        self.max_seq_length = max_seq_length
        self.lower_case_input = lower_case_input
        self.cls = self.vocab["[CLS]"]
        self.sep = self.vocab["[SEP]"]
        self.pad = self.vocab.get("[PAD]", 0)

    @staticmethod
    def _is_control(ch):
        return ch not in "\t\n\r" and unicodedata.category(ch) in ("Cc", "Cf")

    @staticmethod
    def _is_whitespace(ch):
        return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"

    @staticmethod
    def _is_punctuation(ch):
        cp = ord(ch)
        if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
            return True
        return unicodedata.category(ch).startswith("P")

    @staticmethod
    def _is_chinese(cp):
        return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
                or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
                or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)

    def _normalize(self, text):
        out = []
        for ch in text:
            cp = ord(ch)
            if self.clean_text and (cp == 0 or cp == 0xFFFD or self._is_control(ch)):
                continue
            if self.clean_text and self._is_whitespace(ch):
                out.append(" ")
            elif self.chinese_chars and self._is_chinese(cp):
                out.append(" " + ch + " ")
            else:
                out.append(ch)
        text = "".join(out)
        if self.strip_accents:
            text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
        if self.lowercase:
            text = text.lower()
        return text

    def _words(self, text):
        words, current = [], []
        for ch in text:
            if self._is_whitespace(ch):
                if current:
                    words.append("".join(current))
                    current = []
            elif self._is_punctuation(ch):
                if current:
                    words.append("".join(current))
                    current = []
                words.append(ch)
            else:
                current.append(ch)
        if current:
            words.append("".join(current))
        return words

    def _word_pieces(self, word):
        if len(word) > self.max_chars:
            return [self.vocab[self.unk]]
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else self.prefix + word[start:end]
                if piece in self.vocab:
                    pieces.append(self.vocab[piece])
                    break
                end -= 1
            if end == start:
                return [self.vocab[self.unk]]
            start = end
        return pieces

    def tokenize(self, text):
        """[CLS] ids [SEP], truncated to max_seq_length ids in all."""
        if self.lower_case_input:
            text = text.lower()
        ids = [i for word in self._words(self._normalize(text)) for i in self._word_pieces(word)]
        return [self.cls] + ids[:self.max_seq_length - 2] + [self.sep]


# ---------------------------------------------------------------------------------------------------------
# BERT in torch.nn (Hugging Face BertModel semantics) and the sentence-transformers head.

if torch is not None:

    class BertEmbeddings(nn.Module):
        def __init__(self, config, dropout):
            super().__init__()
            self.word_embeddings = nn.Embedding(config["vocab_size"], config["hidden_size"])
            self.position_embeddings = nn.Embedding(config["max_position_embeddings"], config["hidden_size"])
            self.token_type_embeddings = nn.Embedding(config.get("type_vocab_size", 2), config["hidden_size"])
            self.LayerNorm = nn.LayerNorm(config["hidden_size"], eps=config.get("layer_norm_eps", 1e-12))
            self.dropout = nn.Dropout(config.get("hidden_dropout_prob", 0.1) if dropout else 0.0)

        def forward(self, ids):
            positions = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
            token_types = torch.zeros_like(ids)
            x = (self.word_embeddings(ids) + self.token_type_embeddings(token_types)
                 + self.position_embeddings(positions))
            return self.dropout(self.LayerNorm(x))

    class BertSelfAttention(nn.Module):
        def __init__(self, config, dropout):
            super().__init__()
            hidden = config["hidden_size"]
            self.heads = config["num_attention_heads"]
            self.head_size = hidden // self.heads
            self.query = nn.Linear(hidden, hidden)
            self.key = nn.Linear(hidden, hidden)
            self.value = nn.Linear(hidden, hidden)
            self.dropout = nn.Dropout(config.get("attention_probs_dropout_prob", 0.1) if dropout else 0.0)

        def _split(self, x):
            b, t, _ = x.shape
            return x.view(b, t, self.heads, self.head_size).permute(0, 2, 1, 3)

        def forward(self, x, additive_mask):
            q, k, v = self._split(self.query(x)), self._split(self.key(x)), self._split(self.value(x))
            scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_size) + additive_mask
            probabilities = self.dropout(torch.softmax(scores, dim=-1))
            context = torch.matmul(probabilities, v).permute(0, 2, 1, 3).contiguous()
            return context.view(x.shape[0], x.shape[1], -1)

    class BertResidualOutput(nn.Module):
        """dense → dropout → LayerNorm(· + residual): BertSelfOutput and BertOutput (post-norm)."""

        def __init__(self, config, inputs, dropout):
            super().__init__()
            self.dense = nn.Linear(inputs, config["hidden_size"])
            self.LayerNorm = nn.LayerNorm(config["hidden_size"], eps=config.get("layer_norm_eps", 1e-12))
            self.dropout = nn.Dropout(config.get("hidden_dropout_prob", 0.1) if dropout else 0.0)

        def forward(self, x, residual):
            return self.LayerNorm(self.dropout(self.dense(x)) + residual)

    class BertAttention(nn.Module):
        def __init__(self, config, dropout):
            super().__init__()
            self.self = BertSelfAttention(config, dropout)
            self.output = BertResidualOutput(config, config["hidden_size"], dropout)

        def forward(self, x, additive_mask):
            return self.output(self.self(x, additive_mask), x)

    class BertIntermediate(nn.Module):
        def __init__(self, config):
            super().__init__()
            self.dense = nn.Linear(config["hidden_size"], config["intermediate_size"])

        def forward(self, x):
            return F.gelu(self.dense(x))  # exact (erf) GELU, Hugging Face's "gelu"

    class BertLayer(nn.Module):
        def __init__(self, config, dropout):
            super().__init__()
            self.attention = BertAttention(config, dropout)
            self.intermediate = BertIntermediate(config)
            self.output = BertResidualOutput(config, config["intermediate_size"], dropout)

        def forward(self, x, additive_mask):
            attended = self.attention(x, additive_mask)
            return self.output(self.intermediate(attended), attended)

    class BertEncoder(nn.Module):
        def __init__(self, config, dropout):
            super().__init__()
            self.layer = nn.ModuleList(BertLayer(config, dropout) for _ in range(config["num_hidden_layers"]))

        def forward(self, x, additive_mask):
            for layer in self.layer:
                x = layer(x, additive_mask)
            return x

    class SentenceBert(nn.Module):
        """BertModel (no pooler) → mean or CLS pooling → optional L2 normalisation."""

        def __init__(self, config, pooling, normalize, dropout):
            super().__init__()
            self.embeddings = BertEmbeddings(config, dropout)
            self.encoder = BertEncoder(config, dropout)
            self.config = config
            self.pooling = pooling
            self.normalize = normalize

        def forward(self, ids, mask):
            # Hugging Face's extended attention mask: 0 for tokens, float32's minimum for padding.
            additive = (1.0 - mask[:, None, None, :].to(torch.float32)) * torch.finfo(torch.float32).min
            hidden = self.encoder(self.embeddings(ids), additive)
            if self.pooling == "mean":
                weights = mask.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * weights).sum(1) / torch.clamp(weights.sum(1), min=1e-9)
            else:
                pooled = hidden[:, 0]
            return F.normalize(pooled, p=2, dim=1) if self.normalize else pooled


def check_config(config, path):
    for field in ("vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size",
                  "max_position_embeddings"):
        if not isinstance(config.get(field), int):
            raise SystemExit(f"error: {path}: field {field}: expected an integer, found {config.get(field)!r}")
    activation = config.get("hidden_act", "gelu")
    if activation != "gelu":
        raise SystemExit(f"error: {path}: field hidden_act: only 'gelu' (exact) is implemented, found {activation!r}")


def load_model(folder, dropout=True, max_seq_length=None):
    """(SentenceBert with the folder's weights, WordPieceTokenizer) of a sentence-transformers model folder."""
    config_path = os.path.join(folder, "config.json")
    config = read_json(config_path)
    check_config(config, config_path)
    pooling, normalize = "mean", False
    modules_path = os.path.join(folder, "modules.json")
    if os.path.exists(modules_path):
        modules = read_json(modules_path)
        normalize = any(m.get("type", "").endswith("Normalize") for m in modules)
        for m in modules:
            if m.get("type", "").endswith("Pooling"):
                pooling_config = read_json(os.path.join(folder, m.get("path", "1_Pooling"), "config.json"))
                if pooling_config.get("pooling_mode_cls_token"):
                    pooling = "cls"
                elif not pooling_config.get("pooling_mode_mean_tokens"):
                    raise SystemExit(f"error: {folder}/{m.get('path')}/config.json: only mean or CLS pooling is"
                                     " implemented")
    sentence_bert = {}
    sentence_bert_path = os.path.join(folder, "sentence_bert_config.json")
    if os.path.exists(sentence_bert_path):
        sentence_bert = read_json(sentence_bert_path)
    length = max_seq_length or sentence_bert.get("max_seq_length") or config["max_position_embeddings"]
    if length > config["max_position_embeddings"]:
        raise SystemExit(f"error: --max-seq-length {length} exceeds max_position_embeddings"
                         f" {config['max_position_embeddings']} of {config_path}")

    model = SentenceBert(config, pooling, normalize, dropout)
    weights_path = os.path.join(folder, "model.safetensors")
    if not os.path.exists(weights_path):
        raise SystemExit(f"error: {weights_path}: no such file (only safetensors weights are read)")
    tensors = read_safetensors(weights_path)
    tensors = {name[len("bert."):] if name.startswith("bert.") else name: t for name, t in tensors.items()}
    expected = model.state_dict()
    missing = sorted(set(expected) - set(tensors))
    if missing:
        raise SystemExit(f"error: {weights_path}: missing tensors {missing[:5]}{' …' if len(missing) > 5 else ''}")
    for name, parameter in expected.items():
        if tuple(tensors[name].shape) != tuple(parameter.shape):
            raise SystemExit(f"error: {weights_path}: tensor {name}: expected shape {tuple(parameter.shape)},"
                             f" found {tuple(tensors[name].shape)}")
    model.load_state_dict({name: tensors[name] for name in expected})
    tokenizer = WordPieceTokenizer(os.path.join(folder, "tokenizer.json"), length,
                                   bool(sentence_bert.get("do_lower_case", False)))
    return model, tokenizer


def pad(id_lists, pad_id):
    """(ids, mask) long tensors, padded to the longest list."""
    longest = max(len(ids) for ids in id_lists)
    ids = torch.full((len(id_lists), longest), pad_id, dtype=torch.long)
    mask = torch.zeros((len(id_lists), longest), dtype=torch.long)
    for row, values in enumerate(id_lists):
        ids[row, :len(values)] = torch.tensor(values, dtype=torch.long)
        mask[row, :len(values)] = 1
    return ids, mask


# SentenceEncoder.LARGEST_PASS_TEMPORARY_BYTES: c4j keeps each forward pass's largest temporary under this.
C4J_LARGEST_PASS_TEMPORARY_BYTES = 24 << 20


def c4j_rows_per_pass(config, padded_length):
    """SentenceEncoder.rowsPerPass: texts per forward pass so that the attention scores (rows x heads x T x T) or
    the feed-forward activations (rows x T x intermediate) stay under 24 MiB; 64 at 64 tokens, 8 at 256."""
    widest = max(config["intermediate_size"], config["num_attention_heads"] * padded_length)
    return max(1, C4J_LARGEST_PASS_TEMPORARY_BYTES // (4 * padded_length * widest))


def embed(model, ids, mask, rows_per_pass=None):
    """One forward pass over the rows, or consecutive passes of rows_per_pass rows joined in the graph."""
    if rows_per_pass is None or rows_per_pass >= ids.shape[0]:
        return model(ids, mask)
    return torch.cat([model(ids[i:i + rows_per_pass], mask[i:i + rows_per_pass])
                      for i in range(0, ids.shape[0], rows_per_pass)])


def mnrl_loss(anchors, candidates, scale=20.0):
    """sentence-transformers' MultipleNegativesRankingLoss: cross-entropy of scale x cos_sim, labels 0..n-1."""
    scores = F.normalize(anchors, p=2, dim=1) @ F.normalize(candidates, p=2, dim=1).T * scale
    return F.cross_entropy(scores, torch.arange(anchors.shape[0]))


# ---------------------------------------------------------------------------------------------------------
# The benchmark's triplets and batches (BenchmarkTriplets.java, NoDuplicatesBatchSampler.java).

def read_triplets(path):
    opener = gzip.open if path.endswith(".gz") else open
    rows = []
    with opener(path, "rt", encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise SystemExit(f"error: {path}: line {number}, column {e.colno}: not JSON: {e.msg}")
            for field in ("anchor", "positive", "negative"):
                if not isinstance(row.get(field), str):
                    raise SystemExit(f"error: {path}: line {number}: field {field}: expected a string, found"
                                     f" {row.get(field)!r}")
            rows.append((row["anchor"], row["positive"], row["negative"]))
    if not rows:
        raise SystemExit(f"error: {path}: no triplets")
    return rows


def sample_triplets(rows, count, seed, tokenizer, lengthen):
    """BenchmarkTriplets.sample: seeded shuffle, rows with repeated texts skipped, optionally lengthened."""
    shuffled = list(rows)
    java_shuffle(shuffled, JavaRandom(seed))
    seen, unique = set(), []
    for row in shuffled:
        if len(set(row)) == len(row) and seen.isdisjoint(row):
            seen.update(row)
            unique.append(row)
    if not lengthen:
        if len(unique) < count:
            raise SystemExit(f"error: the data hold {len(unique)} triplets without repeated texts; {count} needed")
        return unique[:count]
    limit = tokenizer.max_seq_length
    columns = []
    for column in range(3):
        texts, following = [], 0
        for _ in range(count):
            parts, length = [], 2  # [CLS] and [SEP] once; a part adds its word pieces
            while length < limit:
                if following == len(unique):
                    raise SystemExit(f"error: the data hold {len(unique)} triplets without repeated texts; too few"
                                     f" for {count} triplets lengthened to {limit} tokens")
                part = unique[following][column]
                following += 1
                parts.append(part)
                length += len(tokenizer.tokenize(part)) - 2
            texts.append(" ".join(parts))
        columns.append(texts)
    return list(zip(*columns))


def batches(row_count, batch_size, seed):
    """NoDuplicatesBatchSampler.batches(0) over rows that share no text: the shuffled order, cut in batches."""
    order = list(range(row_count))
    java_shuffle(order, JavaRandom(batch_sampler_seed(seed, 0)))
    return [order[i:i + batch_size] for i in range(0, row_count, batch_size)]


# ---------------------------------------------------------------------------------------------------------
# Training loop and report.

def resident_memory():
    """(VmRSS, VmHWM) in bytes from /proc/self/status, or (None, None) where there is none."""
    values = {}
    try:
        with open("/proc/self/status") as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0]) * 1024
    except OSError:
        pass
    return values.get("VmRSS"), values.get("VmHWM")


def reset_peak():
    """Resets VmHWM to the current resident size (Linux: write 5 to /proc/self/clear_refs)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def blas_libraries():
    """The BLAS libraries mapped into this process (Debian's torch uses whatever libblas.so.3 points at)."""
    found = set()
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1]
                if "blas" in os.path.basename(path).lower():
                    found.add(os.path.realpath(path))
    except OSError:
        pass
    return sorted(found)


def blas_warning(libraries):
    """Why the matrix products may not be what the figures claim, if so (Debian's torch takes the system BLAS)."""
    names = " ".join(libraries)
    if "openblas" not in names and "mkl" not in names:
        return ("warning: no OpenBLAS or MKL mapped (found: " + (names or "none") + "); Debian's reference BLAS is"
                " many times slower: apt-get install libopenblas0-openmp")
    if "openblas-pthread" in names and os.environ.get("OPENBLAS_NUM_THREADS") is None:
        return ("warning: OpenBLAS's pthread build runs its own threads, which --threads does not set; install"
                " libopenblas0-openmp (follows torch.set_num_threads) or set OPENBLAS_NUM_THREADS")
    return None


def optimizer_for(model, learning_rate, weight_decay):
    """torch.optim.AdamW with the Java trainer's groups: biases and LayerNorm weights do not decay."""
    decay, no_decay = [], []
    for name, parameter in model.named_parameters():
        (no_decay if name.endswith("bias") or "LayerNorm" in name else decay).append(parameter)
    return torch.optim.AdamW([{"params": decay, "weight_decay": weight_decay},
                              {"params": no_decay, "weight_decay": 0.0}],
                             lr=learning_rate, betas=(0.9, 0.999), eps=1e-8)


def linear_warmup(total_steps, warmup_ratio):
    """LinearWarmupSchedule: factor of the peak rate for the update with 0-based index step."""
    warmup = math.ceil(warmup_ratio * total_steps)

    def factor(step):
        if step < warmup:
            return step / max(1, warmup)
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))
    return factor


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model-folder", required=True,
                        help="sentence-transformers model folder with model.safetensors (e.g. DIR/final-model of"
                             " `c4j train --output DIR`)")
    parser.add_argument("--data", default=DEFAULT_DATA,
                        help="triplets, JSONL (.gz) with anchor/positive/negative (default: the bundled WordNet"
                             " training triplets, as `c4j bench train` uses)")
    parser.add_argument("--batch-size", type=int, default=32, help="triplets per step (default: 32)")
    parser.add_argument("--max-seq-length", type=int, default=64, help="tokens per text at most (default: 64)")
    parser.add_argument("--long", action="store_true",
                        help="concatenate texts up to --max-seq-length tokens, as `c4j bench train --long`")
    parser.add_argument("--threads", type=int, default=2, help="torch intra-op threads (default: 2)")
    parser.add_argument("--warmup", "--warmup-steps", dest="warmup", type=int, default=2,
                        help="untimed steps first (default: 2, as `c4j bench train`)")
    parser.add_argument("--steps", type=int, default=5, help="timed steps (default: 5, as `c4j bench train`)")
    parser.add_argument("--seed", type=int, default=42, help="sample, batches and dropout (default: 42)")
    parser.add_argument("--no-dropout", action="store_true", help="train without dropout (for checks)")
    parser.add_argument("--c4j-passes", action="store_true",
                        help="split each column's forward pass as c4j does for long texts (at most 24 MiB per"
                             " temporary; 64 tokens: one pass of 64 texts, 256 tokens: passes of 8); default: one"
                             " pass per column, as sentence-transformers does")
    parser.add_argument("--json", metavar="FILE", help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    for name, minimum in (("batch_size", 2), ("max_seq_length", 2), ("threads", 1), ("warmup", 0), ("steps", 1)):
        if getattr(args, name) < minimum:
            parser.error(f"--{name.replace('_', '-')} must be >= {minimum}, got {getattr(args, name)}")
    return args


def main(argv=None):
    if torch is None:
        print(SKIP_MESSAGE)
        return 0
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(args.seed)

    model, tokenizer = load_model(args.model_folder, dropout=not args.no_dropout, max_seq_length=args.max_seq_length)
    updates = args.warmup + args.steps
    rows = sample_triplets(read_triplets(args.data), args.batch_size * updates, args.seed, tokenizer, args.long)
    ids = [[tokenizer.tokenize(text) for text in row] for row in rows]
    tokens_per_text = statistics.fmean(len(i) for row in ids for i in row)
    # Tensors of every column of every batch, made before the clock starts.
    prepared = [[pad([ids[r][column] for r in batch], tokenizer.pad) for column in range(3)]
                for batch in batches(len(rows), args.batch_size, args.seed)]
    # As BenchmarkTriplets.paddedTokensPerText over the timed batches: every column is one pass, equal in size.
    padded_per_text = statistics.fmean(ids_.shape[1] for batch in prepared[args.warmup:] for ids_, _ in batch)

    longest_padded = max(ids_.shape[1] for batch in prepared for ids_, _ in batch)
    model.train()
    optimizer = optimizer_for(model, 2e-5, 0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, linear_warmup(updates, 0.1))
    parameters = [p for p in model.parameters()]
    baseline_rss, _ = resident_memory()
    peak_was_reset = reset_peak()
    seconds, losses = [], []
    for step, batch in enumerate(prepared):
        start = time.perf_counter()
        anchors, positives, negatives = (
            embed(model, i, m, c4j_rows_per_pass(model.config, i.shape[1]) if args.c4j_passes else None)
            for i, m in batch)
        loss = mnrl_loss(anchors, torch.cat([positives, negatives]))
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(parameters, 1.0)
        if not (math.isfinite(loss.item()) and math.isfinite(norm.item())):
            raise SystemExit(f"error: step {step + 1}: loss {loss.item()}, gradient norm {norm.item()}")
        optimizer.step()
        schedule.step()
        optimizer.zero_grad(set_to_none=True)
        elapsed = time.perf_counter() - start
        losses.append(loss.item())
        if step >= args.warmup:
            seconds.append(elapsed)
    warning = blas_warning(blas_libraries())
    if warning:
        print(warning, file=sys.stderr)
    _, peak_hwm = resident_memory()
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux

    results = {
        "setup": {"model_folder": os.path.abspath(args.model_folder), "data": os.path.abspath(args.data),
                  "loss": "mnrl (scale 20, cosine)", "batch_size": args.batch_size,
                  "max_seq_length": args.max_seq_length, "long": args.long, "threads": args.threads,
                  "interop_threads": torch.get_num_interop_threads(), "warmup": args.warmup, "steps": args.steps,
                  "seed": args.seed, "dropout": not args.no_dropout, "c4j_passes": args.c4j_passes,
                  "torch": torch.__version__,
                  "python": sys.version.split()[0], "blas": blas_libraries(),
                  "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY")},
        "tokens_per_text": tokens_per_text,
        "padded_tokens_per_text": padded_per_text,
        # Texts per forward pass of the longest column; every column runs whole without --c4j-passes.
        "texts_per_pass": min(args.batch_size, c4j_rows_per_pass(model.config, longest_padded))
        if args.c4j_passes else args.batch_size,
        "step_seconds": seconds,
        "losses": losses,
        "triplets_per_second": {"best": args.batch_size / min(seconds),
                                "median": args.batch_size / statistics.median(seconds)},
        "memory": {"baseline_rss_bytes": baseline_rss, "peak_hwm_bytes": peak_hwm,
                   "peak_hwm_was_reset_at_baseline": peak_was_reset, "ru_maxrss_bytes": max_rss},
    }
    print_report(results)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)
            f.write("\n")
        print(f"Results written to {args.json}")
    return 0


def mib(value):
    return "n/a" if value is None else f"{value / 2 ** 20:.0f} MiB"


def print_report(r):
    s = r["setup"]
    memory = r["memory"]
    peak_note = "since the baseline" if memory["peak_hwm_was_reset_at_baseline"] else "whole process"
    above = (memory["peak_hwm_bytes"] - memory["baseline_rss_bytes"]
             if memory["peak_hwm_was_reset_at_baseline"] and memory["peak_hwm_bytes"] and memory["baseline_rss_bytes"]
             else None)
    lines = [
        "PyTorch eager reference (mnrl, scale 20, cosine; AdamW; clip 1.0; dropout "
        + ("on" if s["dropout"] else "off") + ")",
        f"  torch {s['torch']}, {s['threads']} intra-op / {s['interop_threads']} inter-op threads,"
        f" OMP_WAIT_POLICY={s['omp_wait_policy'] or 'unset'}",
        f"  BLAS: {', '.join(s['blas']) or 'not found in /proc/self/maps'}",
        f"  batch {s['batch_size']} triplets, max_seq_length {s['max_seq_length']}"
        f"{', long texts' if s['long'] else ''},"
        f" {r['tokens_per_text']:.1f} tokens/text ({r['padded_tokens_per_text']:.1f} padded),"
        + (f" forward passes of at most {r['texts_per_pass']} texts (c4j's split)" if s["c4j_passes"]
           else " one forward pass per column"),
        f"  {s['warmup']} warm-up + {s['steps']} timed steps;"
        f" s/step: " + ", ".join(f"{x:.3f}" for x in r["step_seconds"]),
        f"  triplets/s: best {r['triplets_per_second']['best']:.2f}, median {r['triplets_per_second']['median']:.2f}"
        f"  (median {statistics.median(r['step_seconds']):.3f} s/step)",
        f"  memory: baseline {mib(memory['baseline_rss_bytes'])} (model + optimizer),"
        f" peak VmHWM {mib(memory['peak_hwm_bytes'])} ({peak_note})"
        + (f", {mib(above)} above baseline" if above is not None else "")
        + f", ru_maxrss {mib(memory['ru_maxrss_bytes'])} (whole process)",
        "  losses: " + ", ".join(f"{x:.4f}" for x in r["losses"]),
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
