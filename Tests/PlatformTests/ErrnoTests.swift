import CPlatform
import Platform
import Testing

@Test func errnoCarriesTheCLibraryMessage() {
  #expect(cplatform_open("/nonexistent/edgediag", O_RDONLY, 0) == -1)
  let error = Errno.current
  #expect(error.rawValue == ENOENT)
  #expect(error.description == "No such file or directory")
}
