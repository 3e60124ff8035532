import Formats

extension InputGate {
  /// One key of a model card's `[gate]` section: the check it sets, and how the gate shows it.
  struct CardKey: Sendable {
    let name: String
    /// Sets the check from a non-empty entry: `off` turns it off, anything else must be a value of the key's kind.
    let apply: @Sendable (inout InputGate, IniEntry) throws(ConfigError) -> Void
    /// The check's value in the card's words, or `off`.
    let describe: @Sendable (InputGate) -> String

    static func integer(
      _ name: String, get: @escaping @Sendable (InputGate) -> Int?,
      set: @escaping @Sendable (inout InputGate, Int?) -> Void
    ) -> CardKey {
      CardKey(
        name: name, apply: { gate, entry throws(ConfigError) in set(&gate, try value(entry, .integer(1...65500))) },
        describe: { gate in get(gate).map { "\($0)" } ?? "off" })
    }

    static func decimal(
      _ name: String, _ range: ClosedRange<Float>, digits: Int, get: @escaping @Sendable (InputGate) -> Float?,
      set: @escaping @Sendable (inout InputGate, Float?) -> Void
    ) -> CardKey {
      CardKey(
        name: name, apply: { gate, entry throws(ConfigError) in set(&gate, try value(entry, .decimal(range))) },
        describe: { gate in get(gate).map { fixed(Double($0), digits) } ?? "off" })
    }

    /// nil for `off`, else the entry's value.
    private static func value<Value>(_ entry: IniEntry, _ kind: ValueKind<Value>) throws(ConfigError) -> Value? {
      if entry.value == "off" { return nil }
      guard let value = kind.parse(entry.value) else { throw entry.invalid(kind.expected + ", or off") }
      return value
    }
  }

  /// The keys of a model card's `[gate]` section, in the order `check-config` shows them.
  static let cardKeys: [CardKey] = [
    .integer("min_width", get: { $0.minimumWidth }, set: { $0.minimumWidth = $1 }),
    .integer("min_height", get: { $0.minimumHeight }, set: { $0.minimumHeight = $1 }),
    .decimal(
      "max_aspect_ratio", 1...65500, digits: 1, get: { $0.maximumAspectRatio }, set: { $0.maximumAspectRatio = $1 }),
    // 127.5 is the largest deviation there is: half the pixels black, half white.
    .decimal(
      "min_luma_stddev", 0...127.5, digits: 2, get: { $0.minimumLumaDeviation },
      set: { $0.minimumLumaDeviation = $1 }),
  ]

  /// The gate that a card's `[gate]` entries (by key) describe: a key that is absent or empty keeps its default.
  static func parse(_ entries: [String: IniEntry]) throws(ConfigError) -> InputGate {
    var gate = InputGate.defaults
    for key in cardKeys {
      guard let entry = entries[key.name], !entry.value.isEmpty else { continue }
      try key.apply(&gate, entry)
    }
    return gate
  }

  /// The gate in the card's own words, each key with its value or `off` (`check-config` prints it).
  public var cardDescription: String {
    var parts: [String] = []
    for key in Self.cardKeys { parts.append(key.name + " " + key.describe(self)) }
    return parts.joined(separator: ", ")
  }
}
