import ProducerMusic

/// The chord-symbol reader: only ChordSymbolError may come out, pointing inside the text; a chord
/// that reads must print in every notation and read back as the same chord.
func fuzzChord(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    do {
        let chord = try ChordSymbol(parsing: text)
        for notation in ChordSymbol.Notation.allCases {
            let written = chord.written(in: notation)
            guard let back = try? ChordSymbol(parsing: written), back == chord else {
                fatalError("\"\(text)\" printed as \"\(written)\" (\(notation)) does not read back the same")
            }
        }
        _ = chord.transposed(by: 7, in: nil)
        _ = chord.toneIntervals
    } catch {
        let count = text.count
        // (A leading combining mark joins the opening quote into one Character: compare scalars.)
        guard (1...max(1, count + 1)).contains(error.column), error.description.unicodeScalars.first == "\"" else {
            fatalError("the error points outside the text: \(error)")
        }
        for raw in rawTexts where error.description.contains(raw) && !text.contains(raw) {
            fatalError("the message carries raw text \"\(raw)\": \(error)")
        }
    }
}
