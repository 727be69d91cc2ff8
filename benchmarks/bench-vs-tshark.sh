#!/usr/bin/env bash
# drsip vs tshark on the same generated Direct Routing pcap, in one run.
#
#   benchmarks/bench-vs-tshark.sh [MESSAGES]        (default 2000000: a ~1.6 GB pcap)
#
# Builds nothing. Needs:
#   - the drsip launcher: $DRSIP, default ./drsip at the repository root (mvn -q -DskipTests package)
#   - the test-traces jar (generator): $TRACES_JAR, default test-traces/target/test-traces-*.jar
#     (build: mvn -o -q -pl test-traces install -DskipTests)
#   - tshark, java, /usr/bin/time (GNU time, for wall time and max RSS)
# The trace is generated once into $BENCH_DIR (default ${TMPDIR:-/tmp}/drsip-bench) and reused.
# drsip runs with JAVA_OPTS=-Xmx512m (override with BENCH_JAVA_OPTS). Exit status: 0 when both
# tools report the same SIP message counts, 1 when they differ, 2 when something is missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
messages=${1:-2000000}
drsip=${DRSIP:-$root/drsip}
bench_dir=${BENCH_DIR:-${TMPDIR:-/tmp}/drsip-bench}
java_opts=${BENCH_JAVA_OPTS:--Xmx512m}

die() { echo "bench-vs-tshark: $*" >&2; exit 2; }

[[ "$messages" =~ ^[0-9]+$ ]] || die "MESSAGES must be a number, got '$messages'"
[ -x "$drsip" ] || die "drsip launcher not found or not executable: $drsip (build the distribution first, or set DRSIP=/path/to/drsip)"
if [ -z "${TRACES_JAR:-}" ]; then
  TRACES_JAR=$(ls "$root"/test-traces/target/test-traces-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)
fi
[ -n "${TRACES_JAR:-}" ] && [ -f "$TRACES_JAR" ] || die "test-traces jar not found (build it: mvn -o -q -pl test-traces install -DskipTests, or set TRACES_JAR)"
command -v tshark >/dev/null || die "tshark not found (apt-get install tshark)"
command -v java >/dev/null || die "java not found"
[ -x /usr/bin/time ] || die "/usr/bin/time (GNU time) not found (apt-get install time)"

mkdir -p "$bench_dir"
trace="$bench_dir/dr-bench-$messages.pcap"
if [ ! -s "$trace" ]; then
  echo "generating $trace ($messages SIP messages) ..." >&2
  java -Xmx256m -cp "$TRACES_JAR" dev.drsip.traces.GenerateTraces --bench "$trace.part" --messages "$messages" \
      >"$bench_dir/generate-$messages.json"
  mv "$trace.part" "$trace"
fi
size=$(stat -c %s "$trace")
echo "trace: $trace ($((size / 1000000)) MB)" >&2

out=$(mktemp -d "$bench_dir/run.XXXXXX")
# wall seconds and max RSS (MB) from a GNU time -v log
wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"; }
rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }

echo "running drsip (JAVA_OPTS=$java_opts) ..." >&2
set +e
JAVA_OPTS="$java_opts" /usr/bin/time -v -o "$out/drsip.time" "$drsip" analyze "$trace" --format json \
    -o "$out/drsip.json" 2>"$out/drsip.err"
drsip_rc=$?
echo "running tshark -z sip,stat ..." >&2
/usr/bin/time -v -o "$out/tshark.time" tshark -n -r "$trace" -d tcp.port==5061,sip -d tcp.port==5067,sip \
    -d udp.port==5061,sip -d udp.port==5068,sip -z sip,stat -q >"$out/tshark.txt" 2>"$out/tshark.err"
tshark_rc=$?
set -e
[ "$drsip_rc" -le 1 ] || { tail -5 "$out/drsip.err" >&2; die "drsip failed (exit $drsip_rc), see $out"; }
[ "$tshark_rc" -eq 0 ] || { tail -5 "$out/tshark.err" >&2; die "tshark failed (exit $tshark_rc), see $out"; }

# per-code / per-method counts as sorted "KEY COUNT" lines
awk -F: '
  /Number of SIP messages/ { gsub(/ /, "", $2); print "messages", $2; next }
  /^ *SIP [0-9][0-9][0-9] / { split($1, a, " "); n = $NF; gsub(/[^0-9]/, "", n); print a[2], n; next }
  /^  [A-Z]+ +: +[0-9]+ Packets/ { m = $1; gsub(/ /, "", m); n = $2; gsub(/[^0-9]/, "", n); print m, n }' \
  "$out/tshark.txt" | sort >"$out/tshark.counts"
if command -v python3 >/dev/null; then
  python3 - "$out/drsip.json" >"$out/drsip.counts" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("messages", r["sipMessages"])
for k, v in r.get("requests", {}).items(): print(k, v)
for k, v in r.get("responses", {}).items(): print(k, v)
PY
  sort -o "$out/drsip.counts" "$out/drsip.counts"
else
  # without python: compare the total only
  grep -o '"sipMessages" *: *[0-9]*' "$out/drsip.json" | head -1 | sed 's/.*: */messages /' >"$out/drsip.counts"
  grep '^messages ' "$out/tshark.counts" >"$out/tshark.total" && mv "$out/tshark.total" "$out/tshark.counts"
fi

tshark_msgs=$(awk '$1 == "messages" { print $2 }' "$out/tshark.counts")
d_wall=$(wall "$out/drsip.time"); t_wall=$(wall "$out/tshark.time")
d_rss=$(rss "$out/drsip.time"); t_rss=$(rss "$out/tshark.time")
awk -v m="$tshark_msgs" -v dw="$d_wall" -v tw="$t_wall" -v dr="$d_rss" -v tr="$t_rss" -v mb="$((size / 1000000))" 'BEGIN {
  printf "%-8s %10s %14s %12s %10s\n", "tool", "wall s", "messages/s", "MB/s", "max RSS MB"
  printf "%-8s %10.2f %14.0f %12.1f %10d\n", "drsip", dw, m / dw, mb / dw, dr
  printf "%-8s %10.2f %14.0f %12.1f %10d\n", "tshark", tw, m / tw, mb / tw, tr
  printf "throughput ratio drsip/tshark: %.1fx  (%d SIP messages, %d MB)\n", tw / dw, m, mb }'

if diff -u "$out/tshark.counts" "$out/drsip.counts" >"$out/counts.diff"; then
  echo "counts: identical (per method and per status code)"
  rm -rf "$out"
else
  echo "counts DIFFER (tshark vs drsip), see $out/counts.diff:" >&2
  head -20 "$out/counts.diff" >&2
  exit 1
fi
