#!/bin/bash
# measure.sh BASE NEW [REPEATS]: whole-process CPU seconds (user+sys) of the three measures,
# base and new interleaved (paired runs), REPEATS times (default 3; mainnet_scale once).
set -u
B=$(readlink -f "$1"); N=$(readlink -f "$2"); R=${3:-3}
cd "${REPO:-$(cd "$(dirname "$0")/../.." && pwd)}"
cpu() { /usr/bin/time -f "%U %S" -o /tmp/measure.t "$@" > /dev/null 2>&1; awk '{printf "%.2f", $1+$2}' /tmp/measure.t; }
for i in $(seq 1 "$R"); do
  echo "bit001          base $(cpu "$B" bench)  new $(cpu "$N" bench)"
  echo "mainnet-2026-08 base $(cpu "$B" bench --rules mainnet-2026-08)  new $(cpu "$N" bench --rules mainnet-2026-08)"
done
echo "mainnet_scale   base $(cpu "$B" run scenarios/mainnet_scale.toml --out /tmp/measure-b)  new $(cpu "$N" run scenarios/mainnet_scale.toml --out /tmp/measure-n)"
