import Testing
import ProducerConsole
@Test func placeholderConsole() { #expect(Bool(true)) }
