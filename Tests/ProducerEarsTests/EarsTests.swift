import Testing
import ProducerEars
@Test func earsModuleLinks() { #expect(String(describing: Ears.self) == "Ears") }
