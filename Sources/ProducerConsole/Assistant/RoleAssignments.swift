import ProducerFiles
import Yams

/// A `--roles` file: which role each stem plays, overriding what its name or sound says.
///
/// ```yaml
/// # stem (its file name, with or without the extension) : role
/// Track 3.wav: lead vocal
/// gtr_amb: room
/// ```
public enum RoleAssignments {
    /// The largest roles file read, bytes.
    public static let maximumFileBytes = 256 << 10

    /// The roles `path` gives, by the index of the stem in `stems` (file paths) each key names.
    /// - Throws: ``SessionError`` naming the line and column of a key that names no stem, a role
    ///   that does not exist, or YAML that is not a mapping of text to text.
    public static func read(path: String, stems: [String]) throws(SessionError) -> [Int: StemRole] {
        let text: String
        do {
            text = try InputFile.text(atPath: path, what: "roles file", limit: maximumFileBytes)
        } catch {
            throw SessionError(file: path, line: error.line, column: error.column, code: .unreadable, error.reason)
        }
        return try parse(text, path: path, stems: stems)
    }

    /// Reads roles from YAML text; `path` names it in errors.
    public static func parse(_ text: String, path: String, stems: [String]) throws(SessionError) -> [Int: StemRole] {
        let root: Node?
        do {
            root = try YAMLSyntax.compose(text)
        } catch {
            throw SessionError(file: path, line: error.line, column: error.column, code: .syntax, error.message)
        }
        guard let root else { return [:] }
        guard case .mapping(let mapping) = root else {
            throw SessionError(
                file: path, line: root.mark?.line, column: root.mark?.column,
                "must be a mapping of stems to roles, such as `vox.wav: lead vocal`")
        }
        let names = stems.map { file -> (String, String) in
            let base = file.lastIndex(of: "/").map { String(file[file.index(after: $0)...]) } ?? file
            let bare = base.lastIndex(of: ".").map { String(base[..<$0]) } ?? base
            return (base, bare)
        }
        var result: [Int: StemRole] = [:]
        for (key, value) in mapping {
            guard case .scalar(let k) = key else {
                throw SessionError(
                    file: path, line: key.mark?.line, column: key.mark?.column, "a stem's name must be text")
            }
            guard let index = names.firstIndex(where: { $0.0 == k.string || $0.1 == k.string }) else {
                throw SessionError(
                    file: path, line: key.mark?.line, column: key.mark?.column, key: k.string, code: .unknownReference,
                    "no stem is called \"\(k.string)\"; the stems are " + names.map(\.0).joined(separator: ", "))
            }
            guard case .scalar(let v) = value, let role = StemRole(named: v.string) else {
                throw SessionError(
                    file: path, line: value.mark?.line, column: value.mark?.column, key: k.string,
                    "\"\(value.string ?? "a list or mapping")\" is not a role; the roles are "
                        + StemRole.allCases.map(\.rawValue).joined(separator: ", "))
            }
            result[index] = role
        }
        return result
    }
}
