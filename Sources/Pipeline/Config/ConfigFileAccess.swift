import CPlatform
import Platform

// Reading config files until Platform's file API (`readFile(atPath:)`, `listDirectory(atPath:)`) is on main;
// then these two functions give way to those.

/// The bytes of the file at `path`, at most `limit` of them (config files and model cards are small).
func readConfigBytes(atPath path: String, limit: Int = 1 << 20) throws(Errno) -> [UInt8] {
  let descriptor = cplatform_open(path, O_RDONLY | O_CLOEXEC, 0)
  guard descriptor >= 0 else { throw Errno.current }
  defer { close(descriptor) }
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 16384)
  while true {
    let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    if count < 0 {
      if cplatform_errno() == EINTR { continue }
      throw Errno.current
    }
    if count == 0 { return bytes }
    guard bytes.count + count <= limit else { throw Errno(rawValue: EFBIG) }
    bytes.append(contentsOf: chunk[0..<count])
  }
}

/// The names in the directory at `path`, without "." and "..", ordered by their bytes.
func configDirectoryNames(atPath path: String) throws(Errno) -> [String] {
  guard let directory = opendir(path) else { throw Errno.current }
  defer { closedir(directory) }
  var names: [String] = []
  while true {
    cplatform_set_errno(0)
    guard let entry = readdir(directory) else {
      if cplatform_errno() != 0 { throw Errno.current }
      break
    }
    let name = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
      tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
        String(cString: $0)
      }
    }
    if name != "." && name != ".." { names.append(name) }
  }
  names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  return names
}
