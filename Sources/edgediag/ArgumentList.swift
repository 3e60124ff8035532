import Platform

/// A verb's command-line arguments, consumed as they are read: options (`--name VALUE` or `--name=VALUE`),
/// flags (`--name`) and, last, the positional arguments. Anything left unrecognised is a usage error.
///
/// Arguments are kept as the bytes the kernel passed: a path need not be UTF-8 (a capture folder on a Windows
/// share, a Latin-1 file name), so paths are taken as `FilePath` (`path`, `paths`) and reach the file system
/// unchanged; only text options must be UTF-8.
struct ArgumentList {
  private var arguments: [FilePath]
  let verb: String

  init(verb: String, _ arguments: some Sequence<FilePath>) {
    self.verb = verb
    self.arguments = Array(arguments)
  }

  /// The value of `--name` as text, or nil if absent.
  mutating func option(_ name: String) throws(UsageError) -> String? {
    guard let value = try path(name) else { return nil }
    return try text(value, of: name)
  }

  /// The value of `--name` as a path, its bytes unchanged, or nil if absent.
  mutating func path(_ name: String) throws(UsageError) -> FilePath? {
    let option = FilePath(name)
    let prefix = Array((name + "=").utf8)
    for (index, argument) in arguments.enumerated() {
      if argument == option {
        guard index + 1 < arguments.count else { throw UsageError("\(verb): \(name) needs a value") }
        let value = arguments[index + 1]
        arguments.removeSubrange(index...(index + 1))
        return value
      }
      if argument.bytes.starts(with: prefix) {
        arguments.remove(at: index)
        return FilePath(bytes: argument.bytes.dropFirst(prefix.count))
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
    guard let index = arguments.firstIndex(of: FilePath(name)) else { return false }
    arguments.remove(at: index)
    return true
  }

  /// The remaining arguments as paths, which must not look like options.
  mutating func paths() throws(UsageError) -> [FilePath] {
    if let unknown = arguments.first(where: { $0.bytes.starts(with: Array("--".utf8)) }) {
      throw UsageError("\(verb): unknown option '\(unknown.displayed)'")
    }
    defer { arguments = [] }
    return arguments
  }

  /// The remaining arguments as text, which must not look like options.
  mutating func positionals() throws(UsageError) -> [String] {
    var texts: [String] = []
    for argument in try paths() { texts.append(try text(argument, of: "an argument")) }
    return texts
  }

  /// Checks that nothing is left, for verbs that take no positional arguments: an argument the verb did not
  /// read is a usage error rather than silently ignored.
  mutating func finish() throws(UsageError) {
    if let extra = try paths().first { throw UsageError("\(verb): unexpected argument '\(extra.displayed)'") }
  }

  /// `argument` as text; a usage error naming `what` when it is not UTF-8.
  private func text(_ argument: FilePath, of what: String) throws(UsageError) -> String {
    guard let text = argument.text else {
      throw UsageError("\(verb): \(what) is not UTF-8 text: '\(argument.displayed)'")
    }
    return text
  }
}

/// A command line that cannot be run; the message says what is wrong.
struct UsageError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

extension ArgumentList {
  /// Takes every remaining argument as text, for verbs that parse their own.
  mutating func remaining() throws(UsageError) -> [String] {
    var texts: [String] = []
    for argument in arguments { texts.append(try text(argument, of: "an argument")) }
    arguments = []
    return texts
  }

  /// Takes the first `count` arguments, which must not be options; nil if there are fewer.
  mutating func leading(_ count: Int) -> [FilePath]? {
    guard arguments.count >= count,
      !arguments.prefix(count).contains(where: { $0.bytes.starts(with: Array("--".utf8)) })
    else {
      return nil
    }
    defer { arguments.removeFirst(count) }
    return Array(arguments.prefix(count))
  }
}
