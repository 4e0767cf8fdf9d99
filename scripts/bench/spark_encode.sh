#!/usr/bin/env bash
# Spark local[2] encoding throughput (dev.contrastive4j.spark.bench.SparkEncodeBenchmark): embeds N bundled WordNet
# texts (default 100,000) and prints texts/s and the c4j encode command for the same texts. Run it on an idle
# machine from the repository root, after `./mvnw -B -DskipTests install` (or with -o against a filled repository):
#   scripts/bench/spark_encode.sh [N] [MODEL] [PARTITIONS]
# Extra Maven options (e.g. -Dmaven.repo.local=...) can be passed in MVN_OPTS_EXTRA.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q ${MVN_OPTS_EXTRA:-} -pl spark test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
# The Java 17 flags Spark needs, from their one home: the spark module's pom.
flags=$(sed -n 's:.*<spark.java17.argLine>\(.*\)</spark.java17.argLine>.*:\1:p' spark/pom.xml)
# shellcheck disable=SC2086
exec java $flags -Xmx8g -Dai.djl.offline=true -DOPT_OUT_TRACKING=true \
  -cp "spark/target/test-classes:spark/target/classes:$(cat spark/target/bench-classpath.txt)" \
  dev.contrastive4j.spark.bench.SparkEncodeBenchmark "${1:-100000}" "${2:-minilm}" "${3:-4}"
