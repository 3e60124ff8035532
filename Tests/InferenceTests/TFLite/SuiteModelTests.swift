import Foundation
import Inference
import TestSupport
import Testing

/// The generated model suite (models/suite/*.tflite, written by the TFLite converter): every model must parse
/// into the operators, input and output its README table lists (from the converter's own view of the model).
@Suite struct SuiteModelTests {
  /// A row of the README table: | `name` | OPS | input -> output | bytes | covers |.
  struct Entry {
    var name: String
    /// Operator name → count; "CONV_2D x35" counts 35.
    var operators: [String: Int]
    var input: String
    var output: String
  }

  static func entries() throws -> [Entry] {
    let readme = try String(contentsOf: ModelSuite.folder.appendingPathComponent("README.md"), encoding: .utf8)
    return readme.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { line in
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      var operators: [String: Int] = [:]
      for item in cells[1].split(separator: ",") {
        let words = item.split(separator: " ")
        operators[String(words[0]), default: 0] += words.count > 1 ? Int(words[1].dropFirst())! : 1
      }
      let io = cells[2].components(separatedBy: " -> ")
      return Entry(
        name: cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")), operators: operators, input: io[0],
        output: io[1])
    }
  }

  /// `i8[1x15x13x3]`, as the README writes a tensor.
  static func describe(_ tensor: Tensor) -> String {
    let type =
      switch tensor.type {
      case .int8: "i8"
      case .uint8: "u8"
      case .float32: "f32"
      case .int32: "int32"
      default: "other"
      }
    return "\(type)[\(tensor.shape.map(String.init).joined(separator: "x"))]"
  }

  @Test func everySuiteModelParsesAsItsReadmeDescribes() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: ModelSuite.folder.path).filter {
      $0.hasSuffix(".tflite")
    }
    let entries = try Self.entries()
    #expect(files.count >= 39)
    #expect(Set(files) == Set(entries.map { "\($0.name).tflite" }))
    for entry in entries {
      let bytes = [UInt8](try Data(contentsOf: ModelSuite.folder.appendingPathComponent("\(entry.name).tflite")))
      let model: Model
      do {
        model = try Model(flatbuffer: bytes)
      } catch {
        Issue.record("\(entry.name): \(error)")
        continue
      }
      var operators: [String: Int] = [:]
      for op in model.operators { operators[op.kind.name, default: 0] += 1 }
      #expect(operators == entry.operators, "\(entry.name)")
      #expect(model.inputs.map { Self.describe(model.tensors[$0]) } == [entry.input], "\(entry.name)")
      #expect(model.outputs.map { Self.describe(model.tensors[$0]) } == [entry.output], "\(entry.name)")
    }
  }
}
