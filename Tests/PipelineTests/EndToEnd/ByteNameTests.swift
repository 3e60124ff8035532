import Foundation
import Testing

extension EndToEnd {
  /// File names are bytes: a camera or a Windows share writing Latin-1 or CP1252 names (`caf\xe9.jpg`) puts
  /// names in the capture folder that are not UTF-8. Each is a capture like any other: one outcome, moved under its
  /// exact name, and named in the journal and by `outcomes` only in escaped form.
  @Suite struct ByteNames {
    /// "café.jpg" in Latin-1, and two bytes that are never UTF-8.
    static let latin1 = Array("caf".utf8) + [0xE9] + Array(".jpg".utf8)
    static let invalid = Array("bad".utf8) + [0xFF, 0xFE] + Array(".JPG".utf8)

    @Test func capturesNamedWithBytesThatAreNotUTF8AreAnalysedMovedUnderTheirNameAndShownEscaped() throws {
      let base = FileManager.default.temporaryDirectory.appendingPathComponent("edgediag-bytes-\(UUID().uuidString)")
      let archive = base.appendingPathComponent("archive").path
      defer { try? FileManager.default.removeItem(at: base) }
      let fixture = try DaemonFixture(
        capture: "disposition = move\narchive_directory = \(archive)\n[journal]\ncapture_names = basename")
      let daemon = try fixture.start()
      RawNames.write(Captures.jpeg(seed: 3), to: Array(fixture.capture.utf8) + [UInt8(ascii: "/")] + Self.latin1)
      RawNames.write(Captures.jpeg(seed: 4), to: Array(fixture.capture.utf8) + [UInt8(ascii: "/")] + Self.invalid)
      CaptureWriter.write(Captures.jpeg(seed: 5), to: fixture.path("plain.jpg"))
      let outcomes = try fixture.waitForOutcomes(count: 3, timeout: 30)
      Thread.sleep(forTimeInterval: 0.5)
      #expect(daemon.terminate() == 0)

      expectOneOutcomeEach(try fixture.outcomes(), for: [#"caf\xe9.jpg"#, #"bad\xff\xfe.JPG"#, "plain.jpg"])
      #expect(outcomes.allSatisfy { $0.outcome != "rejected" && $0.outcome != "failed" }, "\(outcomes)")
      // Moved with the very bytes of the name, behind the capture id.
      let ids = Dictionary(outcomes.map { ($0.name, $0.capture) }, uniquingKeysWith: { first, _ in first })
      let expected = try [
        Array(#require(ids[#"caf\xe9.jpg"#]).utf8) + [UInt8(ascii: "-")] + Self.latin1,
        Array(#require(ids[#"bad\xff\xfe.JPG"#]).utf8) + [UInt8(ascii: "-")] + Self.invalid,
        Array(#require(ids["plain.jpg"]).utf8) + Array("-plain.jpg".utf8),
      ]
      #expect(Set(RawNames.list(archive)) == Set(expected))
      #expect(RawNames.list(fixture.capture).isEmpty)
      // The journal names them escaped, as configured (basename): `caf\xe9.jpg`, whose backslash the stderr form
      // of an entry escapes once more.
      #expect(daemon.log.contains(#"capture caf\\xe9.jpg: "#), "\(daemon.log)")
      #expect(daemon.log.contains(#"EDGEDIAG_CAPTURE_NAME=bad\\xff\\xfe.JPG "#), "\(daemon.log)")
    }

    @Test func theStartUpScanTakesNamesThatAreNotUTF8OnceAcrossRestarts() throws {
      // One worker: a capture that arrives after the start-up scan's claims is taken after all of them.
      let fixture = try DaemonFixture(workers: 1)
      for (seed, name) in [Self.latin1, Self.invalid].enumerated() {
        RawNames.write(
          Captures.jpeg(seed: UInt64(seed + 1)), to: Array(fixture.capture.utf8) + [UInt8(ascii: "/")] + name)
      }
      let first = try fixture.start()
      let outcomes = try fixture.waitForOutcomes(count: 2, timeout: 30)
      #expect(first.terminate() == 0)
      expectOneOutcomeEach(outcomes, for: [#"caf\xe9.jpg"#, #"bad\xff\xfe.JPG"#])
      // In JSON, the exact bytes as hex beside the escaped name.
      let output = try runEdgediag(["outcomes", "--config", fixture.configPath, "--json"], in: fixture.directory.path)
      #expect(output.output.contains(#""file_hex":""# + Self.hex(Array(fixture.capture.utf8) + [0x2F] + Self.latin1)))
      #expect(output.output.contains(#"/caf\\xe9.jpg""#), "\(output.output)")

      // The start-up scan sees both again: known, not analysed twice.
      let second = try fixture.start()
      CaptureWriter.write(Captures.jpeg(seed: 9), to: fixture.path("after-start.jpg"))
      try #require(try fixture.waitForOutcome(named: "after-start.jpg"), "\(second.log)")
      #expect(second.terminate() == 0)
      #expect(second.log.split(separator: "EDGEDIAG_OUTCOME=").count == 2, "\(second.log)")
      expectOneOutcomeEach(
        try fixture.outcomes(), for: [#"caf\xe9.jpg"#, #"bad\xff\xfe.JPG"#, "after-start.jpg"])
      #expect(try fixture.pendingClaims().isEmpty)
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
  }
}

/// Files whose names are bytes, not text: Foundation's String paths cannot spell them.
enum RawNames {
  /// Writes `bytes` to the file at `path` in one open and close.
  static func write(_ bytes: [UInt8], to path: [UInt8]) {
    let descriptor = (path + [0]).withUnsafeBufferPointer { name in
      name.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
    }
    precondition(descriptor >= 0, "cannot create a file: errno \(errno)")
    bytes.withUnsafeBytes { precondition(Glibc.write(descriptor, $0.baseAddress!, $0.count) == $0.count) }
    close(descriptor)
  }

  /// The names in the folder at `path`, as bytes, without "." and "..".
  static func list(_ path: String) -> [[UInt8]] {
    guard let directory = opendir(path) else { return [] }
    defer { closedir(directory) }
    var names: [[UInt8]] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: &entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
      if name != [0x2E] && name != [0x2E, 0x2E] { names.append(name) }
    }
    return names
  }
}
