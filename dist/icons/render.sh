#!/bin/sh
# Render the SVG icon (hicolor/scalable/apps/org.rasd.Rasd.svg) to the hicolor PNG sizes and the Windows .ico (needs rsvg-convert from
# librsvg2-bin and ImageMagick's convert). The results are committed; run again after editing
# the SVG.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
svg="$here/hicolor/scalable/apps/org.rasd.Rasd.svg"
for size in 16 24 32 48 64 128 256 512; do
    dir="$here/hicolor/${size}x${size}/apps"
    mkdir -p "$dir"
    rsvg-convert -w "$size" -h "$size" "$svg" -o "$dir/org.rasd.Rasd.png"
done
convert "$here/hicolor/16x16/apps/org.rasd.Rasd.png" "$here/hicolor/24x24/apps/org.rasd.Rasd.png" \
    "$here/hicolor/32x32/apps/org.rasd.Rasd.png" "$here/hicolor/48x48/apps/org.rasd.Rasd.png" \
    "$here/hicolor/64x64/apps/org.rasd.Rasd.png" "$here/hicolor/256x256/apps/org.rasd.Rasd.png" \
    "$here/rasd.ico"
