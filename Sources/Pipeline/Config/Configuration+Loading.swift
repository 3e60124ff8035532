import Platform

extension Configuration {
  /// The configuration at `path` (default `/etc/edgediag/edgediag.conf`) with its drop-ins `path.d/*.conf`,
  /// checked against the file systems it names.
  public static func load(path: String) throws(ConfigError) -> Configuration {
    let entries = try IniFile.loadWithDropIns(path: path)
    let configuration = try parse(entries)
    try configuration.checkCaptureFolder(entries)
    try configuration.checkMoveDestinations(entries)
    return configuration
  }

  /// The capture folder may be missing (a share mounted later: the daemon waits for it), but what is there must
  /// be a folder, through any symbolic link: a file is never watched.
  private func checkCaptureFolder(_ entries: [IniEntry]) throws(ConfigError) {
    guard let status = try? fileStatus(atPath: capture.directory), !status.isDirectory,
      let entry = entries.last(where: { $0.section == "capture" && $0.key == "directory" })
    else { return }
    throw entry.error(.conflict(key: "directory", "exists but is not a folder"))
  }

  /// Captures are moved to the archive and quarantine folders with rename(), which cannot cross file systems
  /// (EXDEV). Rather than copy and delete (not atomic: a crash between the two leaves the capture in both
  /// folders, and the copy needs its own fsync discipline), a destination on another file system is refused
  /// here, so that check-config and run say so before any capture. A folder that does not exist yet (it is made
  /// on the first move) is judged by its nearest existing parent.
  ///
  /// A destination is also compared with the capture folder as the file system sees both (symbolic links
  /// resolved, and the same device and inode), which `check` cannot do from their spelling alone.
  private func checkMoveDestinations(_ entries: [IniEntry]) throws(ConfigError) {
    for (key, folder) in [
      ("archive_directory", capture.archiveDirectory), ("quarantine_directory", capture.quarantineDirectory),
    ] {
      guard let folder, let entry = entries.last(where: { $0.section == "capture" && $0.key == key }) else { continue }
      let inside =
        isInsideWatchedFolder(folder, watched: capture.directory, recursive: capture.recursive, resolve: canonicalPath)
        || Self.isSameFile(folder, capture.directory)
      if inside { throw entry.error(.conflict(key: key, "must be outside the watched capture directory")) }
    }
    guard let captureDevice = Self.device(ofNearest: capture.directory) else { return }
    let destinations = [
      ("archive_directory", capture.disposition == .move ? capture.archiveDirectory : nil),
      ("quarantine_directory", capture.quarantineDirectory),
    ]
    for (key, folder) in destinations {
      guard let folder, let device = Self.device(ofNearest: folder), device != captureDevice,
        let entry = entries.last(where: { $0.section == "capture" && $0.key == key })
      else { continue }
      throw entry.error(
        .conflict(
          key: key,
          "on another file system than the capture directory: captures are moved there with rename(), which "
            + "cannot cross file systems"))
    }
  }

  /// Whether both paths exist and are one file (the same device and inode: a bind mount, say).
  private static func isSameFile(_ first: String, _ second: String) -> Bool {
    guard let one = try? fileStatus(atPath: first), let other = try? fileStatus(atPath: second) else { return false }
    return one.device == other.device && one.inode == other.inode
  }

  /// The device of `path`, or of its nearest existing parent; nil if none can be examined.
  private static func device(ofNearest path: String) -> UInt64? {
    var current = path
    while true {
      if let status = try? fileStatus(atPath: current) { return status.device }
      guard let slash = current.utf8.lastIndex(of: UInt8(ascii: "/")), current != "/" else { return nil }
      current = slash == current.utf8.startIndex ? "/" : String(current[..<slash])
    }
  }

  /// The configuration that `entries` describe, applied in order over the defaults.
  public static func parse(_ entries: [IniEntry]) throws(ConfigError) -> Configuration {
    let settings = Configuration.settings
    var configuration = Configuration()
    var origins: [String: IniEntry] = [:]
    for entry in entries {
      guard let setting = settings.first(where: { $0.section == entry.section && $0.key == entry.key }) else {
        let known = settings.contains { $0.section == entry.section }
        throw entry.error(known ? .unknownKey(entry.key) : .unknownSection)
      }
      try setting.apply(&configuration, entry)
      origins[entry.section + "." + entry.key] = entry
    }
    try configuration.check(origins)
    return configuration
  }

  /// Every known key, as `(section, key)`, in the order of `config/edgediag.conf`.
  public static var keys: [(section: String, key: String)] { settings.map { ($0.section, $0.key) } }

  /// Rules between keys. Each error points at the line that set the offending value.
  private func check(_ origins: [String: IniEntry]) throws(ConfigError) {
    if capture.disposition == .move, capture.archiveDirectory == nil, let entry = origins["capture.disposition"] {
      throw entry.error(.conflict(key: "disposition", "'move' needs archive_directory"))
    }
    for (key, folder) in [
      ("archive_directory", capture.archiveDirectory), ("quarantine_directory", capture.quarantineDirectory),
    ] {
      guard let folder, let entry = origins["capture." + key] else { continue }
      let inside = isInsideWatchedFolder(
        folder, watched: capture.directory, recursive: capture.recursive, resolve: lexicallyNormalizedPath)
      if inside { throw entry.error(.conflict(key: key, "must be outside the watched capture directory")) }
    }
    if (forward.clientCertificate == nil) != (forward.clientKey == nil) {
      let key = forward.clientCertificate == nil ? "client_key" : "client_cert"
      if let entry = origins["forward." + key] {
        throw entry.error(.conflict(key: key, "client_cert and client_key go together"))
      }
    }
  }

  private static var settings: [Setting<Configuration>] {
    let d = Configuration()
    typealias S = Setting<Configuration>
    return [
      S(
        "capture", "directory", .absolutePath, defaults: d, get: { $0.capture.directory },
        set: { $0.capture.directory = $1 }),
      S(
        "capture", "recursive", .boolean, defaults: d, get: { $0.capture.recursive }, set: { $0.capture.recursive = $1 }
      ),
      S("capture", "ignore", .words, defaults: d, get: { $0.capture.ignore }, set: { $0.capture.ignore = $1 }),
      S(
        "capture", "extensions", .extensions, defaults: d, get: { $0.capture.extensions },
        set: { $0.capture.extensions = $1 }),
      S(
        "capture", "max_file_bytes", .integer(1...(1 << 32)), defaults: d,
        get: { $0.capture.maxFileBytes }, set: { $0.capture.maxFileBytes = $1 }),
      S(
        "capture", "max_pixels", .integer(1...1_000_000_000), defaults: d,
        get: { $0.capture.maxPixels }, set: { $0.capture.maxPixels = $1 }),
      S(
        "capture", "max_scans", .integer(1...1000), defaults: d,
        get: { $0.capture.maxScans }, set: { $0.capture.maxScans = $1 }),
      S(
        "capture", "max_decode_memory_bytes", .integer(1_048_576...(1 << 32)), defaults: d,
        get: { $0.capture.maxDecodeMemoryBytes }, set: { $0.capture.maxDecodeMemoryBytes = $1 }),
      S(
        "capture", "settle_milliseconds", .integer(0...600_000), defaults: d,
        get: { $0.capture.settleMilliseconds }, set: { $0.capture.settleMilliseconds = $1 }),
      S(
        "capture", "rescan_seconds", .integer(0...86_400), defaults: d,
        get: { $0.capture.rescanSeconds }, set: { $0.capture.rescanSeconds = $1 }),
      S(
        "capture", "disposition", .choice(Disposition.self), defaults: d,
        get: { $0.capture.disposition }, set: { $0.capture.disposition = $1 }),
      S(
        "capture", "archive_directory", .absolutePath, defaults: d,
        get: { $0.capture.archiveDirectory }, set: { $0.capture.archiveDirectory = $1 }),
      S(
        "capture", "quarantine_directory", .absolutePath, defaults: d,
        get: { $0.capture.quarantineDirectory }, set: { $0.capture.quarantineDirectory = $1 }),
      S("model", "card", .absolutePath, defaults: d, get: { $0.model.card }, set: { $0.model.card = $1 }),
      S("model", "threads", .integer(1...64), defaults: d, get: { $0.model.threads }, set: { $0.model.threads = $1 }),
      S(
        "model", "deadline_ms", .integer(100...600_000), defaults: d,
        get: { $0.model.deadlineMilliseconds }, set: { $0.model.deadlineMilliseconds = $1 }),
      S("workers", "count", .integer(0...256), defaults: d, get: { $0.workers.count }, set: { $0.workers.count = $1 }),
      S(
        "workers", "queue", .integer(1...65_536), defaults: d, get: { $0.workers.queue }, set: { $0.workers.queue = $1 }
      ),
      S(
        "workers", "max_decodes", .integer(1...256), defaults: d,
        get: { $0.workers.maxDecodes }, set: { $0.workers.maxDecodes = $1 }),
      S(
        "workers", "max_attempts", .integer(1...1000), defaults: d,
        get: { $0.workers.maxAttempts }, set: { $0.workers.maxAttempts = $1 }),
      S(
        "state", "directory", .absolutePath, defaults: d, get: { $0.state.directory }, set: { $0.state.directory = $1 }),
      S(
        "journal", "capture_names", .choice(CaptureNames.self), defaults: d,
        get: { $0.journal.captureNames }, set: { $0.journal.captureNames = $1 }),
      S("forward", "url", .findingsURL, defaults: d, get: { $0.forward.url }, set: { $0.forward.url = $1 }),
      S(
        "forward", "format", .choice(ForwardFormat.self), defaults: d,
        get: { $0.forward.format }, set: { $0.forward.format = $1 }),
      S(
        "forward", "fhir_diagnostic_report", .boolean, defaults: d,
        get: { $0.forward.fhirDiagnosticReport }, set: { $0.forward.fhirDiagnosticReport = $1 }),
      S("forward", "ca_file", .absolutePath, defaults: d, get: { $0.forward.caFile }, set: { $0.forward.caFile = $1 }),
      S(
        "forward", "client_cert", .absolutePath, defaults: d,
        get: { $0.forward.clientCertificate }, set: { $0.forward.clientCertificate = $1 }),
      S(
        "forward", "client_key", .absolutePath, defaults: d,
        get: { $0.forward.clientKey }, set: { $0.forward.clientKey = $1 }),
      S(
        "forward", "token_file", .credentialPath, defaults: d,
        get: { $0.forward.tokenFile }, set: { $0.forward.tokenFile = $1 }),
      S(
        "forward", "connect_timeout_ms", .integer(100...600_000), defaults: d,
        get: { $0.forward.connectTimeoutMilliseconds }, set: { $0.forward.connectTimeoutMilliseconds = $1 }),
      S(
        "forward", "timeout_ms", .integer(100...3_600_000), defaults: d,
        get: { $0.forward.timeoutMilliseconds }, set: { $0.forward.timeoutMilliseconds = $1 }),
      S("forward", "proxy", .proxyURL, defaults: d, get: { $0.forward.proxy }, set: { $0.forward.proxy = $1 }),
      S(
        "forward", "device_id", .identifier(length: 64), defaults: d,
        get: { $0.forward.deviceID }, set: { $0.forward.deviceID = $1 }),
      S(
        "forward", "max_outbox_entries", .integer(0...10_000_000), defaults: d,
        get: { $0.forward.maxOutboxEntries }, set: { $0.forward.maxOutboxEntries = $1 }),
      S(
        "forward", "max_outbox_age_days", .integer(0...3650), defaults: d,
        get: { $0.forward.maxOutboxAgeDays }, set: { $0.forward.maxOutboxAgeDays = $1 }),
      S(
        "forward", "heartbeat_interval_s", .integer(0...86_400), defaults: d,
        get: { $0.forward.heartbeatIntervalSeconds }, set: { $0.forward.heartbeatIntervalSeconds = $1 }),
    ]
  }
}
