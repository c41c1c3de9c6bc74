// libFuzzer entry point for Producer's parsers: the MIDI file reader, the mix session and project
// plan YAML readers, the iCalendar reader, the mix assistant's roles file and a project's song.yaml, chord symbols and chord charts. Built by Fuzz/run through SwiftPM (the target
// exists only when PRODUCER_FUZZ is set) with -sanitize=fuzzer,address; libFuzzer supplies
// main. PRODUCER_FUZZ_TARGET names the parser: midi, session, plan, calendar, roles, mics (the
// mic list and the room), song, chord, chart or rates (the union
// scale rates file of `producer budget scale --import`) or multipart (the studio server's
// streaming form reader).
//
// A target accepts its parser's own error type, whose message must name the file and must not
// carry libyaml's, Foundation's or the runtime's own text; anything else — another error type,
// a crash, a hang, a leak, an over-large allocation — stops the fuzzer with the input saved.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The parser this process fuzzes, read once from PRODUCER_FUZZ_TARGET.
let fuzzTarget: @Sendable ([UInt8]) -> Void = {
    let name = getenv("PRODUCER_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    switch name {
    case "midi": return fuzzMIDI
    case "session": return fuzzSession
    case "plan": return fuzzPlan
    case "calendar": return fuzzCalendar
    case "roles": return fuzzRoles
    case "mics": return fuzzMics
    case "song": return fuzzSong
    case "chord": return fuzzChord
    case "chart": return fuzzChart
    case "rates": return fuzzRates
    case "multipart": return fuzzMultipart
    default:
        print(
            "producer-fuzz: set PRODUCER_FUZZ_TARGET to midi, session, plan, calendar, roles, mics, song, chord, chart, rates or multipart (not \"\(name)\")"
        )
        exit(2)
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    fuzzTarget(bytes)
    return 0
}

/// Runs `body`, accepting only errors of type `E` whose description starts with `file` and
/// carries none of the texts that must never reach a person (unless `input` holds it: a message
/// may quote the input).
func expectOnly<E: Error & CustomStringConvertible>(
    _ type: E.Type, file: String, input: String, _ body: () throws -> Void
) {
    do {
        try body()
    } catch let error as E {
        let text = error.description
        guard text.hasPrefix(file) else { fatalError("the message does not start with the file name: \(text)") }
        for raw in rawTexts where text.contains(raw) && !input.contains(raw) {
            fatalError("the message carries raw text \"\(raw)\": \(text)")
        }
    } catch {
        fatalError("unexpected error type \(Swift.type(of: error)): \(error)")
    }
}

/// Pieces of libyaml's, Yams's, Foundation's and the runtime's own messages.
let rawTexts = [
    "yaml_", "Maximum nesting", "while scanning", "while parsing", "did not find expected", "could not find expected",
    "found character", "found unexpected", "found unknown", "found undefined", "not allowed in this context",
    "error: scanner", "error: parser", "error: composer", "YamlError", "NSCocoaErrorDomain", "Code=", "Fatal error",
]
