#!/usr/bin/env bash
# The self-contained Linux release: one statically linked x86_64 binary (glibc linked in,
# `-C target-feature=+crt-static`), checked to run with nothing else installed, packed with the
# README and the licences into dist/minhbach-<version>-x86_64-linux.tar.gz with SHA256SUMS, and,
# when cargo-deb is installed (`cargo install cargo-deb`), the same binary as a .deb.
#
#   bash release/build.sh            build, check, pack (and the .deb when cargo-deb is there)
#   bash release/build.sh --no-deb   without the .deb
#
# The checks: `ldd` finds no shared library; the binary, copied with a copy of the default site
# into a temporary folder outside the repository, builds the site under `env -i` (no PATH, no
# HOME, no LANG) and serves it on 127.0.0.1. Output goes to dist/ (CARGO_TARGET_DIR is honoured).
# Run by hand or by .github/workflows/release.yml, not by .ci/run: a release build takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

deb=1
for arg in "$@"; do
    case "$arg" in
        --no-deb) deb=0 ;;
        *) echo "usage: bash release/build.sh [--no-deb]" >&2; exit 2 ;;
    esac
done

target=x86_64-unknown-linux-gnu
target_dir=${CARGO_TARGET_DIR:-target}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
name="minhbach-$version-x86_64-linux"
dist=dist
bin="$target_dir/$target/release/minhbach"
log=$(mktemp)
work=$(mktemp -d)
serve_pid=
cleanup() {
    if [[ -n "$serve_pid" ]]; then kill "$serve_pid" 2>/dev/null || true; fi
    rm -rf "$work" "$log"
}
trap cleanup EXIT

echo "== static release build ($target, +crt-static)"
start=$(date +%s)
# -W linker-messages shows what the linker says about glibc functions that still need shared
# libraries at run time in a static binary (getaddrinfo, getpwnam, dlopen …).
RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static -W linker-messages" \
    cargo build --release --locked --target "$target" 2>&1 | tee "$log"
echo "built in $(($(date +%s) - start)) s: $(du -h "$bin" | cut -f1) ($bin)"

echo "== what the linker said about glibc in a static binary"
if grep -i "statically linked applications requires" "$log"; then
    echo "(each function above loads shared libraries at run time; see README.md, Install)"
else
    echo "nothing: no glibc function that needs shared libraries at run time is linked"
fi

echo "== ldd"
ldd_out=$(ldd "$bin" 2>&1 || true)
echo "$ldd_out"
if ! grep -q -e "not a dynamic executable" -e "statically linked" <<<"$ldd_out"; then
    echo "error: $bin is linked dynamically" >&2
    exit 1
fi

echo "== the default site, built by the binary alone under env -i, outside the repository"
mkdir -p "$work/bin" "$work/site"
cp "$bin" "$work/bin/minhbach"
cp -R site.toml data content "$work/site/"
if [[ -d static ]]; then cp -R static "$work/site/"; fi
# No themes/ copied: the theme built into the binary renders the site.
(cd "$work/site" && env -i ../bin/minhbach build)
test -s "$work/site/public/index.html"
test -s "$work/site/public/en/index.html"
(cd "$work/site" && env -i ../bin/minhbach help format units | grep -q "successor")

echo "== serve on 127.0.0.1 under env -i"
(cd "$work/site" && exec env -i ../bin/minhbach serve --port 0 --output-dir "$work/served") >"$work/serve.log" 2>&1 &
serve_pid=$!
url=
for _ in $(seq 1 100); do
    url=$(sed -n 's/^serving \(http[^ ]*\).*/\1/p' "$work/serve.log")
    if [[ -n "$url" ]]; then break; fi
    sleep 0.2
done
cat "$work/serve.log"
if [[ -z "$url" ]]; then
    echo "error: serve did not start" >&2
    exit 1
fi
if command -v curl >/dev/null; then
    curl -fsS "$url" | grep -q "<html" && echo "GET $url: a page"
    curl -fsS "${url}en/" | grep -q "<html" && echo "GET ${url}en/: a page"
fi
kill "$serve_pid"
wait "$serve_pid" 2>/dev/null || true
serve_pid=

echo "== $dist/$name.tar.gz"
rm -rf "${dist:?}/$name" "$dist/$name.tar.gz"
mkdir -p "$dist/$name"
cp "$bin" "$dist/$name/minhbach"
# The line tables (profile.release debug) are for backtraces of a local build; the release drops them.
strip "$dist/$name/minhbach" 2>/dev/null || true
cp README.md LICENSE-MIT LICENSE-APACHE "$dist/$name/"
(cd "$dist/$name" && sha256sum minhbach README.md LICENSE-MIT LICENSE-APACHE >SHA256SUMS)
# The same bytes from the same binary: sorted names, no owner, the commit's date.
mtime=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$mtime" -C "$dist" -czf "$dist/$name.tar.gz" "$name"
(cd "$dist" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "binary $(du -h "$dist/$name/minhbach" | cut -f1) stripped, tarball $(du -h "$dist/$name.tar.gz" | cut -f1)"

if [[ "$deb" == 1 ]]; then
    echo "== .deb (cargo-deb, the static binary)"
    if cargo deb --version >/dev/null 2>&1; then
        cargo deb --no-build --strip --target "$target" --output "$dist/"
        (cd "$dist" && for f in *.deb; do sha256sum "$f" >"$f.sha256"; done)
        for f in "$dist"/*.deb; do dpkg-deb -I "$f" && dpkg-deb -c "$f"; done
    else
        echo "cargo-deb is not installed (cargo install cargo-deb): no .deb"
    fi
fi
ls -l "$dist"
