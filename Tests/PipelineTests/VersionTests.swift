import Pipeline
import Testing

@Test func versionIsSemantic() {
  #expect(edgediagVersion.split(separator: ".").count == 3)
}
