import Formats
import Inference
import Pipeline
import Platform

/// `edgediag model inspect|run|bench MODEL.tflite …`: the inference engine on its own.
func model(_ arguments: inout ArgumentList) throws(UsageError) -> Int32 {
  guard let leading = arguments.leading(2) else {
    throw UsageError("model: expected inspect, run or bench and a model file")
  }
  let (action, file) = (leading[0].text ?? leading[0].displayed, leading[1])
  // As the messages show it: escaped where the bytes are not text.
  let path = file.displayed
  let threads = try arguments.integer("--threads", default: 1)
  let bytes: [UInt8]
  do { bytes = try readFile(atPath: file, limit: 512 * 1024 * 1024) } catch {
    printError("\(path): cannot read: \(error)")
    return 1
  }
  let executor: WorkerPool?
  do { executor = try WorkerPool.kernels(threads: threads) } catch {
    printError("cannot start \(threads) threads: \(error)")
    return 1
  }
  let interpreter: Interpreter
  do { interpreter = try Interpreter(model: try Model(flatbuffer: bytes), executor: executor) } catch {
    printError("\(path): \(error)")
    return 1
  }
  switch action {
  case "inspect":
    try arguments.finish()
    print(ModelSummary(interpreter: interpreter).text, terminator: "")
    return 0
  case "run": return try runModel(interpreter, &arguments)
  case "bench": return try benchModel(interpreter, path: path, &arguments)
  default: throw UsageError("model: unknown action '\(action)' (inspect, run or bench)")
  }
}

/// `model run MODEL --input IN.npy --output OUT.npy`: raw inference on a NumPy array shaped like the input; one
/// file per output (`outputFilePath`).
private func runModel(_ interpreter: Interpreter, _ arguments: inout ArgumentList) throws(UsageError) -> Int32 {
  guard let inputPath = try arguments.option("--input"), let outputPath = try arguments.option("--output") else {
    throw UsageError("model run: needs --input IN.npy and --output OUT.npy")
  }
  try arguments.finish()
  let inputBytes: [UInt8]
  do { inputBytes = try readFile(atPath: inputPath) } catch {
    printError("\(inputPath): cannot read: \(error)")
    return 1
  }
  let input: NumPyArray
  do { input = try NumPyArray(npy: inputBytes) } catch {
    printError("\(inputPath): \(error)")
    return 1
  }
  let expected = interpreter.inputs[0]
  guard input.elementType == expected.type, input.shape == expected.shape else {
    printError(
      "\(inputPath): the array is \(describe(input.elementType, input.shape)); the model's input is "
        + describe(expected.type, expected.shape))
    return 1
  }
  interpreter.withInputBytes(0) { raw in raw.copyBytes(from: input.bytes) }
  interpreter.invoke()
  for (index, output) in interpreter.outputs.enumerated() {
    let path = outputFilePath(outputPath, index: index, of: interpreter.outputs.count)
    let bytes = interpreter.withOutputBytes(index) { Array($0) }
    let array: NumPyArray
    do { array = try NumPyArray(elementType: output.type, shape: output.shape, bytes: bytes) } catch {
      printError("\(path): \(error)")
      return 1
    }
    do { try writeFileAtomically(atPath: path, bytes: array.npy, mode: 0o644) } catch {
      printError("\(path): cannot write: \(error)")
      return 1
    }
  }
  return 0
}

/// Where `model run` writes output `index`: `OUT.npy` itself for a model with one output; with several,
/// `OUT.0.npy`, `OUT.1.npy`, … in the model's output order.
func outputFilePath(_ path: String, index: Int, of count: Int) -> String {
  guard count > 1 else { return path }
  let stem = path.hasSuffix(".npy") ? String(path.dropLast(4)) : path
  return "\(stem).\(index).npy"
}

/// `model bench MODEL [--threads N] [--iterations N] [--json] [--profile [--top N]]`: latency of `invoke` on a
/// fixed input after a warm-up run: median, min and p90 in milliseconds, and the MAC rate; with `--profile`,
/// the time per operator type and of the `--top` slowest operators instead (`profileModel`). Latencies are wall
/// time on the monotonic clock, so they count every thread's share of the work; `cpu_ms` is the process's CPU
/// time (all threads, spinning included) per invoke, which with threads shows what the parallelism costs.
private func benchModel(_ interpreter: Interpreter, path: String, _ arguments: inout ArgumentList) throws(UsageError)
  -> Int32
{
  let iterations = try arguments.integer("--iterations", default: 50)
  let json = arguments.flag("--json")
  let profile = arguments.flag("--profile")
  let top = try arguments.integer("--top", default: 10)
  try arguments.finish()
  interpreter.withInputBytes(0) { raw in
    for index in raw.indices { raw[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 13) }
  }
  if profile {
    profileModel(interpreter, path: path, iterations: iterations, top: top, json: json)
    return 0
  }
  interpreter.invoke()
  var times: [Int64] = []
  times.reserveCapacity(iterations)
  let cpuBefore = try? ProcessResources.current()
  for _ in 0..<iterations {
    let start = MonotonicInstant.now
    interpreter.invoke()
    times.append(MonotonicInstant.now.nanoseconds(since: start))
  }
  times.sort()
  let milliseconds = { (nanoseconds: Int64) in Double(nanoseconds) / 1e6 }
  let median = milliseconds(times[times.count / 2])
  let minimum = milliseconds(times[0])
  let p90 = milliseconds(times[min(times.count - 1, times.count * 9 / 10)])
  let gmacs = Double(interpreter.macs) / (median * 1e6)
  let resources = try? ProcessResources.current()
  let cpu = { (r: ProcessResources?) in (r?.userCPUNanoseconds ?? 0) + (r?.systemCPUNanoseconds ?? 0) }
  let cpuPerInvoke = milliseconds(cpu(resources) - cpu(cpuBefore)) / Double(iterations)
  if json {
    print(
      JSON.object([
        ("model", .string(path)), ("threads", .integer(Int64(interpreter.threads))),
        ("iterations", .integer(Int64(iterations))), ("median_ms", .number(median)), ("min_ms", .number(minimum)),
        ("p90_ms", .number(p90)), ("cpu_ms", .number(cpuPerInvoke)), ("macs", .integer(Int64(interpreter.macs))),
        ("gmac_per_s", .number(gmacs)),
        ("arena_bytes", .integer(Int64(interpreter.arenaBytes))),
        ("weight_bytes", .integer(Int64(interpreter.weightBytes))),
        ("peak_rss_bytes", .integer(Int64(resources?.peakResidentBytes ?? 0))),
      ]).rendered)
  } else {
    print("\(path): \(iterations) runs, \(interpreter.threads) thread(s)")
    print("median \(median) ms, min \(minimum) ms, p90 \(p90) ms (wall); CPU \(cpuPerInvoke) ms; \(gmacs) GMAC/s")
    print(
      "arena \(interpreter.arenaBytes) bytes, weights \(interpreter.weightBytes) bytes, peak RSS \(resources?.peakResidentBytes ?? 0) bytes"
    )
  }
  return 0
}

/// `int8 (1, 96, 96, 3)`: an element type and a shape as NumPy writes them, spelled out because the Embedded
/// build cannot interpolate an enum or an [Int].
private func describe(_ type: ElementType, _ shape: [Int]) -> String {
  let name = type.description
  let dimensions = shape.map { String($0) }
  return name + " (" + dimensions.joined(separator: ", ") + (dimensions.count == 1 ? ",)" : ")")
}
