#!/bin/sh
# Entrypoint of testlanes/redis:7: as the official image, "-..." or "*.conf" first arguments are
# redis-server's.
set -e
case "${1:-}" in
  -* | *.conf) set -- redis-server "$@" ;;
esac
exec "$@"
