import Foundation

extension OfficeJobs {
    /// What `producer deliverables rules` may change; nil leaves a rule as it is.
    public struct DeliveryRulesEdit: Sendable {
        public var sampleRates: [Int]?
        public var bitDepths: [Int]?
        public var maximumPeakDBFS: Double?
        public var maximumHeadSeconds: Double?
        public var minimumTailSeconds: Double?
        public var naming: String?
        /// Go back to the built-in rules first.
        public var reset: Bool

        public init(
            sampleRates: [Int]? = nil, bitDepths: [Int]? = nil, maximumPeakDBFS: Double? = nil,
            maximumHeadSeconds: Double? = nil, minimumTailSeconds: Double? = nil, naming: String? = nil,
            reset: Bool = false
        ) {
            self.sampleRates = sampleRates
            self.bitDepths = bitDepths
            self.maximumPeakDBFS = maximumPeakDBFS
            self.maximumHeadSeconds = maximumHeadSeconds
            self.minimumTailSeconds = minimumTailSeconds
            self.naming = naming
            self.reset = reset
        }

        var isEmpty: Bool {
            !reset && sampleRates == nil && bitDepths == nil && maximumPeakDBFS == nil && maximumHeadSeconds == nil
                && minimumTailSeconds == nil && naming == nil
        }
    }

    /// `producer deliverables rules`: the project's delivery rules, changed first by `edit` when
    /// it says anything. Each value is checked and named by its option when it cannot be a rule.
    public static func deliveryRules(
        _ edit: DeliveryRulesEdit, store: any ProjectStore
    ) async throws -> DeliveryRules {
        if let rates = edit.sampleRates {
            guard !rates.isEmpty, rates.allSatisfy({ (8_000...768_000).contains($0) }) else {
                throw OfficeError(
                    "--sample-rates \(rates.map(String.init).joined(separator: ",")): give rates in hertz from 8000 to 768000, e.g. 48000,96000"
                )
            }
        }
        if let depths = edit.bitDepths {
            guard !depths.isEmpty, depths.allSatisfy({ [16, 24, 32].contains($0) }) else {
                throw OfficeError(
                    "--bit-depths \(depths.map(String.init).joined(separator: ",")): give 16, 24 or 32 (float), e.g. 24,32"
                )
            }
        }
        if let peak = edit.maximumPeakDBFS, !(peak.isFinite && (-60...0).contains(peak)) {
            throw OfficeError("--max-peak \(peak): give the highest sample peak in dBFS, from -60 to 0, e.g. -0.1")
        }
        for (option, value) in [("--max-head", edit.maximumHeadSeconds), ("--min-tail", edit.minimumTailSeconds)] {
            if let value, !(value.isFinite && (0...60).contains(value)) {
                throw OfficeError("\(option) \(value): give seconds from 0 to 60")
            }
        }
        if let naming = edit.naming {
            guard naming.contains("{song}"), naming.contains("{deliverable}"), !naming.contains("/"),
                naming.lowercased().hasSuffix(".wav") || naming.lowercased().hasSuffix(".aif")
                    || naming.lowercased().hasSuffix(".aiff")
            else {
                throw OfficeError(
                    "--naming \(naming): a file name with {song} and {deliverable}, no folder, ending .wav or .aif (e.g. {artist}_{song}_{deliverable}_{rate}_{bits}.wav)"
                )
            }
        }
        guard !edit.isEmpty else { return try await store.snapshot().deliveryRules ?? DeliveryRules() }
        return try await store.update { project in
            var rules = edit.reset ? DeliveryRules() : project.deliveryRules ?? DeliveryRules()
            if let v = edit.sampleRates { rules.sampleRates = v }
            if let v = edit.bitDepths { rules.bitDepths = v }
            if let v = edit.maximumPeakDBFS { rules.maximumPeakDBFS = v }
            if let v = edit.maximumHeadSeconds { rules.maximumHeadSeconds = v }
            if let v = edit.minimumTailSeconds { rules.minimumTailSeconds = v }
            if let v = edit.naming { rules.naming = v }
            project.deliveryRules = rules == DeliveryRules() ? nil : rules
            return rules
        }
    }
}
