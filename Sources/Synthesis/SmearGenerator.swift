import Imaging

/// Renders thin blood smear fields as a point-of-care malaria microscope camera would capture them: red cells
/// (some overlapping), platelets, stain precipitate and smudges, and in `finding` captures one or more
/// ring-stage parasites, under each site's stain, lamp, focus and sensor. Deterministic: capture `index` of
/// `seed` is the same image on every run and platform.
///
/// Sizes scale with the field, so a 256×256 capture downscaled to 96×96 looks like a 96×96 capture (the same
/// optics seen by a coarser sensor).
public struct SmearGenerator: Sendable {
  public var seed: UInt64
  public var width: Int
  public var height: Int
  /// The sites captures are spread over, uniformly at random.
  public var sites: [SiteProfile]
  /// The probability that a capture holds parasites.
  public var prevalence: Float

  public init(seed: UInt64, width: Int, height: Int, sites: [SiteProfile], prevalence: Float) {
    self.seed = seed
    self.width = width
    self.height = height
    self.sites = sites
    self.prevalence = prevalence
  }

  /// Sites 1…`count`; with a `shift`, the last of them is shifted (and named for it, e.g. "site-4-hue").
  public static func sites(count: Int, shift: SiteShift?) -> [SiteProfile] {
    (1...max(1, count)).map { SiteProfile.site($0, shift: $0 == count ? shift : nil) }
  }

  public func capture(index: Int) -> SyntheticCapture {
    var random = SplitMix64(seed: seed, index: UInt64(index))
    let site = sites[random.integer(0, sites.count - 1)]
    let isFinding = random.chance(prevalence)
    var parameters = CaptureParameters(
      site: site.name, isFinding: isFinding,
      stainHue: site.stainHue + random.uniform(-3, 3),
      stainSaturation: site.stainSaturation * random.uniform(0.95, 1.05),
      illumination: clamp(site.illumination * random.uniform(0.97, 1.03), 0.05, 1),
      illuminationGradient: site.illuminationGradient * random.uniform(0.8, 1.2),
      blur: max(0, site.blur + random.uniform(-0.2, 0.2)),
      noise: max(0, site.noise + random.uniform(-0.5, 0.5)),
      jpegQuality: min(100, max(1, site.jpegQuality + random.integer(-3, 3))),
      parasites: 0, cells: 0)
    var scene = SmearScene(width: width, height: height, parameters: parameters)
    scene.draw(random: &random)
    parameters.cells = scene.cellsInField
    parameters.parasites = scene.parasites
    let image = Optics(parameters: parameters, width: width, height: height).expose(scene.field, random: &random)
    return SyntheticCapture(image: image, parameters: parameters)
  }
}
