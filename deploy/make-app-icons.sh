#!/usr/bin/env bash
# Renders the desk's app icons (the web app manifest's PNGs and the iPhone's home-screen icon)
# from their SVG drawings with headless Chromium, so the PNGs checked in beside them are
# always these drawings. Run it after changing an SVG in Services/Gateway/Library/Resources/
# assets/icons/ and commit the PNGs. Needs Debian's chromium (MIZ_CHROMIUM names another).
set -euo pipefail
cd "$(dirname "$0")/.."
icons="Services/Gateway/Library/Resources/assets/icons"
chromium="${MIZ_CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

# render SVG SIZE PNG: the drawing scaled to SIZE×SIZE pixels, transparent where it is.
render() {
    "$chromium" --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$profile" --default-background-color=00000000 \
        --window-size="$2,$2" --screenshot="$icons/$3" "file://$PWD/$icons/$1" >/dev/null 2>&1
    echo "miz: $icons/$3 (${2}×${2}) from $1"
}

render app-icon.svg 192 icon-192.png
render app-icon.svg 512 icon-512.png
# Android crops maskable icons to its own shape: full bleed, the mark inside the safe circle.
render app-icon-maskable.svg 512 icon-maskable-512.png
# iOS fills transparency with black and rounds the corners itself: the full-bleed drawing.
render app-icon-maskable.svg 180 apple-touch-icon.png
