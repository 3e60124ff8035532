import TestSupport
import Testing

/// PyTorch architectures converted with litert-torch's PT2E int8 path (models/architectures/generate_torch.py,
/// which writes them with their goldens into build/architectures/torch/; megabytes each, so not committed).
/// Each must load and reproduce, byte for byte, the output of LiteRT's reference kernels. Skipped until the
/// script has been run.
@Suite(
  .enabled(if: !torchArchitectures.names.isEmpty, "run models/architectures/generate_torch.py to generate the models"))
struct TorchArchitectureTests {
  @Test(arguments: torchArchitectures.names)
  func outputMatchesReferenceBitForBit(name: String) throws {
    try torchArchitectures.expectOutputMatchesReference(name)
  }
}

let torchArchitectures = ModelFolder(generated: "architectures/torch")
