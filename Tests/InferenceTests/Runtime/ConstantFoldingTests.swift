import Foundation
import TestSupport
import Testing

@testable import Inference

/// The converter's dynamic-batch chains are evaluated at load: their outputs become constants, their operators
/// leave the run list, and shapes the file records as 1s are resolved from them.
@Suite struct ConstantFoldingTests {
  @Test func kerasReshapeChainIsEvaluatedAtLoad() throws {
    let interpreter = try Interpreter(model: try Model(flatbuffer: ModelSuite.file("reshape_chain_reshape.tflite")))
    let model = interpreter.model
    let running = interpreter.steps.map { model.operators[$0].kind.name }
    #expect(running == ["CONV_2D", "RESHAPE", "RESHAPE", "FULLY_CONNECTED", "RESHAPE"])
    for (index, op) in model.operators.enumerated() where !interpreter.steps.contains(index) {
      #expect(model.tensors[op.outputs[0]].data != nil, "operator \(index) \(op.kind.name) output is not constant")
    }
    // Dense over [batch, 8, 12]: the file says [1, 1] and [1, 3] for the flattened rows (-1 in shape_signature).
    let fullyConnected = try #require(model.operators.first { $0.kind == .fullyConnected })
    #expect(model.tensors[fullyConnected.inputs[0]].shape == [8, 12])
    #expect(model.tensors[fullyConnected.outputs[0]].shape == [8, 3])
  }

  @Test func modelsWithoutShapeChainsRunEveryOperator() throws {
    let interpreter = try Interpreter(model: try Model(flatbuffer: ModelSuite.file("classifier_tiny.tflite")))
    #expect(interpreter.steps == Array(0..<interpreter.operatorCount))
  }
}
