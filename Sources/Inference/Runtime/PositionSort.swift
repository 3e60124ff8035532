/// The positions of `keys` in ascending order of key (compared by its first element, then its second), equal
/// keys in position order. Code that sorts at load time or in a tool sorts positions by key through this one
/// function instead of `sorted(by:)` with a closure of its own: the optimiser makes a copy of the standard
/// library's sort (some 1.5 KB) for each closure, and a device binary is counted in bytes.
public func positionsSorted(byKeys keys: [(Int, Int)]) -> [Int] {
  var entries = keys.indices.map { (keys[$0].0, keys[$0].1, $0) }
  entries.sort(by: <)
  return entries.map { $0.2 }
}
