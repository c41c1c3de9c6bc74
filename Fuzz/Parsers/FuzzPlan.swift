import ProducerOffice

/// The project plan reader (YAML), and applying what it read to an empty project.
func fuzzPlan(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    expectOnly(ProjectPlanError.self, file: "fuzz.yaml", input: text) {
        var project = ProjectSnapshot(
            settings: ProjectSettings(name: "Fuzz", currency: "EUR", timeZone: "Europe/Berlin"))
        let plan = try ProjectPlan(yaml: text, path: "fuzz.yaml", settings: project.settings)
        _ = try plan.apply(to: &project)
    }
}
