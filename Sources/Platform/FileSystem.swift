import CPlatform

/// Reads the whole regular file at `path` (`openRegularFile`). Throws EFBIG (`Errno.fileTooLarge`) if it holds
/// more than `limit` bytes, so that a runaway file cannot exhaust memory. The array is allocated once for the size
/// `fstat` gives (`FileDescriptor.readToEnd(limit:expectedSize:eachPiece:)`).
/// The corresponding C functions are `open`, `fstat` and `read`.
public func readFile(
  atPath path: some PathRepresentable, limit: Int = 64 * 1024 * 1024, followingSymlinks: Bool = true
) throws(Errno) -> [UInt8] {
  let (file, status) = try openRegularFile(atPath: path, followingSymlinks: followingSymlinks)
  return try file.readToEnd(limit: limit, expectedSize: status.size) { _ in }
}

/// Opens the file at `path` for reading, never blocking, and only if it is a regular file: `O_NONBLOCK`, so that
/// opening a FIFO does not wait for a writer; `O_NOFOLLOW` unless `followingSymlinks` (ELOOP for a symbolic
/// link); then `fstat` of the descriptor: EISDIR for a directory, `Errno.notRegularFile` for a FIFO, device or
/// socket. The status is returned so that a caller can also check that it is the file it expected (the same
/// inode) before reading it.
/// The corresponding C functions are `open` and `fstat`.
public func openRegularFile(
  atPath path: some PathRepresentable, followingSymlinks: Bool = true
) throws(Errno) -> (file: FileDescriptor, status: FileStatus) {
  let file = try FileDescriptor.open(
    atPath: path, .readOnly, options: followingSymlinks ? [.nonBlocking] : [.nonBlocking, .noFollow])
  let status = try file.status()
  guard status.isRegular else { throw status.isDirectory ? .isDirectory : .notRegularFile }
  return (file, status)
}

/// The status of the file at `path`; with `followingSymlinks: false`, of a symbolic link itself.
/// The corresponding C functions are `stat` and `lstat`.
public func fileStatus(
  atPath path: some PathRepresentable, followingSymlinks: Bool = true
) throws(Errno) -> FileStatus {
  var status = stat()
  try path.withPathCString { path in
    followingSymlinks
      ? nothingOrErrno(retrying: { stat(path, &status) }) : nothingOrErrno(retrying: { lstat(path, &status) })
  }.get()
  return FileStatus(status)
}

/// The absolute path of `path` with every symbolic link, `.`, `..` and repeated `/` resolved; the file must exist.
/// Bytes, as the file system names it: a folder on the way need not have a UTF-8 name.
/// The corresponding C function is `realpath`.
public func resolvedPath(atPath path: some PathRepresentable) throws(Errno) -> FilePath {
  guard let resolved = path.withPathCString({ realpath($0, nil) }) else { throw Errno.current }
  defer { free(resolved) }
  return FilePath(bytes: UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)))
}

/// One entry of a directory listing. Symbolic links are neither directories nor regular files: they are not
/// followed.
public struct DirectoryEntry: Equatable, Sendable {
  /// The entry's name, as bytes: it need not be UTF-8.
  public var name: FilePath
  public var isDirectory: Bool
  public var isRegular: Bool

  public init(name: FilePath, isDirectory: Bool, isRegular: Bool) {
    self.name = name
    self.isDirectory = isDirectory
    self.isRegular = isRegular
  }
}

/// The entries of the directory at `path`, without "." and "..", ordered by the bytes of their names.
/// The corresponding C functions are `opendir` and `readdir`.
public func listDirectory(atPath path: some PathRepresentable) throws(Errno) -> [DirectoryEntry] {
  guard let directory = path.withPathCString({ opendir($0) }) else { throw Errno.current }
  defer { closedir(directory) }
  var entries: [DirectoryEntry] = []
  while true {
    // readdir returns nil both at the end and on error; only errno tells them apart.
    cplatform_set_errno(0)
    guard let entry = readdir(directory) else {
      let error = Errno.current
      if error.rawValue != 0 { throw error }
      break
    }
    let name = withUnsafeBytes(of: &entry.pointee.d_name) { FilePath(bytes: $0.prefix { $0 != 0 }) }
    if name == "." || name == ".." { continue }
    var type = entry.pointee.d_type
    if type == UInt8(DT_UNKNOWN) {
      // Some file systems leave the type to a stat of the entry.
      var status = stat()
      let found = name.withPathCString { name in
        nothingOrErrno(retrying: { fstatat(dirfd(directory), name, &status, AT_SYMLINK_NOFOLLOW) })
      }
      if case .failure(let error) = found {
        if error == .noSuchFileOrDirectory { continue }  // removed since readdir saw it
        throw error
      }
      let format = UInt32(status.st_mode) & UInt32(S_IFMT)
      type = format == UInt32(S_IFDIR) ? UInt8(DT_DIR) : format == UInt32(S_IFREG) ? UInt8(DT_REG) : UInt8(DT_LNK)
    }
    entries.append(DirectoryEntry(name: name, isDirectory: type == UInt8(DT_DIR), isRegular: type == UInt8(DT_REG)))
  }
  entries.sort { $0.name < $1.name }
  return entries
}

/// Creates the directory `path`. With `recursive`, also creates missing parents, and an existing directory is
/// not an error. `mode` is further restricted by the process umask.
/// The corresponding C function is `mkdir`.
public func makeDirectory(atPath path: String, mode: UInt32 = 0o755, recursive: Bool = false) throws(Errno) {
  let made = nothingOrErrno(retrying: { mkdir(path, mode_t(mode)) })
  guard case .failure(let error) = made, recursive else { return try made.get() }
  switch error {
  case .fileExists:
    guard try fileStatus(atPath: path).isDirectory else { throw Errno.fileExists }
  case .noSuchFileOrDirectory:
    let parent = splitPath(path).directory
    guard parent != path else { throw error }
    try makeDirectory(atPath: parent, mode: mode, recursive: true)
    try makeDirectory(atPath: path, mode: mode)
  default:
    throw error
  }
}

/// Renames `source` to `destination`, atomically replacing any file there; both must be on one file system.
/// The corresponding C function is `rename`.
public func rename(atPath source: some PathRepresentable, to destination: some PathRepresentable) throws(Errno) {
  try source.withPathCString { source in
    destination.withPathCString { destination in nothingOrErrno(retrying: { systemRename(source, destination) }) }
  }.get()
}

/// Removes the file (not directory) at `path`.
/// The corresponding C function is `unlink`.
public func removeFile(atPath path: String) throws(Errno) {
  try nothingOrErrno(retrying: { unlink(path) }).get()
}

/// Replaces the file at `path` with `bytes` so that, even across a power loss, readers see either the old
/// content or the new, never a mixture: the bytes go to a temporary file in the same directory, which is
/// flushed, renamed over `path`, and the directory flushed so that the rename itself is durable.
/// The corresponding C functions are `open`, `write`, `fsync` and `rename`.
public func writeFileAtomically(atPath path: String, bytes: [UInt8], mode: UInt32 = 0o600) throws(Errno) {
  let (directory, name) = splitPath(path)
  // Process and thread make the name unique among concurrent writers; a leftover from a dead process that had
  // the same ids is simply overwritten.
  let temporary = (directory == "/" ? "" : directory) + "/." + name + ".tmp-\(getpid())-\(cplatform_gettid())"
  do {
    let file = try FileDescriptor.open(
      atPath: temporary, .writeOnly, options: [.create, .truncate, .noFollow], mode: mode)
    try file.writeAll(bytes)
    try file.sync()
    try file.close()
    try rename(atPath: temporary, to: path)
  } catch {
    _ = unlink(temporary)
    throw error
  }
  let parent = try FileDescriptor.open(atPath: directory, .readOnly, options: .directory)
  try parent.sync()
  try parent.close()
}

/// Splits a path at its last "/" into the directory ("." if there is none) and the final component.
func splitPath(_ path: String) -> (directory: String, name: String) {
  let bytes = Array(path.utf8)
  guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return (".", path) }
  let name = String(decoding: bytes[(slash + 1)...], as: UTF8.self)
  let directory = slash == 0 ? "/" : String(decoding: bytes[..<slash], as: UTF8.self)
  return (directory, name)
}
