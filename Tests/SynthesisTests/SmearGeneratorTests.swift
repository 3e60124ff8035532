import Foundation
import Imaging
import Testing

@testable import Synthesis

private let sites = SmearGenerator.sites(count: 3, shift: .hue)
private func generator(seed: UInt64 = 11, size: Int = 96) -> SmearGenerator {
  SmearGenerator(seed: seed, width: size, height: size, sites: sites, prevalence: 0.5)
}

@Test func sameSeedAndIndexGiveTheSameCapture() {
  let a = generator().capture(index: 5)
  let b = generator().capture(index: 5)
  #expect(a.image.pixels == b.image.pixels)
  #expect(a.parameters == b.parameters)
  #expect(generator().capture(index: 6).image.pixels != a.image.pixels)
  #expect(generator(seed: 12).capture(index: 5).image.pixels != a.image.pixels)
}

/// A golden of the first bytes of one capture: the generator must not drift between platforms or releases
/// (training sets and the demo model's reported metrics depend on it).
@Test func captureIsStableAcrossPlatforms() {
  let capture = generator(seed: 1, size: 32).capture(index: 0)
  #expect(capture.image.width == 32 && capture.image.height == 32 && capture.image.channels == 3)
  #expect(capture.parameters.site == "site-3-hue")
  #expect(Array(capture.image.pixels.prefix(12)) == goldenPrefix)
}
private let goldenPrefix: [UInt8] = [205, 204, 194, 158, 179, 149, 155, 175, 154, 169, 183, 159]

@Test func findingsHoldParasitesAndNegativesNone() {
  let captures = (0..<60).map { generator().capture(index: $0).parameters }
  #expect(captures.contains { $0.isFinding } && captures.contains { !$0.isFinding })
  for p in captures {
    #expect(p.isFinding ? (1...4).contains(p.parasites) : p.parasites == 0)
    #expect((10...40).contains(p.cells))
  }
}

@Test func prevalenceSetsTheShareOfFindings() {
  let generator = SmearGenerator(seed: 4, width: 32, height: 32, sites: sites, prevalence: 0.2)
  let findings = (0..<1000).count { generator.capture(index: $0).parameters.isFinding }
  #expect((160...240).contains(findings))
}

@Test func shiftedSiteIsNamedAndFarFromTrainingHues() {
  #expect(sites.map(\.name) == ["site-1", "site-2", "site-3-hue"])
  let normal = (1...20).map { SiteProfile.site($0).stainHue }
  #expect(normal.allSatisfy { abs($0) <= 14 })
  #expect(sites[2].stainHue == 150)
  #expect(SiteProfile.site(5) == SiteProfile.site(5))
}

/// Parasites are the darkest things in a field: the finding capture's darkest pixel is darker than its
/// negative twin's (same seed and index, prevalence 1 vs 0, so the same site and lamp).
@Test func parasitesDarkenTheField() {
  for index in 0..<10 {
    let finding = SmearGenerator(seed: 9, width: 96, height: 96, sites: [.site(1)], prevalence: 1).capture(index: index)
    let negative = SmearGenerator(seed: 9, width: 96, height: 96, sites: [.site(1)], prevalence: 0).capture(
      index: index)
    let darkest = { (image: Image) in stride(from: 1, to: image.pixels.count, by: 3).map { image.pixels[$0] }.min() ?? 0
    }
    #expect(darkest(finding.image) < darkest(negative.image))
  }
}

@Test func fastMathIsAccurate() {
  for x in stride(from: Float(0), to: 20, by: 0.37) {
    #expect(abs(negativeExp(x) - Float(Foundation.exp(Double(-x)))) < 1e-5)
  }
  for x in stride(from: Float(-10), to: 10, by: 0.31) {
    #expect(abs(sine(x) - Float(Foundation.sin(Double(x)))) < 2e-4)
    #expect(abs(cosine(x) - Float(Foundation.cos(Double(x)))) < 2e-4)
  }
}
