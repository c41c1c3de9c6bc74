// Writers for ProducerStoreTests, run as separate processes against one project:
//
//   producer-store-stress increment LOCATION WRITER COUNT
//       COUNT updates, each adding the song "WRITER-i" and adding 1 to the headcount of the
//       person "counter" (a read-modify-write that a lost update would show).
//   producer-store-stress churn LOCATION
//       Updates until killed, each a large batch: adds 20 songs with writers, deletes the songs of
//       the batch four back, rewrites every remaining song and the "clock" person's exceptions.
//       Prints "writing N" when a batch's change is made (its transaction open, nothing written
//       yet) and "N" once revision N is committed, each on its own line.
//
//   producer-store-stress hold LOCATION SECONDS|stdin
//       Takes the project's write lock (an update), prints "holding" once it has it, keeps it
//       SECONDS (or with `stdin` until its standard input ends, at most 120 s) and commits:
//       another writer meanwhile waits (and says so on standard error).
//   producer-store-stress init LOCATION
//       Makes a project there with the two people the writers change (for trying it by hand).
//
// The writers open the project as the producer commands do: a change that waits for another's
// write lock says so on standard error after a second.
//
// LOCATION is a SQLite path or a postgres:// URL. Exits 1 with the error's sentence on failure.
import Foundation
import ProducerOffice
import ProducerStore

/// How many songs each churn batch adds; how many batches stay.
let churnSongsPerBatch = 20
let churnBatchesKept = 4

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("producer-store-stress: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments.dropFirst().map { $0 }
guard arguments.count >= 2 else { fail("usage: producer-store-stress increment|churn LOCATION [WRITER COUNT]") }
let location = DatabaseLocation(arguments[1])

do {
    if arguments[0] == "init" {
        let project = try await ProjectDatabase.create(location, settings: ProjectSettings(name: "Stress"))
        try await project.update { snapshot in
            snapshot.people = ["counter", "clock"].map {
                Person(
                    id: $0, name: $0, roles: [.engineer], rate: Rate(.zero("EUR"), per: .flat), headcount: 0,
                    availability: Availability(timeZone: "UTC"))
            }
        }
        try await project.close()
        exit(0)
    }
    let project = try await ProjectDatabase.open(location, lockWaitNotice: .standardError)
    switch arguments[0] {
    case "hold":
        let untilInputEnds = arguments.count == 3 && arguments[2] == "stdin"
        guard arguments.count == 3, let seconds = untilInputEnds ? 120 : Double(arguments[2]) else {
            fail("usage: producer-store-stress hold LOCATION SECONDS|stdin")
        }
        try await project.update { snapshot in
            snapshot.songs.append(Song(title: "held for \(arguments[2]) s"))
            FileHandle.standardOutput.write(Data("holding\n".utf8))
            if untilInputEnds {
                // Until the test closes our standard input: a window that load cannot shorten.
                let ended = DispatchSemaphore(value: 0)
                Thread.detachNewThread {
                    _ = FileHandle.standardInput.readDataToEndOfFile()
                    ended.signal()
                }
                _ = ended.wait(timeout: .now() + seconds)
            } else {
                Thread.sleep(forTimeInterval: seconds)
            }
        }
    case "increment":
        guard arguments.count == 4, let writer = Int(arguments[2]), let count = Int(arguments[3]) else {
            fail("usage: producer-store-stress increment LOCATION WRITER COUNT")
        }
        for index in 0..<count {
            try await project.update { snapshot in
                snapshot.songs.append(Song(id: "\(writer)-\(index)", title: "Writer \(writer), take \(index)"))
                guard let counter = snapshot.people.firstIndex(where: { $0.id == "counter" }) else {
                    throw ProjectStoreError(.invalidChange, database: "", "no person \"counter\" in the project")
                }
                snapshot.people[counter].headcount += 1
            }
        }
    case "churn":
        while true {
            let revision = try await project.update { snapshot -> Int in
                let batch = snapshot.revision + 1
                FileHandle.standardOutput.write(Data("writing \(batch)\n".utf8))
                let tag = "batch \(batch)"
                snapshot.songs.removeAll { $0.title.hasPrefix("batch \(batch - churnBatchesKept) ") }
                for index in snapshot.songs.indices { snapshot.songs[index].parts = [tag] }
                for index in 0..<churnSongsPerBatch {
                    snapshot.songs.append(
                        Song(
                            title: "\(tag) song \(index)",
                            writers: [
                                .init(name: "A \(batch)", shareBasisPoints: 5_000),
                                .init(name: "B \(batch)", shareBasisPoints: 3_000),
                                .init(name: "C \(batch)", shareBasisPoints: 2_000),
                            ],
                            parts: [tag]))
                }
                if let clock = snapshot.people.firstIndex(where: { $0.id == "clock" }) {
                    let start = Date(timeIntervalSince1970: 1_800_000_000 + Double(batch) * 3_600)
                    snapshot.people[clock].availability.exceptions = (0..<10).map {
                        Availability.Exception(
                            start: start + Double($0) * 60, end: start + Double($0 + 1) * 60, note: tag)
                    }
                }
                return batch
            }
            FileHandle.standardOutput.write(Data("\(revision)\n".utf8))
        }
    default:
        fail("unknown command \(arguments[0])")
    }
    try await project.close()
} catch {
    fail("\(error)")
}
