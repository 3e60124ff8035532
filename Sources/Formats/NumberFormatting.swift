/// `value` with `digits` decimals ("0.950"); "–" for NaN and infinities. Embedded Swift has no `String(format:)`.
public func fixed(_ value: Double, _ digits: Int) -> String {
  guard value.isFinite else { return "–" }
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let scaled = (abs(value) * scale).rounded()
  guard scaled < 9e15 else { return value.description }
  let whole = Int64(scaled) / Int64(scale)
  var text = (value < 0 && scaled > 0 ? "-" : "") + String(whole)
  if digits > 0 {
    let fraction = String(Int64(scaled) % Int64(scale))
    text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
  }
  return text
}

/// `text` right-aligned in `width` columns.
public func padLeft(_ text: String, _ width: Int) -> String {
  String(repeating: " ", count: max(0, width - text.count)) + text
}

/// `text` left-aligned in `width` columns.
public func padRight(_ text: String, _ width: Int) -> String {
  text + String(repeating: " ", count: max(0, width - text.count))
}
