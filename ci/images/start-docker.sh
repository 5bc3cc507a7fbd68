#!/usr/bin/env bash
# Starts a Docker engine on this machine if none answers, and waits until it does.
#
#   bash ci/images/start-docker.sh
#
# Uses Debian's engine (package docker.io; installed by build-all.sh). The engine runs in its own
# session, logs to /var/log/dockerd.log and keeps running after this script ends. Stop it with
#   kill "$(cat /var/run/docker.pid)"
# Exit status: 0 when `docker info` answers, 1 when the engine did not come up within 60 s.
set -euo pipefail

# Debian's client matches Debian's engine (API 1.41); a newer client elsewhere on PATH may not.
DOCKER=/usr/bin/docker
[[ -x $DOCKER ]] || DOCKER=docker

if "$DOCKER" info >/dev/null 2>&1; then
  echo "docker: engine already running ($("$DOCKER" version --format '{{.Server.Version}}'))"
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "docker: dockerd not found; install it with: apt-get install -y docker.io" >&2
  exit 1
fi

echo "docker: starting dockerd (log: /var/log/dockerd.log)"
setsid dockerd >/var/log/dockerd.log 2>&1 </dev/null &

for _ in $(seq 1 120); do
  if "$DOCKER" info >/dev/null 2>&1; then
    echo "docker: engine $("$DOCKER" version --format '{{.Server.Version}}') ready"
    exit 0
  fi
  sleep 0.5
done
echo "docker: the engine did not answer within 60 s; last lines of /var/log/dockerd.log:" >&2
tail -n 20 /var/log/dockerd.log >&2 || true
exit 1
