/// A copy that writes its output densely, in order, each element taken from the input at an offset chosen
/// per output index: along output dimension `d`, index `i` adds `offsets[d][i]` bytes. TRANSPOSE, SLICE,
/// SPLIT, SPLIT_V, UNPACK, DEPTH_TO_SPACE, SPACE_TO_DEPTH, MIRROR_PAD and RESIZE_NEAREST_NEIGHBOR are all such
/// copies. Everything is in bytes, so one map serves any element width.
///
/// At prepare, dimensions of extent 1 fold into `base`, and innermost dimensions whose elements follow each
/// other in the input merge into `run`, the bytes copied at once (a whole row of channels, say).
struct CopyMap: Sendable, Equatable {
  /// Input byte offset added to every element.
  var base: Int
  /// Per remaining output dimension, outermost first (at most six): input byte offset per index.
  var offsets: [[Int]]
  /// Bytes copied per step of the innermost remaining dimension.
  var run: Int

  static let maximumRank = 6

  /// `elementOffsets[d][i]`: the input element offset that index `i` of output dimension `d` adds.
  init(elementOffsets: [[Int]], width: Int) {
    var base = 0
    var offsets: [[Int]] = []
    for table in elementOffsets {
      if table.count == 1 {
        base += table[0] * width
      } else {
        offsets.append(table.map { $0 * width })
      }
    }
    var run = width
    while let last = offsets.last, (0..<last.count).allSatisfy({ last[$0] == last[0] + $0 * run }) {
      base += last[0]
      run *= last.count
      offsets.removeLast()
    }
    self.base = base
    self.offsets = offsets
    self.run = run
  }

  /// Offsets along dimension `d` for indices `first..<first + count` of an input dimension of `stride` elements.
  static func range(_ first: Int, count: Int, stride: Int) -> [Int] { (0..<count).map { (first + $0) * stride } }

  /// The map of the box `begin..<begin + size` of a dense input of `shape` (a SLICE, or one part of a SPLIT).
  init(box begin: [Int], size: [Int], of shape: [Int], width: Int) {
    let strides = denseStrides(shape)
    self.init(
      elementOffsets: (0..<shape.count).map { CopyMap.range(begin[$0], count: size[$0], stride: strides[$0]) },
      width: width)
  }

  /// Output bytes the map writes.
  var outputBytes: Int { offsets.reduce(run) { $0 * $1.count } }
}

/// Element strides of a dense (row-major) tensor of `shape`.
func denseStrides(_ shape: [Int]) -> [Int] {
  var strides = [Int](repeating: 1, count: shape.count)
  var stride = 1
  for d in shape.indices.reversed() {
    strides[d] = stride
    stride *= shape[d]
  }
  return strides
}

/// Operators that are one `CopyMap` per output from the input at position `input`.
struct CopyPlan: Sendable {
  /// Position of the operator input the maps read (SPLIT's data is its second input).
  var input: Int
  var maps: [CopyMap]
}
