#!/bin/sh
# One pod of the sharecast Indexed Job (deploy/job.yaml): shard $JOB_COMPLETION_INDEX of $SHARDS, in round
# $ROUND, written into the shared folder $RESULTS. Round 1 writes partial-<i>-of-<N>.bin; round 2 (after
# deploy/merge.sh 1 wrote the plan) writes values-<i>-of-<N>.bin. A re-run gives the same bytes, so retries
# are safe. See docs/shards.md.
set -eu
: "${JOB_COMPLETION_INDEX:?the shard index (Kubernetes sets it in an Indexed Job)}"
: "${SHARDS:?the shard count}"
: "${PATHS:?the path count of the whole run}"
ROUND="${ROUND:-1}"
SCENARIO="${SCENARIO:-deploy/bench-six.json}"
SEED="${SEED:-42}"
RESULTS="${RESULTS:-/results}"
WORKERS="${WORKERS:-1}"
SHARECAST="${SHARECAST:-node bin/sharecast.js}"
set -- run "$SCENARIO" --paths "$PATHS" --seed "$SEED" --shard "$JOB_COMPLETION_INDEX/$SHARDS" --out "$RESULTS" --workers "$WORKERS" --no-progress
if [ -n "${QUANTILES:-}" ]; then set -- "$@" --quantiles "$QUANTILES"; fi
if [ "$ROUND" = 2 ]; then set -- "$@" --plan "$RESULTS/plan-of-$SHARDS.json"; fi
# shellcheck disable=SC2086 # SHARECAST is a command line
exec $SHARECAST "$@"
