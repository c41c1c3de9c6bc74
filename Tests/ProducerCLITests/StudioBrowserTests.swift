import Foundation
import ProducerAudio
import ProducerTestSupport
import Testing

/// The studio server as people use it, in a real headless Chromium driven by selenium (Debian's
/// chromium and chromium-driver): sign up, create a project, invite, upload a take and a mix,
/// comment at 1:23, the artist approves the mix, and the schedule.
@Suite(
    "studio server in a browser",
    .enabled(if: producerExecutable != nil, "the producer executable was not built"),
    .enabled(if: StudioBrowser.driver != nil, "chromium-driver is not installed (apt-get install chromium-driver)"),
    .enabled(if: Python.canImport("selenium"), "Python's selenium is not installed (pip install selenium)"))
struct StudioBrowserTests {
    @Test func theMainFlowsWorkInABrowser() async throws {
        // Given the album's plan, scheduled, served on a free port with a worker in process
        let folder = try await albumProject()
        let scheduled = try producerBinary(["schedule", "--from", "2027-03-01", "--project", folder])
        #expect(scheduled.status == 0, "\(scheduled.err)")
        let take = folder + "/take.wav"
        try StudioBrowser.writeClickTrack(seconds: 100, bpm: 120, to: take)
        let port = try StudioBrowser.freePort()
        let server = try StudioBrowser.serve(folder: folder, port: port)
        defer { server.terminate() }
        try StudioBrowser.waitForHealth(port: port)
        let shots = try temporaryDirectory()
        // When the flows run in Chromium
        let result = try Python.json(
            StudioBrowser.script,
            arguments: [
                StudioBrowser.chromium ?? "", StudioBrowser.driver ?? "", "http://127.0.0.1:\(port)", take, shots,
            ],
            as: StudioBrowser.Result.self)
        // Then each step saw what a person would
        for step in result.steps {
            #expect(step.ok, "\(step.name): \(step.detail)")
        }
        #expect(result.steps.map(\.name) == StudioBrowser.steps)
        #expect(result.consoleErrors.isEmpty, "\(result.consoleErrors)")
    }
}

enum StudioBrowser {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let driver: String? = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static let steps = [
        "sign up", "home project", "create a project", "invite", "accept", "upload a take", "upload a mix",
        "waveform", "comment at 1:23", "approve the mix", "send to mastering", "schedule",
    ]

    struct Step: Decodable {
        var name: String
        var ok: Bool
        var detail: String
    }

    struct Result: Decodable {
        var steps: [Step]
        var consoleErrors: [String]
    }

    /// A mono 16-bit click track: a short 1 kHz click on every beat.
    static func writeClickTrack(seconds: Int, bpm: Double, to path: String) throws {
        let rate = 44_100
        var samples = [Float](repeating: 0, count: seconds * rate)
        let period = 60 / bpm * Double(rate)
        var beat = 0.0
        while Int(beat) < samples.count {
            for i in 0..<min(441, samples.count - Int(beat)) {
                samples[Int(beat) + i] = 0.5 * sinf(2 * .pi * 1000 * Float(i) / Float(rate))
            }
            beat += period
        }
        let folder = (path as NSString).deletingLastPathComponent
        _ = try writeWAV(
            AudioBuffer(channels: [samples]), (path as NSString).lastPathComponent, in: folder, bits: 16,
            sampleRate: Double(rate))
    }

    static func freePort() throws -> Int {
        let text = try Python.run(
            "import socket\ns = socket.socket()\ns.bind(('127.0.0.1', 0))\nprint(s.getsockname()[1])\ns.close()")
        return try #require(Int(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    static func serve(folder: String, port: Int) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(producerExecutable))
        process.arguments = ["serve", "--project", folder, "--port", "\(port)", "--workers", "1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func waitForHealth(port: Int) throws {
        _ = try Python.run(
            """
            import sys, time, urllib.request
            for _ in range(300):
                try:
                    if urllib.request.urlopen('http://127.0.0.1:\(port)/health', timeout=1).status == 200: sys.exit(0)
                except Exception: time.sleep(0.1)
            sys.exit('the server did not answer /health in 30 s')
            """)
    }

    static let script = #"""
        import json, os, re, sys, time
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions
        from selenium.webdriver.support.ui import Select, WebDriverWait

        chromium, driver_path, base, take, shots = sys.argv[1:6]
        steps, console = [], []


        def browser():
            options = webdriver.ChromeOptions()
            options.binary_location = chromium
            for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"]:
                options.add_argument(flag)
            options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
            return webdriver.Chrome(service=Service(driver_path), options=options)


        def step(name, ok, detail=""):
            steps.append({"name": name, "ok": bool(ok), "detail": str(detail)[:400]})


        def submit(d, form):
            # Click the form's button and wait until the page it leads to has replaced this one.
            form.find_element(By.CSS_SELECTOR, "button[type=submit], button:not([type])").click()
            WebDriverWait(d, 30).until(expected_conditions.staleness_of(form))
            WebDriverWait(d, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


        def form_with(d, action_part):
            for form in d.find_elements(By.TAG_NAME, "form"):
                if action_part in (form.get_attribute("action") or ""):
                    return form
            raise RuntimeError("no form posting to " + action_part + " on " + d.current_url)


        def logs(d):
            for entry in d.get_log("browser"):
                if entry.get("level") == "SEVERE":
                    console.append(entry.get("message", ""))


        producer, artist = browser(), browser()
        try:
            # Sign up: the first account becomes the producer of the project the server was started on.
            producer.get(base + "/sign-up")
            producer.find_element(By.NAME, "name").send_keys("Mara Lind")
            producer.find_element(By.NAME, "email").send_keys("mara@example.com")
            producer.find_element(By.NAME, "password").send_keys("a long enough password")
            submit(producer, form_with(producer, "/sign-up"))
            step("sign up", "Sign out (Mara Lind)" in producer.page_source, producer.current_url)
            link = producer.find_element(By.PARTIAL_LINK_TEXT, "Night Trains")
            link.click()
            home = producer.current_url.rstrip("/")
            step("home project", "/projects/" in home and "Night Trains" in producer.page_source, home)

            # Create a project of one's own.
            producer.get(base + "/projects")
            form = form_with(producer, "/projects")
            form.find_element(By.NAME, "name").send_keys("B-sides")
            submit(producer, form)
            step("create a project", "B-sides" in producer.title or "B-sides" in producer.page_source, producer.current_url)

            # Invite the artist to the album, as the plan's Mara Lind? No: as the artist.
            producer.get(home + "/members")
            form = form_with(producer, "/invitations")
            form.find_element(By.NAME, "email").send_keys("ana@example.com")
            Select(form.find_element(By.NAME, "role")).select_by_visible_text("artist")
            submit(producer, form)
            match = re.search(r"(/invitations/[a-z2-7]{26})", producer.page_source)
            step("invite", match is not None, producer.current_url)

            # The artist signs up and accepts.
            artist.get(base + "/sign-up")
            artist.find_element(By.NAME, "name").send_keys("Ana Sol")
            artist.find_element(By.NAME, "email").send_keys("ana@example.com")
            artist.find_element(By.NAME, "password").send_keys("another long password")
            submit(artist, form_with(artist, "/sign-up"))
            artist.get(base + match.group(1))
            submit(artist, form_with(artist, "/accept"))
            artist.get(home)
            step("accept", artist.current_url.rstrip("/") == home and "Night Trains" in artist.page_source, artist.current_url)

            # The producer uploads a take and a mix of the first song.
            producer.get(home)
            song_link = [a for a in producer.find_elements(By.TAG_NAME, "a") if "/songs/" in (a.get_attribute("href") or "")][0]
            song = song_link.get_attribute("href").split("?")[0]
            for kind, name in [("take", "upload a take"), ("mix", "upload a mix")]:
                producer.get(song)
                form = form_with(producer, "/versions")
                Select(form.find_element(By.NAME, "kind")).select_by_visible_text(kind)
                form.find_element(By.NAME, "file").send_keys(take)
                submit(producer, form)
                step(name, (kind + " 1") in producer.page_source.lower(), producer.current_url)

            # The analysis (a worker in the server) draws the waveform.
            drawn = False
            for _ in range(120):
                producer.get(song)
                if producer.find_elements(By.CSS_SELECTOR, "svg.waveform path.wave[d^='M0 ']"):
                    drawn = True
                    break
                time.sleep(0.5)
            producer.save_screenshot(os.path.join(shots, "song.png"))
            step("waveform", drawn, "no waveform after 60 s")

            # A comment at 1:23 on the mix.
            form = [f for f in producer.find_elements(By.TAG_NAME, "form") if f.find_elements(By.NAME, "start")][0]
            form.find_element(By.NAME, "start").send_keys("1:23")
            form.find_element(By.NAME, "body").send_keys("The snare is late here")
            submit(producer, form)
            page = producer.page_source
            step("comment at 1:23", "The snare is late here" in page and "1:23.000" in page, producer.current_url)

            # The artist approves the mix; then the producer may send it to mastering.
            artist.get(song)
            mix_row = artist.find_element(By.XPATH, "//tr[.//a[normalize-space()='mix 1']]")
            submit(artist, [f for f in mix_row.find_elements(By.TAG_NAME, "form")
                            if "/approvals" in (f.get_attribute("action") or "")][0])
            step("approve the mix", "approved" in artist.page_source.lower(), artist.current_url)
            producer.get(song)
            mix_row = producer.find_element(By.XPATH, "//tr[.//a[normalize-space()='mix 1']]")
            submit(producer, [f for f in mix_row.find_elements(By.TAG_NAME, "form")
                              if "/mastering" in (f.get_attribute("action") or "")][0])
            step("send to mastering", "sent to mastering" in producer.page_source.lower(), producer.current_url)

            # The schedule as a calendar.
            producer.get(home + "/schedule")
            producer.save_screenshot(os.path.join(shots, "schedule.png"))
            cells = producer.find_elements(By.CSS_SELECTOR, "table.calendar td div.hold, table.calendar td div.confirmed")
            step("schedule", len(cells) > 0, "%d bookings drawn" % len(cells))
            for d in (producer, artist):
                logs(d)
        except Exception as error:
            step("error", False, repr(error))
        finally:
            producer.quit()
            artist.quit()
        print(json.dumps({"steps": steps, "consoleErrors": console}))
        """#
}
