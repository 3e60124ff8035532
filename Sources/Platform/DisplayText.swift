/// `bytes` (a file name, or text that may hold one) as one line that is safe to print on a terminal or in a
/// log: valid UTF-8 is kept, except control characters (C0, DEL, C1); `\n`, `\r`, `\t` and `\\` are written
/// as such, and every other control or invalid byte as `\xNN`. File names are bytes, and only this form of
/// them is ever displayed.
public func escapedForDisplay(_ bytes: some Collection<UInt8>) -> String {
  let bytes = Array(bytes)
  var escaped: [UInt8] = []
  escaped.reserveCapacity(bytes.count)
  var index = 0
  while index < bytes.count {
    let byte = bytes[index]
    let length = utf8SequenceLength(bytes, at: index)
    switch byte {
    case UInt8(ascii: "\\"): escaped += Array(#"\\"#.utf8)
    case UInt8(ascii: "\n"): escaped += Array(#"\n"#.utf8)
    case UInt8(ascii: "\r"): escaped += Array(#"\r"#.utf8)
    case UInt8(ascii: "\t"): escaped += Array(#"\t"#.utf8)
    case 0x20..<0x7F: escaped.append(byte)
    default:
      if length > 1 {
        escaped += bytes[index..<index + length]
        index += length
        continue
      }
      escaped += Array(#"\x"#.utf8) + [hexDigit(byte >> 4), hexDigit(byte & 0xF)]
    }
    index += 1
  }
  return String(decoding: escaped, as: UTF8.self)
}

/// `escapedForDisplay` of the UTF-8 of `text`.
public func escapedForDisplay(_ text: String) -> String { escapedForDisplay(text.utf8) }

/// The length of the printable multi-byte UTF-8 sequence at `index` (2 to 4), or 0: not one (ASCII, a stray or
/// overlong byte, a surrogate, beyond U+10FFFF, or a C1 control U+0080…U+009F).
private func utf8SequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
  let lead = bytes[index]
  let (length, minimum): (Int, UInt32) =
    switch lead {
    case 0xC2...0xDF: (2, 0xA0)
    case 0xE0...0xEF: (3, 0x800)
    case 0xF0...0xF4: (4, 0x10000)
    default: (0, 0)
    }
  guard length > 0, index + length <= bytes.count else { return 0 }
  var scalar = UInt32(lead) & (0xFF >> (length + 1))
  for continuation in bytes[index + 1..<index + length] {
    guard continuation & 0xC0 == 0x80 else { return 0 }
    scalar = scalar << 6 | UInt32(continuation & 0x3F)
  }
  guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return 0 }
  return length
}

private func hexDigit(_ value: UInt8) -> UInt8 {
  value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
}
