#!/usr/bin/env bash
# Builds the base image testlanes/debian:bookworm: a minimal Debian bookworm root file system made
# with mmdebstrap from this machine's own apt sources (no registry, no mirror named here), imported
# with `docker import`. The service images build FROM it.
#
#   bash ci/images/base/build-base.sh
#
# Needs: root, mmdebstrap, a running Docker engine.
set -euo pipefail

IMAGE=${BASE_IMAGE:-testlanes/debian:bookworm}
DOCKER=/usr/bin/docker
[[ -x $DOCKER ]] || DOCKER=docker

work=$(mktemp -d /tmp/testlanes-base.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The host's apt sources, deb822 or one-line, in the form mmdebstrap takes as a "mirror" argument.
sources=()
for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list; do
  [[ -s $f ]] || continue
  if grep -qE '^\s*(Types|URIs):' "$f" || grep -qE '^\s*deb\s' "$f"; then
    # only Debian's own archives: other vendors' lists need keys the base does not have
    if grep -qE 'deb\.debian\.org|debian-security|snapshot\.debian\.org' "$f"; then
      sources+=("$f")
    fi
  fi
done
if [[ ${#sources[@]} -eq 0 ]]; then
  echo "base: no Debian apt sources found in /etc/apt; expected deb.debian.org entries" >&2
  exit 1
fi

cat >"$work/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF

mmdebstrap \
  --quiet \
  --variant=minbase \
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  --aptopt='APT::Install-Recommends "false"' \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --customize-hook="cp '$work/docker-clean' \"\$1/etc/apt/apt.conf.d/docker-clean\"" \
  --customize-hook='rm -f "$1"/var/cache/apt/*.bin; rm -rf "$1"/var/lib/apt/lists/*' \
  bookworm "$work/base.tar" "${sources[@]}"

"$DOCKER" import -c 'CMD ["/bin/bash"]' -c 'ENV LANG=C.UTF-8' "$work/base.tar" "$IMAGE" >/dev/null
echo "base: $IMAGE ($("$DOCKER" image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
