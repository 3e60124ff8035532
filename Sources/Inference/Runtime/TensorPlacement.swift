/// Where each tensor's bytes live: activations in the planned arena (RESHAPE/SQUEEZE outputs alias their
/// input), constants read at run time in a constant pool copied once from the model. Each operator's kernel
/// scratch (one area per thread) is planned like an activation that lives for that operator's step only, so
/// it takes a gap left by tensors that are dead by then instead of adding to the arena.
struct TensorPlacement {
  enum Location {
    case unused
    case arena(Int)
    case constant(Int)
  }
  var locations: [Location]
  /// Aliased tensor → the tensor whose bytes it shares.
  var aliases: [(Int, Int)]
  var arenaBytes: Int
  var constantsBytes: Int
  /// Per operator: the arena offset of its scratch, and the bytes between one thread's scratch and the next's.
  var scratchOffsets: [Int]
  var scratchStrides: [Int]

  init(model: Model, plans: [OperatorPlan], threads: Int) throws(ModelError) {
    let count = model.tensors.count
    var root = Array(0..<count)
    var aliases: [(Int, Int)] = []
    for (index, op) in model.operators.enumerated() {
      if case .alias = plans[index] {
        root[op.outputs[0]] = root[op.inputs[0]]
        aliases.append((op.outputs[0], root[op.inputs[0]]))
      }
    }
    // Live ranges of each root, in operator steps; model inputs live from before the first step, outputs
    // until after the last.
    var first = [Int](repeating: .max, count: count)
    var last = [Int](repeating: .min, count: count)
    func use(_ tensor: Int, _ step: Int) {
      let r = root[tensor]
      first[r] = min(first[r], step)
      last[r] = max(last[r], step)
    }
    let steps = model.operators.count
    for t in model.inputs { use(t, -1) }
    for t in model.outputs { use(t, steps) }
    var runtimeRead = [Bool](repeating: false, count: count)
    for (index, op) in model.operators.enumerated() {
      for position in plans[index].runtimeInputs(of: op) {
        use(op.inputs[position], index)
        runtimeRead[root[op.inputs[position]]] = true
      }
      for output in op.outputs { use(output, index) }
    }
    var locations = [Location](repeating: .unused, count: count)
    var buffers: [ArenaPlanner.Buffer] = []
    var owners: [Int] = []
    var constantsBytes = 0
    for t in 0..<count where root[t] == t && first[t] != .max {
      let tensor = model.tensors[t]
      guard let width = tensor.type.byteWidth, tensor.shape.allSatisfy({ $0 >= 0 }) else {
        throw .invalidTensor(index: t, name: tensor.name, reason: "type \(tensor.type) has no fixed size")
      }
      if tensor.data != nil {
        guard runtimeRead[t] || model.outputs.contains(t) else { continue }
        locations[t] = .constant(constantsBytes)
        constantsBytes += ArenaPlanner.align(tensor.elementCount * width)
      } else {
        buffers.append(ArenaPlanner.Buffer(size: tensor.elementCount * width, first: first[t], last: last[t]))
        owners.append(t)
      }
    }
    let tensorBuffers = buffers.count
    let scratchStrides = plans.map { ArenaPlanner.align($0.scratchBytes) }
    for (step, stride) in scratchStrides.enumerated() {
      buffers.append(ArenaPlanner.Buffer(size: stride * threads, first: step, last: step))
    }
    let (offsets, size) = ArenaPlanner.plan(buffers)
    for (i, t) in owners.enumerated() { locations[t] = .arena(offsets[i]) }
    scratchOffsets = Array(offsets[tensorBuffers...])
    self.scratchStrides = scratchStrides
    self.locations = locations
    self.aliases = aliases
    arenaBytes = size
    self.constantsBytes = constantsBytes
  }
}
