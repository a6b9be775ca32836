#!/usr/bin/env bash
# Installs what Miz needs on a fresh Debian machine and is a no-op when it is all there.
# Used by deploy/desk-up.sh and deploy/test.sh; safe to run again.
set -euo pipefail

need_apt=()
dpkg -s libzmq3-dev >/dev/null 2>&1 || need_apt+=(libzmq3-dev)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
if [ "${MIZ_WITH_DEPLOY_TESTS:-0}" = 1 ]; then
  python3 -m pip --version >/dev/null 2>&1 || need_apt+=(python3-pip)
fi
if [ "${MIZ_WITH_BROWSER_TESTS:-0}" = 1 ]; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
  python3 -m pip --version >/dev/null 2>&1 || need_apt+=(python3-pip)
fi

if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "miz setup: installing ${need_apt[*]} from Debian"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ "${MIZ_WITH_BROWSER_TESTS:-0}" = 1 ]; then
  python3 -c 'import selenium, axe_selenium_python, pytest' 2>/dev/null \
    || python3 -m pip install -q -r Tests/browser/requirements.txt \
    || python3 -m pip install -q --break-system-packages -r Tests/browser/requirements.txt
fi

if [ "${MIZ_WITH_DEPLOY_TESTS:-0}" = 1 ]; then
  python3 -c 'import kubernetes_validate, jsonschema, yaml, pytest' 2>/dev/null \
    || python3 -m pip install -q -r Tests/deploy/requirements.txt \
    || python3 -m pip install -q --break-system-packages -r Tests/deploy/requirements.txt
  command -v kubectl >/dev/null 2>&1 \
    || echo "miz setup: kubectl is not installed; the Kubernetes manifests will be checked without rendering them (install kubectl to render and validate them)"
fi

if ! command -v swift >/dev/null 2>&1; then
  for candidate in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
    [ -x "$candidate/swift" ] && export PATH="$candidate:$PATH"
  done
fi
command -v swift >/dev/null 2>&1 || {
  echo "miz setup: Swift 6 is not installed; install the Swift toolchain (swift.org) and run again" >&2
  exit 1
}
pkg-config --exists libzmq || { echo "miz setup: libzmq not found by pkg-config" >&2; exit 1; }
echo "miz setup: ready ($(swift --version 2>/dev/null | head -1); libzmq $(pkg-config --modversion libzmq))"
