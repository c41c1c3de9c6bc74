"""librosa's pYIN on a take, timed, and scored against a ground-truth f0 track.

Usage: python3 pyin_reference.py TAKE.wav TRUTH.csv FMIN FMAX
TRUTH.csv: one line per 10 ms frame, "time,f0" (f0 0 when unvoiced).
Prints one JSON object: seconds, realTime, and accuracy figures (mir_eval-style, 50 cents).
"""
import json
import sys
import time

import numpy as np
import soundfile as sf
import librosa

path, truth_path, fmin, fmax = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
y, sr = sf.read(path, dtype="float32")
if y.ndim > 1:
    y = y.mean(axis=1)
hop = int(round(sr * 0.01))
start = time.perf_counter()
f0, voiced, prob = librosa.pyin(y, fmin=fmin, fmax=fmax, sr=sr, frame_length=2048, hop_length=hop, center=True)
seconds = time.perf_counter() - start

truth = np.loadtxt(truth_path, delimiter=",")
ref = truth[:, 1]
n = min(len(ref), len(f0))
ref, est, v = ref[:n], np.nan_to_num(f0[:n]), voiced[:n]
est = np.where(v, est, 0.0)
# Frames within 20 ms of a voicing change in the truth are left out of the voicing figures.
edge = np.zeros(n, dtype=bool)
changes = np.nonzero(np.diff((ref > 0).astype(int)))[0]
for c in changes:
    edge[max(0, c - 1):min(n, c + 3)] = True
ref_v = ref > 0
est_v = est > 0
cents = np.where(ref_v & est_v, 1200 * np.log2(np.maximum(est, 1e-9) / np.maximum(ref, 1e-9)), np.inf)
rpa = float(np.mean(np.abs(cents[ref_v]) <= 50)) if ref_v.any() else 0.0
octave = float(np.mean(np.abs(np.abs(cents[ref_v & est_v]) - 1200) <= 50)) if (ref_v & est_v).any() else 0.0
keep = ~edge
recall = float(np.sum(ref_v & est_v & keep) / max(1, np.sum(ref_v & keep)))
precision = float(np.sum(ref_v & est_v & keep) / max(1, np.sum(est_v & keep)))
print(json.dumps({"seconds": seconds, "realTime": len(y) / sr / seconds, "rawPitchAccuracy": rpa,
                  "octaveErrors": octave, "voicingRecall": recall, "voicingPrecision": precision}))
