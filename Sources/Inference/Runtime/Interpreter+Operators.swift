extension Interpreter {
  /// Operators in execution order.
  public var operatorCount: Int { plans.count }

  /// Runs operator `index` alone; `invoke` runs them all in turn. For timing each operator from outside
  /// (`Inference` has no clock). Operators before it must have run since their inputs last changed.
  @_optimize(speed)
  public func invoke(operator index: Int) {
    plans[index].eval(
      inputs: UnsafeBufferPointer(rebasing: inputPointers[inputRanges[index]]),
      outputs: UnsafeBufferPointer(rebasing: outputPointers[outputRanges[index]]),
      scratch: scratch[index], threads: kernelThreads[index])
  }

  /// Multiply-accumulates of operator `index` per inference.
  @_optimize(speed)
  public func macs(operator index: Int) -> Int { plans[index].macs }
}
