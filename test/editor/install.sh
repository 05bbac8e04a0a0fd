#!/usr/bin/env bash
# Installs what the editor tests need: Debian's Chromium, the headers and tools that
# code-server's native modules build against, Debian's ripgrep (placed where
# @vscode/ripgrep looks before it would download its own from GitHub), then
# `npm ci` in test/editor (code-server 4.100.3 + playwright-core).
#
# Idempotent: a second run skips what is already there. Works on a clean Debian 12 with
# Node 20 right after a clone (CI runs it). Needs root (or sudo) for apt-get.
#
# Environment:
#   EDITOR_TESTS_SKIP_APT=1   skip the apt-get step (packages installed some other way)
#   EDITOR_TESTS_FORCE_NPM=1  run `npm ci` even when node_modules matches the lockfile
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
started=$(date +%s)

log() { printf '[editor install] %s\n' "$*"; }

# --- Debian packages ---------------------------------------------------------------
# chromium: the browser playwright-core drives (never `npx playwright install`).
# libkrb5-dev: gssapi.h for code-server's `kerberos` module. ripgrep: Debian's rg for
# @vscode/ripgrep. python3/make/g++: node-gyp builds (node-pty, kerberos, spdlog, ...).
# fonts-dejavu-core: a font so screenshots show text. ca-certificates/xz-utils/tar/gzip:
# used by npm and by the ripgrep cache step below.
# unzip: unpacks the .vsix for the editor tests. neovim: the other-editor protocol test.
apt_packages=(chromium libkrb5-dev ripgrep python3 make g++ pkg-config fonts-dejavu-core
  ca-certificates tar gzip unzip neovim)

missing=()
for p in "${apt_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [[ "${EDITOR_TESTS_SKIP_APT:-}" == 1 ]]; then
  log "skipping apt-get (EDITOR_TESTS_SKIP_APT=1); missing: ${missing[*]:-none}"
elif ((${#missing[@]})); then
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "Debian packages already installed"
fi

for bin in /usr/bin/chromium /usr/bin/rg; do
  [[ -x $bin ]] || { log "missing $bin after apt-get"; exit 1; }
done

# --- scratch dirs and environment for npm --------------------------------------------
work="$here/.work"
export TMPDIR="$work/tmp"
mkdir -p "$TMPDIR"
export npm_config_unsafe_perm=true   # code-server's postinstall refuses root otherwise
export npm_config_yes=true           # node-pty's postinstall runs `npx node-gyp`
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# Node's own headers, so node-gyp never tries to download them.
if [[ -z "${npm_config_nodedir:-}" ]]; then
  nodedir="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  if [[ -f "$nodedir/include/node/node.h" ]]; then
    export npm_config_nodedir="$nodedir"
  fi
fi

# --- ripgrep: Debian's rg in @vscode/ripgrep's download cache -------------------------
# @vscode/ripgrep's postinstall looks in $TMPDIR/vscode-ripgrep-cache-<pkg version> for the
# release tarball before downloading it from GitHub (unreachable here). The file name is
# fixed by the package (ripgrep v13.0.0-10, musl build for x86_64); its content only needs
# to hold an `rg` binary.
arch="$(uname -m)"
case "$arch" in
  x86_64) rg_target=x86_64-unknown-linux-musl ;;
  aarch64) rg_target=aarch64-unknown-linux-musl ;;
  *) log "unsupported architecture $arch"; exit 1 ;;
esac
for cache_version in 1.15.11; do
  cache="$TMPDIR/vscode-ripgrep-cache-$cache_version"
  tarball="$cache/ripgrep-v13.0.0-10-$rg_target.tar.gz"
  if [[ ! -s $tarball ]]; then
    mkdir -p "$cache"
    tar czf "$tarball" -C /usr/bin rg
    log "placed Debian's rg in $tarball"
  fi
done

# --- npm ci ---------------------------------------------------------------------------
# Skip when node_modules was installed from this very lockfile (npm writes its hidden
# lockfile node_modules/.package-lock.json; compare against a stamp of package-lock.json).
stamp="node_modules/.cable-editor-install-stamp"
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)-$(node -v)"
if [[ "${EDITOR_TESTS_FORCE_NPM:-}" != 1 && -f $stamp && "$(cat "$stamp")" == "$lock_sum" \
  && -x node_modules/.bin/code-server && -d node_modules/playwright-core ]]; then
  log "node_modules already matches package-lock.json"
else
  log "npm ci (code-server builds native modules; about 2 minutes with a cold cache)"
  npm ci --no-audit --no-fund --loglevel=error
  # The ripgrep postinstall must have produced a working rg.
  rg_bin="node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
  if [[ -e $rg_bin ]] && ! "$rg_bin" --version >/dev/null 2>&1; then
    log "warning: $rg_bin does not run"
  fi
  echo "$lock_sum" >"$stamp"
fi

# code-server writes a default config.yaml under XDG_CONFIG_HOME on every start: keep it
# out of $HOME.
mkdir -p "$work/xdg/config" "$work/xdg/data" "$work/xdg/cache"
XDG_CONFIG_HOME="$work/xdg/config" XDG_DATA_HOME="$work/xdg/data" XDG_CACHE_HOME="$work/xdg/cache" \
  node_modules/.bin/code-server --version 2>/dev/null | tail -1 | sed 's/^/[editor install] code-server /'
/usr/bin/chromium --version 2>/dev/null | sed 's/^/[editor install] /' || true
log "done in $(($(date +%s) - started)) s"
