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
# Redis by its port (its pid file lives in tmpfs, which other cleanups may have touched).
redis-cli -h 127.0.0.1 -p 56379 -a ci-secret --no-auth-warning shutdown nosave >/dev/null 2>&1
for _ in $(seq 1 50); do pgrep -f "redis-server 127.0.0.1:56379" >/dev/null || break; sleep 0.1; done
"$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/cassandra-down.sh" "$state"
rm -rf "$pgdata" "$redis_dir" "$state"
