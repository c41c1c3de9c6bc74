// swift-tools-version: 6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Producer",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "producer", targets: ["producer"]),
        .library(name: "ProducerFiles", targets: ["ProducerFiles"]),
        .library(name: "ProducerAudio", targets: ["ProducerAudio"]),
        .library(name: "ProducerDSP", targets: ["ProducerDSP"]),
        .library(name: "ProducerMusic", targets: ["ProducerMusic"]),
        .library(name: "ProducerEars", targets: ["ProducerEars"]),
        .library(name: "ProducerConsole", targets: ["ProducerConsole"]),
        .library(name: "ProducerOffice", targets: ["ProducerOffice"]),
        .library(name: "ProducerStore", targets: ["ProducerStore"]),
        .library(name: "ProducerJobs", targets: ["ProducerJobs"]),
        .library(name: "ProducerCLI", targets: ["ProducerCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
    ],
    targets: [
        // The rule for every file a command reads or writes: regular files only, outputs through a
        // temporary file renamed when complete, never over an input, removed on Ctrl-C; YAML read
        // with limits on depth and size. The bottom of the graph.
        .target(
            name: "ProducerFiles",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings),
        // Buffers, audio file reading and writing, conversion. Pure Swift.
        .target(name: "ProducerAudio", dependencies: ["ProducerFiles"], swiftSettings: swiftSettings),
        // Measurements and signal processing over blocks of audio: FFT, filter kernels, loudness,
        // true peak, pitch, onsets. No I/O.
        .target(
            name: "ProducerDSP",
            dependencies: [
                "ProducerAudio",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            swiftSettings: swiftSettings),
        // Music theory, tempo maps, Standard MIDI Files, the preview synth (incl. a vocal-like voice). No DSP.
        .target(
            name: "ProducerMusic",
            dependencies: ["ProducerFiles", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: swiftSettings),
        // The ears: file checks (`analyze`'s meter set, report and advice) and performance feedback
        // (notes, timing, takes and comps), over DSP analysis and music theory.
        .target(
            name: "ProducerEars",
            dependencies: ["ProducerFiles", "ProducerAudio", "ProducerDSP", "ProducerMusic"],
            swiftSettings: swiftSettings),
        // The mixing console: processors, session files (YAML), the offline render engine.
        .target(
            name: "ProducerConsole",
            dependencies: [
                "ProducerFiles", "ProducerAudio", "ProducerDSP", "ProducerMusic",
                .product(name: "RealModule", package: "swift-numerics"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings),
        // The office: songs, people, studios, sessions, bookings and money as values; the schedule
        // solver; iCalendar; the project plan (YAML) and the office's use cases. Knows no database
        // (ProducerStore implements its ProjectStore).
        .target(
            name: "ProducerOffice",
            dependencies: ["ProducerFiles", "ProducerMusic", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings),
        // The project store: ProducerOffice's ProjectStore over SQLKit, for SQLite (a file in the
        // project folder) and PostgreSQL; numbered migrations run on open; finding, making and
        // opening project folders. The only target that knows a database.
        .target(
            name: "ProducerStore",
            dependencies: [
                "ProducerFiles", "ProducerOffice",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
            ],
            swiftSettings: swiftSettings),
        // Runs writers against a project as separate processes, for ProducerStoreTests' tests of
        // concurrent and killed writers.
        .executableTarget(
            name: "producer-store-stress",
            dependencies: ["ProducerStore", "ProducerOffice"],
            path: "Tests/producer-store-stress",
            swiftSettings: swiftSettings),
        // What spans several parts: each job a Codable description plus the function that runs it
        // (the demo, the mix with its check), so that the CLI runs a job in process and a server
        // worker can later run the same job from a queue.
        .target(
            name: "ProducerJobs",
            dependencies: [
                "ProducerFiles", "ProducerAudio", "ProducerMusic", "ProducerEars", "ProducerConsole",
                "ProducerOffice", "ProducerStore",
            ],
            // The demo album's plan, the one definition of it (Examples/album.yaml links to it).
            resources: [.embedInCode("Demo/album.yaml")],
            swiftSettings: swiftSettings),
        // The commands, as a library: `ProducerCommand` and its subcommands, output and errors.
        .target(
            name: "ProducerCLI",
            dependencies: [
                "ProducerFiles", "ProducerAudio", "ProducerMusic", "ProducerEars", "ProducerConsole",
                "ProducerOffice", "ProducerStore", "ProducerJobs",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),
        // The `producer` executable: a few lines that run ProducerCLI.
        .executableTarget(name: "producer", dependencies: ["ProducerCLI"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "producer-bench",
            dependencies: ["ProducerAudio", "ProducerEars", "ProducerMusic", "ProducerDSP", "ProducerConsole"],
            path: "Benchmarks/producer-bench",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "schedule-bench",
            dependencies: ["ProducerOffice"],
            path: "Benchmarks/schedule-bench",
            swiftSettings: swiftSettings),
        // What several test targets share: temporary folders, signals with a seeded generator, Python
        // probes, running a program, a FIFO watchdog and the linear-time check.
        .target(
            name: "ProducerTestSupport", dependencies: ["ProducerAudio"], path: "Tests/ProducerTestSupport",
            swiftSettings: swiftSettings),
        .testTarget(name: "ProducerFilesTests", dependencies: ["ProducerFiles"], swiftSettings: swiftSettings),
        .testTarget(name: "ProducerAudioTests", dependencies: ["ProducerAudio", "ProducerTestSupport"], swiftSettings: swiftSettings),
        // The DSP tests use ProducerMusic's synthesised voice as material with a known answer.
        .testTarget(name: "ProducerDSPTests", dependencies: ["ProducerDSP", "ProducerAudio", "ProducerMusic", "ProducerTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ProducerMusicTests", dependencies: ["ProducerMusic", "ProducerTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ProducerConsoleTests", dependencies: ["ProducerConsole", "ProducerDSP", "ProducerAudio", "ProducerFiles", "ProducerTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ProducerEarsTests", dependencies: ["ProducerEars", "ProducerMusic", "ProducerAudio", "ProducerTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ProducerOfficeTests", dependencies: ["ProducerOffice", "ProducerTestSupport"], swiftSettings: swiftSettings),
        // Runs producer-store-stress (built beside the tests by `swift test`) as real processes;
        // the drivers only to drop each PostgreSQL test's schema and to damage files on purpose.
        .testTarget(
            name: "ProducerStoreTests",
            dependencies: [
                "ProducerStore", "ProducerOffice",
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(name: "ProducerCLITests", dependencies: ["ProducerCLI", "ProducerJobs", "ProducerEars", "ProducerStore", "ProducerConsole", "ProducerFiles", "ProducerAudio", "ProducerMusic", "ProducerOffice", "ProducerTestSupport"], swiftSettings: swiftSettings),
    ]
)

// The parsers' libFuzzer target (Fuzz/run builds it with --sanitize fuzzer into .build-fuzz):
// declared only when PRODUCER_FUZZ is set, so that `swift build` and `swift test` never compile
// it or need the fuzzer runtime.
if Context.environment["PRODUCER_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(
            name: "producer-fuzz",
            dependencies: ["ProducerMusic", "ProducerConsole", "ProducerOffice"],
            path: "Fuzz/Parsers",
            swiftSettings: swiftSettings))
}
