import ProducerMusic

/// The chord chart reader: only ``ChartError`` may come out; a chart it reads must print to text
/// that reads back to the same chart (source positions aside), and its played bars stay bounded.
func fuzzChart(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    expectOnly(ChartError.self, file: "fuzz/chart.txt", input: text) {
        let chart = try Chart(parsing: text, file: "fuzz/chart.txt")
        guard chart.played().count <= Chart.maximumBars * Chart.maximumRepeats * Chart.maximumRepeats else {
            fatalError("more bars played than the limits allow")
        }
        let printed = chart.text
        let again: Chart
        do {
            again = try Chart(parsing: printed, file: "fuzz/printed.txt")
        } catch {
            fatalError("the printed chart does not read back: \(error)\n\(printed)")
        }
        guard again.text == printed else { fatalError("printing is not stable:\n\(printed)\n---\n\(again.text)") }
    }
}
