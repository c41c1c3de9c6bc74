import Foundation

/// A fresh temporary folder for one test.
public func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "producer-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The package's root folder (two levels above this file's folder).
public let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// `../shared/testdata` beside the package, if it is there.
public let sharedTestData: String? = {
    let path = packageRoot + "/../shared/testdata"
    return FileManager.default.fileExists(atPath: path) ? path : nil
}()

/// Runs a program (in `directory`, with `environment`, when given) and returns its exit status,
/// standard output and standard error.
public func runProcess(
    _ executable: String, _ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil
) throws -> (status: Int32, out: String, err: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
    if let environment { p.environment = environment }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}
