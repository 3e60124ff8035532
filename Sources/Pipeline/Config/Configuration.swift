import Imaging

/// The daemon's configuration: `/etc/edgediag/edgediag.conf` and its drop-ins. Every property starts at the
/// default documented in `config/edgediag.conf`; a test keeps the two in step.
public struct Configuration: Equatable, Sendable {
  public var capture = Capture()
  public var model = Model()
  public var workers = Workers()
  public var state = State()
  public var journal = Journal()
  public var forward = Forward()

  /// Every default.
  public init() {}

  /// `[capture]`: where captures arrive and which files count as captures.
  public struct Capture: Equatable, Sendable {
    /// The folder the imaging hardware writes to.
    public var directory = "/var/lib/capture"
    /// Also watch subfolders.
    public var recursive = false
    /// Glob patterns of file names that are never captures (temporary and hidden files).
    public var ignore = [".*", "*.tmp", "*.part", "*~"]
    /// File name extensions that are captures, compared without case.
    public var extensions = ["jpg", "jpeg"]
    /// Larger files are rejected without being decoded.
    public var maxFileBytes = DecodeLimits().maxFileBytes
    /// Images with more pixels (width × height) are rejected before decoding.
    public var maxPixels = DecodeLimits().maxPixels
    /// Progressive JPEGs with more scans are rejected (a crafted file can have thousands).
    public var maxScans = DecodeLimits().maxScans
    /// libjpeg's memory limit for one decode (`max_memory_to_use`); a capture that needs more is rejected.
    public var maxDecodeMemoryBytes = DecodeLimits().maxMemoryBytes
    /// A file that a scan finds (at start, after an inotify overflow, in a new subfolder) is taken only once it
    /// has not changed for this long, since it may still be being written; files whose writer closes them are
    /// taken at once.
    public var settleMilliseconds = 2000
    /// Scans the whole capture folder this often, in seconds; 0: never (inotify alone). inotify does not see
    /// files that other hosts write to an NFS or SMB share, so a capture folder on a share needs a rescan.
    public var rescanSeconds = 0
    /// What happens to a capture once its outcome is recorded.
    public var disposition = Disposition.keep
    /// Where `disposition = move` puts captures; required with it.
    public var archiveDirectory: String? = nil
    /// Where rejected captures are moved, under either disposition; nil: like any other capture.
    public var quarantineDirectory: String? = nil
  }

  /// What happens to a capture file once its outcome is recorded.
  public enum Disposition: String, Sendable, CaseIterable {
    /// Leave it where it is (the ledger remembers it).
    case keep
    /// Move it to the archive directory.
    case move
  }

  /// `[model]`: which model runs and how.
  public struct Model: Equatable, Sendable {
    /// The model card (`model.conf`), which names the .tflite file beside it.
    public var card = "/usr/share/edgediag/models/demo/model.conf"
    /// Threads one inference may use.
    public var threads = 1
    /// A capture whose inference takes longer is recorded as failed, and a worker stuck past it stops the
    /// watchdog pings.
    public var deadlineMilliseconds = 10_000
  }

  /// `[workers]`: the processing pool.
  public struct Workers: Equatable, Sendable {
    /// Worker threads; 0: one per CPU core.
    public var count = 0
    /// Captures waiting for a worker, at most; the watcher waits when it is full.
    public var queue = 64
    /// Captures decoded at the same time, at most, across all workers.
    public var maxDecodes = 2
    /// A capture that was being processed each time the daemon died this many times (a file that crashes or
    /// hangs it, so that the watchdog restarts it) is recorded as failed instead of being tried again.
    public var maxAttempts = 3
  }

  /// `[state]`: where edgediag keeps its database.
  public struct State: Equatable, Sendable {
    /// Holds the ledger and outbox (`edgediag.db`).
    public var directory = "/var/lib/edgediag"
  }

  /// `[journal]`: what the log says about captures.
  public struct Journal: Equatable, Sendable {
    /// How log entries name a capture.
    public var captureNames = CaptureNames.id
  }

  /// How log entries name a capture. File names can carry patient data, so the default is the opaque id.
  public enum CaptureNames: String, Sendable, CaseIterable {
    case id
    case basename
    case path
  }

  /// `[forward]`: where findings go.
  public struct Forward: Equatable, Sendable {
    /// The receiver's URL; nil: findings stay in the outbox, nothing is sent.
    public var url: String? = nil
    /// The body of each request.
    public var format = ForwardFormat.json
    /// With `fhir-r4`, also a DiagnosticReport that cites the Observation, for receivers that file reports.
    public var fhirDiagnosticReport = false
    /// CA certificates (PEM) to trust instead of the system's.
    public var caFile: String? = nil
    /// Client certificate and key (PEM) for mutual TLS; both or neither.
    public var clientCertificate: String? = nil
    public var clientKey: String? = nil
    /// A file holding a bearer token, sent as `Authorization: Bearer …`: an absolute path, or a credential name
    /// read from `$CREDENTIALS_DIRECTORY`.
    public var tokenFile: String? = nil
    public var connectTimeoutMilliseconds = 10_000
    /// The whole request, connection included.
    public var timeoutMilliseconds = 30_000
    /// nil: connect directly (environment variables are not consulted).
    public var proxy: String? = nil
    /// Names this device to the receiver; nil: an id derived from the machine id (never the machine id itself).
    public var deviceID: String? = nil
    /// Undelivered findings beyond this many, oldest first, are marked expired (kept, no longer retried); 0: no
    /// bound.
    public var maxOutboxEntries = 10_000
    /// Undelivered findings older than this are marked expired; 0: no bound.
    public var maxOutboxAgeDays = 30
    /// Seconds between heartbeat requests to the receiver; 0: none.
    public var heartbeatIntervalSeconds = 0
  }

  /// The body of forwarded findings.
  public enum ForwardFormat: String, Sendable, CaseIterable {
    /// edgediag's own JSON document.
    case json
    /// A FHIR R4 transaction `Bundle`: an Observation for the finding and the Device (model and edgediag).
    case fhirR4 = "fhir-r4"
  }
}
