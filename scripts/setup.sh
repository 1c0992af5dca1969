#!/usr/bin/env bash
# Installs what heed needs to build and test, from Debian packages. Idempotent: when everything
# is present it only checks and returns.
#   scripts/setup.sh           to build and run heed
#   scripts/setup.sh --tests   and to run every test (scripts/test.sh)
set -euo pipefail

packages=(
  g++ cmake make pkg-config
  libdnnl-dev
  libsentencepiece-dev sentencepiece
  libboost-program-options-dev
  libfmt-dev
  doctest-dev
  nlohmann-json3-dev
  libcpp-httplib-dev
  python3
  libicu-dev
  libopenmpi-dev openmpi-bin
  libzip-dev
)

# With --tests, also what only the tests need: a real browser for the page of heed serve.
if [ "${1:-}" = "--tests" ]; then
  packages+=(chromium chromium-driver python3-selenium)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
