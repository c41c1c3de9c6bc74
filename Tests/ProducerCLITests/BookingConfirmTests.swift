import Foundation
import ProducerTestSupport
import ProducerJobs
import ProducerOffice
import Testing

/// `bookings confirm` confirms what the person saw: the hold as it was last listed.
@Suite struct BookingConfirmTests {
    static let monday = ScheduleJobTests.monday

    /// The demo album scheduled, in a store.
    static func scheduled() async throws -> InMemoryProjectStore {
        let store = InMemoryProjectStore(DemoAlbum.make(start: monday))
        _ = try await ScheduleJob(timeLimit: 0.3).run(store: store, now: monday)
        return store
    }

    /// Moves the hold of `title` a day later, as `schedule` does (a new time, the sequence up).
    @Sendable static func move(_ title: String, in project: inout ProjectSnapshot) {
        let session = project.sessions.first { $0.title == title }!
        let i = project.bookings.firstIndex { $0.sessionID == session.id && $0.status == .hold }!
        project.bookings[i].start += 86_400
        project.bookings[i].end += 86_400
        project.bookings[i].sequence += 1
    }

    @Test func aHoldIsConfirmedWithItsTimeAndRoom() async throws {
        // Given the album scheduled and listed
        let store = try await Self.scheduled()
        let listed = try await OfficeJobs.listBookings(store: store).list
        let shown = try #require(listed.bookings.first { $0.session == "Mix — Blue Hour" })
        // When a hold is confirmed by its session's title
        let line = try await OfficeJobs.confirm("Mix — Blue Hour", store: store)
        // Then it is the booking listed, now confirmed, with its time, studio and room
        #expect(line.bookingID == shown.bookingID && line.start == shown.start && line.end == shown.end)
        #expect(line.room == shown.room && line.studio == shown.studio && line.status == .confirmed)
        #expect(try await store.snapshot().bookings.first { $0.id == line.bookingID }?.status == .confirmed)
    }

    @Test func listingRecordsWhatItShowedAndWritesOnlyWhenSomethingIsNew() async throws {
        let store = try await Self.scheduled()
        _ = try await OfficeJobs.listBookings(store: store)
        let once = try await store.snapshot()
        #expect(once.bookings.allSatisfy { $0.listedSequence == $0.sequence })
        _ = try await OfficeJobs.listBookings(store: store)
        #expect(try await store.snapshot().revision == once.revision)
    }

    @Test func aHoldMovedSinceItWasListedIsNotConfirmed() async throws {
        // Given the album scheduled and listed, then the mix moved by a later schedule
        let store = try await Self.scheduled()
        _ = try await OfficeJobs.listBookings(store: store)
        try await store.update { Self.move("Mix — Blue Hour", in: &$0) }
        let moved = try #require(try await store.snapshot().bookings.first { $0.sessionID == "song4-mix" })
        // When it is confirmed by name
        let error = await #expect(throws: OfficeError.self) {
            try await OfficeJobs.confirm("Mix — Blue Hour", store: store)
        }
        // Then nothing is confirmed, and the message says where it is now and how to confirm it there
        #expect(try await store.snapshot().bookings.first { $0.id == moved.id }?.status == .hold)
        let at = BookingList.atText(moved.start, timeZone: "Europe/Berlin")
        let when = BookingList.when(moved.start, moved.end, timeZone: "Europe/Berlin")
        #expect(
            error?.description
                == "Mix — Blue Hour was moved since it was last listed: it is now \(when) in Tideway Mix — Mix room; nothing was confirmed. To confirm it there: producer bookings confirm \(moved.id) --at \(at)"
        )
        // And with --at naming the new time it is confirmed
        let line = try await OfficeJobs.confirm("Mix — Blue Hour", at: moved.start, store: store)
        #expect(line.start == moved.start && line.status == .confirmed)
    }

    @Test func aHoldMovedWhileTheConfirmationWaitedIsNotConfirmed() async throws {
        // Given the album scheduled and listed, and a schedule that moves the mix while the
        // confirmation waits for the lock (the store moves it just before the confirmation's change)
        let inner = try await Self.scheduled()
        _ = try await OfficeJobs.listBookings(store: inner)
        let store = MovedBeforeUpdate(inner: inner) { Self.move("Mix — Blue Hour", in: &$0) }
        // When it is confirmed by name
        let error = await #expect(throws: OfficeError.self) {
            try await OfficeJobs.confirm("Mix — Blue Hour", store: store)
        }
        // Then nothing is confirmed and the message names the new time
        let now = try #require(try await inner.snapshot().bookings.first { $0.sessionID == "song4-mix" })
        #expect(now.status == .hold)
        #expect(
            error?.description.hasPrefix(
                "Mix — Blue Hour was changed by another command while this one waited: it is now \(BookingList.when(now.start, now.end, timeZone: "Europe/Berlin"))"
            ) == true, "\(error.map(String.init(describing:)) ?? "")")
    }

    @Test func atConfirmsOnlyAHoldThatStartsThen() async throws {
        let store = try await Self.scheduled()
        let hold = try #require(try await store.snapshot().bookings.first { $0.sessionID == "song4-mix" })
        // An hour off: refused, naming the time it is at
        let error = await #expect(throws: OfficeError.self) {
            try await OfficeJobs.confirm(hold.id, at: hold.start + 3_600, store: store)
        }
        #expect(
            error?.description.contains(
                "not at \(BookingList.atText(hold.start + 3_600, timeZone: "Europe/Berlin")); nothing was confirmed")
                == true)
        #expect(try await store.snapshot().bookings.first { $0.id == hold.id }?.status == .hold)
        // Its time: confirmed
        #expect(try await OfficeJobs.confirm(hold.id, at: hold.start, store: store).status == .confirmed)
    }
}

/// A store where another writer changes the project just before each update: what a
/// confirmation sees when it waited for a `schedule` that moved the booking.
actor MovedBeforeUpdate: ProjectStore {
    let inner: InMemoryProjectStore
    let change: @Sendable (inout ProjectSnapshot) -> Void

    init(inner: InMemoryProjectStore, change: @escaping @Sendable (inout ProjectSnapshot) -> Void) {
        self.inner = inner
        self.change = change
    }

    func snapshot() async throws -> ProjectSnapshot { try await inner.snapshot() }

    func update<Result: Sendable>(_ body: @Sendable (inout ProjectSnapshot) throws -> Result) async throws -> Result {
        try await inner.update(change)
        return try await inner.update(body)
    }

    func close() async throws {}
}
