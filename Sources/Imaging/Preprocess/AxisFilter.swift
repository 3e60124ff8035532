/// The resampling weights along one axis, as integers over a common denominator, so that resizing is exact
/// rational arithmetic with one rounding at the end.
///
/// Shrinking (source length n ≥ destination length d) is area averaging: destination pixel i covers source
/// coordinates [i·n/d, (i+1)·n/d); in units of 1/d that is [i·n, (i+1)·n), source pixel j covers [j·d, (j+1)·d),
/// and each weight is the integer overlap, so the weights of one pixel sum to n (the denominator).
/// Enlarging (n < d) is bilinear between pixel centres: destination centre i + ½ maps to source coordinate
/// (2i+1)·n/(2d) − ½, whose fraction, in units of 1/(2d), gives weights summing to 2d; edges clamp.
struct AxisFilter {
  /// For each destination pixel, its first source pixel (relative to the source start).
  var first: [Int]
  /// For each destination pixel, where its weights start in `weights`; one more entry marks the end.
  var offsets: [Int]
  var weights: [Int]
  var denominator: Int

  init(source n: Int, destination d: Int) {
    precondition(n > 0 && d > 0, "resampling needs non-empty axes")
    first = []
    offsets = [0]
    weights = []
    first.reserveCapacity(d)
    offsets.reserveCapacity(d + 1)
    if n >= d {
      denominator = n
      for i in 0..<d {
        let start = i * n
        let end = start + n
        let lo = start / d
        let hi = (end - 1) / d
        first.append(lo)
        for j in lo...hi {
          weights.append(min((j + 1) * d, end) - max(j * d, start))
        }
        offsets.append(weights.count)
      }
    } else {
      denominator = 2 * d
      for i in 0..<d {
        let position = (2 * i + 1) * n - d
        var index = 0
        var fraction = 0
        if position > 0 {
          index = position / (2 * d)
          fraction = position % (2 * d)
        }
        if index >= n - 1 {
          index = n - 1
          fraction = 0
        }
        first.append(index)
        weights.append(2 * d - fraction)
        if fraction > 0 { weights.append(fraction) }
        offsets.append(weights.count)
      }
    }
  }

  /// Calls `body` with `first`, `offsets` and `weights`, for loops without bounds checks or reference counting.
  func withBuffers<R>(
    _ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int>) -> R
  ) -> R {
    first.withUnsafeBufferPointer { first in
      offsets.withUnsafeBufferPointer { offsets in
        weights.withUnsafeBufferPointer { weights in body(first, offsets, weights) }
      }
    }
  }
}
