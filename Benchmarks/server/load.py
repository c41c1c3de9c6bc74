#!/usr/bin/env python3
"""The studio server under load: wrk with 64 connections against the song page and the comments
API, on SQLite and on PostgreSQL, and a PostgreSQL restart in the middle of the load.

Usage: Benchmarks/server/load.py [--producer .build/release/producer] [--seconds 60]
           [--connections 64] [--postgres URL] [--restart-cluster "15 main"]

For each database it makes a project from Examples/album.yaml, starts `producer serve` on it (one
worker in process), signs up, uploads a 30 s mix and waits for its analysis, then runs wrk for
--seconds: half the requests read the song page (the player, versions, comments), half post a
comment through the API. It prints requests per second, the latency percentiles wrk measured,
and every error. With --restart-cluster it restarts PostgreSQL (pg_ctlcluster) a third of the way
in, then checks that every comment the server acknowledged (201 with its id) is in the database,
and that the server answers again without being restarted.

Target (issue 17): p99 under 50 ms and no errors, on both databases.
"""
import argparse, json, math, os, re, shutil, signal, socket, struct, subprocess, sys, tempfile, threading, time
import urllib.request, urllib.error, wave

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

LUA = r"""
local n = 0
acked = {}  -- global: done() reads each thread's list with thread:get
local song_page, comments, body, auth = nil, nil, nil, nil
function init(args)
  song_page, comments, body, auth = args[1], args[2], args[3], args[4]
end
function request()
  n = n + 1
  if n % 2 == 0 then
    return wrk.format("POST", comments, {["Authorization"] = auth, ["Content-Type"] = "application/json"}, body)
  end
  return wrk.format("GET", song_page, {["Authorization"] = auth})
end
function response(status, headers, body)
  if status == 201 then
    local id = string.match(body, '"id":"([a-z2-7]+)"')
    if id then acked[#acked + 1] = id end
  end
end
local threads = {}
function setup(thread) threads[#threads + 1] = thread end
function done(summary, latency, requests)
  local out = io.open(os.getenv("ACKED_FILE"), "w")
  for _, t in ipairs(threads) do
    local list = t:get("acked")
    for _, id in ipairs(list) do out:write(id, "\n") end
  end
  out:close()
  io.write(string.format("LATENCY p50=%.3f p90=%.3f p99=%.3f max=%.3f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("COUNTS requests=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end
"""


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def call(base, method, path, body=None, token=None, raw=None, content_type="application/json"):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", content_type)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read()
        return json.loads(text) if text else None


def write_mix(path, seconds=30, rate=44100):
    with wave.open(path, "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        frames = bytearray()
        for i in range(seconds * rate):
            beat = (i % (rate // 2)) < 400
            value = int(12000 * math.sin(2 * math.pi * 220 * i / rate) + (8000 if beat else 0))
            frames += struct.pack("<hh", value, value)
        out.writeframes(bytes(frames))


def run(label, producer, workdir, database, seconds, connections, restart):
    folder = os.path.join(workdir, label)
    place = ["--database", database] if database else ["--project", folder]
    init = [producer, "project", "init", "Night Trains", "--deadline", "2027-03-26", "--time-zone", "Europe/Berlin",
            "--path", folder] + (["--database", database] if database else [])
    for command in (init, [producer, "project", "import", os.path.join(ROOT, "Examples/album.yaml")] + place):
        made = subprocess.run(command, capture_output=True, text=True)
        if made.returncode != 0:
            sys.exit(f"{label}: {' '.join(command[1:3])} failed: {made.stderr}")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([producer, "serve", "--port", str(port), "--workers", "1", "--files", folder] + place,
                              stdout=subprocess.DEVNULL, stderr=open(os.path.join(workdir, label + ".log"), "w"))
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/health", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        call(base, "POST", "/api/accounts", {"name": "Bench Mark", "email": "bench@example.com", "password": "a long password"})
        token = call(base, "POST", "/api/session", {"email": "bench@example.com", "password": "a long password"})["token"]
        project = call(base, "GET", "/api/projects", token=token)[0]["id"]
        song = call(base, "GET", f"/api/projects/{project}/songs", token=token)[0]["id"]
        mix = os.path.join(workdir, "mix.wav")
        if not os.path.exists(mix):
            write_mix(mix)
        with open(mix, "rb") as f:
            version = call(base, "POST", f"/api/projects/{project}/songs/{song}/versions?kind=mix&name=mix.wav",
                           raw=f.read(), token=token, content_type="audio/wav")["id"]
        for _ in range(600):
            state = call(base, "GET", f"/api/projects/{project}/versions/{version}", token=token)["analysisState"]
            if state in ("done", "failed"):
                break
            time.sleep(0.1)
        for i in range(20):
            call(base, "POST", f"/api/projects/{project}/songs/{song}/comments",
                 {"version": version, "start": f"0:{i:02d}", "body": f"warm-up {i}"}, token=token)
        lua = os.path.join(workdir, "load.lua")
        with open(lua, "w") as f:
            f.write(LUA)
        acked_file = os.path.join(workdir, label + ".acked")
        body = json.dumps({"version": version, "start": "0:12", "body": "under load"})
        env = dict(os.environ, ACKED_FILE=acked_file)
        wrk = subprocess.Popen(
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", lua, base,
             "--", f"/projects/{project}/songs/{song}?version={version}", f"/api/projects/{project}/songs/{song}/comments",
             body, "Bearer " + token],
            stdout=subprocess.PIPE, text=True, env=env)
        if restart:
            time.sleep(seconds / 3)
            started = time.time()
            subprocess.run(["pg_ctlcluster"] + restart.split() + ["restart"], check=True)
            print(f"{label}: PostgreSQL restarted in {time.time() - started:.1f} s, {seconds / 3:.0f} s into the load")
        out, _ = wrk.communicate()
        figures = dict(re.findall(r"(\w+)=([\d.]+)", out))
        rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
        acked = [line.strip() for line in open(acked_file) if line.strip()]
        stored = set()
        while True:
            listed = call(base, "GET", f"/api/projects/{project}/songs/{song}/comments?limit=1000&offset={len(stored)}",
                          token=token)
            stored |= {c["id"] for c in listed}
            if len(listed) < 1000:
                break
        lost = [i for i in acked if i not in stored]
        after = call(base, "POST", f"/api/projects/{project}/songs/{song}/comments",
                     {"version": version, "start": "0:01", "body": "after the load"}, token=token)
        errors = sum(int(figures.get(k, 0)) for k in ("non2xx", "connect", "read", "write", "timeout"))
        print(f"{label}: {rps.group(1) if rps else '?'} requests/s over {seconds} s, {connections} connections; "
              f"latency p50 {figures.get('p50')} ms, p90 {figures.get('p90')} ms, p99 {figures.get('p99')} ms, "
              f"max {figures.get('max')} ms; errors {errors} ({out.strip().splitlines()[-1]}); "
              f"{len(acked)} comments acknowledged, {len(lost)} lost; after the load: {'answers' if after else 'no answer'}")
        return {"label": label, "p99": float(figures.get("p99", "inf")), "errors": errors, "lost": len(lost),
                "acked": len(acked), "restart": bool(restart)}
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--producer", default=os.path.join(ROOT, ".build/release/producer"))
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--postgres", default=os.environ.get("PRODUCER_TEST_POSTGRES_URL"))
    parser.add_argument("--restart-cluster", default="15 main")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")
    workdir = tempfile.mkdtemp(prefix="producer-load-")
    results = [run("SQLite", args.producer, workdir, None, args.seconds, args.connections, None)]
    if args.postgres:
        schema = "load_" + str(os.getpid())
        url = args.postgres + ("&" if "?" in args.postgres else "?") + "schema=" + schema
        results.append(run("PostgreSQL", args.producer, workdir, url, args.seconds, args.connections, None))
        url2 = args.postgres + ("&" if "?" in args.postgres else "?") + "schema=" + schema + "_restart"
        results.append(run("PostgreSQL with a restart", args.producer, workdir, url2, args.seconds, args.connections,
                           args.restart_cluster))
    if args.postgres and shutil.which("psql"):
        # The load's schemas are its own; drop them so runs do not pile up.
        for name in (schema, schema + "_restart"):
            subprocess.run(["psql", args.postgres, "-qc", f'DROP SCHEMA IF EXISTS "{name}" CASCADE'],
                           capture_output=True)
    failed = False
    for r in results:
        target = r["lost"] == 0 if r["restart"] else (r["p99"] < 50 and r["errors"] == 0)
        failed |= not target
        print(f"{r['label']}: {'meets' if target else 'misses'} the target")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
