#!/usr/bin/env bash
# Install the Debian packages that manim needs, but only those that are missing.
#   cairo + pango headers and pkg-config: pycairo and manimpango compile from source
#   texlive-latex-base/extra + dvisvgm:   MathTex
#   fonts-noto-cjk, fonts-dejavu-core:    Chinese (Noto Sans CJK SC) and English (DejaVu Sans) text
#   espeak-ng:                            the eSpeak NG voice (Chinese, selectable: --voice-engine espeak-ng)
#   npm:                                  fetches the Kokoro voices (npm package kokoro-js) at install time
# As root this runs apt-get; otherwise sudo; where neither works it prints the command.
# --with-test-tools adds chromium (for the slide tests).
set -euo pipefail

packages=(libcairo2-dev libpango1.0-dev pkg-config texlive-latex-base texlive-latex-extra
          dvisvgm fonts-noto-cjk fonts-dejavu-core espeak-ng)
command -v npm >/dev/null 2>&1 || packages+=(npm)
# A fresh Debian 12 has python3 but not always venv support, headers or a compiler.
python3 -c 'import ensurepip, venv' 2>/dev/null || packages+=(python3-venv)
include_dir=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["include"])' 2>/dev/null || true)
[ -f "$include_dir/Python.h" ] || packages+=(python3-dev)
command -v gcc >/dev/null 2>&1 || packages+=(gcc)
command -v make >/dev/null 2>&1 || packages+=(make)
# The tests also drive the offline HTML slides in headless Chromium, and reveal.js comes from npm.
if [ "${1:-}" = "--with-test-tools" ]; then
    command -v chromium >/dev/null 2>&1 || packages+=(chromium)
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

command_line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
echo "Installing missing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
    echo "error: these system packages are missing and I cannot install them (not root, no sudo):" >&2
    echo "    ${missing[*]}" >&2
    echo "Run this as root, then run make again:" >&2
    echo "    sudo sh -c '$command_line'" >&2
    exit 1
fi
