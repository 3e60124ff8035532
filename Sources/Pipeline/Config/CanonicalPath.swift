import Platform

/// An absolute `path` spelled one way: repeated `/`, `.` and `..` resolved by the spelling alone (no trailing
/// `/`), so that `/x/capture/`, `/x//capture` and `/x/./capture` compare equal.
func lexicallyNormalizedPath(_ path: String) -> String {
  var kept: [Substring] = []
  for component in path.split(separator: "/") where component != "." {
    if component == ".." {
      _ = kept.popLast()
    } else {
      kept.append(component)
    }
  }
  return "/" + kept.joined(separator: "/")
}

/// `path` as the file system sees it: symbolic links resolved (`realpath`) as far as the path exists, the rest
/// (folders made later) normalized by its spelling. Two spellings of one folder, a symlink included, give the
/// same result. A link that resolves to a name that is not UTF-8 gives that name escaped (`displayed`), which
/// still compares equal only with itself.
func canonicalPath(_ path: String) -> String {
  var existing = lexicallyNormalizedPath(path)
  var missing: [Substring] = []
  while true {
    if let resolved = try? resolvedPath(atPath: existing) {
      let text = resolved.text ?? resolved.displayed
      return lexicallyNormalizedPath(text + "/" + missing.reversed().joined(separator: "/"))
    }
    guard let slash = existing.utf8.lastIndex(of: UInt8(ascii: "/")), existing != "/" else { return existing }
    missing.append(existing[existing.index(after: slash)...])
    existing = slash == existing.utf8.startIndex ? "/" : String(existing[..<slash])
  }
}

/// Whether a move destination `folder` is the watched folder `watched` or, when `recursive`, inside it: either
/// way, captures moved there would be seen again as new ones. `resolve` maps each path to the form compared.
func isInsideWatchedFolder(
  _ folder: String, watched: String, recursive: Bool, resolve: (String) -> String
) -> Bool {
  let target = resolve(folder)
  let root = resolve(watched)
  return target == root || (recursive && target.hasPrefix(root == "/" ? "/" : root + "/"))
}
