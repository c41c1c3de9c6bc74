import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ProducerServer

/// `/openapi.json` describes exactly the `/api` routes the server answers, as OpenAPI 3.0.3.
@Suite struct OpenAPIDocumentTests {
    @Test func theDocumentNamesExactlyTheAPIRoutes() async throws {
        let text = try await TestStudio().application().test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
        }
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.0.3")
        let paths = try #require(document["paths"] as? [String: Any])
        var described: Set<String> = []
        for (path, item) in paths {
            for method in (item as? [String: Any] ?? [:]).keys where method != "parameters" {
                described.insert("\(method.uppercased()) \(path)")
            }
        }
        let routes = StudioServer.routes(services: try TestStudio().services)
        let answered = Set(
            routes.filter { $0.path.hasPrefix("/api/") }.map { route in
                let path = route.path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
                    segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
                }.joined(separator: "/")
                return "\(route.method) \(path)"
            })
        print("OpenAPIDocumentTests: \(answered.count) API operations, \(described.count) described")
        #expect(answered.count >= 10)
        #expect(answered.subtracting(described).sorted() == [], "routes the document does not describe")
        #expect(described.subtracting(answered).sorted() == [], "operations the server does not answer")
    }

    @Test func everyOperationListsItsErrorsAndEveryReferenceResolves() throws {
        let document = OpenAPIDocument.document
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        var operations = 0
        for (path, item) in paths {
            let item = try #require(item as? [String: Any], "\(path)")
            let shared = (item["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "path" }
                .compactMap { $0["name"] as? String }
            for (method, value) in item where method != "parameters" {
                let operation = try #require(value as? [String: Any], "\(method) \(path)")
                let responses = try #require(operation["responses"] as? [String: Any], "\(method) \(path)")
                operations += 1
                #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(method) \(path) has no success")
                if operation["security"] == nil { #expect(responses["401"] != nil, "\(method) \(path) lacks 401") }
                let names = path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                    String($0.dropFirst().dropLast())
                }
                let parameters =
                    shared
                    + (operation["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "path" }
                    .compactMap {
                        $0["name"] as? String
                    }
                #expect(Set(names) == Set(parameters), "\(method) \(path) parameters \(parameters)")
                if !names.isEmpty { #expect(responses["404"] != nil, "\(method) \(path) lacks 404") }
            }
        }
        var references = 0
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                if let reference = object["$ref"] as? String {
                    let name = reference.replacingOccurrences(of: "#/components/schemas/", with: "")
                    #expect(schemas[name] != nil, "no schema \(reference)")
                    references += 1
                }
                object.values.forEach(walk)
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.json)))
        print("OpenAPIDocumentTests: \(operations) operations, \(references) schema references resolve")
        #expect(operations > 0 && references > 0)
    }
}
