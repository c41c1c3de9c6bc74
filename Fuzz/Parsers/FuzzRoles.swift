import ProducerConsole

/// The mix assistant's `--roles` reader (YAML: stem name → role), over a fixed set of stems.
func fuzzRoles(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    expectOnly(SessionError.self, file: "fuzz/roles.yaml", input: text) {
        _ = try RoleAssignments.parse(
            text, path: "fuzz/roles.yaml", stems: ["stems/kick.wav", "stems/Lead Vox.wav", "gtr.aif"])
    }
}
