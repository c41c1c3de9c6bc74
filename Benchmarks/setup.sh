#!/usr/bin/env bash
# Installs what the benchmarks compare against: ffmpeg (analyze), librosa (listen), OR-Tools (schedule).
set -euo pipefail
if ! command -v ffmpeg >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg >/dev/null
fi
command -v taskset >/dev/null || { apt-get update -qq && apt-get install -y -qq util-linux >/dev/null; }
python3 -c "import librosa, soundfile, ortools" 2>/dev/null || python3 -m pip install -q librosa soundfile numpy ortools
echo "benchmark tools ready"
