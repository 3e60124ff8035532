import Platform
import Testing

/// File names are bytes; on a terminal or in a log line they are escaped so that no control character acts and
/// one record stays one line.
@Suite struct DisplayTextTests {
  @Test func controlCharactersAndBackslashesAreEscaped() {
    #expect(escapedForDisplay("new\nline\t.jpg") == #"new\nline\t.jpg"#)
    #expect(escapedForDisplay("esc\u{1B}[31mRED\u{1B}[0m\u{7}.jpg") == #"esc\x1b[31mRED\x1b[0m\x07.jpg"#)
    #expect(escapedForDisplay("cr\r del\u{7F} back\\slash") == #"cr\r del\x7f back\\slash"#)
    // C1 controls (CSI is U+009B) act on some terminals too.
    #expect(escapedForDisplay("c1\u{9B}31m") == #"c1\xc2\x9b31m"#)
  }

  @Test func validUTF8IsKeptAndOtherBytesAreEscaped() {
    #expect(escapedForDisplay("Müller 🩸 ünïcode.jpg") == "Müller 🩸 ünïcode.jpg")
    #expect(escapedForDisplay(Array("bad".utf8) + [0xFF, 0xFE] + Array(".jpg".utf8)) == #"bad\xff\xfe.jpg"#)
    // Latin-1 "Müller": 0xFC alone is not UTF-8.
    #expect(escapedForDisplay([0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72]) == #"M\xfcller"#)
    // Overlong, surrogate and truncated sequences are not UTF-8 either.
    #expect(escapedForDisplay([0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xE2, 0x82]) == #"\xc0\xaf\xed\xa0\x80\xe2\x82"#)
  }
}
