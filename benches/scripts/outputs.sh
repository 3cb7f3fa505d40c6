#!/bin/bash
# outputs.sh BIN OUTDIR: every shipped scenario (run --charts, all files) and every replay
# the README documents, into OUTDIR, with wall-clock timings stripped so that two runs can
# be compared with `diff -r`. ONLY="name ..." runs only those scenarios.
set -u
BIN=$(readlink -f "$1"); OUT=$2
REPO=${REPO:-$(cd "$(dirname "$0")/../.." && pwd)}
mkdir -p "$OUT"
OUT=$(readlink -f "$OUT")
cd "$REPO"
strip() { sed -E -e "s#$OUT/#OUT/#g" -e 's/ in [0-9.]+ s \([0-9]+ blocks\/s\)/ in X s (X blocks\/s)/' \
                 -e 's/"(wall_time_s|blocks_per_second)": [0-9.e+-]+/"\1": X/'; }
for s in scenarios/*.toml; do
  n=$(basename "$s" .toml)
  [ -n "${ONLY:-}" ] && ! [[ " $ONLY " == *" $n "* ]] && continue
  "$BIN" run "$s" --out "$OUT/$n" --charts > "$OUT/$n.stdout" 2> "$OUT/$n.stderr"
  echo "rc=$?" >> "$OUT/$n.stdout"
  strip < "$OUT/$n.stdout" > "$OUT/$n.stdout.tmp" && mv "$OUT/$n.stdout.tmp" "$OUT/$n.stdout"
  find "$OUT/$n" -name summary.json | while read -r f; do strip < "$f" > "$f.tmp" && mv "$f.tmp" "$f"; done
  grep -v -E 'blocks/s|eta' "$OUT/$n.stderr" > "$OUT/$n.stderr.tmp"; mv "$OUT/$n.stderr.tmp" "$OUT/$n.stderr"
done
for v in tests/reference/run_*.json; do
  n=$(basename "$v" .json)
  [ -n "${ONLY:-}" ] && continue
  "$BIN" replay "$v" > "$OUT/replay_$n.json" 2> "$OUT/replay_$n.stderr"
  echo "rc=$?" >> "$OUT/replay_$n.stderr"
done
