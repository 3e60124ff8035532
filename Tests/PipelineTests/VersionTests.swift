import Foundation
import Pipeline
import TestSupport
import Testing

/// The one version the binary prints, the forwarder sends and the Debian package carries.
@Suite struct VersionTests {
  @Test func theBinaryPrintsTheVersion() throws {
    let folder = TemporaryDirectory()
    let result = try runEdgediag(["--version"], in: folder.path)
    #expect(result.status == 0)
    #expect(result.output == "edgediag \(edgediagVersion)\n")
  }

  /// tools/package reads the version out of Version.swift with its own `version=` line: run that line.
  @Test func thePackageCarriesTheBinarysVersion() throws {
    let script = try String(contentsOf: repositoryRoot.appendingPathComponent("tools/package"), encoding: .utf8)
    let line = try #require(script.split(separator: "\n").first { $0.hasPrefix("version=") })
    let result = try run("/bin/bash", "-c", "root='\(repositoryRoot.path)'; \(line); printf %s \"$version\"")
    #expect(result.status == 0)
    #expect(result.output == edgediagVersion)
  }
}
