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
        // temporary file renamed when complete, never over an input, removed on Ctrl-C.
        .target(name: "ProducerFiles", swiftSettings: swiftSettings),
        // Buffers, audio file reading and writing. Pure Swift; Foundation for file I/O.
        .target(name: "ProducerAudio", dependencies: ["ProducerFiles"], swiftSettings: swiftSettings),
        // Measurements and signal processing over blocks of audio. No I/O.
        .target(
            name: "ProducerDSP",
            dependencies: [
                "ProducerAudio",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            swiftSettings: swiftSettings),
        // Music theory, Standard MIDI Files, the preview synth (incl. a vocal-like voice). No DSP.
        .target(
            name: "ProducerMusic",
            dependencies: ["ProducerFiles", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: swiftSettings),
        // Performance feedback: notes, timing, takes and comps, over DSP analysis and music theory.
        .target(
            name: "ProducerEars",
            dependencies: ["ProducerAudio", "ProducerDSP", "ProducerMusic"],
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
        // solver; iCalendar. Knows no database (ProducerStore implements its ProjectStore).
        .target(name: "ProducerOffice", swiftSettings: swiftSettings),
        // The project store: ProducerOffice's ProjectStore over SQLKit, for SQLite (a file in the
        // project folder) and PostgreSQL; numbered migrations run on open. The only target that
        // knows a database.
        .target(
            name: "ProducerStore",
            dependencies: [
                "ProducerOffice",
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
        // What the commands run (`analyze`, `listen`, `demo`…); shared by the CLI and the tests.
        .target(
            name: "ProducerKit",
            dependencies: [
                "ProducerFiles", "ProducerAudio", "ProducerDSP", "ProducerMusic", "ProducerEars", "ProducerConsole",
                "ProducerOffice", .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings),
        // Projects on disk for the commands: finding, making and opening them through ProducerStore
        // (kept apart so that ProducerKit, and the audio benchmarks, need no database packages).
        .target(
            name: "ProducerProjects",
            dependencies: ["ProducerFiles", "ProducerKit", "ProducerOffice", "ProducerStore"],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "producer",
            dependencies: [
                "ProducerFiles", "ProducerKit", "ProducerProjects", "ProducerConsole", "ProducerOffice", "ProducerStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "producer-bench",
            dependencies: ["ProducerKit", "ProducerEars", "ProducerMusic", "ProducerDSP", "ProducerConsole"],
            path: "Benchmarks/producer-bench",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "schedule-bench",
            dependencies: ["ProducerOffice"],
            path: "Benchmarks/schedule-bench",
            swiftSettings: swiftSettings),
        // What several test targets share: a FIFO watchdog and the linear-time check.
        .target(name: "ProducerTestSupport", path: "Tests/ProducerTestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "ProducerFilesTests", dependencies: ["ProducerFiles"], swiftSettings: swiftSettings),
        .testTarget(name: "ProducerAudioTests", dependencies: ["ProducerAudio"], swiftSettings: swiftSettings),
        // The DSP tests use ProducerMusic's synthesised voice as material with a known answer.
        .testTarget(name: "ProducerDSPTests", dependencies: ["ProducerDSP", "ProducerMusic"], swiftSettings: swiftSettings),
        .testTarget(name: "ProducerMusicTests", dependencies: ["ProducerMusic", "ProducerTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ProducerConsoleTests", dependencies: ["ProducerConsole", "ProducerDSP", "ProducerAudio", "ProducerTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ProducerEarsTests", dependencies: ["ProducerEars", "ProducerMusic"], swiftSettings: swiftSettings),
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
        .testTarget(name: "ProducerKitTests", dependencies: ["ProducerKit", "ProducerFiles", "ProducerAudio", "ProducerMusic", "ProducerOffice", "ProducerTestSupport"], swiftSettings: swiftSettings),
    ]
)

// The parsers' libFuzzer target (Fuzz/run builds it with --sanitize fuzzer into .build-fuzz):
// declared only when PRODUCER_FUZZ is set, so that `swift build` and `swift test` never compile
// it or need the fuzzer runtime.
if Context.environment["PRODUCER_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(
            name: "producer-fuzz",
            dependencies: ["ProducerMusic", "ProducerConsole", "ProducerKit", "ProducerOffice"],
            path: "Fuzz/Parsers",
            swiftSettings: swiftSettings))
}
