"""Masters TARGET to REFERENCE with Matchering, for `producer-bench master-vs-matchering`.

usage: python3 matchering_master.py TARGET.wav REFERENCE.wav OUT.wav
Writes OUT.wav (24-bit PCM, Matchering's limiter on) and prints the seconds it took.
"""
import sys
import time

import matchering as mg

target, reference, out = sys.argv[1:4]
mg.log(warning_handler=None, info_handler=None, debug_handler=None)
start = time.perf_counter()
mg.process(target=target, reference=reference, results=[mg.pcm24(out)])
print(f"{time.perf_counter() - start:.3f}")
