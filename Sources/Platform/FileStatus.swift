import CPlatform

/// What `stat` reports about a file, in the units the rest of edgediag uses.
public struct FileStatus: Equatable, Sendable {
  /// Size in bytes.
  public var size: Int
  /// Last modification time, nanoseconds since the Unix epoch.
  public var modificationTimeNanoseconds: Int64
  public var inode: UInt64
  public var device: UInt64
  /// How many names (hard links) the file has.
  public var linkCount: Int
  public var isDirectory: Bool
  public var isRegular: Bool
  /// Only ever true for `fileStatus(atPath:followingSymlinks: false)`.
  public var isSymbolicLink: Bool

  public init(
    size: Int, modificationTimeNanoseconds: Int64, inode: UInt64, device: UInt64, linkCount: Int = 1,
    isDirectory: Bool, isRegular: Bool, isSymbolicLink: Bool
  ) {
    self.size = size
    self.modificationTimeNanoseconds = modificationTimeNanoseconds
    self.inode = inode
    self.device = device
    self.linkCount = linkCount
    self.isDirectory = isDirectory
    self.isRegular = isRegular
    self.isSymbolicLink = isSymbolicLink
  }

  init(_ status: stat) {
    let type = UInt32(status.st_mode) & UInt32(S_IFMT)
    self.init(
      size: Int(status.st_size),
      modificationTimeNanoseconds: Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec),
      inode: UInt64(truncatingIfNeeded: status.st_ino),
      device: UInt64(truncatingIfNeeded: status.st_dev),
      linkCount: Int(status.st_nlink),
      isDirectory: type == UInt32(S_IFDIR),
      isRegular: type == UInt32(S_IFREG),
      isSymbolicLink: type == UInt32(S_IFLNK))
  }
}
