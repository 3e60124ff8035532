import Foundation
import TestSupport
import Testing

extension EndToEnd {
  /// The verbs' handling of what people type: arguments they do not take, files that are not what they seem.
  @Suite struct CommandLine {
    /// An argument a verb does not take is a usage error, not silently ignored (with `run`, a daemon started on
    /// the default config).
    @Test(arguments: [["run"], ["check-config"], ["outcomes"], ["outcomes", "--json"]])
    func extraArgumentsAreUsageErrors(verb: [String]) throws {
      let folder = TemporaryDirectory()
      let result = try runEdgediag(verb + ["--config", "/nonexistent/edgediag.conf", "extra"], in: folder.path)
      #expect(result.status == 2)
      #expect(result.error.hasPrefix("edgediag \(verb[0]): unexpected argument 'extra'"))
    }

    @Test func outboxRetryWithAnExtraArgumentSaysWhatIsWrong() throws {
      let folder = TemporaryDirectory()
      let result = try runEdgediag(["outbox", "retry", "extra"], in: folder.path)
      #expect(result.status == 2)
      #expect(result.error.hasPrefix("edgediag outbox: unexpected argument 'extra'"))
    }

    /// `check-config` shows the card's input gate as it will run: defaults, a set value and a check turned off.
    @Test func checkConfigPrintsTheInputGate() throws {
      let fixture = try DaemonFixture()
      let card = try String(contentsOfFile: fixture.directory.path + "/model.conf", encoding: .utf8)
      fixture.directory.write("model.conf", card + "\n[gate]\nmin_width = 32\nmin_luma_stddev = off\n")
      let result = try runEdgediag(["check-config", "--config", fixture.configPath], in: fixture.directory.path)
      #expect(result.status == 0, "\(result.error)")
      #expect(
        result.output.contains(
          "input gate: min_width 32, min_height 16, max_aspect_ratio 10.0, min_luma_stddev off\n"), "\(result.output)")
    }

    /// `classify` gives a file over max_file_bytes the daemon's reason.
    @Test func classifyRejectsAFileOverTheLimitAsTheDaemonDoes() throws {
      let fixture = try DaemonFixture(capture: "max_file_bytes = 1000")
      let big = fixture.directory.write("big.jpg", String(repeating: "x", count: 1001))
      let result = try runEdgediag(["classify", "--config", fixture.configPath, big], in: fixture.directory.path)
      #expect(result.status == 0)
      #expect(result.output == "\(big): rejected: file-too-large: over 1000 bytes ([capture] max_file_bytes)\n")
    }

    /// A path on the command line is bytes: `classify` finds a capture in a folder whose name is not UTF-8
    /// (Latin-1 `caf\xe9`) and names it escaped, and `model inspect` reads a model there. Read as text, the name
    /// lost its byte to U+FFFD and the file was not found.
    @Test func classifyAndModelTakeAPathThatIsNotUTF8() throws {
      let fixture = try DaemonFixture()
      let folder = Array((fixture.directory.path + "/caf").utf8) + [0xE9]
      try #require(mkdir(folder.map { CChar(bitPattern: $0) } + [0], 0o755) == 0)
      RawNames.write(Captures.jpeg(seed: 1), to: folder + Array("/capture.jpg".utf8))
      let model = try [UInt8](
        Data(contentsOf: repositoryRoot.appendingPathComponent("models/suite/classifier_tiny.tflite")))
      RawNames.write(model, to: folder + Array("/model.tflite".utf8))
      // Foundation passes arguments as Strings (UTF-8); the shell's printf spells the byte.
      let folderArgument = "\"$(printf '%s/caf\\351' \"$1\")\""
      let classified = try run(
        "/bin/sh", "-c", "exec \"$0\" classify --config \"$2\" \(folderArgument)/capture.jpg",
        try #require(edgediagExecutable), fixture.directory.path, fixture.configPath)
      #expect(classified.status == 0, "\(classified.errors)")
      let shown = fixture.directory.path + #"/caf\xe9/capture.jpg: "#
      #expect(classified.output.hasPrefix(shown), "\(classified.output)")
      #expect(!classified.output.contains("unreadable"), "\(classified.output)")
      let inspected = try run(
        "/bin/sh", "-c", "exec \"$0\" model inspect \(folderArgument)/model.tflite",
        try #require(edgediagExecutable), fixture.directory.path)
      #expect(inspected.status == 0, "\(inspected.errors)")
      // The configuration's path is still text (a config names other paths as text): said so, not mangled.
      let configured = try run(
        "/bin/sh", "-c", "exec \"$0\" check-config --config \(folderArgument)/edgediag.conf",
        try #require(edgediagExecutable), fixture.directory.path)
      #expect(configured.status == 2)
      #expect(
        configured.errors.hasPrefix(#"edgediag check-config: --config is not UTF-8 text: '"#), "\(configured.errors)")
    }

    /// Runs `classify --save-tensors` with card `card` of models/torch-classifier on its capture.jpg; returns
    /// the result, the capture's path and the saved output tensor's bytes.
    func classifyTorchCapture(card: String) throws -> (
      result: (status: Int32, output: String, error: String), capture: String, output: [UInt8]
    ) {
      let folder = TemporaryDirectory()
      let model = ModelFolder("torch-classifier")
      let config = folder.write(
        "edgediag.conf", "[model]\ncard = " + model.folder.appendingPathComponent(card).path + "\n")
      let capture = model.folder.appendingPathComponent("capture.jpg").path
      let result = try runEdgediag(
        ["classify", "--config", config, "--save-tensors", folder.path, capture], in: folder.path)
      let saved = (try? Data(contentsOf: URL(fileURLWithPath: folder.path + "/capture.jpg.output.npy"))) ?? Data()
      return (result, capture, [UInt8](saved))
    }

    /// `classify` runs a PyTorch classifier (NCHW input; models/torch-classifier) to LiteRT's reference scores.
    @Test func classifyRunsAnNCHWClassifierToTheGolden() throws {
      let (result, _, output) = try classifyTorchCapture(card: "model.conf")
      #expect(result.status == 0, "\(result.error)")
      #expect(output == (try ModelFolder("torch-classifier").file("capture.output.npy")))
    }

    /// `classify` runs a PyTorch classifier ending in a float32 SOFTMAX (models/torch-classifier/softmax.*): the
    /// saved output is LiteRT's reference float32 tensor and the printed score is its value, undequantized.
    @Test func classifyRunsAFloatSoftmaxClassifierToTheGolden() throws {
      let (result, capture, output) = try classifyTorchCapture(card: "softmax.conf")
      #expect(result.status == 0, "\(result.error)")
      let golden = try ModelFolder("torch-classifier").file("softmax.output.npy")
      #expect(output == golden)
      let lesion = golden.suffix(4).withUnsafeBytes { $0.loadUnaligned(as: Float.self) }
      #expect(result.output == "\(capture): uncertain lesion (\(lesion))\n")
    }

    /// `model run` names both shapes and element types (the Embedded build cannot interpolate [Int] or enums).
    @Test func modelRunDescribesAShapeMismatch() throws {
      let folder = TemporaryDirectory()
      let suite = repositoryRoot.appendingPathComponent("models/suite").path
      let input = suite + "/classifier_tiny.input.npy"
      let result = try runEdgediag(
        [
          "model", "run", suite + "/mobilenet_v2_0.35_96.tflite", "--input", input, "--output",
          folder.path + "/out.npy",
        ], in: folder.path)
      #expect(result.status == 1)
      #expect(result.error == "\(input): the array is int8 (1, 32, 32, 3); the model's input is int8 (1, 96, 96, 3)\n")
    }
  }
}
