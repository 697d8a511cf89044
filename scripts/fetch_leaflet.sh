#!/usr/bin/env bash
# Vendor Leaflet 1.9.4 into static/leaflet/.
#
# Why: the app must make no request to any host but its own server, and
# folium's defaults load Leaflet from public CDNs. So we ship the exact files
# ourselves. We take them from Leaflet's official npm release (the only
# outside source this project uses for it), via `npm pack`, which downloads
# the published tarball without installing anything or running scripts.
#
# Usage: bash scripts/fetch_leaflet.sh   (from anywhere; paths are repo-relative)
set -euo pipefail

LEAFLET_VERSION="1.9.4"

# Resolve the repo root from this script's location so the script works from any cwd.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${REPO_ROOT}/static/leaflet"

# Work in a throwaway directory; remove it however the script exits.
TMP="$(mktemp -d)"
trap 'rm -rf "${TMP}"' EXIT

cd "${TMP}"
# npm pack prints the tarball file name on its last stdout line.
TARBALL="$(npm pack "leaflet@${LEAFLET_VERSION}" --silent | tail -n 1)"
tar -xzf "${TARBALL}"   # extracts into ./package/

# Sanity check: make sure we really got the version we asked for.
GOT_VERSION="$(node -p "require('./package/package.json').version")"
if [[ "${GOT_VERSION}" != "${LEAFLET_VERSION}" ]]; then
    echo "expected leaflet ${LEAFLET_VERSION}, got ${GOT_VERSION}" >&2
    exit 1
fi

# Copy only what the browser needs plus the licence (BSD-2-Clause requires
# keeping the copyright notice with redistributed copies). Overwrite existing files.
mkdir -p "${DEST}/images"
cp -f package/dist/leaflet.js package/dist/leaflet.css "${DEST}/"
cp -f package/dist/images/* "${DEST}/images/"
cp -f package/LICENSE "${DEST}/LICENSE"

echo "Leaflet ${LEAFLET_VERSION} copied to ${DEST}:"
( cd "${DEST}" && sha256sum leaflet.js leaflet.css )
