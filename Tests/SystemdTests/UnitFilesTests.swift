import Foundation
import TestSupport
import Testing

/// The files under systemd/, checked with systemd's own tools.
@Suite struct UnitFilesTests {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("systemd").path

  @Test func serviceExposureIsAtMostTwo() throws {
    let result = try run(UnitFilesTests.directory + "/check-security")
    #expect(result.status == 0)
    let line = try #require(result.output.split(separator: "\n").first { $0.contains("Overall exposure level") })
    let level = try #require(line.split(separator: " ").compactMap { Double($0) }.first)
    #expect(level <= 2.0)
  }

  @Test func serviceParsesCleanly() throws {
    // The binary is not installed here; every other complaint is a defect of the unit file.
    let result = try run(
      "/usr/bin/systemd-analyze", "verify", "--man=no", UnitFilesTests.directory + "/edgediag.service")
    let complaints = result.errors.split(separator: "\n").filter { !$0.contains("/usr/bin/edgediag is not executable") }
    #expect(complaints.isEmpty, "\(complaints)")
  }

  @Test func sysusersAndTmpfilesCreateAReadableCaptureFolder() throws {
    let root = NSTemporaryDirectory() + "edgediag-root-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    for folder in ["etc", "var/lib"] {
      try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
    }
    #expect(try shell("systemd-sysusers --root=\(root) - < \(UnitFilesTests.directory)/edgediag.sysusers") == 0)
    let groups = try String(contentsOfFile: root + "/etc/group", encoding: .utf8)
    let capture = try #require(groups.split(separator: "\n").first { $0.hasPrefix("capture:") })
    #expect(capture.hasSuffix(":edgediag"))
    let passwd = try String(contentsOfFile: root + "/etc/passwd", encoding: .utf8)
    #expect(passwd.contains("edgediag:x:"))

    #expect(
      try shell("systemd-tmpfiles --root=\(root) --create - < \(UnitFilesTests.directory)/edgediag.tmpfiles") == 0)
    let folder = root + "/var/lib/capture"
    var status = stat()
    #expect(stat(folder, &status) == 0)
    #expect(status.st_mode & 0o7777 == 0o2770)
    #expect(String(status.st_gid) == capture.split(separator: ":")[2])

    // A writer with a strict umask still leaves the capture readable by the group, and it inherits the group.
    #expect(try shell("umask 077 && echo jpeg > \(folder)/IMG_0001.jpg") == 0)
    #expect(stat(folder + "/IMG_0001.jpg", &status) == 0)
    #expect(status.st_mode & 0o040 != 0)
    #expect(status.st_mode & 0o007 == 0)
    #expect(String(status.st_gid) == capture.split(separator: ":")[2])
  }
}
