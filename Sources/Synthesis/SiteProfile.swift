/// How one clinic's captures look: its stain batch and staining time (hue, saturation), its microscope lamp
/// (level, gradient across the field), focus, camera noise and the JPEG quality its capture software uses.
/// A site's profile depends only on its number, so "site-2" is the same clinic whatever the seed.
public struct SiteProfile: Sendable, Equatable {
  public var name: String
  /// Rotation of the stain colours around the grey axis, in degrees.
  public var stainHue: Float
  /// Scale of the stain's chromatic part: below 1 washed out, above 1 vivid.
  public var stainSaturation: Float
  /// Lamp level at the field centre, as a fraction of full scale.
  public var illumination: Float
  /// Fractional change of brightness from one edge of the field to the other.
  public var illuminationGradient: Float
  /// Gaussian blur sigma in pixels at 256 px field size (scaled with the image).
  public var blur: Float
  /// Sensor noise standard deviation in 8-bit grey levels.
  public var noise: Float
  public var jpegQuality: Int

  /// The profile of site `number` (1-based), optionally with a deliberate shift applied.
  public static func site(_ number: Int, shift: SiteShift? = nil) -> SiteProfile {
    var random = SplitMix64(seed: 0x5175_6E73_6974_6573, index: UInt64(number))
    var profile = SiteProfile(
      name: "site-\(number)",
      stainHue: random.uniform(-14, 14),
      stainSaturation: random.uniform(0.8, 1.2),
      illumination: random.uniform(0.8, 0.98),
      illuminationGradient: random.uniform(0, 0.18),
      blur: random.uniform(0, 1.4),
      noise: random.uniform(1, 5),
      jpegQuality: random.integer(70, 95))
    if let shift {
      profile.name += "-" + shift.rawValue
      shift.apply(to: &profile)
    }
    return profile
  }
}

/// A way a site can differ from every site seen in training, for bias tests.
public enum SiteShift: String, Sendable, CaseIterable {
  /// A stain batch of a very different hue (e.g. a wrong buffer pH): far outside the training sites' ±14°.
  case hue
  /// A dim lamp.
  case dark
  /// A badly focused microscope.
  case blur

  func apply(to profile: inout SiteProfile) {
    switch self {
    case .hue:
      profile.stainHue = 150
      profile.stainSaturation = 0.55
    case .dark: profile.illumination = 0.4
    case .blur: profile.blur = 3.5
    }
  }
}
