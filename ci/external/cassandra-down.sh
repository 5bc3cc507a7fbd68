#!/usr/bin/env bash
# Stops the Cassandra of cassandra-up.sh <state dir>.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="${1:?usage: cassandra-down.sh <state dir>}"
if [ -f "$state/cassandra-up.pid" ]; then
  # The `testlanes up` JVM detaches on TERM; its host stops Cassandra after the idle grace.
  kill "$(cat "$state/cassandra-up.pid")" 2>/dev/null
  "$here/../../testlanes" down --project "$state/cassandra-run" >/dev/null 2>&1
  rm -f "$state/cassandra-up.pid"
fi
