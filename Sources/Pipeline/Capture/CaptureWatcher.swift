import Platform

/// Watches the capture folder (and, optionally, its subfolders) with inotify and reports files that are
/// complete: closed after writing (`IN_CLOSE_WRITE`) or renamed in (`IN_MOVED_TO`). Nothing else counts, so a
/// file still being written is never reported early.
///
/// inotify can lose events (queue overflow) and cannot see what happened while the daemon was down, so the
/// owner also calls `scan()` at start, after an overflow and after the folder comes back; the ledger makes
/// seeing a file twice harmless.
public final class CaptureWatcher {
  /// What the watcher saw.
  public enum Change: Equatable, Sendable {
    /// A complete file that passes the name filter (an absolute path).
    case file(String)
    /// A new subfolder is now watched; files may have landed in it before the watch existed: scan it.
    case folderAdded(String)
    /// The kernel dropped events: scan everything.
    case overflow
    /// The capture folder was deleted, moved or unmounted; `arm()` again until it succeeds.
    case folderGone
  }

  public let root: String
  public let recursive: Bool
  public let filter: NameFilter
  public let inotify: Inotify
  private var folders: [Int32: String] = [:]
  private var rootWatch: Int32?

  public init(root: String, recursive: Bool, filter: NameFilter) throws(Errno) {
    self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    self.recursive = recursive
    self.filter = filter
    inotify = try Inotify(nonBlocking: true)
  }

  /// True while the capture folder is watched.
  public var isArmed: Bool { rootWatch != nil }

  /// Starts watching the capture folder (and its subfolders when recursive). Throws ENOENT or ENOTDIR while the
  /// folder is missing; the owner retries later.
  public func arm() throws(Errno) {
    for watch in folders.keys { try? inotify.removeWatch(watch) }
    folders = [:]
    rootWatch = try watch(folder: root)
    if recursive { try watchSubfolders(of: root) }
  }

  /// Reads what inotify has queued (never blocks) and turns it into changes.
  public func readChanges() throws(Errno) -> [Change] {
    var changes: [Change] = []
    for event in try inotify.readEvents() {
      if event.mask.contains(.queueOverflow) {
        changes.append(.overflow)
        continue
      }
      guard let folder = folders[event.watch] else { continue }
      if event.watch == rootWatch,
        event.mask.contains(.deleteSelf) || event.mask.contains(.moveSelf) || event.mask.contains(.ignored)
          || event.mask.contains(.unmount)
      {
        rootWatch = nil
        changes.append(.folderGone)
        continue
      }
      if event.mask.contains(.ignored) {
        folders[event.watch] = nil
        continue
      }
      if event.name.isEmpty { continue }
      let path = folder + "/" + event.name
      if event.mask.contains(.isDirectory) {
        if recursive, event.mask.contains(.create) || event.mask.contains(.movedTo),
          filter.acceptsFolder(event.name)
        {
          _ = try? watch(folder: path)
          try? watchSubfolders(of: path)
          changes.append(.folderAdded(path))
        }
      } else if event.mask.contains(.closeWrite) || event.mask.contains(.movedTo), filter.accepts(event.name) {
        changes.append(.file(path))
      }
    }
    return changes
  }

  /// Every file under `folder` (the capture folder by default; its subfolders too when recursive) that passes
  /// the name filter, sorted by path so that backlogs are processed in a stable order.
  public func scan(_ folder: String? = nil) throws(Errno) -> [String] {
    var files: [String] = []
    try collect(folder ?? root, into: &files)
    return files.sorted()
  }

  private func collect(_ folder: String, into files: inout [String]) throws(Errno) {
    for entry in try listDirectory(atPath: folder) {
      let path = folder + "/" + entry.name
      if entry.isRegular, filter.accepts(entry.name) {
        files.append(path)
      } else if entry.isDirectory, recursive, filter.acceptsFolder(entry.name) {
        // A subfolder that vanished mid-scan has nothing left to find.
        do { try collect(path, into: &files) } catch  where error == .noSuchFileOrDirectory {}
      }
    }
  }

  private func watch(folder: String) throws(Errno) -> Int32 {
    var mask: Inotify.Mask = [.closeWrite, .movedTo, .deleteSelf, .moveSelf, .onlyDirectory, .doNotFollow]
    if recursive { mask.insert(.create) }
    let watch = try inotify.addWatch(atPath: folder, mask: mask)
    folders[watch] = folder
    return watch
  }

  private func watchSubfolders(of folder: String) throws(Errno) {
    for entry in try listDirectory(atPath: folder) where entry.isDirectory && filter.acceptsFolder(entry.name) {
      let path = folder + "/" + entry.name
      do {
        _ = try watch(folder: path)
        try watchSubfolders(of: path)
      } catch  where error == .noSuchFileOrDirectory || error == .notDirectory {}
    }
  }
}
