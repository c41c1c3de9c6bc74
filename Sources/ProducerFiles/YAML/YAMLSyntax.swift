import CYaml
import Yams

/// YAML text read into Yams nodes for the console's session reader and the office's plan reader, with
/// every problem told in our own words at a line and column: libyaml's and Yams's own text
/// ("mapping values are not allowed in this context", "yaml_set_max_nest_level()") never reaches
/// a person.
///
/// Before Yams composes the nodes, libyaml's event stream is read once to check what Yams would
/// accept but a session or a plan must not hold: nesting deeper than ``maximumDepth`` (libyaml
/// itself stops at 1000 with a message of its own), aliases (`*name`, which can make a small
/// file expand without bound), and more than one document.
package enum YAMLSyntax {
    /// Why YAML text could not be read: where (line and column from 1, when known) and what, as a
    /// sentence without the file name.
    package struct Problem: Error, Sendable, Hashable {
        package var line: Int?
        package var column: Int?
        package var message: String
        /// True when the problem is a key given twice in one mapping.
        package var isDuplicateKey = false

        package init(line: Int?, column: Int?, _ message: String, isDuplicateKey: Bool = false) {
            self.line = line
            self.column = column
            self.message = message
            self.isDuplicateKey = isDuplicateKey
        }
    }

    /// How deep lists and mappings may nest inside one another. A session nests about 7 deep.
    package static let maximumDepth = 64

    /// The root node of `yaml`, or nil when it holds no document.
    ///
    /// - Throws: ``Problem`` for text that is not YAML, nests deeper than ``maximumDepth``, uses
    ///   aliases, holds more than one document, or repeats a key in a mapping.
    package static func compose(_ yaml: String) throws(Problem) -> Node? {
        try check(yaml)
        do {
            return try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw explain(error)
        } catch {
            throw Problem(line: nil, column: nil, "the YAML cannot be read")
        }
    }

    // MARK: - The check before composing

    /// Reads libyaml's events for `yaml`, throwing at the first syntax error, nesting deeper than
    /// ``maximumDepth``, alias or second document.
    static func check(_ yaml: String) throws(Problem) {
        var text = yaml
        let result: Problem? = text.withUTF8 { bytes -> Problem? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return Problem(line: nil, column: nil, "the YAML cannot be read: there is not enough memory")
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var depth = 0
            var documents = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return problem(of: parser, in: bytes) }
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                let line = Int(mark.line) + 1
                let column = Int(mark.column) + 1
                switch event.type {
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    depth += 1
                    if depth > maximumDepth {
                        return Problem(
                            line: line, column: column,
                            "the YAML is nested deeper than \(maximumDepth) levels (lists and mappings inside one another)"
                        )
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                case YAML_ALIAS_EVENT:
                    let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                    return Problem(
                        line: line, column: column,
                        "YAML aliases (*\(name)) are not supported here; write the value out in full")
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        return Problem(
                            line: line, column: column,
                            "a second YAML document starts here (after ---); the file must hold one")
                    }
                case YAML_STREAM_END_EVENT:
                    return nil
                default:
                    break
                }
            }
        }
        if let result { throw result }
    }

    /// libyaml's error as a ``Problem``.
    private static func problem(of parser: yaml_parser_t, in bytes: UnsafeBufferPointer<UInt8>) -> Problem {
        let problem = parser.problem.map { String(cString: $0) } ?? ""
        let context = parser.context.map { String(cString: $0) }
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return Problem(line: nil, column: nil, "the YAML cannot be read: there is not enough memory")
        case YAML_READER_ERROR:
            let (line, column) = place(ofByte: Int(parser.problem_offset), in: bytes)
            let value = Int(parser.problem_value)
            let character = value >= 0 ? " (U+\(String(value, radix: 16, uppercase: true).leftPadded(to: 4)))" : ""
            if problem.contains("control characters") {
                return Problem(
                    line: line, column: column,
                    "the text holds a control character\(character), which YAML does not allow; delete it")
            }
            if problem.contains("too long") {
                return Problem(line: line, column: column, "the text is too long for the YAML reader")
            }
            return Problem(
                line: line, column: column, "the text is not valid UTF-8 here\(character); save the file as UTF-8")
        default:
            let mark = parser.problem_mark
            let line = Int(mark.line) + 1
            let column = Int(mark.column) + 1
            // An unknown escape is reported at its backslash: show the character after it.
            let shownColumn = problem == "found unknown escape character" ? column + 1 : column
            let character = self.character(atLine: line, column: shownColumn, in: bytes)
            return Problem(
                line: line, column: column, sentence(problem: problem, context: context, character: character))
        }
    }

    /// Yams's error (for what the check before cannot see, such as a repeated key) as a ``Problem``.
    static func explain(_ error: YamlError) -> Problem {
        switch error {
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return Problem(
                line: context.mark.line, column: context.mark.column,
                duplicates.count == 1
                    ? "the key \(keys) is given twice in one mapping"
                    : "the keys \(keys) are given twice in one mapping",
                isDuplicateKey: true)
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return Problem(
                line: mark.line, column: mark.column, sentence(problem: problem, context: context?.text, character: nil)
            )
        case .memory:
            return Problem(line: nil, column: nil, "the YAML cannot be read: there is not enough memory")
        default:
            return Problem(line: nil, column: nil, "the YAML cannot be read")
        }
    }

    /// libyaml's `problem` (and `context`) in our words. `character` is the one at the problem's
    /// place, when known.
    static func sentence(problem: String, context: String?, character: Unicode.Scalar?) -> String {
        let inQuotes = context?.contains("quoted scalar") == true
        switch problem {
        case "found character that cannot start any token":
            if character == "\t" { return "a tab is used for indentation here; YAML indents with spaces only" }
            if let character, character.value >= 0x21, character.value < 0x7F {
                return "\"\(character)\" cannot start a value; put the text in quotes"
            }
            return "this character cannot start a value; put the text in quotes"
        case "found a tab character that violates indentation",
            "found a tab character where an indentation space is expected":
            return "a tab is used for indentation here; YAML indents with spaces only"
        case "mapping values are not allowed in this context":
            return
                "a \"key: value\" cannot start here: check the indentation of this line, or put text that holds \": \" in quotes"
        case "could not find expected ':'":
            return "a key has no colon after it (write key: value), or a quoted text runs over more than one line"
        case "found unknown escape character":
            let shown = character.map { "\\\($0)" } ?? "this"
            return
                "\(shown) is not an escape double-quoted text knows; write \\\\ for a backslash, or use single quotes"
        case "found invalid Unicode character escape code", "did not find expected hexdecimal number":
            return "a \\x, \\u or \\U escape in double-quoted text needs hexadecimal digits that name a character"
        case "found unexpected end of stream":
            return inQuotes
                ? "a quoted text is never closed: the file ends before its closing quote"
                : "the file ends in the middle of a value"
        case "found unexpected document indicator":
            return inQuotes
                ? "a quoted text is never closed: a --- or ... line comes before its closing quote"
                : "a --- or ... line is in the middle of a value"
        case "did not find expected key":
            return "the indentation is wrong here: a key of the mapping above, at its indentation, was expected"
        case "did not find expected '-' indicator":
            return "the indentation is wrong here: another list item (- …) at the list's indentation was expected"
        case "did not find expected node content":
            return "a value is missing here"
        case "did not find expected ',' or ']'":
            return "a list in [ ] is not closed: a , or ] was expected here"
        case "did not find expected ',' or '}'":
            return "a mapping in { } is not closed: a , or } was expected here"
        case "block sequence entries are not allowed in this context":
            return "a list item (- …) cannot start here: check the indentation of this line"
        case "mapping keys are not allowed in this context":
            return "a complex key (? …) cannot start here"
        case "found undefined alias":
            return "an alias (*name) names no anchor (&name) above it"
        case "did not find expected <document start>":
            return "a second YAML document starts here without ---; the file must hold one"
        case "but found another document":
            return "a second YAML document starts here; the file must hold one"
        case "found an indentation indicator equal to 0":
            return "a block text (| or >) cannot have an indentation indicator of 0"
        case "found unexpected ':'":
            return "a colon in a [ ] list or { } mapping here needs the text around it in quotes"
        case "did not find expected comment or line break", "did not find expected whitespace or line break":
            return "unexpected text after the value here: put the text in quotes, or move it to a line of its own"
        case "found an incorrect leading UTF-8 octet", "found an incorrect trailing UTF-8 octet":
            return "a %-escaped character in a tag is not valid UTF-8"
        default:
            if problem.hasPrefix("Maximum nesting level") {
                return "the YAML is nested deeper than \(maximumDepth) levels (lists and mappings inside one another)"
            }
            if context?.contains("directive") == true || problem.contains("directive")
                || problem.contains("version number")
            {
                return "this % directive cannot be read; sessions and plans need none (delete the line)"
            }
            if context?.contains("tag") == true || problem.contains("tag") {
                return "this ! tag cannot be read; sessions and plans need no tags (delete it)"
            }
            if context?.contains("anchor") == true || context?.contains("alias") == true {
                return "an anchor (&) or alias (*) needs a name of letters, digits, - or _"
            }
            if inQuotes { return "this quoted text cannot be read: check its quotes and escapes" }
            if context?.contains("block scalar") == true {
                return
                    "this block text (| or >) cannot be read: check the indicator after | or > and the indentation below"
            }
            return "this is not valid YAML: check the indentation, colons and quotes here and on the line before"
        }
    }

    /// The line and column (from 1) of the byte at `offset` in `bytes`, counting characters.
    static func place(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes.prefix(max(0, offset)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// The character at `line`:`column` (from 1, columns counting characters), if there is one.
    static func character(atLine line: Int, column: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var index = 0
        var currentLine = 1
        while currentLine < line, index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") { currentLine += 1 }
            index += 1
        }
        guard currentLine == line else { return nil }
        let rest = UnsafeBufferPointer(rebasing: bytes[index...])
        var iterator = rest.makeIterator()
        var decoder = UTF8()
        var currentColumn = 1
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            if scalar == "\n" { return nil }
            if currentColumn == column { return scalar }
            currentColumn += 1
        }
        return nil
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
