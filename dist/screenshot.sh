#!/usr/bin/env bash
# Screenshot of the real window under Xvfb, for the README: a fresh data folder (so the sample
# inbox fills on first run), an article opened in the reader, then `import -window root`.
# Needs: xvfb, xdotool, imagemagick (apt-get install -y xvfb xdotool imagemagick).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist/screenshot.png}"
cargo build --release --quiet
data="$(mktemp -d)"
display=":97"
Xvfb "$display" -screen 0 1400x860x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$data"' EXIT
sleep 1
DISPLAY="$display" ./target/release/rasd --data-dir "$data" >/dev/null 2>&1 &
app=$!
sleep 5
# Close the welcome, then open the first Arabic article of the list.
DISPLAY="$display" xdotool search --name "Rasd" windowmove 0 0 >/dev/null 2>&1 || true
window="$(DISPLAY="$display" xdotool search --name "Rasd" | head -1)"
DISPLAY="$display" xdotool windowfocus "$window" key --window "$window" Escape
sleep 0.5
DISPLAY="$display" xdotool mousemove 800 432 click 1
sleep 1.5
DISPLAY="$display" import -window root -crop 1280x800+0+0 "$out"
echo "wrote $out"
