/// General MIDI percussion keys the drummer plays.
enum Kit {
    static let kick = 36, sideStick = 37, snare = 38, clap = 39, closedHat = 42, pedalHat = 44, openHat = 46
    static let crash = 49, ride = 51, tambourine = 54
    /// Toms from high to low.
    static let toms = [50, 48, 47, 45, 43, 41]
}

extension Arranger {
    /// One drum voice in a groove: a GM key, a 16-step pattern and a velocity offset.
    struct DrumLine {
        var key: Int
        var pattern: String
        var offset: Int = 0
    }

    /// The drummer: the style's groove per section energy, a fill in the last bar before a new
    /// section (an EDM build before a drop), a crash on each new section's downbeat.
    func drums() -> [ArrangedNote] {
        var notes: [ArrangedNote] = []
        var random = SplitMixRandom(seed: options.seed ^ 0x4452_554D)
        for bar in bars where bar.energy > 0 {
            let base = Arranger.velocity(bar.energy, -6)
            let fillLength = fillBeats(bar)
            let fillStart = bar.end - fillLength
            for line in groove(bar) {
                for hit in place(pattern: line.pattern, from: bar.start, length: bar.length) {
                    if fillLength > 0, hit.start >= fillStart - 1e-9,
                        !(line.key == Kit.kick && hit.start < fillStart + 1e-9)
                    {
                        continue
                    }
                    notes.append(
                        ArrangedNote(
                            pitch: line.key, start: hit.start, length: Self.hitLength,
                            velocity: max(1, min(127, base + line.offset + hit.accent))))
                }
            }
            if style == .jazz, bar.energy >= 3 {
                // Snare "chatter": one or two soft comping notes on off-beats.
                let beats = Int(bar.length.rounded(.down))
                for _ in 0..<(1 + Int(random.next() % 2)) where beats > 0 {
                    let at = bar.start + Double(Int(random.next() % UInt64(beats))) + 0.5
                    if fillLength == 0 || at < fillStart - 1e-9 {
                        notes.append(
                            ArrangedNote(pitch: Kit.snare, start: at, length: Self.hitLength, velocity: base - 35))
                    }
                }
            }
            if fillLength > 0 { notes += fill(bar, from: fillStart, random: &random) }
            if bar.startsSection, bar.index > 0, bar.energy >= 2 {
                notes.append(
                    ArrangedNote(pitch: Kit.crash, start: bar.start, length: Self.hitLength, velocity: base + 14))
                notes.append(
                    ArrangedNote(pitch: Kit.kick, start: bar.start, length: Self.hitLength, velocity: base + 10))
            }
        }
        return notes
    }

    /// Every drum hit is a sixteenth long: a General MIDI kit lets a cymbal ring on after its
    /// note-off, and equal lengths keep notation programs from splitting the kit into voices.
    static let hitLength = 0.125

    /// Quarter notes of fill at the end of `bar`: none inside a section, a beat into a quieter
    /// or equal section, two beats into a livelier one, the whole bar for an EDM build.
    func fillBeats(_ bar: Bar) -> Double {
        guard bar.endsSection, let next = bar.nextEnergy else { return 0 }
        if style == .edm, next > bar.energy, bar.nextKind == .drop || bar.nextKind == .chorus { return bar.length }
        let beats = next > bar.energy || bar.energy >= 4 ? 2.0 : 1.0
        return min(beats, bar.length)
    }

    /// The style's groove for the bar's energy: light (1), normal (2–3) or driving (4–5).
    func groove(_ bar: Bar) -> [DrumLine] {
        let level = bar.energy <= 1 ? 0 : bar.energy <= 3 ? 1 : 2
        if bar.time.beatUnit == 8, bar.time.beatsPerBar % 3 == 0 { return compoundGroove(level) }
        let eighths = "x.x.x.x.x.x.x.x."
        let backbeat = "....x.......x..."
        switch style {
        case .pop:
            return [
                [
                    DrumLine(key: Kit.closedHat, pattern: eighths, offset: -20),
                    DrumLine(key: Kit.kick, pattern: "x.......x......."),
                ],
                [
                    DrumLine(key: Kit.kick, pattern: "x.....x.x......."), DrumLine(key: Kit.snare, pattern: backbeat),
                    DrumLine(key: Kit.closedHat, pattern: eighths, offset: -15),
                ],
                [
                    DrumLine(key: Kit.kick, pattern: "x.....x.x.x....."),
                    DrumLine(key: Kit.snare, pattern: "....X.......X..."),
                    DrumLine(key: Kit.closedHat, pattern: "x.x.x.x.x.x.x...", offset: -10),
                    DrumLine(key: Kit.openHat, pattern: "..............x.", offset: -10),
                ],
            ][level]
        case .rock:
            return [
                [
                    DrumLine(key: Kit.closedHat, pattern: eighths, offset: -15),
                    DrumLine(key: Kit.kick, pattern: "x.......x......."),
                ],
                [
                    DrumLine(key: Kit.kick, pattern: "x.......x.x....."),
                    DrumLine(key: Kit.snare, pattern: "....X.......X..."),
                    DrumLine(key: Kit.closedHat, pattern: "X.x.X.x.X.x.X.x.", offset: -10),
                ],
                [
                    DrumLine(key: Kit.kick, pattern: "x.x.....x.x....."),
                    DrumLine(key: Kit.snare, pattern: "....X.......X..."),
                    DrumLine(key: Kit.ride, pattern: "X.x.X.x.X.x.X.x.", offset: -5),
                ],
            ][level]
        case .ballad:
            return [
                [
                    DrumLine(key: Kit.closedHat, pattern: "x...x...x...x...", offset: -30),
                    DrumLine(key: Kit.kick, pattern: "x...............", offset: -10),
                ],
                [
                    DrumLine(key: Kit.kick, pattern: "x.........x.....", offset: -10),
                    DrumLine(key: Kit.sideStick, pattern: backbeat, offset: -10),
                    DrumLine(key: Kit.closedHat, pattern: eighths, offset: -28),
                ],
                [
                    DrumLine(key: Kit.kick, pattern: "x.........x.....", offset: -5),
                    DrumLine(key: Kit.snare, pattern: backbeat),
                    DrumLine(key: Kit.closedHat, pattern: eighths, offset: -20),
                ],
            ][level]
        case .funk:
            let kick = "x..x..x...x..x.."
            return [
                [
                    DrumLine(key: Kit.closedHat, pattern: eighths, offset: -15),
                    DrumLine(key: Kit.kick, pattern: "x.........x....."),
                ],
                [
                    DrumLine(key: Kit.kick, pattern: kick), DrumLine(key: Kit.snare, pattern: "....X..o.o..X..o"),
                    DrumLine(key: Kit.closedHat, pattern: "XxXxXxXxXxXxXxXx", offset: -25),
                ],
                [
                    DrumLine(key: Kit.kick, pattern: kick), DrumLine(key: Kit.snare, pattern: "....X..o.o..X.oo"),
                    DrumLine(key: Kit.closedHat, pattern: "XxXxXxXxXx.xXxXx", offset: -20),
                    DrumLine(key: Kit.openHat, pattern: "..........x.....", offset: -10),
                ],
            ][level]
        case .soul:
            return [
                [
                    DrumLine(key: Kit.closedHat, pattern: eighths, offset: -20),
                    DrumLine(key: Kit.kick, pattern: "x.......x......."),
                ],
                [
                    DrumLine(key: Kit.kick, pattern: "x.....x.x.....x."), DrumLine(key: Kit.snare, pattern: backbeat),
                    DrumLine(key: Kit.closedHat, pattern: eighths, offset: -15),
                ],
                [
                    DrumLine(key: Kit.kick, pattern: "x.....x.x.....x."),
                    DrumLine(key: Kit.snare, pattern: "....X.......X..."),
                    DrumLine(key: Kit.closedHat, pattern: eighths, offset: -12),
                    DrumLine(key: Kit.tambourine, pattern: backbeat, offset: -15),
                ],
            ][level]
        case .country:
            return [
                [
                    DrumLine(key: Kit.closedHat, pattern: eighths, offset: -20),
                    DrumLine(key: Kit.kick, pattern: "x.......x......."),
                ],
                [
                    DrumLine(key: Kit.kick, pattern: "x.......x......."),
                    DrumLine(key: Kit.sideStick, pattern: backbeat),
                    DrumLine(key: Kit.closedHat, pattern: eighths, offset: -15),
                ],
                [
                    // The train beat: sixteenths on the snare, accents on 2 and 4.
                    DrumLine(key: Kit.kick, pattern: "x.......x......."),
                    DrumLine(key: Kit.snare, pattern: "ooooXoooooooXooo", offset: 10),
                    DrumLine(key: Kit.pedalHat, pattern: backbeat, offset: -10),
                ],
            ][level]
        case .edm:
            let four = "x...x...x...x..."
            let offbeats = "..x...x...x...x."
            return [
                bar.kind == .breakdown
                    ? [DrumLine(key: Kit.closedHat, pattern: offbeats, offset: -25)]
                    : [
                        DrumLine(key: Kit.kick, pattern: four),
                        DrumLine(key: Kit.closedHat, pattern: offbeats, offset: -20),
                    ],
                [
                    DrumLine(key: Kit.kick, pattern: four), DrumLine(key: Kit.clap, pattern: backbeat, offset: -5),
                    DrumLine(key: Kit.closedHat, pattern: offbeats, offset: -15),
                ],
                [
                    DrumLine(key: Kit.kick, pattern: "X...X...X...X..."), DrumLine(key: Kit.clap, pattern: backbeat),
                    DrumLine(key: Kit.snare, pattern: backbeat, offset: -10),
                    DrumLine(key: Kit.openHat, pattern: offbeats, offset: -10),
                    DrumLine(key: Kit.closedHat, pattern: "x.xxx.xxx.xxx.xx", offset: -30),
                ],
            ][level]
        case .hiphop:
            return [
                [
                    DrumLine(key: Kit.closedHat, pattern: eighths, offset: -20),
                    DrumLine(key: Kit.kick, pattern: "x......x........"),
                ],
                [
                    DrumLine(key: Kit.kick, pattern: "x......x..x....."),
                    DrumLine(key: Kit.snare, pattern: "....X.......X..."),
                    DrumLine(key: Kit.closedHat, pattern: eighths, offset: -15),
                ],
                [
                    DrumLine(key: Kit.kick, pattern: "x......x.xx....."),
                    DrumLine(key: Kit.snare, pattern: "....X.......X..."),
                    DrumLine(key: Kit.closedHat, pattern: "x.xxx.x.x.xxx.x.", offset: -15),
                ],
            ][level]
        case .bossa:
            let rim = "x..x..x...x..x.."
            return [
                [
                    DrumLine(key: Kit.closedHat, pattern: eighths, offset: -30),
                    DrumLine(key: Kit.sideStick, pattern: rim, offset: -15),
                ],
                [
                    DrumLine(key: Kit.kick, pattern: "x.....x.x.....x.", offset: -15),
                    DrumLine(key: Kit.sideStick, pattern: rim, offset: -10),
                    DrumLine(key: Kit.closedHat, pattern: "xxxxxxxxxxxxxxxx", offset: -35),
                ],
                [
                    DrumLine(key: Kit.kick, pattern: "x.....x.x.....x.", offset: -10),
                    DrumLine(key: Kit.sideStick, pattern: rim, offset: -5),
                    DrumLine(key: Kit.ride, pattern: eighths, offset: -20),
                    DrumLine(key: Kit.pedalHat, pattern: backbeat, offset: -20),
                ],
            ][level]
        case .jazz:
            let ride = "x...x.x.x...x.x."
            return [
                [
                    DrumLine(key: Kit.ride, pattern: ride, offset: -25),
                    DrumLine(key: Kit.pedalHat, pattern: backbeat, offset: -20),
                ],
                [
                    DrumLine(key: Kit.ride, pattern: ride, offset: -15),
                    DrumLine(key: Kit.pedalHat, pattern: backbeat, offset: -15),
                    DrumLine(key: Kit.kick, pattern: "x...x...x...x...", offset: -45),
                ],
                [
                    DrumLine(key: Kit.ride, pattern: "X...x.xX...x.x..", offset: -10),
                    DrumLine(key: Kit.pedalHat, pattern: backbeat, offset: -10),
                    DrumLine(key: Kit.kick, pattern: "x...x...x...x...", offset: -40),
                ],
            ][level]
        }
    }

    /// A groove in 6/8 (and 9/8, 12/8), felt in dotted quarters, one 6/8 bar of sixteenths a
    /// cycle: the kick on 1, the backbeat on the second dotted quarter, eighths on the cymbal
    /// (ride for jazz and bossa, side-stick for the ballad's verses).
    func compoundGroove(_ level: Int) -> [DrumLine] {
        let cymbal = style == .jazz || style == .bossa ? Kit.ride : Kit.closedHat
        let eighths = "x.x.x.x.x.x."
        switch level {
        case 0:
            return [
                DrumLine(key: cymbal, pattern: eighths, offset: -25), DrumLine(key: Kit.kick, pattern: "x..........."),
            ]
        case 1:
            return [
                DrumLine(key: Kit.kick, pattern: "x.........x."),
                DrumLine(key: style == .ballad ? Kit.sideStick : Kit.snare, pattern: "......x....."),
                DrumLine(key: cymbal, pattern: eighths, offset: -15),
            ]
        default:
            return [
                DrumLine(key: Kit.kick, pattern: "x...x.....x."), DrumLine(key: Kit.snare, pattern: "......X....."),
                DrumLine(key: cymbal, pattern: "X.x.x.X.x.x.", offset: -10),
            ]
        }
    }

    /// The fill from `start` to the bar's end: toms or snare in sixteenths (triplets for jazz),
    /// getting louder; an EDM build is a snare roll from eighths to sixteenths.
    func fill(_ bar: Bar, from start: Double, random: inout SplitMixRandom) -> [ArrangedNote] {
        let span = bar.end - start
        let top = Arranger.velocity(bar.energy, 12)
        var notes: [ArrangedNote] = []
        func add(_ key: Int, _ at: Double, _ progress: Double) {
            let v = Int(Double(top - 40) + 40 * progress)
            notes.append(ArrangedNote(pitch: key, start: at, length: Self.hitLength, velocity: max(1, min(127, v))))
        }
        if style == .edm, span >= bar.length - 1e-9, span > 1 {
            var at = start
            while at < bar.end - 1e-9 {
                let progress = (at - start) / span
                add(Kit.snare, at, progress)
                at += progress < 0.5 ? 0.5 : 0.25
            }
            return notes
        }
        let step = style == .jazz ? 1.0 / 3 : 0.25
        let count = Int((span / step).rounded())
        let useToms =
            switch style {
            case .jazz, .rock, .ballad: true
            case .edm, .hiphop, .funk: false
            default: random.next() % 2 == 0
            }
        for k in 0..<count {
            let progress = Double(k) / Double(max(1, count - 1))
            let key: Int
            if style == .bossa {
                key = k % 2 == 0 ? Kit.sideStick : Kit.toms[min(5, 3 + k / 2)]
            } else if useToms {
                let fromTom = count > 4 ? k - count / 2 : k - 1
                key = fromTom < 0 ? Kit.snare : Kit.toms[min(5, fromTom * 6 / max(1, count - count / 2))]
            } else {
                key = Kit.snare
            }
            add(key, start + Double(k) * step, progress)
        }
        return notes
    }
}
