extension CopyMap {
  /// Writes `outputBytes` bytes to `output`. Six nested loops over the (padded) dimensions; the innermost
  /// copies `run` bytes per step, with typed loads and stores for 1, 2 and 4 bytes and `memcpy` otherwise.
  @_optimize(speed)
  func eval(input: UnsafeRawPointer, output: UnsafeMutableRawPointer) {
    let padding = CopyMap.maximumRank - offsets.count
    @_optimize(speed)
    func table(_ d: Int) -> [Int] { d < padding ? [0] : offsets[d - padding] }
    let (t0, t1, t2, t3, t4, t5) = (table(0), table(1), table(2), table(3), table(4), table(5))
    var out = output
    let source = input + base
    for o0 in t0 {
      for o1 in t1 {
        for o2 in t2 {
          for o3 in t3 {
            for o4 in t4 {
              let row = source + (o0 + o1 + o2 + o3 + o4)
              copyRow(from: row, offsets: t5, to: out)
              out += t5.count * run
            }
          }
        }
      }
    }
  }

  @inline(__always)
  @_optimize(speed)
  private func copyRow(from row: UnsafeRawPointer, offsets: [Int], to out: UnsafeMutableRawPointer) {
    switch run {
    case 1: gather(UInt8.self, row, offsets, out)
    case 2: gather(UInt16.self, row, offsets, out)
    case 4: gather(UInt32.self, row, offsets, out)
    default:
      for (i, offset) in offsets.enumerated() { (out + i * run).copyMemory(from: row + offset, byteCount: run) }
    }
  }

  @inline(__always)
  @_optimize(speed)
  private func gather<T: FixedWidthInteger>(
    _: T.Type, _ row: UnsafeRawPointer, _ offsets: [Int], _ out: UnsafeMutableRawPointer
  ) {
    offsets.withUnsafeBufferPointer { offsets in
      for (i, offset) in offsets.enumerated() {
        out.storeBytes(of: row.loadUnaligned(fromByteOffset: offset, as: T.self), toByteOffset: i * run, as: T.self)
      }
    }
  }
}

extension CopyPlan {
  @_optimize(speed)
  func eval(input: UnsafeRawPointer, outputs: UnsafeBufferPointer<UnsafeMutableRawPointer>) {
    for (i, map) in maps.enumerated() { map.eval(input: input, output: outputs[i]) }
  }
}
