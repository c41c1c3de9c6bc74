import Foundation
import ProducerAudio

/// The report's plots, each drawn from the model's numbers into an inline SVG.
enum ReportPlot {
    /// Grid lines and labels of a time axis (seconds) along the bottom of `svg`: a round step
    /// (0.5 s … 5 min) giving about eight ticks, labelled `m:ss`, or `1.5 s` under a second's step.
    static func timeAxis(_ svg: inout ReportSVG, _ x: Scale, duration: Double) {
        let steps = [0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600]
        let step = steps.first { duration / $0 <= 9 } ?? 600
        var t = 0.0
        while t <= duration + 1e-9 {
            svg.line(x(t), svg.plotTop, x(t), svg.plotBottom, stroke: ReportColour.grid)
            let label = step < 1 ? fixed(t, step == 0.25 ? 2 : 1) + " s" : clock(t)
            svg.text(label, x: x(t), y: svg.plotBottom + 16, anchor: "middle", size: 10)
            t += step
        }
        svg.line(svg.plotLeft, svg.plotBottom, svg.plotRight, svg.plotBottom, stroke: ReportColour.axis)
    }

    /// Grid lines and labels of a value axis along the left of `svg`.
    static func valueAxis(
        _ svg: inout ReportSVG, _ y: Scale, ticks: [Double], label: (Double) -> String, unit: String? = nil
    ) {
        for v in ticks {
            svg.line(svg.plotLeft, y(v), svg.plotRight, y(v), stroke: ReportColour.grid)
            svg.text(label(v), x: svg.plotLeft - 6, y: y(v) + 3.5, anchor: "end", size: 10)
        }
        if let unit { svg.text(unit, x: 4, y: svg.plotTop + 2, size: 10, fill: "#777") }
    }

    /// "no data" drawn in an empty plot (so it is still present, with a reason).
    static func empty(_ svg: inout ReportSVG, _ why: String) {
        svg.rect(
            x: svg.plotLeft, y: svg.plotTop, width: svg.plotRight - svg.plotLeft,
            height: svg.plotBottom - svg.plotTop, fill: "#f6f7f9", rx: 4)
        svg.text(why, x: (svg.plotLeft + svg.plotRight) / 2, y: (svg.plotTop + svg.plotBottom) / 2, anchor: "middle")
    }
}
