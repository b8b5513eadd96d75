#!/usr/bin/env bash
# The test command (npm test): type-check, lint, build, then every jest suite. When Ceph's
# radosgw is installed and no S3 test store is given, it starts a throwaway one for the
# integration tests and stops it afterwards, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

# On a fresh machine (root, Debian) this installs Ceph and the auditor tools; elsewhere the
# S3 integration tests are skipped with a message, unless EVIDENCE_REQUIRE_S3=1.
scripts/install-test-packages.sh || [[ ${EVIDENCE_REQUIRE_S3:-} != 1 ]]

npm run --silent build
npm run --silent typecheck
npm run --silent lint

state=''
cleanup() {
  if [[ -n $state ]]; then
    scripts/s3-store.sh stop "$state" || true
    rm -rf "$state"
  fi
}
trap cleanup EXIT

if [[ -z ${EVIDENCE_TEST_S3_ENDPOINT:-} ]] && command -v radosgw >/dev/null 2>&1; then
  state=$(mktemp -d -t evidence-s3-XXXXXX)
  scripts/s3-store.sh start "$state"
  # shellcheck disable=SC1091
  source "$state/env"
elif [[ -z ${EVIDENCE_TEST_S3_ENDPOINT:-} ]]; then
  echo "test: Ceph radosgw is not installed, so the S3 Object Lock integration tests will be skipped" >&2
  echo "      (install: apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd uuid-runtime)" >&2
fi

export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
export NODE_OPTIONS="${NODE_OPTIONS:-} --experimental-vm-modules"
npx jest "$@"
