#!/usr/bin/env bash
# An S3-compatible bucket (AWS S3, MinIO, Ceph, Cloudflare R2, a provider's object storage): builds
# the site for its public address and uploads it with the AWS CLI (`aws`), deleting what the new
# build no longer has. Copy it beside site.toml and run it there:
#
#   BUCKET=my-bucket PREFIX=chuyen-doi-so SITE_URL=https://my-bucket.s3-website.example.com/chuyen-doi-so/ \
#   ENDPOINT=https://s3.example.com bash s3-upload.sh
#
# BUCKET    the bucket's name
# PREFIX    the folder inside the bucket (empty for its root)
# SITE_URL  the address readers open: the bucket's website address (or the CDN/domain in front of
#           it) with PREFIX as its path
# ENDPOINT  the provider's S3 endpoint (leave empty for AWS)
# Credentials: the AWS CLI's usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or `aws configure`).
#
# The bucket serves a folder's index.html only as a static website (AWS: "Static website hosting",
# index document index.html, error document <PREFIX>/404.html; other providers have the same
# setting); through a plain S3 address /xep-hang/ would not find /xep-hang/index.html.
set -euo pipefail

: "${BUCKET:?set BUCKET to the name of the bucket}"
: "${SITE_URL:?set SITE_URL to the address readers open, e.g. https://example.com/chuyen-doi-so/}"
PREFIX=${PREFIX:-}
ENDPOINT=${ENDPOINT:-}
MINHBACH=${MINHBACH:-minhbach}

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$MINHBACH" build --base-url "${SITE_URL%/}/" --output-dir "$out/site"

dest="s3://$BUCKET/${PREFIX:+${PREFIX%/}/}"
endpoint=()
if [[ -n "$ENDPOINT" ]]; then endpoint=(--endpoint-url "$ENDPOINT"); fi

# Everything but the marker file of the build; content types from the file names.
aws "${endpoint[@]}" s3 sync "$out/site/" "$dest" --delete --exclude ".minhbach-output"
# Text files with their character set, so Vietnamese shows right when opened directly.
aws "${endpoint[@]}" s3 cp "$out/site/" "$dest" --recursive --exclude "*" --include "*.csv" \
    --content-type "text/csv; charset=utf-8" --metadata-directive REPLACE
aws "${endpoint[@]}" s3 cp "$out/site/SHA256SUMS" "${dest}SHA256SUMS" \
    --content-type "text/plain; charset=utf-8" --metadata-directive REPLACE
echo "published to $dest: open ${SITE_URL%/}/"
