#!/usr/bin/env bash
# Concurrent runs (issue 19): DISTINCT c4j train runs on their own outputs plus PAIRS pairs sharing one output, at once.
# Every distinct run must finish with its own weights; of each pair exactly one is refused with one line; nothing is
# left behind. Usage: DISTINCT=3 PAIRS=1 scripts/concurrent-train-runs.sh (bundled MiniLM, 2 steps each).
set -u
C4J="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/c4j"
W="${WORK:-$(mktemp -d)}"
rm -rf "$W"; mkdir -p "$W"
for i in $(seq 0 31); do echo "{\"anchor\": \"query $i about cats\", \"positive\": \"answer $i on cats\", \"negative\": \"other $i\"}"; done > "$W/t.jsonl"
DISTINCT=${DISTINCT:-3}; PAIRS=${PAIRS:-1}
pids=()
run() { # name output
  C4J_JAVA_OPTS="-Xmx1g" OMP_NUM_THREADS=1 "$C4J" train --model minilm --train "$W/t.jsonl" --batch-size 4 --max-steps 2 \
    --save-steps 1 --lr 1e-4 --no-progress --output "$2" > "$W/$1.out" 2> "$W/$1.err"; echo $? > "$W/$1.rc"; }
for i in $(seq 1 "$DISTINCT"); do run "d$i" "$W/distinct-$i" & pids+=($!); done
for p in $(seq 1 "$PAIRS"); do run "p${p}a" "$W/shared-$p" & pids+=($!); run "p${p}b" "$W/shared-$p" & pids+=($!); done
wait
for i in $(seq 1 "$DISTINCT"); do
  echo "distinct-$i: rc=$(cat $W/d$i.rc) final=$(ls $W/distinct-$i/final/model.safetensors 2>/dev/null | wc -l) sha=$(sha256sum $W/distinct-$i/final/model.safetensors 2>/dev/null | cut -c1-12) leftovers=$(find $W/distinct-$i -name '.*' | wc -l)"
done
for p in $(seq 1 "$PAIRS"); do
  echo "shared-$p: rc a=$(cat $W/p${p}a.rc) b=$(cat $W/p${p}b.rc) final=$(ls $W/shared-$p/final/model.safetensors 2>/dev/null | wc -l) leftovers=$(find $W/shared-$p -name '.*' | wc -l) metrics=$(wc -l < $W/shared-$p/metrics.jsonl 2>/dev/null)"
  grep -h 'c4j: error' $W/p${p}a.err $W/p${p}b.err
done
