/// A UUID derived from a name (RFC 9562 version 8, from SHA-256 as in its appendix B.2): the same name always
/// gives the same UUID, so a re-rendered or re-sent payload keeps its resource ids.
enum NameBasedUUID {
  /// The lowercase 8-4-4-4-12 form of the UUID for `name` in `namespace` (e.g. "observation").
  static func make(namespace: String, name: String) -> String {
    var hash = SHA256()
    hash.update("edgediag:" + namespace + ":")
    hash.update(name)
    var bytes = Array(hash.finalize().prefix(16))
    bytes[6] = (bytes[6] & 0x0F) | 0x80  // version 8
    bytes[8] = (bytes[8] & 0x3F) | 0x80  // variant 10
    let hex = Hex.encode(bytes)
    var text = ""
    for (index, character) in hex.enumerated() {
      if index == 8 || index == 12 || index == 16 || index == 20 { text += "-" }
      text.append(character)
    }
    return text
  }
}
