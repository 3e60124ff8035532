import Formats
import Inference
import Pipeline
import Platform

/// `model bench MODEL --profile [--top N]`: each operator run and timed on its own, `iterations` times after a
/// warm-up run; per operator its median, then totals per operator type and the `top` slowest operators, with
/// their share of the sum. The clock calls between operators add a few tens of nanoseconds each, so on small
/// models the sum exceeds a plain `invoke`.
func profileModel(_ interpreter: Interpreter, path: String, iterations: Int, top: Int, json: Bool) {
  let count = interpreter.operatorCount
  // times[op * iterations + i]: operator op in run i, nanoseconds.
  var times = [Int64](repeating: 0, count: count * iterations)
  interpreter.invoke()
  for i in 0..<iterations {
    for op in 0..<count {
      let start = MonotonicInstant.now
      interpreter.invoke(operator: op)
      times[op * iterations + i] = MonotonicInstant.now.nanoseconds(since: start)
    }
  }
  let medians = (0..<count).map { op in
    let sorted = times[(op * iterations)..<((op + 1) * iterations)].sorted()
    return sorted[sorted.count / 2]
  }
  let total = max(medians.reduce(0, +), 1)
  let kinds = (0..<count).map { interpreter.model.operators[$0].kind.name }
  var byKind: [(name: String, nanoseconds: Int64, operators: Int)] = []
  for op in 0..<count {
    if let index = byKind.firstIndex(where: { $0.name == kinds[op] }) {
      byKind[index].nanoseconds += medians[op]
      byKind[index].operators += 1
    } else {
      byKind.append((kinds[op], medians[op], 1))
    }
  }
  byKind = positionsSorted(byKeys: byKind.map { (-Int($0.nanoseconds), 0) }).map { byKind[$0] }  // slowest first
  let slowest = positionsSorted(byKeys: medians.map { (-Int($0), 0) }).prefix(top)
  func shape(_ op: Int) -> String {
    let output = interpreter.model.tensors[interpreter.model.operators[op].outputs[0]]
    return output.shape.map(String.init).joined(separator: "x")
  }
  if json {
    print(
      JSON.object([
        ("model", .string(path)), ("iterations", .integer(Int64(iterations))),
        ("total_ns", .integer(total)),
        (
          "by_type",
          .array(
            byKind.map { entry in
              .object([
                ("type", .string(entry.name)), ("operators", .integer(Int64(entry.operators))),
                ("ns", .integer(entry.nanoseconds)), ("share", .number(Double(entry.nanoseconds) / Double(total))),
              ])
            })
        ),
        (
          "operators",
          .array(
            slowest.map { op in
              .object([
                ("index", .integer(Int64(op))), ("type", .string(kinds[op])), ("output_shape", .string(shape(op))),
                ("ns", .integer(medians[op])), ("share", .number(Double(medians[op]) / Double(total))),
                ("macs", .integer(Int64(interpreter.macs(operator: op)))),
              ])
            })
        ),
      ]).rendered)
    return
  }
  func microseconds(_ nanoseconds: Int64) -> String { "\(nanoseconds / 1000).\(nanoseconds % 1000 / 100) µs" }
  func share(_ nanoseconds: Int64) -> String {
    let permille = nanoseconds * 1000 / total
    return "\(permille / 10).\(permille % 10)%"
  }
  print("\(path): \(count) operators, median of \(iterations) runs each; sum \(microseconds(total))")
  print("by type:")
  for entry in byKind {
    print("  \(entry.name) ×\(entry.operators): \(microseconds(entry.nanoseconds)) (\(share(entry.nanoseconds)))")
  }
  print("slowest operators:")
  for op in slowest {
    let macs = interpreter.macs(operator: op)
    let tenths = macs > 0 && medians[op] > 0 ? macs * 10 / Int(medians[op]) : 0
    let rate = macs > 0 ? ", \(tenths / 10).\(tenths % 10) GMAC/s" : ""
    print("  #\(op) \(kinds[op]) → \(shape(op)): \(microseconds(medians[op])) (\(share(medians[op])))\(rate)")
  }
}
