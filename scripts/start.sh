#!/usr/bin/env bash
# One command for a newcomer: set up, build, and run Rinkside. With an Electron binary (a desktop
# with internet at install time) it opens the app window; on a headless machine it analyses the
# bundled sample clip with the CLI and serves the same UI to a browser at http://127.0.0.1:…
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
npx electron-vite build
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && node -e "require('fs').accessSync(require('electron'))" 2>/dev/null; then
  exec npx electron-vite preview
fi
echo "== no Electron window here: the CLI on the bundled sample"
node bin/rinkside.mjs analyze tests/fixtures/media/people-10s.mp4 --json /tmp/rinkside-sample.json
echo "== the UI in a browser (Ctrl+C to stop)"
exec node scripts/browser-host.ts
