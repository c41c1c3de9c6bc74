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
        .library(name: "ProducerAudio", targets: ["ProducerAudio"]),
        .library(name: "ProducerDSP", targets: ["ProducerDSP"]),
        .library(name: "ProducerMusic", targets: ["ProducerMusic"]),
        .library(name: "ProducerEars", targets: ["ProducerEars"]),
        .library(name: "ProducerConsole", targets: ["ProducerConsole"]),
        .library(name: "ProducerOffice", targets: ["ProducerOffice"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Buffers, audio file reading and writing. Pure Swift; Foundation for file I/O.
        .target(name: "ProducerAudio", swiftSettings: swiftSettings),
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
            dependencies: [.product(name: "RealModule", package: "swift-numerics")],
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
                "ProducerAudio", "ProducerDSP",
                .product(name: "RealModule", package: "swift-numerics"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings),
        // The office: songs, people, studios, sessions, bookings and money as values; the schedule
        // solver; iCalendar. Knows no database (ProducerStore implements its ProjectStore).
        .target(name: "ProducerOffice", swiftSettings: swiftSettings),
        // What the commands run (`analyze`, `listen`, `demo`…); shared by the CLI and the tests.
        .target(
            name: "ProducerKit",
            dependencies: ["ProducerAudio", "ProducerDSP", "ProducerMusic", "ProducerEars", "ProducerConsole", "ProducerOffice"],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "producer",
            dependencies: [
                "ProducerKit", "ProducerConsole",
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
        .testTarget(name: "ProducerAudioTests", dependencies: ["ProducerAudio"], swiftSettings: swiftSettings),
        // The DSP tests use ProducerMusic's synthesised voice as material with a known answer.
        .testTarget(name: "ProducerDSPTests", dependencies: ["ProducerDSP", "ProducerMusic"], swiftSettings: swiftSettings),
        .testTarget(name: "ProducerMusicTests", dependencies: ["ProducerMusic"], swiftSettings: swiftSettings),
        .testTarget(name: "ProducerConsoleTests", dependencies: ["ProducerConsole", "ProducerDSP", "ProducerAudio"], swiftSettings: swiftSettings),
        .testTarget(name: "ProducerEarsTests", dependencies: ["ProducerEars", "ProducerMusic"], swiftSettings: swiftSettings),
        .testTarget(name: "ProducerOfficeTests", dependencies: ["ProducerOffice"], swiftSettings: swiftSettings),
        .testTarget(name: "ProducerKitTests", dependencies: ["ProducerKit", "ProducerAudio", "ProducerMusic"], swiftSettings: swiftSettings),
    ]
)
