#!/usr/bin/env bash
# Stops what ci/external/start.sh started and removes its data.
set -uo pipefail
state="${1:?usage: stop.sh <state dir>}"
pgdata=/dev/shm/testlanes-ci-external-pg
redis_dir=/dev/shm/testlanes-ci-external-redis
if [ -f "$pgdata/postmaster.pid" ]; then
  setpriv --reuid=postgres --regid=postgres --init-groups -- \
    /usr/lib/postgresql/15/bin/pg_ctl -D "$pgdata" -m fast -w stop >/dev/null 2>&1
fi
if [ -f "$redis_dir/redis.pid" ]; then
  kill "$(cat "$redis_dir/redis.pid")" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$(cat "$redis_dir/redis.pid")" 2>/dev/null || break; sleep 0.1; done
fi
if [ -f "$state/cassandra-up.pid" ]; then
  # The `testlanes up` JVM detaches on TERM; its host stops Cassandra after the idle grace.
  kill "$(cat "$state/cassandra-up.pid")" 2>/dev/null
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  "$here/../../testlanes" down --project "$state/cassandra-run" >/dev/null 2>&1
fi
rm -rf "$pgdata" "$redis_dir" "$state"
