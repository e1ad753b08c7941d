#!/usr/bin/env bash
# Installs what gantry's embedded control plane needs: etcd from Debian, and kube-apiserver plus
# kube-controller-manager 1.20.2 built from Debian bookworm's kubernetes source package.
#
# Idempotent: a second run finds the built binaries in the cache and returns at once.
# Cache: $GANTRY_CACHE_DIR, else $XDG_CACHE_HOME/gantry, else ~/.cache/gantry.
# Existing binaries: set GANTRY_KUBE_APISERVER, GANTRY_KUBE_CONTROLLER_MANAGER and GANTRY_ETCD
# (or pass the same paths to `gantry up`) and this script is not needed at all.
set -euo pipefail

K8S_VERSION=1.20.2
CACHE_DIR=${GANTRY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gantry}
BIN_DIR="$CACHE_DIR/kubernetes-$K8S_VERSION/bin"
SRC_ROOT="$CACHE_DIR/src"
APT_PACKAGES=(golang-go etcd-server rsync jq golang-github-modern-go-reflect2-dev dpkg-dev git)
SOURCES_FILE=/etc/apt/sources.list.d/gantry-deb-src.sources

step() { printf '\n==> [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'gantry install: %s\n' "$*" >&2; exit 1; }

have_binaries() {
  [ -x "$BIN_DIR/kube-apiserver" ] && [ -x "$BIN_DIR/kube-controller-manager" ] && command -v etcd >/dev/null
}

if have_binaries; then
  echo "gantry control plane already installed: $BIN_DIR (etcd: $(command -v etcd))"
  exit 0
fi

print_manual_steps() {
  cat >&2 <<MSG
gantry install: cannot install here: $1

Run these as root (Debian bookworm), then run this script again as yourself (it builds without root):
  apt-get update
  apt-get install -y ${APT_PACKAGES[*]}
  # add a deb-src entry for bookworm main (copy your 'deb' entry and change its type to deb-src)
  apt-get update
  mkdir -p $SRC_ROOT && cd $SRC_ROOT && apt-get source kubernetes && chown -R $(id -un) $SRC_ROOT

Or point gantry at binaries you already have:
  export GANTRY_KUBE_APISERVER=/path/to/kube-apiserver
  export GANTRY_KUBE_CONTROLLER_MANAGER=/path/to/kube-controller-manager
  export GANTRY_ETCD=/path/to/etcd
MSG
  exit 1
}

# Adds a deb-src twin of the machine's own bookworm 'deb' entry, so the same mirror serves sources.
add_deb_src() {
  if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    return 0
  fi
  local src=/etc/apt/sources.list.d/debian.sources
  if [ -f "$src" ]; then
    awk 'BEGIN{RS=""; ORS="\n\n"} /Suites:[^\n]*bookworm( |\n|$)/ && !done {sub(/Types: deb/, "Types: deb-src"); print; done=1}' "$src" >"$SOURCES_FILE"
  elif [ -f /etc/apt/sources.list ]; then
    grep -E '^deb [^ ]+ bookworm main' /etc/apt/sources.list | head -n1 | sed 's/^deb /deb-src /' \
      >/etc/apt/sources.list.d/gantry-deb-src.list
  fi
  grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/ ||
    die "found no bookworm 'deb' entry to derive a deb-src entry from; add one for bookworm main"
}

missing_packages() {
  local p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || printf '%s ' "$p"
  done
}

mkdir -p "$BIN_DIR" "$SRC_ROOT" 2>/dev/null || die "cannot create $BIN_DIR: set GANTRY_CACHE_DIR to a folder you can write"
tree=$(find "$SRC_ROOT" -maxdepth 1 -type d -name 'kubernetes-*' | head -n1)
missing=$(command -v dpkg-query >/dev/null && missing_packages || echo "${APT_PACKAGES[*]}")

# Only the apt steps need root; with packages and source in place, anyone can build.
if [ -n "$missing" ] || [ -z "$tree" ]; then
  [ "$(id -u)" = 0 ] || print_manual_steps "not running as root (missing: ${missing:-the kubernetes source package})"
  command -v apt-get >/dev/null || print_manual_steps "apt-get not found (this needs Debian bookworm)"
  step "1/5 apt packages: ${APT_PACKAGES[*]}"
  add_deb_src
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${APT_PACKAGES[@]}" >/dev/null
  step "2/5 kubernetes source package"
  if [ -z "$tree" ]; then
    (cd "$SRC_ROOT" && apt-get source -qq kubernetes >/dev/null 2>&1) || (cd "$SRC_ROOT" && apt-get source kubernetes)
    tree=$(find "$SRC_ROOT" -maxdepth 1 -type d -name 'kubernetes-*' | head -n1)
  fi
else
  step "1-2/5 apt packages and the kubernetes source are in place"
fi
[ -n "$tree" ] || die "apt-get source kubernetes left no source tree in $SRC_ROOT"
echo "source tree: $tree"

step "3/5 patch vendored reflect2 1.0.1 -> Debian's 1.0.2 (Go 1.19 SIGSEGV fix)"
r2=$(dpkg -L golang-github-modern-go-reflect2-dev | grep -m1 '/github.com/modern-go/reflect2$')
[ -d "$r2" ] || die "golang-github-modern-go-reflect2-dev does not list its source folder"
rm -rf "$tree/vendor/github.com/modern-go/reflect2"
mkdir -p "$tree/vendor/github.com/modern-go/reflect2"
find "$r2" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) ! -name '*_test.go' \
  -exec cp {} "$tree/vendor/github.com/modern-go/reflect2/" \;
sed -i 's#github.com/modern-go/reflect2 v1.0.1#github.com/modern-go/reflect2 v1.0.2#' "$tree/go.mod" "$tree/vendor/modules.txt"
sed -i '/github.com\/modern-go\/reflect2 v1.0.1/d' "$tree/go.sum" 2>/dev/null || true

step "4/5 build kube-apiserver and kube-controller-manager (about 5 minutes on 2 cores)"
mkdir -p "$tree/.go/src/k8s.io"
[ -e "$tree/.go/src/k8s.io/kubernetes" ] || ln -s ../../.. "$tree/.go/src/k8s.io/kubernetes"
(
  cd "$tree"
  export GOPATH="$tree/.go" CGO_ENABLED=0 GOFLAGS=-mod=vendor GO111MODULE=on
  export KUBE_GIT_VERSION="v$K8S_VERSION" KUBE_GIT_TREE_STATE=clean
  make WHAT="cmd/kube-apiserver cmd/kube-controller-manager" 2>&1 | sed 's/^/    /'
)
out=$(find "$tree/_output" -type f -name kube-apiserver -path '*/bin/*' | head -n1)
[ -n "$out" ] || die "build finished without producing kube-apiserver under $tree/_output"
cp "$(dirname "$out")/kube-apiserver" "$(dirname "$out")/kube-controller-manager" "$BIN_DIR/"

step "5/5 check"
"$BIN_DIR/kube-apiserver" --version
etcd --version | head -n1
echo "gantry control plane installed: $BIN_DIR"
