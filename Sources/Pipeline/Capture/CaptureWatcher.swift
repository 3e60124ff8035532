import Platform

/// Watches the capture folder (and, optionally, its subfolders) with inotify and reports files that are
/// complete: closed after writing (`IN_CLOSE_WRITE`), renamed in (`IN_MOVED_TO`) or hard-linked in (`IN_CREATE`
/// of a file with more than one name). Nothing else counts, so a file still being written is never reported
/// early.
///
/// inotify can lose events (queue overflow) and cannot see what happened while the daemon was down, so the
/// owner also calls `scan()` at start, after an overflow and after the folder comes back; the ledger makes
/// seeing a file twice harmless.
public final class CaptureWatcher {
  /// What the watcher saw.
  public enum Change: Equatable, Sendable {
    /// A complete file that passes the name filter (an absolute path, as bytes).
    case file(FilePath)
    /// A new subfolder is now watched; files may have landed in it before the watch existed: scan it.
    case folderAdded(FilePath)
    /// The kernel dropped events: scan everything.
    case overflow
    /// The capture folder was deleted, moved or unmounted; `arm()` again until it succeeds.
    case folderGone
  }

  public let root: String
  /// `root` as the path the watches and scans start from; the names found below it are bytes.
  private let rootPath: FilePath
  public let recursive: Bool
  public let filter: NameFilter
  public let inotify: Inotify
  /// Subfolders that could not be watched or listed (recursive mode) since `takeSkippedFolders` last ran, with
  /// why: each is left out, and the rest of the tree is watched and scanned.
  private var skippedFolders: [(folder: FilePath, error: Errno)] = []
  private var folders: [Int32: FilePath] = [:]
  private var rootWatch: Int32?

  public init(root: String, recursive: Bool, filter: NameFilter) throws(Errno) {
    self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    rootPath = FilePath(self.root)
    self.recursive = recursive
    self.filter = filter
    inotify = try Inotify(nonBlocking: true)
  }

  /// True while the capture folder is watched.
  public var isArmed: Bool { rootWatch != nil }

  /// Starts watching the capture folder (and its subfolders when recursive). The capture folder may be a
  /// symbolic link to a folder: it is followed (links below it are not). Throws ENOENT while the folder is
  /// missing, ENOTDIR if it is not a folder; the owner retries later. A subfolder that cannot be watched is
  /// skipped (`takeSkippedFolders`).
  public func arm() throws(Errno) {
    for watch in folders.keys { try? inotify.removeWatch(watch) }
    folders = [:]
    rootWatch = try watch(folder: rootPath)
    if recursive { watchSubfolders(of: rootPath) }
  }

  /// The subfolders skipped since the last call, with why, and forgets them.
  public func takeSkippedFolders() -> [(folder: FilePath, error: Errno)] {
    defer { skippedFolders = [] }
    return skippedFolders
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
      if event.name.bytes.isEmpty { continue }
      let path = folder.appending(event.name)
      if event.mask.contains(.isDirectory) {
        if recursive, event.mask.contains(.create) || event.mask.contains(.movedTo),
          filter.acceptsFolder(event.name)
        {
          do {
            _ = try watch(folder: path)
            watchSubfolders(of: path)
            changes.append(.folderAdded(path))
          } catch {
            skip(path, error)
          }
        }
      } else if event.mask.contains(.closeWrite) || event.mask.contains(.movedTo), filter.accepts(event.name) {
        changes.append(.file(path))
      } else if event.mask.contains(.create), filter.accepts(event.name), Self.isHardLink(path) {
        // `ln` raises only IN_CREATE, for a file that is complete already; a file being written (one name) waits
        // for its IN_CLOSE_WRITE.
        changes.append(.file(path))
      }
    }
    return changes
  }

  /// Every file under `folder` (the capture folder by default; its subfolders too when recursive) that passes
  /// the name filter, sorted by path so that backlogs are processed in a stable order. Only a failure to list
  /// `folder` itself throws; a subfolder that cannot be listed is skipped (`takeSkippedFolders`).
  public func scan(_ folder: FilePath? = nil) throws(Errno) -> [FilePath] {
    var files: [FilePath] = []
    try collect(folder ?? rootPath, into: &files)
    return files.sorted()
  }

  private func collect(_ folder: FilePath, into files: inout [FilePath]) throws(Errno) {
    for entry in try listDirectory(atPath: folder) {
      let path = folder.appending(entry.name)
      if entry.isRegular, filter.accepts(entry.name) {
        files.append(path)
      } else if entry.isDirectory, recursive, filter.acceptsFolder(entry.name) {
        // A subfolder that vanished mid-scan has nothing left to find.
        do { try collect(path, into: &files) } catch  where error == .noSuchFileOrDirectory {} catch {
          skip(path, error)
        }
      }
    }
  }

  private func watch(folder: FilePath) throws(Errno) -> Int32 {
    // IN_CREATE: new subfolders (recursive mode) and hard links.
    var mask: Inotify.Mask = [.closeWrite, .movedTo, .create, .deleteSelf, .moveSelf, .onlyDirectory]
    // Below the capture folder, a symbolic link to a folder is not part of the tree.
    if folder != rootPath { mask.insert(.doNotFollow) }
    let watch = try inotify.addWatch(atPath: folder, mask: mask)
    folders[watch] = folder
    return watch
  }

  /// Watches the subfolders of the watched `folder`, skipping (and noting) any that cannot be watched or listed:
  /// permissions, the watch limit (ENOSPC), a path too long.
  private func watchSubfolders(of folder: FilePath) {
    let entries: [DirectoryEntry]
    do { entries = try listDirectory(atPath: folder) } catch {
      if error != .noSuchFileOrDirectory && error != .notDirectory { skip(folder, error) }
      return
    }
    for entry in entries where entry.isDirectory && filter.acceptsFolder(entry.name) {
      let path = folder.appending(entry.name)
      do {
        _ = try watch(folder: path)
        watchSubfolders(of: path)
      } catch  where error == .noSuchFileOrDirectory || error == .notDirectory {
        // Gone again, or replaced by a file: nothing to watch.
      } catch {
        skip(path, error)
      }
    }
  }

  /// Whether `path` is a regular file with more than one name: a hard link just made to a complete file.
  private static func isHardLink(_ path: FilePath) -> Bool {
    guard let status = try? fileStatus(atPath: path, followingSymlinks: false) else { return false }
    return status.isRegular && status.linkCount > 1
  }

  private func skip(_ folder: FilePath, _ error: Errno) { skippedFolders.append((folder, error)) }
}
