import Foundation
import TestSupport
import Testing

@testable import Pipeline

@Suite struct ConfigurationTests {
  static func parse(_ text: String) throws(ConfigError) -> Configuration {
    try Configuration.parse(IniFile.parse(text, file: "/etc/edgediag/edgediag.conf"))
  }

  static func message(_ text: String) -> String {
    do {
      _ = try parse(text)
      return "accepted"
    } catch { return error.description }
  }

  @Test func everyKeyIsRead() throws {
    let configuration = try Self.parse(
      """
      [capture]
      directory = /data/in
      recursive = yes
      ignore = .* *.tmp
      extensions = JPG
      max_file_bytes = 1000
      max_pixels = 2000
      max_scans = 3
      max_decode_memory_bytes = 2000000
      settle_milliseconds = 500
      disposition = move
      archive_directory = /data/archive
      quarantine_directory = /data/quarantine
      [model]
      card = /opt/model.conf
      threads = 2
      deadline_ms = 500
      [workers]
      count = 4
      queue = 8
      max_decodes = 3
      [state]
      directory = /data/state
      [journal]
      capture_names = basename
      [forward]
      url = https://example.org/api
      format = fhir-r4
      fhir_diagnostic_report = yes
      ca_file = /etc/ssl/ca.pem
      client_cert = /etc/edgediag/cert.pem
      client_key = /etc/edgediag/key.pem
      token_file = /etc/edgediag/token
      connect_timeout_ms = 1000
      timeout_ms = 2000
      proxy = http://proxy.example:3128
      device_id = clinic-7.room_2
      max_outbox_entries = 5
      max_outbox_age_days = 6
      heartbeat_interval_s = 60
      """)
    var expected = Configuration()
    expected.capture = .init(
      directory: "/data/in", recursive: true, ignore: [".*", "*.tmp"], extensions: ["jpg"], maxFileBytes: 1000,
      maxPixels: 2000, maxScans: 3, maxDecodeMemoryBytes: 2_000_000, settleMilliseconds: 500, disposition: .move,
      archiveDirectory: "/data/archive",
      quarantineDirectory: "/data/quarantine")
    expected.model = .init(card: "/opt/model.conf", threads: 2, deadlineMilliseconds: 500)
    expected.workers = .init(count: 4, queue: 8, maxDecodes: 3, maxAttempts: 3)
    expected.state = .init(directory: "/data/state")
    expected.journal = .init(captureNames: .basename)
    expected.forward = .init(
      url: "https://example.org/api", format: .fhirR4, fhirDiagnosticReport: true, caFile: "/etc/ssl/ca.pem",
      clientCertificate: "/etc/edgediag/cert.pem", clientKey: "/etc/edgediag/key.pem",
      tokenFile: "/etc/edgediag/token", connectTimeoutMilliseconds: 1000, timeoutMilliseconds: 2000,
      proxy: "http://proxy.example:3128", deviceID: "clinic-7.room_2", maxOutboxEntries: 5, maxOutboxAgeDays: 6,
      heartbeatIntervalSeconds: 60)
    #expect(configuration == expected)
  }

  @Test func laterValuesWinAndEmptyRestoresTheDefault() throws {
    let configuration = try Self.parse(
      "[workers]\ncount = 3\ncount = 5\n[forward]\nurl = https://a.example\nurl =\n[model]\nthreads = 4\nthreads =")
    #expect(configuration.workers.count == 5)
    #expect(configuration.forward.url == nil)
    #expect(configuration.model.threads == 1)
  }

  @Test(arguments: [
    ("[capture]\ndirectroy = /x", "/etc/edgediag/edgediag.conf:2: [capture] unknown key 'directroy'"),
    ("[captures]\ndirectory = /x", "/etc/edgediag/edgediag.conf:2: [captures] unknown section"),
    (
      "[capture]\n\nmax_file_bytes = lots",
      "/etc/edgediag/edgediag.conf:3: [capture] max_file_bytes = 'lots': expected an integer from 1 to 4294967296"
    ),
    (
      "[capture]\nmax_decode_memory_bytes = 65536",
      "/etc/edgediag/edgediag.conf:2: [capture] max_decode_memory_bytes = '65536': expected an integer from 1048576 to 4294967296"
    ),
    (
      "[workers]\nmax_decodes = 0",
      "/etc/edgediag/edgediag.conf:2: [workers] max_decodes = '0': expected an integer from 1 to 256"
    ),
    (
      "[capture]\nrescan_seconds = -5",
      "/etc/edgediag/edgediag.conf:2: [capture] rescan_seconds = '-5': expected an integer from 0 to 86400"
    ),
    (
      "[workers]\nqueue = 0",
      "/etc/edgediag/edgediag.conf:2: [workers] queue = '0': expected an integer from 1 to 65536"
    ),
    (
      "[capture]\nrecursive = maybe", "/etc/edgediag/edgediag.conf:2: [capture] recursive = 'maybe': expected yes or no"
    ),
    (
      "[journal]\ncapture_names = name",
      "/etc/edgediag/edgediag.conf:2: [journal] capture_names = 'name': expected id, basename or path"
    ),
    (
      "[state]\ndirectory = var/lib/edgediag",
      "/etc/edgediag/edgediag.conf:2: [state] directory = 'var/lib/edgediag': expected an absolute path"
    ),
    (
      "[forward]\nurl = http://findings.example.org/",
      "/etc/edgediag/edgediag.conf:2: [forward] url = 'http://findings.example.org/': expected an https:// URL (plain http:// is refused, even to localhost)"
    ),
    (
      "[forward]\nurl = http://localhost.evil.example/",
      "/etc/edgediag/edgediag.conf:2: [forward] url = 'http://localhost.evil.example/': expected an https:// URL (plain http:// is refused, even to localhost)"
    ),
    (
      "[capture]\nextensions = .jpg",
      "/etc/edgediag/edgediag.conf:2: [capture] extensions = '.jpg': expected extensions without their dot, separated by blanks (jpg jpeg)"
    ),
    (
      "[forward]\nformat = xml",
      "/etc/edgediag/edgediag.conf:2: [forward] format = 'xml': expected json or fhir-r4"
    ),
    (
      "[forward]\nproxy = proxy.example:3128",
      "/etc/edgediag/edgediag.conf:2: [forward] proxy = 'proxy.example:3128': expected a proxy URL such as http://proxy.example:3128"
    ),
    (
      "[forward]\ndevice_id = room 2",
      "/etc/edgediag/edgediag.conf:2: [forward] device_id = 'room 2': expected letters, digits, '.', '_' or '-' (at most 64)"
    ),
    (
      "[capture]\ndisposition = move",
      "/etc/edgediag/edgediag.conf:2: [capture] disposition: 'move' needs archive_directory"
    ),
    (
      "[capture]\ndirectory = /in\nrecursive = yes\narchive_directory = /in/done",
      "/etc/edgediag/edgediag.conf:4: [capture] archive_directory: must be outside the watched capture directory"
    ),
    (
      "[forward]\nclient_key = /k.pem",
      "/etc/edgediag/edgediag.conf:2: [forward] client_key: client_cert and client_key go together"
    ),
  ])
  func badValuesAreErrorsWithFileLineAndKey(text: String, message: String) {
    #expect(Self.message(text) == message)
  }

  /// The forwarder sends findings only over https; check-config refuses what run would refuse, at file:line:key.
  @Test func plainHTTPIsRefusedEvenToLoopback() throws {
    for url in ["http://localhost", "http://127.0.0.1:8080/findings", "http://[::1]:9/x"] {
      #expect(
        Self.message("[forward]\nurl = \(url)")
          == "/etc/edgediag/edgediag.conf:2: [forward] url = '\(url)': expected an https:// URL (plain http:// is refused, even to localhost)"
      )
    }
    #expect(try Self.parse("[forward]\nurl = HTTPS://a.example").forward.url == "HTTPS://a.example")
  }

  /// Captures are moved with rename(), which cannot cross file systems: check-config and run refuse an archive or
  /// quarantine folder on another one (here /dev/shm, a tmpfs) rather than fail every move.
  @Test func refusesAMoveDestinationOnAnotherFileSystem() throws {
    let directory = TemporaryDirectory()
    let elsewhere = "/dev/shm/edgediag-\(UUID().uuidString)"
    let device = { (path: String) in (try? FileManager.default.attributesOfItem(atPath: path))?[.systemNumber] as? Int }
    guard let shm = device("/dev/shm"), shm != device(directory.path) else { return }  // no second file system here
    let path = directory.write(
      "edgediag.conf",
      "[capture]\ndirectory = \(directory.path)/capture\ndisposition = move\narchive_directory = \(elsewhere)/archive\n"
    )
    #expect {
      _ = try Configuration.load(path: path)
    } throws: { error in
      (error as? ConfigError)?.description
        == "\(path):4: [capture] archive_directory: on another file system than the capture directory: captures "
        + "are moved there with rename(), which cannot cross file systems"
    }
    let quarantine = directory.write(
      "quarantine.conf", "[capture]\ndirectory = \(directory.path)\nquarantine_directory = \(elsewhere)\n")
    #expect(throws: ConfigError.self) { _ = try Configuration.load(path: quarantine) }
    let same = directory.write(
      "same.conf",
      "[capture]\ndirectory = \(directory.path)/capture\ndisposition = move\narchive_directory = \(directory.path)/a/b\n"
    )
    #expect(try Configuration.load(path: same).capture.archiveDirectory == directory.path + "/a/b")
  }

  @Test func loadsDropInsOverTheMainFile() throws {
    let directory = TemporaryDirectory()
    let main = directory.write("edgediag.conf", "[workers]\ncount = 2\nqueue = 10\n")
    directory.write("edgediag.conf.d/50-site.conf", "[workers]\ncount = 3\n")
    let configuration = try Configuration.load(path: main)
    #expect(configuration.workers == .init(count: 3, queue: 10))
    directory.write("edgediag.conf.d/60-typo.conf", "[workers]\n\ncuont = 1\n")
    #expect(
      throws: ConfigError(
        file: directory.path + "/edgediag.conf.d/60-typo.conf", line: 3, section: "workers",
        problem: .unknownKey("cuont"))
    ) { try Configuration.load(path: main) }
  }
}
