/// One claimed capture on its way to a worker.
public struct CaptureJob: Sendable {
  /// The ledger's opaque capture id (what the journal shows).
  public var id: String
  public var key: CaptureKey
  /// Times a worker of an earlier run started on this capture without recording it (a crash or hang mid-capture).
  public var previousAttempts: Int

  public init(id: String, key: CaptureKey, previousAttempts: Int = 0) {
    self.id = id
    self.key = key
    self.previousAttempts = previousAttempts
  }
}
