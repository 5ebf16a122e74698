#!/usr/bin/env bash
# Benchmarks: fwaudit parse on generated iptables-save files (10k and 100k rules), the same files
# through `iptables-restore --test` for reference (as root, in a scratch network namespace), and
# fwaudit query throughput. Prints medians of 3 runs and peak memory as Markdown table rows for
# bench/RESULTS.md. Usage: bench/run.sh [path/to/fwaudit]
set -euo pipefail
cd "$(dirname "$0")/.."
fwaudit=${1:-build/cli/fwaudit}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# measure OUT_PREFIX CMD...: 3 runs; prints "median_seconds peak_kb"
measure() {
  local times=() peak=0
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; return 1; }
    read -r t m < "$work/time"
    times+=("$t")
    [ "$m" -gt "$peak" ] && peak=$m
  done
  printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | median)" "$peak"
}

echo "| measurement | input | median s | peak MB | rate |"
echo "|---|---|---|---|---|"
for rules in 10000 100000; do
  file="$work/rules-$rules.v4"
  python3 bench/gen_iptables.py "$rules" > "$file"
  bytes=$(stat -c %s "$file")
  read -r t m < <(measure "$fwaudit" parse "$file")
  rate=$(awk -v b="$bytes" -v t="$t" 'BEGIN { if (t > 0) printf "%.1f MB/s", b / t / 1e6; else print "-" }')
  echo "| fwaudit parse | $rules rules, $((bytes / 1000)) kB | $t | $((m / 1024)) | $rate |"
  if [ "$(id -u)" -eq 0 ] && command -v iptables-restore >/dev/null; then
    read -r t m < <(measure unshare -n iptables-restore --test "$file")
    echo "| iptables-restore --test (reference) | $rules rules | $t | $((m / 1024)) | |"
  fi
done
python3 bench/gen_packets.py 10000 > "$work/packets.json"
read -r t m < <(measure "$fwaudit" query "$work/rules-10000.v4" --packets "$work/packets.json" --format json)
rate=$(awk -v t="$t" 'BEGIN { if (t > 0) printf "%.0f packets/s (incl. parse)", 10000 / t; else print "-" }')
echo "| fwaudit query, 10000 packets | 10000 rules | $t | $((m / 1024)) | $rate |"
