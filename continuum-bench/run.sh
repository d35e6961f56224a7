#!/usr/bin/env bash
# Runs Continuum's write and read benchmarks and its memory check, and prints the tables of
# docs/performance.md.
#
#   continuum-bench/run.sh [quick|full] [h2|postgresql|mariadb ...] [-- extra JMH options]
#
# quick: 1 fork, 2 warmup and 3 measured iterations of 2 s per write workload and variant, 1 warmup
#        and 3 measured iterations of 1 s per read workload and variant (a few minutes per database);
# full:  the defaults in WriteBenchmark and ReadBenchmark (2 forks, 5 x 5 s warmup, 10 x 5 s measured).
# Databases default to h2 (embedded, in memory). PostgreSQL and MariaDB are found through the same
# variables as the tests: CONTINUUM_TEST_POSTGRESQL_URL / _USER / _PASSWORD and
# CONTINUUM_TEST_MARIADB_URL / _USER / _PASSWORD.
# Per database it runs, in order, the parts named in BENCH_PARTS (default: all of them):
#   floor        FloorCheck: the floor variant F writes exactly the rows Continuum writes (fails otherwise);
#   jmh          the write benchmarks W1-W4 under JMH (one variant after the other, each in its own JVM)
#                and their table;
#   interleaved  the write workloads with all variants in one JVM taking turns (paired ratios to P);
#   statements   the statements per write operation;
#   read         the read workloads R1-R3: the interleaved run (paired ratios to E), the statements per
#                operation, then ReadBenchmark under JMH and its table;
#   concurrency  W3 on 1, 4 and 16 threads, P, C and E taking turns (transactions per second, ratios to P);
#   memory       the heap held by a transaction of BENCH_MEMORY_ENTITIES inserts (default 200,000), flushed
#                and cleared every 1,000, P against C (MemoryCheck).
# e.g. BENCH_PARTS="read memory". Results go to continuum-bench/target/jmh-<db>.{json,log,md} (writes)
# and jmh-<db>-read.{json,log} (reads); every table goes to jmh-<db>.md.
# Set BENCH_SKIP_BUILD=1 to reuse the jar.
set -euo pipefail

mode=quick
if [[ $# -gt 0 && ( $1 == quick || $1 == full ) ]]; then
  mode=$1
  shift
fi
databases=()
while [[ $# -gt 0 && $1 != -- ]]; do
  databases+=("$1")
  shift
done
[[ $# -gt 0 && $1 == -- ]] && shift
[[ ${#databases[@]} -eq 0 ]] && databases=(h2)

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
  mvn -q -B -pl continuum-bench -am package -Dmaven.test.skip=true
fi
# Run from a copy, so that a rebuild of the module during a long run cannot swap classes under it.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jar=$work/benchmarks.jar
cp continuum-bench/target/benchmarks.jar "$jar"

case $mode in
  quick) timing=(-f 1 -wi 2 -w 2s -i 3 -r 2s); read_timing=(-f 1 -wi 1 -w 1s -i 3 -r 1s) ;;
  full) timing=(); read_timing=() ;;
esac

parts=${BENCH_PARTS:-floor jmh interleaved statements read concurrency memory}
tool=(java -Xmx2g -Dorg.jboss.logging.provider=slf4j -cp "$jar")
for db in "${databases[@]}"; do
  out=continuum-bench/target/jmh-$db
  echo "== $mode run on $db"
  : > "$out.md"
  if [[ $parts == *floor* ]]; then
    "${tool[@]}" dev.continuum.bench.FloorCheck "$db" | tee -a "$out.md"
  fi
  if [[ $parts == *jmh* ]]; then
    java -jar "$jar" '\.(Insert|Update|SingleUpdate|Delete)Benchmark\.' -p db="$db" "${timing[@]}" \
        -rf json -rff "$out.json" "$@" | tee "$out.log"
    "${tool[@]}" dev.continuum.bench.Report "$out.json" | tee -a "$out.md"
  fi
  if [[ $parts == *interleaved* ]]; then
    "${tool[@]}" dev.continuum.bench.Interleaved "$db" "$mode" | tee -a "$out.md"
  fi
  if [[ $parts == *statements* ]]; then
    "${tool[@]}" dev.continuum.bench.StatementCounts "$db" --detail | tee -a "$out.md"
  fi
  if [[ $parts == *read* ]]; then
    "${tool[@]}" dev.continuum.bench.Interleaved "$db" "$mode" read | tee -a "$out.md"
    "${tool[@]}" dev.continuum.bench.StatementCounts "$db" --detail read | tee -a "$out.md"
    java -jar "$jar" '\.ReadBenchmark\.' -p db="$db" "${read_timing[@]}" -rf json -rff "$out-read.json" "$@" \
        | tee "$out-read.log"
    "${tool[@]}" dev.continuum.bench.Report "$out-read.json" | tee -a "$out.md"
  fi
  if [[ $parts == *concurrency* ]]; then
    "${tool[@]}" dev.continuum.bench.Concurrency "$db" "$mode" | tee -a "$out.md"
  fi
  if [[ $parts == *memory* ]]; then
    "${tool[@]}" dev.continuum.bench.MemoryCheck "$db" "${BENCH_MEMORY_ENTITIES:-200000}" | tee -a "$out.md"
  fi
done
