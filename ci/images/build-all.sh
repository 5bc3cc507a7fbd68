#!/usr/bin/env bash
# Builds the local Docker images testlanes' docker backend is tested with, on a machine that can
# reach Debian's package archive and Maven Central but no Docker registry.
#
#   bash ci/images/build-all.sh [--also-official-names]
#
# Steps (each prints how long it took):
#   1. apt-get install docker.io mmdebstrap (only what is missing; Debian's engine and client);
#   2. start dockerd unless an engine answers (start-docker.sh; log in /var/log/dockerd.log);
#   3. base image testlanes/debian:bookworm from mmdebstrap (base/build-base.sh);
#   4. testlanes/postgres:15, testlanes/redis:7, testlanes/cassandra:5.0 (build-image.sh).
# --also-official-names also tags them postgres:15, redis:7 and cassandra:5.0, so that an image
# setting that names the official image finds the local one (never pushed anywhere).
# Nothing is cached between runs except what Docker and Maven themselves keep: run it on a fresh
# machine and it does everything. Needs root (apt-get, dockerd, mmdebstrap).
#
# Then run the docker backend's tests (the profile sets TESTCONTAINERS_RYUK_DISABLED=true and
# TESTCONTAINERS_HOST_OVERRIDE=localhost, and the tests use these images):
#   mvn -B -pl core test -Pdocker
# or use the images in any run of the docker backend, with those two variables set:
#   -Dtestlanes.backend=docker -Dtestlanes.docker.postgresImage=testlanes/postgres:15
#   -Dtestlanes.docker.redisImage=testlanes/redis:7 -Dtestlanes.docker.cassandraImage=testlanes/cassandra:5.0
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

official=
for arg in "$@"; do
  case $arg in
    --also-official-names) official=yes ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument '$arg'; expected --also-official-names or --help" >&2; exit 2 ;;
  esac
done

if [[ $(id -u) != 0 ]]; then
  echo "build-all.sh needs root (apt-get, dockerd, mmdebstrap); found uid $(id -u)" >&2
  exit 1
fi

start_all=$(date +%s.%N)
step_start=
step() { step_start=$(date +%s.%N); echo "== $1"; }
took() {
  awk -v a="$step_start" -v b="$(date +%s.%N)" -v what="$1" \
    'BEGIN { printf "== %s took %.1f s\n", what, b - a }'
}

step "packages"
missing=()
command -v dockerd >/dev/null 2>&1 && [[ -x /usr/bin/docker ]] || missing+=(docker.io)
command -v mmdebstrap >/dev/null 2>&1 || missing+=(mmdebstrap)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
if [[ ${#missing[@]} -gt 0 ]]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "installed: ${missing[*]}"
else
  echo "docker.io and mmdebstrap already installed"
fi
took "packages"

step "docker engine"
bash "$here/start-docker.sh"
took "docker engine"

step "base image"
bash "$here/base/build-base.sh"
took "base image"

step "postgres image"
bash "$here/build-image.sh" postgres ${official:+postgres:15}
took "postgres image"

step "redis image"
bash "$here/build-image.sh" redis ${official:+redis:7}
took "redis image"

step "cassandra image"
bash "$here/build-image.sh" cassandra ${official:+cassandra:5.0}
took "cassandra image"

awk -v a="$start_all" -v b="$(date +%s.%N)" 'BEGIN { printf "== all images built in %.1f s\n", b - a }'
