#!/usr/bin/env bash
# Builds one service image from its folder here:
#   bash ci/images/build-image.sh postgres|redis|cassandra [EXTRA_TAG...]
# postgres -> testlanes/postgres:15, redis -> testlanes/redis:7, cassandra -> testlanes/cassandra:5.0.
# Needs the base image testlanes/debian:bookworm (base/build-base.sh) and a running engine; the
# cassandra image also needs Maven and a JDK 17 (javac) on this machine.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DOCKER=/usr/bin/docker
[[ -x $DOCKER ]] || DOCKER=docker
BASE=${BASE_IMAGE:-testlanes/debian:bookworm}

service=${1:?"usage: build-image.sh postgres|redis|cassandra [EXTRA_TAG...]"}
shift
case $service in
  postgres) image=testlanes/postgres:15 ;;
  redis) image=testlanes/redis:7 ;;
  cassandra) image=testlanes/cassandra:5.0 ;;
  *) echo "unknown service '$service': expected postgres, redis or cassandra" >&2; exit 2 ;;
esac

ctx=$(mktemp -d "/tmp/testlanes-image-$service.XXXXXX")
trap 'rm -rf "$ctx"' EXIT
cp -a "$here/$service/." "$ctx/"

if [[ $service == cassandra ]]; then
  mkdir -p "$ctx/lib" "$ctx/tools"
  # cassandra-all and its runtime dependencies, from the local Maven repository (downloaded into it
  # from Maven Central when missing).
  mvn -B -q -Dstyle.color=never -f "$here/cassandra/pom.xml" dependency:copy-dependencies -DoutputDirectory="$ctx/lib"
  # Native libraries for other systems are dead weight in a linux/amd64 image.
  rm -f "$ctx"/lib/*-osx-* "$ctx"/lib/*-windows-* "$ctx"/lib/*-linux-aarch_64.jar \
        "$ctx"/lib/*-linux-riscv64.jar
  javac_bin=javac
  for jdk in /usr/lib/jvm/java-17-openjdk-*/bin/javac; do [[ -x $jdk ]] && javac_bin=$jdk; done
  "$javac_bin" --release 17 -nowarn -cp "$ctx/lib/*" -d "$ctx/tools" "$here/cassandra/Cqlsh.java"
  rm -f "$ctx/Cqlsh.java" "$ctx/pom.xml"
fi

"$DOCKER" build -q --force-rm --build-arg BASE="$BASE" -t "$image" "$ctx" >/dev/null
for tag in "$@"; do
  "$DOCKER" tag "$image" "$tag"
done
size=$("$DOCKER" image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}')
echo "$service: $image ($size)${*:+, also tagged $*}"
