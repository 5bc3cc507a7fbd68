#!/usr/bin/env bash
# Starts a Cassandra for the external backend through testlanes' own embedded launcher: a
# `testlanes up` process of its own run (project <state dir>/cassandra-run) keeps it up until
# cassandra-down.sh. Writes its endpoint (host:port), user and password as shell variables
# (cassandra_point, cassandra_user, cassandra_password) to <state dir>/cassandra.env, and prints them.
#
#   ci/external/cassandra-up.sh <state dir>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
state="${1:?usage: cassandra-up.sh <state dir>}"
mkdir -p "$state/cassandra-run"
nohup "$root/testlanes" up --services cassandra --project "$state/cassandra-run" >"$state/cassandra-up.log" 2>&1 &
echo $! > "$state/cassandra-up.pid"
for _ in $(seq 1 240); do
  if grep -q "cassandra " "$state/cassandra-up.log" 2>/dev/null && grep -q "ready in" "$state/cassandra-up.log"; then break; fi
  if ! kill -0 "$(cat "$state/cassandra-up.pid")" 2>/dev/null; then cat "$state/cassandra-up.log" >&2; exit 1; fi
  sleep 0.5
done
point="$("$root/testlanes" status --json --project "$state/cassandra-run" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["services"]["cassandra"]["endpoint"])')"
password="$(sed -n 's/.*, user cassandra password \([A-Za-z0-9]*\).*/\1/p' "$state/cassandra-up.log" | head -n 1)"
cat > "$state/cassandra.env" <<ENV
cassandra_point='$point'
cassandra_user=cassandra
cassandra_password='$password'
ENV
cat "$state/cassandra.env"
