extension Interpreter {
  /// Operators in execution order.
  public var operatorCount: Int { plans.count }

  /// Runs operator `index` alone, as `invoke` does in turn for every operator: for timing each operator from
  /// outside (`Inference` has no clock). Operators before it must have run since their inputs last changed.
  public func invoke(operator index: Int) {
    plans[index].eval(
      inputs: UnsafeBufferPointer(rebasing: inputPointers[inputRanges[index]]), output: outputPointers[index],
      scratch: scratch)
  }

  /// Multiply-accumulates of operator `index` per inference.
  public func macs(operator index: Int) -> Int { plans[index].macs }
}
