#!/usr/bin/env bash
# Entrypoint of testlanes/postgres:15, modelled on the official image's contract:
# - POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust), POSTGRES_USER (default
#   postgres), POSTGRES_DB (default: the user), POSTGRES_INITDB_ARGS;
# - on first start (empty PGDATA): initdb, a temporary server on the Unix socket only (its "ready to
#   accept connections" is the first of the two lines Testcontainers waits for), CREATE DATABASE,
#   /docker-entrypoint-initdb.d/*.sql and *.sh, stop, then exec the real server (second line);
# - `postgres -c name=value ...` or just `-c name=value ...` as the command;
# - started as root: makes PGDATA (e.g. a root-owned tmpfs) the postgres user's, then drops to it
#   with setpriv (util-linux; there is no gosu here).
set -Eeuo pipefail

if [[ ${1:-} == -* ]]; then
  set -- postgres "$@"
fi

if [[ ${1:-} != postgres ]]; then
  exec "$@"
fi

if [[ $(id -u) == 0 ]]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  chmod 2777 /var/run/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

if [[ ! -s $PGDATA/PG_VERSION ]]; then
  user=${POSTGRES_USER:-postgres}
  db=${POSTGRES_DB:-$user}
  auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  if [[ -z ${POSTGRES_PASSWORD:-} && $auth != trust ]]; then
    echo "error: POSTGRES_PASSWORD is not set; set it, or POSTGRES_HOST_AUTH_METHOD=trust" >&2
    exit 1
  fi
  pwfile=$(mktemp)
  printf '%s\n' "${POSTGRES_PASSWORD:-}" >"$pwfile"
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of words, as in the official image
  initdb --username="$user" --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host="$auth" ${POSTGRES_INITDB_ARGS:-} >/dev/null
  rm -f "$pwfile"
  printf '\nhost all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"
  printf "\nlisten_addresses = '*'\n" >>"$PGDATA/postgresql.conf"

  # Temporary server: the given -c options, no TCP (nobody may connect before init is done).
  opts=
  if [[ $# -gt 1 ]]; then opts=$(printf '%q ' "${@:2}"); fi
  pg_ctl -D "$PGDATA" -w -o "$opts -c listen_addresses='' -p ${PGPORT:-5432}" start
  export PGUSER=$user PGHOST=/var/run/postgresql PGPORT=${PGPORT:-5432}
  if [[ $db != postgres ]]; then
    # psql interpolates :"db" (a quoted identifier) in its input, not in -c
    psql -v ON_ERROR_STOP=1 --no-password --dbname postgres -q --set db="$db" <<<'CREATE DATABASE :"db";'
  fi
  for f in /docker-entrypoint-initdb.d/*; do
    case $f in
      *.sql) echo "running $f"; psql -v ON_ERROR_STOP=1 --no-password --dbname "$db" -q -f "$f" ;;
      *.sh) echo "running $f"; . "$f" ;;
      *) [[ -e $f ]] && echo "ignoring $f" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
  unset PGUSER PGHOST
  echo
  echo 'PostgreSQL init process complete; ready for start up.'
  echo
fi

exec "$@"
