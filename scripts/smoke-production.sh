#!/usr/bin/env bash
# The production smoke test (CI runs it after `pnpm test`): builds, makes the production install
# that docs/deploy.md and deploy/Dockerfile make (the server with its production dependencies
# only, the built client beside it) in a temporary folder outside the repository, so nothing
# resolves from the workspace's node_modules, and runs tests/smoke/production.test.ts against it.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

# `pnpm build`'s output; skipped when it is up to date (CI's `pnpm test` has just built it).
node scripts/build.mjs --if-changed

work=$(mktemp -d "${TMPDIR:-/tmp}/foljsam-production-XXXXXX")
trap 'rm -rf "$work"' EXIT
# The same two steps as the Dockerfile's build stage.
pnpm --filter @foljsam/server deploy --prod "$work/app/server" >/dev/null
mkdir -p "$work/app/client"
cp -R client/dist "$work/app/client/dist"

FOLJSAM_PRODUCTION_APP="$work/app" pnpm exec vitest run --config tests/smoke/vitest.config.ts
echo "production smoke test: $(($(date +%s) - started)) s on $(node --version)"
