/// One known `[section] key` of a configuration `Target`: how to read its value and where to store it.
struct Setting<Target> {
  let section: String
  let key: String
  /// Stores `entry`'s value in the target, or the default for an empty value.
  let apply: (inout Target, IniEntry) throws(ConfigError) -> Void

  init<Value>(
    _ section: String, _ key: String, _ kind: ValueKind<Value>, defaults: Target,
    get: @escaping (Target) -> Value, set: @escaping (inout Target, Value) -> Void
  ) {
    self.section = section
    self.key = key
    apply = { (target: inout Target, entry: IniEntry) throws(ConfigError) in
      if entry.value.isEmpty { return set(&target, get(defaults)) }
      guard let value = kind.parse(entry.value) else { throw entry.invalid(kind.expected) }
      set(&target, value)
    }
  }

  /// A setting whose default is "not set" (nil).
  init<Value>(
    _ section: String, _ key: String, _ kind: ValueKind<Value>, defaults: Target,
    get: @escaping (Target) -> Value?, set: @escaping (inout Target, Value?) -> Void
  ) {
    let optional = ValueKind<Value?>(expected: kind.expected) { text in kind.parse(text).map { .some($0) } }
    self.init(section, key, optional, defaults: defaults, get: get, set: set)
  }
}
