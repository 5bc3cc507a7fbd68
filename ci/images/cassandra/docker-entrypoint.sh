#!/usr/bin/env bash
# Entrypoint of testlanes/cassandra:5.0: Cassandra 5.0 from Maven jars on a Java 17 JRE.
# Command `cassandra -f` (the default) starts the server in the foreground; anything else is run.
# Environment, as far as the official image's entrypoint and cassandra-env.sh honour it:
#   MAX_HEAP_SIZE (default 512M), HEAP_NEWSIZE (young generation; not with G1), JVM_OPTS and
#   JVM_EXTRA_OPTS (appended: a -XX:+Use...GC there replaces the default G1),
#   CASSANDRA_CLUSTER_NAME, CASSANDRA_NUM_TOKENS (default 1), CASSANDRA_ENDPOINT_SNITCH (default
#   SimpleSnitch), CASSANDRA_DC / CASSANDRA_RACK (GossipingPropertyFileSnitch),
#   CASSANDRA_BROADCAST_RPC_ADDRESS (default 127.0.0.1).
# Started as root, it makes /var/lib/cassandra (e.g. a root-owned tmpfs) the cassandra user's and
# drops to that user with setpriv (no capabilities, so no mlockall of the heap).
set -Eeuo pipefail

if [[ ${1:-} == -* ]]; then
  set -- cassandra "$@"
fi
if [[ ${1:-} != cassandra ]]; then
  exec "$@"
fi

if [[ $(id -u) == 0 ]]; then
  mkdir -p /var/lib/cassandra
  chown -R cassandra:cassandra /var/lib/cassandra
  exec setpriv --reuid=cassandra --regid=cassandra --init-groups \
    --inh-caps=-all --bounding-set=-all "${BASH_SOURCE[0]}" "$@"
fi

home=/opt/cassandra
conf=$(mktemp -d /tmp/cassandra-conf.XXXXXX)
snitch=${CASSANDRA_ENDPOINT_SNITCH:-${CASSANDRA_SNITCH:-SimpleSnitch}}
sed -e "s|@CLUSTER_NAME@|${CASSANDRA_CLUSTER_NAME:-Test Cluster}|" \
    -e "s|@NUM_TOKENS@|${CASSANDRA_NUM_TOKENS:-1}|" \
    -e "s|@SNITCH@|$snitch|" \
    -e "s|@BROADCAST_RPC_ADDRESS@|${CASSANDRA_BROADCAST_RPC_ADDRESS:-127.0.0.1}|" \
    "$home/conf/cassandra.yaml" >"$conf/cassandra.yaml"
printf 'dc=%s\nrack=%s\n' "${CASSANDRA_DC:-datacenter1}" "${CASSANDRA_RACK:-rack1}" \
  >"$conf/cassandra-rackdc.properties"

user_opts="${JVM_OPTS:-} ${JVM_EXTRA_OPTS:-}"
gc=(-XX:+UseG1GC -XX:+ParallelRefProcEnabled -XX:MaxTenuringThreshold=1 -XX:G1HeapRegionSize=16m
    -XX:G1RSetUpdatingPauseTimePercent=5 -XX:MaxGCPauseMillis=300
    -XX:InitiatingHeapOccupancyPercent=70)
if [[ $user_opts =~ -XX:\+Use[A-Za-z]+GC ]]; then
  gc=()
fi
heap=${MAX_HEAP_SIZE:-512M}
# As cassandra-env.sh: a young generation size only for collectors other than G1.
young=()
if [[ -n ${HEAP_NEWSIZE:-} && ${#gc[@]} -eq 0 && ! $user_opts =~ -XX:\+UseG1GC ]]; then
  young=(-Xmn"$HEAP_NEWSIZE")
fi

mapfile -t jpms <"$home/conf/jvm17-jpms.options"

# shellcheck disable=SC2086 # JVM_OPTS / JVM_EXTRA_OPTS are word lists, as in cassandra-env.sh
exec java \
  -Xms"$heap" -Xmx"$heap" "${young[@]}" "${gc[@]}" \
  -Xss256k -XX:-UsePerfData \
  -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath=/var/lib/cassandra \
  "${jpms[@]}" \
  -Dcassandra-foreground=yes \
  -Dcassandra.config="file://$conf/cassandra.yaml" \
  -Dcassandra-rackdc.properties="file://$conf/cassandra-rackdc.properties" \
  -Dlogback.configurationFile="$home/conf/logback.xml" \
  -Dcassandra.storagedir=/var/lib/cassandra \
  -Dcassandra.logdir=/var/lib/cassandra/logs \
  -Djava.io.tmpdir=/tmp -Djna.tmpdir=/tmp \
  -Djava.net.preferIPv4Stack=true \
  $user_opts \
  -cp "$home/conf:$home/lib/*" \
  org.apache.cassandra.service.CassandraDaemon
