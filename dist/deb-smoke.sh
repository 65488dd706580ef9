#!/usr/bin/env bash
# Build the .deb, install it, and check what a desktop user gets: `rasd` on the PATH, the menu
# entry and icons in place, the entry starting the window (under Xvfb), and a file opened with
# Rasd imported into the inbox. Needs root (dpkg -i), cargo-deb (cargo install cargo-deb), and
# xvfb, xdotool and gtk-launch (libgtk-3-bin) or dex.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo deb
deb="$(ls -t target/debian/rasd_*.deb | head -1)"
dpkg -i "$deb"
command -v rasd
test -f /usr/share/applications/org.rasd.Rasd.desktop
test -f /usr/share/icons/hicolor/256x256/apps/org.rasd.Rasd.png
test -f /usr/share/icons/hicolor/scalable/apps/org.rasd.Rasd.svg
test -f /usr/share/metainfo/org.rasd.Rasd.metainfo.xml
gtk-update-icon-cache -q /usr/share/icons/hicolor 2>/dev/null || true
update-desktop-database -q /usr/share/applications 2>/dev/null || true

home="$(mktemp -d)"
display=":96"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'pkill -f "^rasd" 2>/dev/null || true; kill $xvfb 2>/dev/null || true; rm -rf "$home"' EXIT
sleep 1
article="$home/مقال من البريد.txt"
printf 'ميليشيا حفتر تقصف طرابلس\n\nطرابلس - 5 أبريل 2020\n\nقصفت ميليشيا حفتر أحياء في جنوب العاصمة.\n' > "$article"
# Start the menu entry with a file, as a file manager's "Open with Rasd" does.
if command -v gtk-launch >/dev/null; then
    HOME="$home" XDG_DATA_HOME="$home/data" DISPLAY="$display" gtk-launch org.rasd.Rasd "$article" &
else
    HOME="$home" XDG_DATA_HOME="$home/data" DISPLAY="$display" dex /usr/share/applications/org.rasd.Rasd.desktop "$article" &
fi
for _ in $(seq 1 30); do
    if DISPLAY="$display" xdotool search --name "Rasd" >/dev/null 2>&1; then break; fi
    sleep 0.5
done
window="$(DISPLAY="$display" xdotool search --name "Rasd" | head -1)"
echo "window: $(DISPLAY="$display" xdotool getwindowname "$window")"
sleep 3
copied="$(find "$home/data" -name 'مقال من البريد*.txt' | head -1)"
test -n "$copied" || { echo "the opened file was not imported into the inbox"; exit 1; }
echo "imported: $copied"
DISPLAY="$display" import -window root "${1:-target/deb-smoke.png}"
echo "deb smoke test passed: $deb"
