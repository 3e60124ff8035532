/// How a config value is read: a parser, and what to say when it fails.
struct ValueKind<Value> {
  /// Completes "expected …" in errors, e.g. "an integer from 1 to 64".
  let expected: String
  let parse: (String) -> Value?

  static var boolean: ValueKind<Bool> {
    ValueKind<Bool>(expected: "yes or no") { text in
      switch text.asciiLowercased {
      case "yes", "true", "on", "1": return true
      case "no", "false", "off", "0": return false
      default: return nil
      }
    }
  }

  static func integer(_ range: ClosedRange<Int>) -> ValueKind<Int> {
    ValueKind<Int>(expected: "an integer from \(range.lowerBound) to \(range.upperBound)") { text in
      guard let value = Int(text), range.contains(value) else { return nil }
      return value
    }
  }

  static func decimal(_ range: ClosedRange<Float>) -> ValueKind<Float> {
    ValueKind<Float>(expected: "a number from \(range.lowerBound) to \(range.upperBound)") { text in
      guard let value = Float(text), value.isFinite, range.contains(value) else { return nil }
      return value
    }
  }

  /// One of the raw values of `Choice`.
  static func choice<Choice: RawRepresentable & CaseIterable>(_: Choice.Type) -> ValueKind<Choice>
  where Choice.RawValue == String {
    let names = Choice.allCases.map { $0.rawValue }
    let listed = names.dropLast().joined(separator: ", ") + (names.count > 1 ? " or " : "") + (names.last ?? "")
    return ValueKind<Choice>(expected: listed) { Choice(rawValue: $0) }
  }

  static var absolutePath: ValueKind<String> {
    ValueKind<String>(expected: "an absolute path") { $0.hasPrefix("/") ? $0 : nil }
  }

  /// An absolute path, or a credential name: a plain file name looked up in systemd's
  /// `$CREDENTIALS_DIRECTORY` (`LoadCredential=`).
  static var credentialPath: ValueKind<String> {
    ValueKind<String>(expected: "an absolute path or a credential name") { text in
      text.hasPrefix("/") || (!text.contains("/") && !text.hasPrefix(".")) ? text : nil
    }
  }

  /// Blank-separated words (at least one).
  static var words: ValueKind<[String]> {
    ValueKind<[String]>(expected: "one or more words separated by blanks") { text in
      let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      return words.isEmpty ? nil : words
    }
  }

  /// Blank-separated file name extensions without their dot, returned in lowercase.
  static var extensions: ValueKind<[String]> {
    ValueKind<[String]>(expected: "extensions without their dot, separated by blanks (jpg jpeg)") { text in
      guard let words = words.parse(text), words.allSatisfy({ IniFile.isName($0) && !$0.contains(".") }) else {
        return nil
      }
      return words.map { $0.asciiLowercased }
    }
  }

  /// Comma-separated items, blanks around each dropped, none empty, none repeated.
  static var commaList: ValueKind<[String]> {
    ValueKind<[String]>(expected: "a comma-separated list of distinct names") { text in
      let items = text.split(separator: ",", omittingEmptySubsequences: false).map { String(IniFile.trimmed($0)) }
      guard items.allSatisfy(IniFile.isName), Set(items).count == items.count else { return nil }
      return items
    }
  }

  /// Letters, digits, `.`, `_` and `-`, at most `length` of them.
  static func identifier(length: Int) -> ValueKind<String> {
    ValueKind<String>(expected: "letters, digits, '.', '_' or '-' (at most \(length))") { text in
      text.utf8.count <= length && IniFile.isName(text) ? text : nil
    }
  }

  /// An `https://` URL; `http://` only to the loopback host, for a receiver on the device itself.
  static var findingsURL: ValueKind<String> {
    // The forwarder's own test (Forwarder.init), so that check-config accepts exactly what run accepts.
    ValueKind<String>(expected: "an https:// URL (plain http:// is refused, even to localhost)") { text in
      text.utf8.count > 8 && HTTPClient.isHTTPS(text) && !text.contains(where: { $0 == " " || $0 == "\t" })
        ? text : nil
    }
  }

  /// A proxy URL as libcurl takes it (`http://`, `https://`, `socks5h://` …).
  static var proxyURL: ValueKind<String> {
    ValueKind<String>(expected: "a proxy URL such as http://proxy.example:3128") { text in
      let scheme = text.prefix(while: { $0.isASCIILetterOrDigit || $0 == "+" || $0 == "-" })
      let rest = text.dropFirst(scheme.count)
      guard !scheme.isEmpty, rest.hasPrefix("://"), rest.count > 3, !text.contains(" ") else { return nil }
      return text
    }
  }
}
