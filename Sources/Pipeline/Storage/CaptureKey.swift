import Platform

/// What identifies one capture file: its path and the stat fields that change when the file is replaced or
/// rewritten. The ledger processes each key once; a file rewritten in place gets a new key and a new capture.
public struct CaptureKey: Equatable, Hashable, Sendable {
  /// The file's absolute path, as bytes: a name need not be UTF-8.
  public var path: FilePath
  public var size: Int64
  /// Modification time, nanoseconds since the Unix epoch.
  public var modifiedNanoseconds: Int64
  public var inode: UInt64
  /// The file system's device number; 0 when unknown (a claim stored before the ledger kept it). Not part of the
  /// ledger's key, only of the check that the file a worker opens is the one claimed.
  public var device: UInt64

  public init(path: FilePath, size: Int64, modifiedNanoseconds: Int64, inode: UInt64, device: UInt64 = 0) {
    self.path = path
    self.size = size
    self.modifiedNanoseconds = modifiedNanoseconds
    self.inode = inode
    self.device = device
  }

  /// The key of the file at `path` with `status`.
  public init(path: FilePath, status: FileStatus) {
    self.init(
      path: path, size: Int64(status.size), modifiedNanoseconds: status.modificationTimeNanoseconds,
      inode: status.inode, device: status.device)
  }

  /// True if `status` is still the file this key was made from: a regular file with the same inode (and
  /// device, when known), size and modification time. Anything else was replaced or rewritten since.
  public func isSameFile(as status: FileStatus) -> Bool {
    status.isRegular && status.inode == inode && (device == 0 || status.device == device)
      && Int64(status.size) == size && status.modificationTimeNanoseconds == modifiedNanoseconds
  }

  /// The capture id for this key: 16 hex digits of SHA-256 over the key's fields (and `salt`, nonzero only after
  /// a collision).
  ///
  /// Derived rather than random so that a claim lost to a crash before its commit gets the same id when the file
  /// is claimed again. (A finding's id and Idempotency-Key come from the image's content instead: see
  /// `FindingReport.findingID`.)
  /// The journal shows this id instead of the file name; with size, mtime and inode in the hash it cannot be
  /// recovered by guessing file names. The path goes in as its bytes, which for a UTF-8 name are those of its text:
  /// ids made before names were kept as bytes stay the same.
  func captureID(salt: Int) -> String {
    var hash = SHA256()
    hash.update("edgediag-capture\u{0}")
    hash.update(path.bytes)
    hash.update("\u{0}\(size)\u{0}\(modifiedNanoseconds)\u{0}\(inode)\u{0}\(salt)")
    return Hex.encode(hash.finalize().prefix(8))
  }
}
