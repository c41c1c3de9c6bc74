import Foundation
import ProducerOffice

/// Prints what an editing command did: a sentence, or with `--json` the record as it now is.
func printOutcome(_ outcome: EditOutcome, kind: RecordKind, json: Bool) throws {
    let p = outcome.project
    if json {
        switch kind {
        case _ where outcome.change == "removed":
            try printJSON(["removed": outcome.id, "name": outcome.name])
        case .songs: try printJSON(p.songs.first { $0.id == outcome.id })
        case .people: try printJSON(p.people.first { $0.id == outcome.id })
        case .studios: try printJSON(p.studios.first { $0.id == outcome.id })
        case .sessions: try printJSON(p.sessions.first { $0.id == outcome.id })
        }
        return
    }
    let verb =
        switch outcome.change {
        case "added": "Added"
        case "updated": "Changed"
        case "removed": "Removed"
        default: "Nothing to change for"
        }
    print("\(verb) \(kind.singular) \(outcome.name) [\(outcome.id)].")
    if outcome.change != "unchanged" && (kind == .people || kind == .studios || kind == .sessions) {
        print("Run `producer schedule --repair` to re-plan around the change.")
    }
}

/// The record's key name-argument help.
let recordKeyHelp = "Its name (or title) or id."
