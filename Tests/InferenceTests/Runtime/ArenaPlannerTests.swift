import TestSupport
import Testing

@testable import Inference

@Suite struct ArenaPlannerTests {
  @Test func buffersWithDisjointLifetimesShareBytes() {
    let buffers = [
      ArenaPlanner.Buffer(size: 100, first: 0, last: 1),
      ArenaPlanner.Buffer(size: 100, first: 2, last: 3),
      ArenaPlanner.Buffer(size: 50, first: 1, last: 2),
    ]
    let (offsets, size) = ArenaPlanner.plan(buffers)
    #expect(offsets == [0, 0, 128])
    #expect(size == 192)
  }

  @Test func randomPlansNeverOverlapLiveBuffers() {
    var generator = SeededGenerator(state: 1001)
    for _ in 0..<200 {
      let buffers = (0..<Int.random(in: 1...30, using: &generator)).map { _ in
        let first = Int.random(in: -1...20, using: &generator)
        return ArenaPlanner.Buffer(
          size: Int.random(in: 1...5000, using: &generator), first: first,
          last: first + Int.random(in: 0...6, using: &generator))
      }
      let (offsets, size) = ArenaPlanner.plan(buffers)
      let naive = buffers.reduce(0) { $0 + ArenaPlanner.align($1.size) }
      #expect(size <= naive)
      for i in buffers.indices {
        #expect(offsets[i] % ArenaPlanner.alignment == 0)
        #expect(offsets[i] + buffers[i].size <= size)
        for j in buffers.indices where j != i && buffers[i].livesWith(buffers[j]) {
          let disjoint =
            offsets[i] + buffers[i].size <= offsets[j] || offsets[j] + buffers[j].size <= offsets[i]
          #expect(disjoint, "buffers \(i) and \(j) overlap while both live")
        }
      }
    }
  }
}
