import Platform

/// The name a capture gets in the archive or quarantine folder: `ID-name`, the capture id keeping names unique
/// (cameras reuse file names across days and devices). A name too long for the id in front is shortened so that
/// the whole fits NAME_MAX (255 bytes): the end of its stem goes, never the extension nor part of a character.
/// The name's bytes are kept as they are, UTF-8 or not.
func archiveName(id: String, name: FilePath) -> FilePath {
  let limit = 255 - id.utf8.count - 1
  let bytes = name.bytes
  let prefix = Array(id.utf8) + [UInt8(ascii: "-")]
  guard bytes.count > limit else { return FilePath(bytes: prefix + bytes) }
  // An extension is a final ".xyz" of at most 16 bytes; anything longer is part of the stem.
  let dot = bytes.lastIndex(of: UInt8(ascii: "."))
  let extensionStart = dot.flatMap { bytes.count - $0 <= 16 && $0 > 0 ? $0 : nil } ?? bytes.count
  var stemEnd = max(0, limit - (bytes.count - extensionStart))
  // Back off to the start of a UTF-8 character (continuation bytes are 10xxxxxx).
  while stemEnd > 0, bytes[stemEnd] & 0xC0 == 0x80 { stemEnd -= 1 }
  return FilePath(bytes: prefix + bytes[..<stemEnd] + bytes[extensionStart...])
}
