#!/usr/bin/env bash
# Builds OpenTofu from its Go module (the Go module proxy is the only source reachable here) and
# caches the binary outside the clone, by version, so later runs on the same machine reuse it.
# Prints the path of the binary on stdout; progress goes to stderr.
set -euo pipefail
version="${TOFU_VERSION:-1.12.6}"
cache="${REGISTRAR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-registrar}/tofu/$version"
bin="$cache/tofu"
if [ -x "$bin" ] && "$bin" version >/dev/null 2>&1; then
  echo "$bin"; exit 0
fi
mkdir -p "$cache"
echo "building OpenTofu $version from its Go module (several minutes on 2 cores; cached in $cache)" >&2
dir=$(go mod download -json "github.com/opentofu/opentofu@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$dir" ] || { echo "could not download github.com/opentofu/opentofu@v$version" >&2; exit 1; }
src=$(mktemp -d)
trap 'chmod -R u+w "$src" 2>/dev/null; rm -rf "$src"' EXIT
cp -R "$dir/." "$src/"
chmod -R u+w "$src"
start=$(date +%s)
(cd "$src" && go build -trimpath -ldflags "-w -s -X github.com/opentofu/opentofu/version.dev=no" -o "$bin.tmp" ./cmd/tofu)
mv "$bin.tmp" "$bin"
echo "built $("$bin" version 2>/dev/null | grep -m1 "^OpenTofu") in $(( $(date +%s) - start )) s" >&2
echo "$bin"
