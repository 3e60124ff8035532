// swift-tools-version:6.0
// edgediag: a capture-to-finding daemon for clinic imaging devices.
//
// Hosted build (development, tests): `swift build`, `swift test`.
// Device build (Embedded Swift, x86_64 and aarch64): `cross/build ARCH`, which compiles these same
// folders module by module; see README.md, "Building for the device".
import PackageDescription

let package = Package(
  name: "edgediag",
  products: [
    .executable(name: "edgediag", targets: ["edgediag"])
  ],
  targets: [
    // C at library boundaries only: each shim is a header (and at most a small .c) over one system library.
    .target(name: "CPlatform", linkerSettings: [.linkedLibrary("m")]),
    .target(name: "CJPEG", linkerSettings: [.linkedLibrary("jpeg")]),
    .target(name: "CSystemd", linkerSettings: [.linkedLibrary("systemd")]),
    .target(name: "CCurl"),  // loads libcurl with dlopen when forwarding is configured
    .target(name: "CSQLite", linkerSettings: [.linkedLibrary("sqlite3")]),

    // Swift modules; arrows point down the table in shared/DESIGN.md.
    // libm: rounding in requantization. The Builtin module gives the dot-product kernels their intrinsics
    // (Kernels/ByteDotProducts.swift).
    .target(
      name: "Inference", swiftSettings: [.enableExperimentalFeature("BuiltinModule")],
      linkerSettings: [.linkedLibrary("m")]),
    .target(name: "Platform", dependencies: ["CPlatform"]),
    .target(name: "Imaging", dependencies: ["CJPEG", "Platform"]),
    .target(name: "Systemd", dependencies: ["CSystemd", "Platform"]),
    // JSON values and fixed-decimal text, shared by the daemon's output and the offline reports.
    .target(name: "Formats"),
    .target(
      name: "Pipeline",
      dependencies: ["Inference", "Imaging", "Platform", "Systemd", "Formats", "CSQLite", "CCurl"]),
    // Offline tools, used only by the `evaluate` and `synth` verbs: never on the daemon's path.
    .target(name: "Evaluation", dependencies: ["Formats", "Platform"]),
    .target(name: "Synthesis", dependencies: ["Evaluation", "Formats", "Imaging", "Platform"]),
    .executableTarget(
      name: "edgediag",
      dependencies: ["Pipeline", "Evaluation", "Synthesis", "Formats", "Inference", "Imaging", "Platform", "CPlatform"]),

    // Helpers the test targets share (subprocesses, temporary folders, a seeded generator, journald); hosted only.
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    // The fuzz targets (tools/fuzz links them into a libFuzzer binary) and the test that replays their corpus and
    // every reproducer of a fixed defect.
    .target(name: "FuzzTargets", dependencies: ["Inference", "Imaging", "Pipeline"], path: "Tests/Fuzz/Targets"),
    .testTarget(name: "FuzzTests", dependencies: ["FuzzTargets"], path: "Tests/Fuzz/Replay"),
    .testTarget(name: "InferenceTests", dependencies: ["Inference", "TestSupport"]),
    .testTarget(name: "PlatformTests", dependencies: ["Platform", "TestSupport"]),
    .testTarget(name: "ImagingTests", dependencies: ["Imaging", "TestSupport"], exclude: ["Goldens"]),
    .testTarget(name: "SystemdTests", dependencies: ["Systemd", "TestSupport"]),
    .testTarget(name: "FormatsTests", dependencies: ["Formats"]),
    .testTarget(
      name: "EvaluationTests", dependencies: ["Evaluation", "Synthesis", "Imaging"]),
    .testTarget(name: "SynthesisTests", dependencies: ["Synthesis", "Evaluation", "Imaging"]),
    .testTarget(
      name: "edgediagTests", dependencies: ["edgediag", "Evaluation", "Synthesis", "Pipeline", "Inference", "Imaging"]),
    .testTarget(
      name: "PipelineTests", dependencies: ["Pipeline", "Synthesis", "TestSupport"], exclude: ["Forward/receiver.py"]),
  ],
  swiftLanguageModes: [.v6]
)
