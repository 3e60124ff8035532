import Platform

/// A claim whose file is no longer the one claimed: removed, or replaced or rewritten since the claim's stat
/// (another inode, size or modification time, or no longer a regular file). The claim gets an outcome of its
/// own, `rejected` with this reason, so that no claim stays `claimed` forever and no outcome is recorded under
/// another file's identity; a new file at the path is claimed under its own key and analysed as usual.
enum StaleClaim: Equatable {
  case vanished
  case replaced

  /// What opening the claimed file with `error` says about it; nil when the error is not about which file the
  /// path names (permission, I/O), so the file may still be the one claimed.
  init?(openError error: Errno) {
    switch error {
    case .noSuchFileOrDirectory, .notDirectory: self = .vanished
    case .notRegularFile, .isDirectory: self = .replaced
    default: return nil
    }
  }

  /// Whether the file at `key.path`, whose status is now `status`, is still the claimed one; nil if it is.
  init?(_ key: CaptureKey, now status: FileStatus) {
    if key.isSameFile(as: status) { return nil }
    self = .replaced
  }

  /// The outcome's reason.
  var reason: String {
    switch self {
    case .vanished: "vanished: the file was removed before it was processed"
    case .replaced: "replaced: the file changed before it was processed; its new content is a capture of its own"
    }
  }
}
