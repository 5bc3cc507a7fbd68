#!/usr/bin/env bash
# How long the services take to answer, the two ways the CI examples can get them (median of N runs):
#
#   embedded  what testlanes starts itself: `./testlanes up --check --json` (its ready times per
#             service, from the start of each to its first real round trip; and the whole command)
#   external  what CI service containers run, started here from Debian's packages without Docker:
#             Postgres 15 (initdb, then start, until `SELECT 1` answers), redis-server (until PING
#             answers) and Cassandra 5.0 with the official image's configuration (cassandra.yaml
#             defaults: 16 tokens, waiting for gossip to settle; G1; MAX_HEAP_SIZE 1G as the CI files
#             set it) until its CQL port accepts connections (the native transport opens last).
#             Container start and image pull come on top and are not measured here.
#
#   ci/external/ready-times.sh [runs]          (default 5; needs redis-server, python3, Maven)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-5}"
pg_bin=/usr/lib/postgresql/15/bin
work="$(mktemp -d /tmp/testlanes-ready-times.XXXXXX)"
chmod 755 "$work"
data=/dev/shm/testlanes-ready-pg
redis_pid=""; cass_pid=""
cleanup() {
  [ -n "$cass_pid" ] && kill "$cass_pid" 2>/dev/null
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null
  if [ -f "$data/postmaster.pid" ]; then
    setpriv --reuid=postgres --regid=postgres --init-groups -- "$pg_bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1
  fi
  rm -rf "$work" "$data"
}
trap cleanup EXIT

now() { date +%s%3N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { python3 -c 'import statistics,sys; v=[float(x) for x in sys.argv[1:]]; print("%.2f" % (statistics.median(v)/1000))' "$@"; }

declare -a e_pg e_redis e_cass e_all x_pg x_redis x_cass

echo "embedded: ./testlanes up --check --json, $runs runs" >&2
for i in $(seq 1 "$runs"); do
  t0=$(now)
  json=$("$root/testlanes" up --check --json 2>/dev/null)
  e_all+=($(( $(now) - t0 )))
  read -r pg redis cass < <(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(*(d[s]["readyMillis"] for s in ("postgres","redis","cassandra")))' "$json")
  e_pg+=("$pg"); e_redis+=("$redis"); e_cass+=("$cass")
done

echo "external: Debian Postgres 15 and redis-server, Cassandra 5.0 with the image's configuration, $runs runs" >&2
mkdir -p "$work/cassandra/lib"
${MVN:-mvn} -B -q -f "$root/ci/images/cassandra/pom.xml" dependency:copy-dependencies -DoutputDirectory="$work/cassandra/lib"
mapfile -t jpms <"$root/ci/images/cassandra/jvm17-jpms.options"
java17=java
for j in /usr/lib/jvm/java-17-openjdk-*/bin/java; do [[ -x $j ]] && java17=$j; done
for i in $(seq 1 "$runs"); do
  # Postgres: what the postgres image's entrypoint does first (initdb), then the server.
  port=$(free_port)
  rm -rf "$data"; install -d -o postgres -g postgres -m 700 "$data"
  echo test > "$work/pwfile"; chown postgres "$work/pwfile"
  t0=$(now)
  setpriv --reuid=postgres --regid=postgres --init-groups -- \
    "$pg_bin/initdb" -D "$data" -U test --pwfile="$work/pwfile" --auth=scram-sha-256 >/dev/null
  setpriv --reuid=postgres --regid=postgres --init-groups -- \
    "$pg_bin/pg_ctl" -D "$data" -l "$data/log" start \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$data -c fsync=off" >/dev/null
  until PGPASSWORD=test "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U test -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; do sleep 0.02; done
  x_pg+=($(( $(now) - t0 )))
  setpriv --reuid=postgres --regid=postgres --init-groups -- "$pg_bin/pg_ctl" -D "$data" -m immediate stop >/dev/null

  # Redis, as the redis image runs it (no arguments: its defaults).
  port=$(free_port)
  t0=$(now)
  redis-server --port "$port" --bind 127.0.0.1 --dir "$work" >/dev/null &
  redis_pid=$!
  until [ "$(redis-cli -p "$port" ping 2>/dev/null)" = PONG ]; do sleep 0.005; done
  x_redis+=($(( $(now) - t0 )))
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  wait "$redis_pid" || true
  redis_pid=""

  # Cassandra with the configuration of the official image (the shipped cassandra.yaml defaults).
  native=$(free_port); storage=$(free_port); c="$work/cassandra/run$i"
  mkdir -p "$c/conf"
  sed -e "s|@CLUSTER_NAME@|Test Cluster|" -e "s|@NUM_TOKENS@|16|" -e "s|@SNITCH@|SimpleSnitch|" \
      -e "s|@BROADCAST_RPC_ADDRESS@|127.0.0.1|" -e "s|/var/lib/cassandra|$c/data|" \
      -e "s|native_transport_port: 9042|native_transport_port: $native|" \
      -e "s|storage_port: 7000|storage_port: $storage|" -e "s|127.0.0.1:7000|127.0.0.1:$storage|" \
      -e "s|rpc_address: 0.0.0.0|rpc_address: 127.0.0.1|" \
      "$root/ci/images/cassandra/cassandra.yaml" >"$c/conf/cassandra.yaml"
  printf 'dc=datacenter1\nrack=rack1\n' >"$c/conf/cassandra-rackdc.properties"
  cp "$root/ci/images/cassandra/logback.xml" "$c/conf/"
  t0=$(now)
  "$java17" -Xms1G -Xmx1G -XX:+UseG1GC -XX:+ParallelRefProcEnabled -XX:MaxTenuringThreshold=1 \
    -XX:G1HeapRegionSize=16m -XX:MaxGCPauseMillis=300 -XX:InitiatingHeapOccupancyPercent=70 \
    -Xss256k "${jpms[@]}" -Dcassandra-foreground=yes \
    -Dcassandra.config="file://$c/conf/cassandra.yaml" \
    -Dcassandra-rackdc.properties="file://$c/conf/cassandra-rackdc.properties" \
    -Dlogback.configurationFile="$c/conf/logback.xml" -Dcassandra.storagedir="$c/data" \
    -Dcassandra.logdir="$c/logs" -Djava.net.preferIPv4Stack=true \
    -cp "$c/conf:$work/cassandra/lib/*" org.apache.cassandra.service.CassandraDaemon >"$c/out.log" 2>&1 &
  cass_pid=$!
  until (exec 3<>"/dev/tcp/127.0.0.1/$native") 2>/dev/null; do
    kill -0 "$cass_pid" 2>/dev/null || { tail -20 "$c/out.log" >&2; exit 1; }
    sleep 0.05
  done
  x_cass+=($(( $(now) - t0 )))
  kill "$cass_pid"; wait "$cass_pid" 2>/dev/null || true
  cass_pid=""
  rm -rf "$c"
done

printf '%-52s %8s %8s %10s\n' "median of $runs, seconds" postgres redis cassandra
printf '%-52s %8s %8s %10s\n' "embedded (testlanes up --check; whole command $(median "${e_all[@]}") s)" \
  "$(median "${e_pg[@]}")" "$(median "${e_redis[@]}")" "$(median "${e_cass[@]}")"
printf '%-52s %8s %8s %10s\n' "external (Debian packages, image-default Cassandra)" \
  "$(median "${x_pg[@]}")" "$(median "${x_redis[@]}")" "$(median "${x_cass[@]}")"
