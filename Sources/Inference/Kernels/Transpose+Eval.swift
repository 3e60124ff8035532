extension TransposePlan {
  @_optimize(speed)
  func eval(input: UnsafeRawPointer, output: UnsafeMutableRawPointer) { kernel.eval(input: input, output: output) }
}

extension TransposePlan.Kernel {
  @_optimize(speed)
  func eval(input: UnsafeRawPointer, output: UnsafeMutableRawPointer) {
    switch self {
    case .map(let map): map.eval(input: input, output: output)
    case .matrix(let batches, let rows, let columns, let width):
      switch width {
      case 1: transposeMatrices(UInt8.self, input, output, batches, rows, columns)
      case 2: transposeMatrices(UInt16.self, input, output, batches, rows, columns)
      default: transposeMatrices(UInt32.self, input, output, batches, rows, columns)
      }
    }
  }
}

/// Writes each of `batches` `rows` × `columns` matrices transposed, in tiles of 16 × 16 so that both the reads
/// and the writes stay within a few cache lines.
@_optimize(speed)
func transposeMatrices<T: FixedWidthInteger>(
  _: T.Type, _ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, _ batches: Int, _ rows: Int,
  _ columns: Int
) {
  let tile = 16
  let size = rows * columns
  let source = input.assumingMemoryBound(to: T.self)
  let target = output.assumingMemoryBound(to: T.self)
  for b in 0..<batches {
    let from = source + b * size
    let to = target + b * size
    for r0 in stride(from: 0, to: rows, by: tile) {
      let r1 = min(r0 + tile, rows)
      for c0 in stride(from: 0, to: columns, by: tile) {
        let c1 = min(c0 + tile, columns)
        for c in c0..<c1 {
          let line = to + c * rows
          for r in r0..<r1 { line[r] = from[r * columns + c] }
        }
      }
    }
  }
}
