#!/usr/bin/env bash
# Debian packages the tests use: Ceph's radosgw (a real S3 with Object Lock), openssl and
# sha256sum (the auditor's tools), poppler-utils (PDF text and page rendering). Installs only
# what is missing; needs root and apt-get.
set -euo pipefail

packages=(radosgw ceph-mon ceph-osd uuid-runtime iproute2 curl openssl coreutils poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
((${#missing[@]})) || exit 0

if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-packages: missing ${missing[*]}; install them as root with apt-get" >&2
  exit 1
fi
echo "install-test-packages: installing ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends --no-upgrade "${missing[@]}" >/dev/null
