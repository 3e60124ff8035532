import Formats

extension InputGate {
  /// The keys of a model card's `[gate]` section.
  static let cardKeys = ["min_width", "min_height", "max_aspect_ratio", "min_luma_stddev"]

  /// The gate that a card's `[gate]` entries (by key) describe: a key that is absent or empty keeps its default,
  /// `off` turns its check off, anything else must be a value of the key's kind.
  static func parse(_ entries: [String: IniEntry]) throws(ConfigError) -> InputGate {
    var gate = InputGate.defaults
    if let value = try setting(entries["min_width"], .integer(1...65500)) { gate.minimumWidth = value }
    if let value = try setting(entries["min_height"], .integer(1...65500)) { gate.minimumHeight = value }
    if let value = try setting(entries["max_aspect_ratio"], .decimal(1...65500)) { gate.maximumAspectRatio = value }
    // 127.5 is the largest deviation there is: half the pixels black, half white.
    if let value = try setting(entries["min_luma_stddev"], .decimal(0...127.5)) { gate.minimumLumaDeviation = value }
    return gate
  }

  /// nil: keep the default; `.some(nil)`: turned off; `.some(value)`: the value.
  private static func setting<Value>(_ entry: IniEntry?, _ kind: ValueKind<Value>) throws(ConfigError) -> Value?? {
    guard let entry, !entry.value.isEmpty else { return nil }
    if entry.value == "off" { return .some(nil) }
    guard let value = kind.parse(entry.value) else { throw entry.invalid(kind.expected + ", or off") }
    return .some(value)
  }
}

extension InputGate {
  /// The gate in the card's own words, each key with its value or `off` (`check-config` prints it).
  public var cardDescription: String {
    func value(_ number: Int?) -> String { number.map { "\($0)" } ?? "off" }
    func value(_ number: Float?, _ digits: Int) -> String { number.map { fixed(Double($0), digits) } ?? "off" }
    return "min_width \(value(minimumWidth)), min_height \(value(minimumHeight)), max_aspect_ratio "
      + "\(value(maximumAspectRatio, 1)), min_luma_stddev \(value(minimumLumaDeviation, 2))"
  }
}
