/// Runs an int8 TFLite model. At init operators computed from shapes and constants are evaluated
/// (`ConstantFolding`), every other operator is prepared (validated, multipliers computed, weights packed) and
/// all activations are placed in one arena; `invoke` only runs kernels and allocates nothing.
/// Not thread-safe: one interpreter per worker. With an executor, the heavy kernels split each operator's
/// work across its threads; results are byte-identical for any number of threads.
public final class Interpreter {
  /// The model as run: with the outputs of operators evaluated at load made constant.
  public let model: Model
  let plans: [OperatorPlan]
  /// The operators that run at each invoke: all but those `ConstantFolding` evaluated at load.
  let steps: [Int]
  /// Per tensor: its bytes (arena, constant pool, or an aliased tensor's bytes), or nil if unused.
  let pointers: [UnsafeMutableRawPointer?]
  /// Per operator: pointers to its runtime inputs, flattened; `inputRanges[i]` indexes into it.
  let inputPointers: UnsafeMutableBufferPointer<UnsafeRawPointer>
  let inputRanges: [Range<Int>]
  /// Per operator: pointers to its outputs, flattened; `outputRanges[i]` indexes into it.
  let outputPointers: UnsafeMutableBufferPointer<UnsafeMutableRawPointer>
  let outputRanges: [Range<Int>]
  let memory: UnsafeMutableRawPointer
  /// Per operator: its kernel scratch in the arena, and how its work splits over the threads.
  let scratch: [UnsafeMutableRawPointer]
  let kernelThreads: [KernelThreads]

  /// Bytes of the activation arena, kernel scratch included (one scratch area per thread for each operator).
  public let arenaBytes: Int
  /// Bytes of packed weights, biases and tables held by the prepared operators.
  public let weightBytes: Int
  /// Multiply-accumulates per inference.
  public let macs: Int
  /// Threads the kernels split their work over, the calling thread included: the executor's width, or 1.
  public let threads: Int

  public var inputs: [Tensor] { model.inputs.map { model.tensors[$0] } }
  public var outputs: [Tensor] { model.outputs.map { model.tensors[$0] } }

  /// The default of `init`'s `memoryLimit`: 256 MiB, about fifty times what MobileNetV2 1.0 at 224×224 needs (a
  /// 1.5 MB arena and 4 MB of constants). The reader bounds each tensor (2 GiB), but a small file can still
  /// declare many large activations: without a limit, prepare would allocate (and zero) what the shapes add up to.
  public static let defaultMemoryLimit = 256 << 20

  /// Prepares `model`. With an `executor` wider than one thread, kernels split their work over it (the
  /// interpreter keeps it; it must serve no other interpreter while `invoke` runs). A model with a tensor larger
  /// than `memoryLimit` bytes, or whose planned arena and constant pool together exceed it, is refused before
  /// anything is allocated for it.
  public init(
    model: Model, executor: (any ParallelExecutor)? = nil, memoryLimit: Int = Interpreter.defaultMemoryLimit
  ) throws(ModelError) {
    // A tensor larger than the whole limit can never fit; refusing it first also bounds the work of planning,
    // which makes tables that follow the shapes.
    if let index = model.tensors.firstIndex(where: { $0.byteCount > memoryLimit }) {
      let tensor = model.tensors[index]
      throw .invalidTensor(
        index: index, name: tensor.name,
        reason: "needs \(tensor.byteCount) bytes, over the memory limit of \(memoryLimit) bytes")
    }
    let (model, plans) = try ConstantFolding.fold(model)
    self.model = model
    let threads = max(1, executor?.width ?? 1)
    self.threads = threads
    self.plans = plans
    steps = plans.indices.filter { if case .folded = plans[$0] { false } else { true } }
    let placement = try TensorPlacement(model: model, plans: plans, threads: threads)
    kernelThreads = placement.scratchStrides.map { stride in
      KernelThreads(
        executor: threads > 1 ? executor : nil, scratchStride: stride,
        minimumTaskMACs: KernelThreads.defaultMinimumTaskMACs)
    }
    let constantsBytes = placement.constantsBytes
    let total = placement.arenaBytes + constantsBytes
    guard total <= memoryLimit else { throw .exceedsMemoryLimit(bytes: total, limit: memoryLimit) }
    let memory = UnsafeMutableRawPointer.allocate(byteCount: max(total, 1), alignment: ArenaPlanner.alignment)
    memory.initializeMemory(as: UInt8.self, repeating: 0, count: max(total, 1))
    self.memory = memory
    scratch = placement.scratchOffsets.map { memory + $0 }
    let constants = memory + placement.arenaBytes
    var pointers = [UnsafeMutableRawPointer?](repeating: nil, count: model.tensors.count)
    for (tensor, location) in placement.locations.enumerated() {
      switch location {
      case .unused: break
      case .arena(let offset): pointers[tensor] = memory + offset
      case .constant(let offset):
        pointers[tensor] = constants + offset
        if let range = model.tensors[tensor].data {
          model.bytes.withUnsafeBytes { bytes in
            (constants + offset).copyMemory(from: bytes.baseAddress! + range.lowerBound, byteCount: range.count)
          }
        }
      }
    }
    for (tensor, root) in placement.aliases { pointers[tensor] = pointers[root] }
    self.pointers = pointers
    var flat: [UnsafeRawPointer] = []
    var ranges: [Range<Int>] = []
    var outputs: [UnsafeMutableRawPointer] = []
    var outputRanges: [Range<Int>] = []
    for (index, op) in model.operators.enumerated() {
      let start = flat.count
      for position in plans[index].runtimeInputs(of: op) {
        guard let pointer = pointers[op.inputs[position]] else {
          throw .malformed(what: "operator \(index) input \(position) has no storage")
        }
        flat.append(UnsafeRawPointer(pointer))
      }
      ranges.append(start..<flat.count)
      let firstOutput = outputs.count
      if case .folded = plans[index] {  // never run: its outputs are constants
        outputRanges.append(firstOutput..<firstOutput)
        continue
      }
      for (position, tensor) in op.outputs.enumerated() {
        guard tensor >= 0, tensor < pointers.count, let output = pointers[tensor] else {
          throw .malformed(what: "operator \(index) output \(position) has no storage")
        }
        outputs.append(output)
      }
      outputRanges.append(firstOutput..<outputs.count)
    }
    inputPointers = .allocate(capacity: max(flat.count, 1))
    _ = inputPointers.initialize(from: flat)
    inputRanges = ranges
    outputPointers = .allocate(capacity: max(outputs.count, 1))
    _ = outputPointers.initialize(from: outputs)
    self.outputRanges = outputRanges
    arenaBytes = placement.arenaBytes
    weightBytes = plans.reduce(0) { $0 + $1.weightBytes } + constantsBytes
    macs = plans.reduce(0) { $0 + $1.macs }
  }

  deinit {
    memory.deallocate()
    inputPointers.deallocate()
    outputPointers.deallocate()
  }

  /// Runs the model once on the bytes written through `withInputBytes`.
  @_optimize(speed)
  public func invoke() {
    for index in steps { invoke(operator: index) }
  }

  /// Gives `body` the bytes of model input `index` to fill (`inputs[index].byteCount` of them).
  public func withInputBytes<R>(_ index: Int, _ body: (UnsafeMutableRawBufferPointer) -> R) -> R {
    let tensor = model.inputs[index]
    return body(UnsafeMutableRawBufferPointer(start: pointers[tensor], count: model.tensors[tensor].byteCount))
  }

  /// Gives `body` the bytes of model output `index` after `invoke`.
  public func withOutputBytes<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    let tensor = model.outputs[index]
    return body(UnsafeRawBufferPointer(start: pointers[tensor], count: model.tensors[tensor].byteCount))
  }
}
