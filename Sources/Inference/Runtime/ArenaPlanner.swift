/// Places activation buffers in one arena, as TensorFlow Lite Micro's `GreedyMemoryPlanner` does:
/// - each buffer has a size and a live range [first, last] of operator steps;
/// - buffers are placed largest first (ties: earlier first use, then index, so plans are reproducible);
/// - each goes at the lowest aligned offset that overlaps no already-placed buffer whose live range
///   intersects its own.
/// The arena is the highest end offset. Buffers never live at the same time may share bytes.
public struct ArenaPlanner {
  public struct Buffer: Sendable, Equatable {
    public var size: Int
    public var first: Int
    public var last: Int
    public init(size: Int, first: Int, last: Int) {
      self.size = size
      self.first = first
      self.last = last
    }
    func livesWith(_ other: Buffer) -> Bool { first <= other.last && other.first <= last }
  }

  public static let alignment = 64

  /// Offsets of `buffers`, in their order, and the arena size.
  public static func plan(_ buffers: [Buffer]) -> (offsets: [Int], size: Int) {
    let order = positionsSorted(byKeys: buffers.map { (-$0.size, $0.first) })  // largest first
    var offsets = [Int](repeating: 0, count: buffers.count)
    var placed: [Int] = []
    var size = 0
    for index in order {
      let buffer = buffers[index]
      let living = placed.filter { buffers[$0].livesWith(buffer) }
      let conflicts = positionsSorted(byKeys: living.map { (offsets[$0], 0) }).map { living[$0] }
      var candidate = 0
      for other in conflicts {
        if offsets[other] >= candidate + buffer.size { break }
        candidate = max(candidate, align(offsets[other] + buffers[other].size))
      }
      offsets[index] = candidate
      placed.append(index)
      size = max(size, candidate + buffer.size)
    }
    return (offsets, align(size))
  }

  static func align(_ n: Int) -> Int { (n + alignment - 1) / alignment * alignment }
}
