#!/usr/bin/env bash
# Puts Debian's kubernetes-client (kubectl 1.20, the one the runbooks were written for) in
# .cache/kubectl-1.20 without installing it, so the sandbox's conformance tests run against it
# as well as against the kubectl on PATH (on this image /usr/bin/kubectl belongs to
# google-cloud-cli's package, which Debian's cannot replace). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.cache/kubectl-1.20
if [ -x "$dest/usr/bin/kubectl" ]; then exit 0; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && { apt-get download kubernetes-client >/dev/null 2>&1 || { apt-get update -qq && apt-get download kubernetes-client >/dev/null; }; })
mkdir -p "$dest"
dpkg -x "$tmp"/kubernetes-client_*.deb "$dest"
"$dest/usr/bin/kubectl" version --client
