import Foundation
import ProducerTestSupport

/// The browser check of the report: a Python script (standard library only) that drives headless
/// Chromium over the DevTools protocol on a pipe (`--remote-debugging-pipe`), loads each page,
/// gathers every console message, uncaught exception, error logged and failed load, measures each
/// `svg[data-plot]` (its marks and how many are drawn with real coordinates), takes a 1280-pixel
/// wide screenshot, and has Chromium decode the PNG again to count the pixels that are not white.
/// Arguments: chromium's path, the folder for the screenshots, the pages. Prints one JSON array.
enum BrowserCheck {
    /// Debian's chromium, if installed.
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    struct Page: Decodable {
        var page: String
        var title: String
        var problems: [String]
        var plots: [Plot]
        var text: String
        var links: [String]
        var audio: [String]
        var screenshot: String
        var screenshotBytes: Int
        var image: Image
    }

    struct Plot: Decodable {
        var kind: String
        var title: String
        var marks: Int
        var drawn: Int
        var width: Double
        var height: Double
    }

    struct Image: Decodable {
        var width: Int
        var height: Int
        /// Share of sampled pixels that are not (near) white, and distinct colours (4 bits a channel).
        var ink: Double
        var colours: Int
    }

    /// Loads `pages` in headless Chromium and reports on each.
    static func run(_ pages: [String], screenshots: String) throws -> [Page] {
        guard let chromium else { return [] }
        return try Python.json(script, arguments: [chromium, screenshots] + pages, as: [Page].self)
    }

    static let script = #"""
        import base64, json, os, select, subprocess, sys, time

        chromium, shots, pages = sys.argv[1], sys.argv[2], sys.argv[3:]
        cmd_r, cmd_w = os.pipe()
        out_r, out_w = os.pipe()


        def child():
            # Chromium reads the protocol from fd 3 and writes to fd 4.
            a, b = os.dup(cmd_r), os.dup(out_w)
            os.dup2(a, 3)
            os.dup2(b, 4)


        proc = subprocess.Popen(
            [chromium, "--headless", "--disable-gpu", "--no-sandbox", "--remote-debugging-pipe", "--no-first-run",
             "--hide-scrollbars", "--allow-file-access-from-files", "about:blank"],
            preexec_fn=child, close_fds=False, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(cmd_r)
        os.close(out_w)
        buffer = b""
        events = []
        next_id = 0


        def send(method, params=None, session=None, timeout=60):
            global next_id, buffer
            next_id += 1
            message = {"id": next_id, "method": method, "params": params or {}}
            if session:
                message["sessionId"] = session
            os.write(cmd_w, json.dumps(message).encode() + b"\0")
            deadline = time.time() + timeout
            while True:
                while b"\0" in buffer:
                    raw, buffer = buffer.split(b"\0", 1)
                    reply = json.loads(raw)
                    if reply.get("id") == next_id:
                        if "error" in reply:
                            raise RuntimeError(f"{method}: {reply['error']}")
                        return reply.get("result", {})
                    events.append(reply)
                left = deadline - time.time()
                if left <= 0 or not select.select([out_r], [], [], left)[0]:
                    raise RuntimeError(f"{method}: no answer from chromium in {timeout} s")
                chunk = os.read(out_r, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the pipe")
                buffer += chunk


        def wait_for(method, session, timeout=60):
            global buffer
            deadline = time.time() + timeout
            while True:
                for i, e in enumerate(events):
                    if e.get("method") == method and e.get("sessionId") == session:
                        return events.pop(i)
                while b"\0" in buffer:
                    raw, buffer = buffer.split(b"\0", 1)
                    events.append(json.loads(raw))
                    continue
                if any(e.get("method") == method and e.get("sessionId") == session for e in events):
                    continue
                left = deadline - time.time()
                if left <= 0 or not select.select([out_r], [], [], left)[0]:
                    raise RuntimeError(f"{method} did not come in {timeout} s")
                buffer += os.read(out_r, 1 << 20)


        PLOTS = r"""(() => {
          const plots = [];
          for (const svg of document.querySelectorAll('svg[data-plot]')) {
            const marks = [...svg.querySelectorAll('path, polyline, rect, circle')];
            let drawn = 0;
            for (const m of marks) {
              const b = m.getBBox();
              if ([b.x, b.y, b.width, b.height].every(Number.isFinite) && (b.width > 0 || b.height > 0)) drawn++;
            }
            const box = svg.getBoundingClientRect();
            const title = svg.querySelector(':scope > title');
            plots.push({kind: svg.dataset.plot, title: title ? title.textContent : '', marks: marks.length, drawn,
              width: box.width, height: box.height});
          }
          return JSON.stringify({title: document.title, plots, text: document.body.innerText,
            links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
            audio: [...document.querySelectorAll('audio[src]')].map(a => a.getAttribute('src'))});
        })()"""

        INK = r"""(async (data) => {
          const img = new Image();
          img.src = 'data:image/png;base64,' + data;
          await img.decode();
          const c = document.createElement('canvas');
          c.width = img.width; c.height = img.height;
          const g = c.getContext('2d');
          g.drawImage(img, 0, 0);
          const d = g.getImageData(0, 0, c.width, c.height).data;
          let ink = 0; const colours = new Set();
          for (let i = 0; i < d.length; i += 16) {
            if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) ink++;
            colours.add((d[i] >> 4) << 8 | (d[i + 1] >> 4) << 4 | (d[i + 2] >> 4));
          }
          return JSON.stringify({width: img.width, height: img.height, ink: ink / (d.length / 16), colours: colours.size});
        })"""

        results = []
        try:
            target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ["Page", "Runtime", "Log", "Network"]:
                send(domain + ".enable", session=session)
            send("Emulation.setDeviceMetricsOverride",
                 {"width": 1280, "height": 2400, "deviceScaleFactor": 1, "mobile": False}, session=session)
            for page in pages:
                events.clear()
                send("Page.navigate", {"url": "file://" + os.path.abspath(page)}, session=session)
                wait_for("Page.loadEventFired", session)
                time.sleep(0.3)
                problems = []
                info = json.loads(send("Runtime.evaluate", {"expression": PLOTS, "returnByValue": True},
                                       session=session)["result"]["value"])
                shot = send("Page.captureScreenshot", {"format": "png"}, session=session)["data"]
                for e in events:
                    m, p = e.get("method"), e.get("params", {})
                    if m == "Runtime.consoleAPICalled":
                        problems.append("console." + p.get("type", "?") + ": " +
                                        " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
                    elif m == "Runtime.exceptionThrown":
                        problems.append("exception: " + json.dumps(p.get("exceptionDetails", {}))[:400])
                    elif m == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
                        problems.append("log: " + p["entry"].get("text", "") + " " + p["entry"].get("url", ""))
                    elif m == "Network.loadingFailed" and p.get("type") not in ("Media",):
                        problems.append("failed to load: " + p.get("errorText", "") + " " + str(p.get("type")))
                name = os.path.splitext(os.path.basename(page))[0] + ".png"
                path = os.path.join(shots, name)
                with open(path, "wb") as f:
                    f.write(base64.b64decode(shot))
                ink = json.loads(send("Runtime.evaluate", {"expression": INK + "(" + json.dumps(shot) + ")",
                                                           "awaitPromise": True, "returnByValue": True},
                                      session=session)["result"]["value"])
                info.update(page=page, problems=problems, screenshot=path, screenshotBytes=os.path.getsize(path), image=ink)
                results.append(info)
            try:
                send("Browser.close", timeout=10)
            except Exception:
                pass
        finally:
            try:
                proc.wait(timeout=10)
            except Exception:
                proc.kill()
        print(json.dumps(results))
        """#
}
