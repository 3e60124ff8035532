/// Lowercase hexadecimal, as digests are written in model cards and the ledger.
public enum Hex {
  /// `bytes` as two lowercase hex digits each.
  public static func encode(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// True if `text` is `count` lowercase or uppercase hex digits.
  public static func isDigest(_ text: String, count: Int = 64) -> Bool {
    text.utf8.count == count
      && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0) }
  }
}
