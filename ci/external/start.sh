#!/usr/bin/env bash
# Starts servers the way a CI platform's service containers would, for testlanes' external backend:
# Postgres 15 and Redis from Debian's packages on non-default ports, and a Cassandra through
# testlanes' own embedded launcher (`./testlanes up`). Prints the TESTLANES_* variables that point
# the external backend at them, and writes them to <state dir>/env.
#
#   ci/external/start.sh <state dir>      then      . <state dir>/env
#   ci/external/stop.sh <state dir>
#
# Needs: /usr/lib/postgresql/15/bin (Debian postgresql-15), redis-server (Debian), python3.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="${1:?usage: start.sh <state dir>}"
mkdir -p "$state"
state="$(cd "$state" && pwd)"
pg_bin=/usr/lib/postgresql/15/bin
pg_port=55432
redis_port=56379
password=ci-secret

# Postgres: initdb as the postgres user (it refuses root), fsync off, loopback only.
pgdata=/dev/shm/testlanes-ci-external-pg
rm -rf "$pgdata"
install -d -o postgres -g postgres -m 700 "$pgdata"
echo "$password" > "$state/pwfile"
chown postgres "$state/pwfile"
chmod 755 "$state"
setpriv --reuid=postgres --regid=postgres --init-groups -- \
  "$pg_bin/initdb" -D "$pgdata" -U ci --pwfile="$state/pwfile" --auth=scram-sha-256 >"$state/initdb.log" 2>&1
setpriv --reuid=postgres --regid=postgres --init-groups -- \
  "$pg_bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w start \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pgdata -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
echo "postgres 15 on 127.0.0.1:$pg_port"

# Redis: no persistence, a password, enough databases for the lanes.
redis_dir=/dev/shm/testlanes-ci-external-redis
rm -rf "$redis_dir"; mkdir -p "$redis_dir"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --requirepass "$password" \
  --databases 80 --dir "$redis_dir" --daemonize yes --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log"
echo "redis on 127.0.0.1:$redis_port"

# Cassandra: testlanes' embedded launcher, kept up by a `testlanes up` process of its own run.
"$here/cassandra-up.sh" "$state" >/dev/null
# shellcheck disable=SC1091
. "$state/cassandra.env"
echo "cassandra on $cassandra_point"

cat > "$state/env" <<ENV
export TESTLANES_BACKEND=external
export TESTLANES_POSTGRES_URL='jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=ci&password=$password'
export TESTLANES_REDIS_URL='redis://:$password@127.0.0.1:$redis_port'
export TESTLANES_CASSANDRA_CONTACTPOINTS='$cassandra_point'
export TESTLANES_CASSANDRA_LOCALDATACENTER=datacenter1
export TESTLANES_CASSANDRA_USER=cassandra
export TESTLANES_CASSANDRA_PASSWORD='$cassandra_password'
ENV
cat "$state/env"
