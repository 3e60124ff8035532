import Inference
import Testing

/// Options of the data-movement operators: fields, defaults, and one negative test per rule.
extension ReaderOptionsTests {
  @Test func readsSplitAndUnpackOptions() throws {
    #expect(try options(49, .init(35, [(0, .int32(3))])) == .split(count: 3))
    #expect(try options(102, .init(79, [(0, .int32(2))])) == .split(count: 2))
    #expect(try options(88, .init(64, [(0, .int32(4)), (1, .int32(-1))])) == .unpack(count: 4, axis: -1))
    #expect(try options(88, .init(64, [(0, .int32(4))])) == .unpack(count: 4, axis: 0))
  }

  @Test func readsBlockSizes() throws {
    #expect(try options(5, .init(94, [(0, .int32(2))])) == .blockSize(2))
    #expect(try options(26, .init(19, [(0, .int32(3))])) == .blockSize(3))
  }

  @Test func readsResizeFlagsAtTheirOwnFields() throws {
    #expect(
      try options(23, .init(15, [(2, .bool(true))])) == .resize(alignCorners: true, halfPixelCenters: false))
    #expect(
      try options(23, .init(15, [(3, .bool(true))])) == .resize(alignCorners: false, halfPixelCenters: true))
    #expect(try options(23, nil) == .resize(alignCorners: false, halfPixelCenters: false))
    #expect(
      try options(97, .init(74, [(0, .bool(true))])) == .resize(alignCorners: true, halfPixelCenters: false))
    #expect(
      try options(97, .init(74, [(1, .bool(true))])) == .resize(alignCorners: false, halfPixelCenters: true))
  }

  @Test func readsMirrorPadModes() throws {
    #expect(try options(100, .init(77, [(0, .int8(0))])) == .mirrorPad(symmetric: false))
    #expect(try options(100, .init(77, [(0, .int8(1))])) == .mirrorPad(symmetric: true))
    for code: Int32 in [39, 65, 37, 38, 60] {
      #expect(try options(code, nil) == OperatorOptions.none)
    }
  }

  @Test func rejectsMalformedMovementOptions() {
    #expect(
      error(49, nil) == .invalidOperator(index: 0, name: "SPLIT v1", reason: "num_splits is 0, must be positive"))
    #expect(
      error(102, .init(79, [(0, .int32(-2))]))
        == .invalidOperator(index: 0, name: "SPLIT_V v1", reason: "num_splits is -2, must be positive"))
    #expect(error(88, nil) == .invalidOperator(index: 0, name: "UNPACK v1", reason: "num is 0, must be positive"))
    #expect(
      error(5, .init(94, [(0, .int32(0))]))
        == .invalidOperator(index: 0, name: "DEPTH_TO_SPACE v1", reason: "block size is 0, must be positive"))
    #expect(
      error(23, .init(15, [(2, .bool(true)), (3, .bool(true))]))
        == .invalidOperator(
          index: 0, name: "RESIZE_BILINEAR v1", reason: "align_corners and half_pixel_centers are both set"))
    #expect(
      error(100, .init(77, [(0, .int8(2))]))
        == .invalidOperator(
          index: 0, name: "MIRROR_PAD v1", reason: "mirror pad mode 2 is neither REFLECT nor SYMMETRIC"))
    #expect(
      error(23, .init(74, []))
        == .invalidOperator(
          index: 0, name: "RESIZE_BILINEAR v1", reason: "its options are of union type 74, expected 15"))
  }
}
