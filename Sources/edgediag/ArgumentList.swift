/// A verb's command-line arguments, consumed as they are read: options (`--name VALUE` or `--name=VALUE`),
/// flags (`--name`) and, last, the positional arguments. Anything left unrecognised is a usage error.
struct ArgumentList {
  private var arguments: [String]
  let verb: String

  init(verb: String, _ arguments: some Sequence<String>) {
    self.verb = verb
    self.arguments = Array(arguments)
  }

  /// The value of `--name`, or nil if absent.
  mutating func option(_ name: String) throws(UsageError) -> String? {
    for (index, argument) in arguments.enumerated() {
      if argument == name {
        guard index + 1 < arguments.count else { throw UsageError("\(verb): \(name) needs a value") }
        let value = arguments[index + 1]
        arguments.removeSubrange(index...(index + 1))
        return value
      }
      if argument.hasPrefix(name + "=") {
        arguments.remove(at: index)
        return String(argument.dropFirst(name.count + 1))
      }
    }
    return nil
  }

  /// The value of `--name` as a positive integer, or `default`.
  mutating func integer(_ name: String, default value: Int) throws(UsageError) -> Int {
    guard let text = try option(name) else { return value }
    guard let number = Int(text), number > 0 else { throw UsageError("\(verb): \(name) needs a positive integer") }
    return number
  }

  /// Whether `--name` is present.
  mutating func flag(_ name: String) -> Bool {
    guard let index = arguments.firstIndex(of: name) else { return false }
    arguments.remove(at: index)
    return true
  }

  /// The remaining arguments, which must not look like options.
  mutating func positionals() throws(UsageError) -> [String] {
    if let unknown = arguments.first(where: { $0.hasPrefix("--") }) {
      throw UsageError("\(verb): unknown option '\(unknown)'")
    }
    defer { arguments = [] }
    return arguments
  }

  /// Checks that nothing is left, for verbs that take no positional arguments: an argument the verb did not
  /// read is a usage error rather than silently ignored.
  mutating func finish() throws(UsageError) {
    if let extra = try positionals().first { throw UsageError("\(verb): unexpected argument '\(extra)'") }
  }
}

/// A command line that cannot be run; the message says what is wrong.
struct UsageError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

extension ArgumentList {
  /// Takes every remaining argument, for verbs that parse their own.
  mutating func remaining() -> [String] {
    defer { arguments = [] }
    return arguments
  }

  /// Takes the first `count` arguments, which must not be options; nil if there are fewer.
  mutating func leading(_ count: Int) -> [String]? {
    guard arguments.count >= count, !arguments.prefix(count).contains(where: { $0.hasPrefix("--") }) else {
      return nil
    }
    defer { arguments.removeFirst(count) }
    return Array(arguments.prefix(count))
  }
}
