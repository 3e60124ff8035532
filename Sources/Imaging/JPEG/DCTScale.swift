extension ImageTarget {
  /// The numerator k of the libjpeg DCT-domain scale k/8 (1…8) to decode an image whose displayed size is
  /// `width`×`height`: the smallest k whose output (⌈width·k/8⌉ × ⌈height·k/8⌉, as libjpeg computes it) still
  /// needs no enlarging under the crop policy, or 8 when even the full size is smaller than the target.
  /// Scales above 8/8 are not used: enlarging is left to `preprocess` on the already small image.
  public func dctScale(width: Int, height: Int) -> Int {
    for k in 1..<8 {
      let placement = crop.placement(
        width: (width * k + 7) / 8, height: (height * k + 7) / 8, targetWidth: self.width, targetHeight: self.height)
      if placement.onlyShrinks { return k }
    }
    return 8
  }
}
