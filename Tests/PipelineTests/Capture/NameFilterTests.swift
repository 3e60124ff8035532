import Pipeline
import Platform
import Testing

@Test func defaultFilterSkipsHiddenAndTemporaryNames() {
  let filter = NameFilter()
  for name: FilePath in ["IMG_0042.jpg", "scan.JPEG", "a.b.jpg"] { #expect(filter.accepts(name), "\(name)") }
  for name: FilePath in [".IMG_0042.jpg", "IMG.jpg.part", "IMG.tmp", "IMG.jpg~", "notes.txt", "jpg", ".jpg"] {
    #expect(!filter.accepts(name), "\(name)")
  }
}

@Test func configuredPatternsAndExtensions() {
  let filter = NameFilter(ignorePatterns: ["draft-*"], extensions: ["jpg", "dcm"])
  #expect(filter.accepts("x.dcm"))
  #expect(!filter.accepts("draft-1.jpg"))
  #expect(filter.accepts(".hidden.jpg"))
  #expect(!filter.acceptsFolder("draft-a"))
}

@Test func namesThatAreNotUTF8AreMatchedByTheirBytes() {
  let filter = NameFilter()
  let latin1 = FilePath(bytes: Array("M".utf8) + [0xFC] + Array("ller.JPG".utf8))
  #expect(filter.accepts(latin1))
  #expect(!filter.accepts(FilePath(bytes: [UInt8(ascii: ".")] + latin1.bytes)))
  #expect(!filter.accepts(FilePath(bytes: latin1.bytes + Array(".part".utf8))))
  // An extension that is not UTF-8 is none of the configured ones.
  #expect(!filter.accepts(FilePath(bytes: Array("scan.jp".utf8) + [0xE9])))
  #expect(filter.acceptsFolder(FilePath(bytes: [0xE9, 0x74, 0xE9])))
}

@Test func extensionsIgnoreTheCaseOfASCIILettersOnly() {
  let filter = NameFilter(extensions: ["JPG", "kdc"])
  #expect(filter.extensions == ["jpg", "kdc"])
  #expect(filter.accepts("scan.Jpg"))
  #expect(filter.accepts("scan.KDC"))
  // KELVIN SIGN lowercases to an ASCII k in Unicode; byte by byte, as the ignore patterns match, it is no k.
  #expect(!filter.accepts("scan.\u{212A}DC"))
}
