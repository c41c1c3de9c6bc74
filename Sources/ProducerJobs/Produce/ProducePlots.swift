import Foundation

/// TEMPORARY: the report's plot data; replaced by the report's own readers when they land.
enum ProducePlots {
    static func waveform(of path: String) throws -> Waveform {
        Waveform(duration: 0, minimum: [], maximum: [])
    }
    static func loudness(of path: String) throws -> LoudnessCurve {
        LoudnessCurve(step: 1, shortTerm: [], integrated: nil)
    }
    static func spectrum(of path: String, reference: String?) throws -> Spectrum {
        Spectrum(centres: [], mix: [], reference: nil)
    }
}

/// TEMPORARY: the report's pages; replaced by the report writer when it lands.
enum ProduceReportPages {
    static func write(_ report: ProduceReport, to folder: String) throws {}
}
