import ProducerOffice

/// The union scale rates reader (YAML), and a calculation with what it read.
func fuzzRates(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    expectOnly(UnionScaleRatesError.self, file: "fuzz.yaml", input: text) {
        let rates = try UnionScaleRates(yaml: text, path: "fuzz.yaml", currency: "EUR")
        let calculation = ScaleCalculation(
            players: [.init(name: "A", headcount: 3), .init(name: "B", isContractor: true)],
            singers: [.init(name: "C", perHour: true)], bookedMinutes: 200, musicSeconds: 400, rates: rates)
        _ = calculation.text
        // What was read is written back and read again the same
        let again = try UnionScaleRates(yaml: rates.yaml, path: "fuzz.yaml", currency: "EUR")
        guard again == rates else { fatalError("the rates do not read back: \(rates) became \(again)") }
    }
}
