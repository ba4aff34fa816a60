#!/usr/bin/env bash
# Installs what the local cloud needs on a Debian machine: PostgreSQL 15 with pgTAP and
# plpgsql_check (`supabase db lint` needs it). Idempotent: nothing is installed twice. It only
# installs; `npm run cloud:local` (or the cloud tests themselves) start the private cluster.
# Debian's package starts a system cluster of its own on port 5432; the local cloud does not use
# it (it runs a private cluster, see tests/cloud/README.md).
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(postgresql-15 postgresql-15-pgtap postgresql-15-plpgsql-check)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "== local cloud packages: already installed"
elif command -v apt-get >/dev/null; then
  echo "== local cloud packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Install PostgreSQL 15, pgTAP and plpgsql_check (Debian: ${packages[*]})" >&2
  exit 1
fi
/usr/lib/postgresql/15/bin/postgres --version
# The storage gateway runs on Deno from npm (package.json's devDependency, with its platform binary).
if [ -x node_modules/.bin/deno ]; then
  node_modules/.bin/deno --version | head -1
else
  echo "node_modules/.bin/deno is missing: run npm ci first (the storage gateway's tests run on Deno)" >&2
  exit 1
fi
