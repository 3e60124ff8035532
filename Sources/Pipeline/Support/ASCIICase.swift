extension String {
  /// The string with A–Z turned into a–z and every other byte kept. Config words, extensions and digests are
  /// ASCII; full Unicode case mapping (`lowercased()`) would link the standard library's Unicode property tables
  /// into the device binary (~38 KB) for them.
  var asciiLowercased: String {
    String(decoding: utf8.map { (0x41...0x5a).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
  }
}

extension Character {
  /// True for the ASCII letters and digits only, without the Unicode property tables `isLetter` reads.
  var isASCIILetterOrDigit: Bool {
    guard let byte = asciiValue else { return false }
    return (0x30...0x39).contains(byte) || (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte)
  }
}
