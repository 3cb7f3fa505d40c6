#!/bin/bash
# profile.sh BIN OUTDIR: callgrind instruction counts of the three measures (deterministic).
# Each is run at two lengths so that the per-block cost is the difference (set-up excluded).
set -u
BIN=$(readlink -f "$1"); OUT=$2; mkdir -p "$OUT"; OUT=$(readlink -f "$OUT")
cd "${REPO:-$(cd "$(dirname "$0")/../.." && pwd)}"
cg() { name=$1; shift; valgrind --tool=callgrind --callgrind-out-file="$OUT/$name.cg" "$BIN" "$@" > "$OUT/$name.out" 2>&1;
       grep -h 'Collected' "$OUT/$name.out" | sed "s/^/$name /"; }
cg bit001_1000 bench --blocks 1000
cg bit001_3000 bench --blocks 3000
cg m2608_1000 bench --blocks 1000 --rules mainnet-2026-08
cg m2608_3000 bench --blocks 3000 --rules mainnet-2026-08
cg scale_1 run scenarios/mainnet_scale.toml --blocks 1 --out "$OUT/scale_1"
cg scale_1500 run scenarios/mainnet_scale.toml --blocks 1500 --out "$OUT/scale_1500"
