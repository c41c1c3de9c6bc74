import ProducerOffice
import Testing

@Suite struct PermissionMatrixTests {
    @Test func theStandardMatrixReadsFromItsData() {
        let matrix = PermissionMatrix.standard
        #expect(Set(matrix.grants.keys) == Set(StudioRole.allCases))
        #expect(matrix.grants[.producer] == Set(StudioPermission.allCases))
        #expect(matrix.grants[.viewer] == [.read])
        #expect(matrix.allows(.artist, .approveMix))
        #expect(!matrix.allows(.artist, .approveMaster))
        #expect(!matrix.allows(.engineer, .seeMoney))
        #expect(matrix.allows(.manager, .book))
        #expect(!matrix.allows(.sessionPlayer, .invite))
    }

    @Test func anUnknownRoleOrPermissionIsRefusedInWords() {
        #expect(throws: StudioStoreError.self) {
            try PermissionMatrix(yaml: Array("drummer: [read]".utf8))
        }
        do {
            _ = try PermissionMatrix(yaml: Array("viewer: [read, sing]".utf8))
            Issue.record("an unknown permission was accepted")
        } catch let error as StudioStoreError {
            #expect(error.message == "the permission matrix names an unknown permission \"sing\"")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func secretIdentifiersAreLongAndDifferent() {
        let ids = (0..<1000).map { _ in Identifier.secret() }
        #expect(Set(ids).count == 1000)
        #expect(ids.allSatisfy { $0.count == 26 && $0.allSatisfy { "abcdefghijklmnopqrstuvwxyz234567".contains($0) } })
    }
}
