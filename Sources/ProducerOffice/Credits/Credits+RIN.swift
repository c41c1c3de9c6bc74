import Foundation

extension Credits {
    /// The credits as JSON close to DDEX RIN (Recording Information Notification): a message
    /// header, the parties, the musical works with their ISWC and writers' shares, the sound
    /// recordings with their ISRC and contributors (DDEX roles, instruments, sessions), and the
    /// sessions with their venue and times. Element names are RIN's; references are local
    /// (`P1` parties, `W1` works, `A1` recordings, `S1` sessions).
    public func rin(timeZone: String, now: Date) -> RIN {
        let iso = ISO8601DateFormatter()
        iso.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0)!
        iso.formatOptions = [.withInternetDateTime]
        var partyRefs: [String: String] = [:]
        var parties: [RIN.Party] = []
        func party(_ key: String, name: String, id: String?) -> String {
            if let ref = partyRefs[key] { return ref }
            let ref = "P\(parties.count + 1)"
            partyRefs[key] = ref
            parties.append(.init(PartyReference: ref, PartyName: .init(FullName: name), ProprietaryId: id))
            return ref
        }
        // People first (by the id they have in the project), then writers who are not people.
        for credit in credits { _ = party(credit.personID, name: credit.person, id: credit.personID) }
        var sessionRefs: [String: String] = [:]
        var sessions: [RIN.Session] = []
        for credit in credits where sessionRefs[credit.sessionID] == nil {
            let ref = "S\(sessions.count + 1)"
            sessionRefs[credit.sessionID] = ref
            sessions.append(
                .init(
                    SessionReference: ref, SessionType: Self.sessionType(credit.kind), Title: credit.session,
                    VenueName: credit.studio, VenueRoom: credit.room, VenueAddress: credit.location,
                    StartDateTime: credit.start.map(iso.string), EndDateTime: credit.end.map(iso.string),
                    SessionContributorReference: [], SoundRecordingReference: []))
        }
        var works: [RIN.MusicalWork] = []
        var recordings: [RIN.SoundRecording] = []
        for (n, song) in songs.enumerated() {
            let work = "W\(n + 1)", recording = "A\(n + 1)"
            var writers: [RIN.WorkContributor] = []
            for writer in self.writers where writer.songID == song.id {
                let ref: String
                if let person = credits.first(where: { $0.person.caseInsensitiveCompare(writer.name) == .orderedSame })
                {
                    ref = partyRefs[person.personID]!
                } else {
                    ref = party("writer:" + writer.name.lowercased(), name: writer.name, id: nil)
                }
                writers.append(
                    .init(
                        ContributorPartyReference: ref, Role: "ComposerLyricist",
                        RightSharePercentage: Self.percent(writer.shareBasisPoints)))
            }
            works.append(
                .init(
                    MusicalWorkReference: work, ISWC: song.iswc, Title: .init(TitleText: song.title),
                    MusicalWorkContributor: writers))
            var contributors: [RIN.Contributor] = []
            for credit in credits where credit.songID == song.id {
                let ref = partyRefs[credit.personID]!
                let sessionRef = sessionRefs[credit.sessionID]!
                if let i = contributors.firstIndex(where: {
                    $0.ContributorPartyReference == ref && $0.Role == credit.ddexRole
                        && $0.Instrument == credit.instrument
                }) {
                    if !contributors[i].SessionReference.contains(sessionRef) {
                        contributors[i].SessionReference.append(sessionRef)
                    }
                } else {
                    contributors.append(
                        .init(
                            ContributorPartyReference: ref, Role: credit.ddexRole,
                            UserDefinedRole: credit.ddexRole == "UserDefined" ? credit.role : nil,
                            Instrument: credit.instrument, SessionReference: [sessionRef]))
                }
                if let s = sessions.firstIndex(where: { $0.SessionReference == sessionRef }),
                    !sessions[s].SoundRecordingReference.contains(recording)
                {
                    sessions[s].SoundRecordingReference.append(recording)
                }
            }
            recordings.append(
                .init(
                    ResourceReference: recording, ISRC: song.isrc, Title: .init(TitleText: song.title),
                    MusicalWorkReference: work, Contributor: contributors))
        }
        for credit in credits {
            let s = sessions.firstIndex { $0.SessionReference == sessionRefs[credit.sessionID] }!
            let ref = partyRefs[credit.personID]!
            if !sessions[s].SessionContributorReference.contains(ref) {
                sessions[s].SessionContributorReference.append(ref)
            }
        }
        return RIN(
            MessageHeader: .init(
                MessageId: "producer-credits-\(Int(now.timeIntervalSince1970))",
                MessageCreatedDateTime: iso.string(from: now),
                MessageSender: .init(PartyName: .init(FullName: project))),
            PartyList: .init(Party: parties), MusicalWorkList: .init(MusicalWork: works),
            ResourceList: .init(SoundRecording: recordings), SessionList: .init(Session: sessions))
    }

    /// `60.00` from 6000 basis points, exactly.
    static func percent(_ basisPoints: Int) -> String {
        let whole = basisPoints / 100, cents = basisPoints % 100
        return "\(whole).\(cents < 10 ? "0" : "")\(cents)"
    }

    static func sessionType(_ kind: StudioSession.Kind) -> String {
        switch kind {
        case .tracking, .vocals: "Recording"
        case .overdub: "Overdubbing"
        case .editing: "Editing"
        case .mixing: "Mixing"
        case .mastering: "Mastering"
        }
    }
}

/// A Recording Information Notification, close to DDEX RIN, for JSON.
public struct RIN: Codable, Sendable {
    public var MessageHeader: Header
    public var PartyList: PartyListType
    public var MusicalWorkList: MusicalWorkListType
    public var ResourceList: ResourceListType
    public var SessionList: SessionListType

    public struct Header: Codable, Sendable {
        public var MessageId: String
        public var MessageCreatedDateTime: String
        public var MessageSender: Sender
    }
    public struct Sender: Codable, Sendable { public var PartyName: Name }
    public struct Name: Codable, Sendable { public var FullName: String }
    public struct Title: Codable, Sendable { public var TitleText: String }
    public struct PartyListType: Codable, Sendable { public var Party: [Party] }
    public struct Party: Codable, Sendable {
        public var PartyReference: String
        public var PartyName: Name
        /// The person's id in the project.
        public var ProprietaryId: String?
    }
    public struct MusicalWorkListType: Codable, Sendable { public var MusicalWork: [MusicalWork] }
    public struct MusicalWork: Codable, Sendable {
        public var MusicalWorkReference: String
        public var ISWC: String?
        public var Title: Title
        public var MusicalWorkContributor: [WorkContributor]
    }
    public struct WorkContributor: Codable, Sendable {
        public var ContributorPartyReference: String
        public var Role: String
        /// The writer's share of the work, in percent with two decimals.
        public var RightSharePercentage: String
    }
    public struct ResourceListType: Codable, Sendable { public var SoundRecording: [SoundRecording] }
    public struct SoundRecording: Codable, Sendable {
        public var ResourceReference: String
        public var ISRC: String?
        public var Title: Title
        public var MusicalWorkReference: String
        public var Contributor: [Contributor]
    }
    public struct Contributor: Codable, Sendable {
        public var ContributorPartyReference: String
        public var Role: String
        /// The project's own word for a role DDEX has no name for.
        public var UserDefinedRole: String?
        public var Instrument: String?
        public var SessionReference: [String]
    }
    public struct SessionListType: Codable, Sendable { public var Session: [Session] }
    public struct Session: Codable, Sendable {
        public var SessionReference: String
        public var SessionType: String
        public var Title: String
        public var VenueName: String?
        public var VenueRoom: String?
        public var VenueAddress: String?
        public var StartDateTime: String?
        public var EndDateTime: String?
        public var SessionContributorReference: [String]
        public var SoundRecordingReference: [String]
    }
}
