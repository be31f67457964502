#!/bin/sh
# The merge step between and after the rounds of deploy/shard.sh, on the shared folder $RESULTS:
#   deploy/merge.sh 1   every partial-*-of-$SHARDS.bin -> $RESULTS/plan-of-$SHARDS.json (the plan of round 2)
#   deploy/merge.sh 2   every values-*-of-$SHARDS.bin + the plan -> the result (JSON on stdout and in
#                       $RESULTS/merged/result.json, summary.csv), byte for byte the unsharded run's
set -eu
: "${SHARDS:?the shard count}"
RESULTS="${RESULTS:-/results}"
SHARECAST="${SHARECAST:-node bin/sharecast.js}"
ROUND="${1:-${ROUND:-1}}"
plan="$RESULTS/plan-of-$SHARDS.json"
if [ "$ROUND" = 1 ]; then
  # shellcheck disable=SC2086
  exec $SHARECAST merge "$RESULTS"/partial-*-of-"$SHARDS".bin --plan "$plan" --no-progress
fi
# shellcheck disable=SC2086
exec $SHARECAST merge "$RESULTS"/values-*-of-"$SHARDS".bin --plan "$plan" --format "${FORMAT:-json}" --out "$RESULTS/merged" --no-progress
