/// A JSON value, built in code and rendered as compact JSON text (RFC 8259). Objects keep their keys in the
/// order given, so output is stable and diffable. Used for `--json` output and forwarded payloads.
public indirect enum JSON: Sendable, Equatable {
  case null
  case bool(Bool)
  case integer(Int64)
  /// A finite number; NaN and infinities render as `null` (JSON has no spelling for them).
  case number(Double)
  /// A finite single-precision number (model scores), in its shortest round-trip form: 0.93, not 0.9300000071.
  case float(Float)
  case string(String)
  case array([JSON])
  case object([(String, JSON)])

  public static func == (lhs: JSON, rhs: JSON) -> Bool { lhs.rendered == rhs.rendered }

  /// A string, or `null` when absent.
  public static func optional(_ value: String?) -> JSON { value.map(JSON.string) ?? .null }

  /// The compact JSON text.
  public var rendered: String {
    var out = ""
    render(into: &out)
    return out
  }

  /// Appends the compact JSON text to `out`.
  public func render(into out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let value): out += value ? "true" : "false"
    case .integer(let value): out += String(value)
    case .number(let value): out += value.isFinite ? Self.format(value) : "null"
    case .float(let value): out += value.isFinite ? Self.format(value) : "null"
    case .string(let value): Self.quote(value, into: &out)
    case .array(let values):
      out += "["
      for (index, value) in values.enumerated() {
        if index > 0 { out += "," }
        value.render(into: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (index, (key, value)) in members.enumerated() {
        if index > 0 { out += "," }
        Self.quote(key, into: &out)
        out += ":"
        value.render(into: &out)
      }
      out += "}"
    }
  }

  /// Integral values without a fractional part ("3", not "3.0"); others in Swift's shortest round-trip form.
  private static func format<Number: BinaryFloatingPoint & CustomStringConvertible>(_ value: Number) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return value.description
  }

  private static func quote(_ string: String, into out: inout String) {
    out += "\""
    for scalar in string.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
        out += "\\u00"
        out.append(hex[Int(scalar.value >> 4)])
        out.append(hex[Int(scalar.value & 0xF)])
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
