import Pipeline
import Testing

@Test func defaultFilterSkipsHiddenAndTemporaryNames() {
  let filter = NameFilter()
  for name in ["IMG_0042.jpg", "scan.JPEG", "a.b.jpg"] { #expect(filter.accepts(name), "\(name)") }
  for name in [".IMG_0042.jpg", "IMG.jpg.part", "IMG.tmp", "IMG.jpg~", "notes.txt", "jpg", ".jpg"] {
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
