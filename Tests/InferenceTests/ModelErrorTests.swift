import Inference
import Testing

@Test func modelErrorsNameTheTensorOrOperator() {
  let tensor = ModelError.invalidTensor(
    index: 17, name: "conv2d_3/weights", reason: "shape [3, 3] needs 9 bytes, buffer has 4")
  #expect(tensor.description == "tensor 17 \"conv2d_3/weights\": shape [3, 3] needs 9 bytes, buffer has 4")
  let op = ModelError.unsupportedOperators([UnsupportedOperator(name: "CONV_3D", version: 1, firstIndex: 4)])
  #expect(op.description == "operator 4: CONV_3D version 1 is not supported")
}
