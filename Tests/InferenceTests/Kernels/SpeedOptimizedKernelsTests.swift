import Foundation
import Testing

/// The device build compiles `Inference` for size (cross/modules): its prepare code runs once per load. What
/// runs per inference is marked `@_optimize(speed)` so it compiles as at -O: every function and initializer in
/// Kernels/ and in the files that dispatch and thread the kernels, plus `Interpreter.invoke` and
/// `OperatorPlan.eval`. A new kernel without the mark would silently run slower on the device.
@Test func everyKernelFunctionIsOptimizedForSpeed() throws {
  let inference = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../Sources/Inference").standardized
  let kernels = try FileManager.default.contentsOfDirectory(atPath: inference.path + "/Kernels")
    .filter { $0.hasSuffix(".swift") }.map { "Kernels/" + $0 }
  let runtime = ["Interpreter+Operators.swift", "KernelThreads.swift", "ParallelExecutor.swift"].map { "Runtime/" + $0 }
  #expect(kernels.count > 30)
  let declaration =
    #/^\s*((@inline\(__always\)|public|fileprivate|private|internal|static|mutating|nonmutating|@discardableResult) )*(func |init[(<])/#
  var unmarked: [String] = []
  for file in kernels + runtime {
    let lines = try String(contentsOfFile: inference.path + "/" + file, encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false)
    var protocolIndent: Int?  // a protocol's requirements have no body to optimize
    for (index, line) in lines.enumerated() {
      let indent = line.prefix { $0 == " " }.count
      if let open = protocolIndent {
        if line.trimmingCharacters(in: .whitespaces) == "}" && indent == open { protocolIndent = nil }
        continue
      }
      if line.firstMatch(of: #/^\s*((public|fileprivate|private|internal) )?protocol /#) != nil {
        protocolIndent = indent
        continue
      }
      guard line.firstMatch(of: declaration) != nil else { continue }
      if index == 0 || lines[index - 1].trimmingCharacters(in: .whitespaces) != "@_optimize(speed)" {
        unmarked.append("\(file):\(index + 1)")
      }
    }
  }
  #expect(unmarked == [])
  for (file, signature) in [
    ("Runtime/Interpreter.swift", "public func invoke() {"), ("Runtime/OperatorPlan.swift", "func eval("),
  ] {
    let text = try String(contentsOfFile: inference.path + "/" + file, encoding: .utf8)
    #expect(text.contains("@_optimize(speed)\n  " + signature), "\(file): \(signature)")
  }
}
