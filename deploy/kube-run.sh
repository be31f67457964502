#!/bin/sh
# Drives a sharded run on Kubernetes: round 1 (Indexed Job), merge to the plan, round 2, final merge. The
# merges run as one-pod Jobs on the same volume (deploy/merge-job.yaml). Needs kubectl and the PVC
# sharecast-results (ReadWriteMany). Usage: deploy/kube-run.sh
set -eu
here="$(dirname "$0")"
for round in 1 2; do
  sed "s/__ROUND__/$round/g" "$here/job.yaml" | kubectl apply -f -
  kubectl wait --for=condition=complete --timeout=24h "job/sharecast-bench-six-round-$round"
  sed "s/__ROUND__/$round/g" "$here/merge-job.yaml" | kubectl apply -f -
  kubectl wait --for=condition=complete --timeout=2h "job/sharecast-bench-six-merge-$round"
done
kubectl logs "job/sharecast-bench-six-merge-2"
