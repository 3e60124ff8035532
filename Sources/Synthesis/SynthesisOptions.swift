/// What `synthesize` renders: how many captures, from which seed, at what size, over how many sites.
public struct SynthesisOptions: Sendable, Equatable {
  public var outputDirectory: String
  public var count: Int
  public var seed: UInt64
  public var width = 256
  public var height = 256
  public var sites = 3
  public var prevalence: Float = 0.5
  /// Applied to the last site, which is then named for it (e.g. "site-4-hue").
  public var siteShift: SiteShift?

  public init(outputDirectory: String, count: Int, seed: UInt64) {
    self.outputDirectory = outputDirectory
    self.count = count
    self.seed = seed
  }
}
