#if arch(arm64)
  import Builtin

  /// `RequantizationBlock` for stages whose every multiplier is below 1/2 (`VectorOutputStage.shiftsRight`), as
  /// convolutions' nearly always are, in fewer instructions (23 per 16 lanes, the general form 33), bit for bit
  /// the same: no left shift; the rounding fixup is the product's sign alone (`ssra`; the general form masks it
  /// with the shift); and the output offset added after narrowing to int16, saturating (`sqadd`), which cannot
  /// differ: after a right shift of at least one the value lies within ±2^30, so the reference's int32 addition
  /// cannot wrap, and a value saturated to int16 lies beyond the int8 bounds either way. aarch64 only: on
  /// x86_64 the general form without the left shift counted more instructions than `RequantizationBlock`
  /// (callgrind, MobileNetV2 117.96 M per invoke against 116.94 M).
  struct RightShiftRequantizationBlock: BlockRequantizer {
    var significand: SIMD16<Int32>
    /// The right shifts, negated (`srshl` shifts right by a negative amount).
    var down: SIMD16<Int32>
    var offset: SIMD16<Int16>
    var minimum: SIMD16<Int16>
    var maximum: SIMD16<Int16>

    /// Channels `channel..<channel + 16`; `channel` is a multiple of 16 within the padded arrays.
    @inline(__always)
    @_optimize(speed)
    init(_ stage: VectorOutputStage, channel: Int) {
      significand = stage.significands.withUnsafeBufferPointer {
        UnsafeRawPointer($0.baseAddress! + channel).loadUnaligned(as: SIMD16<Int32>.self)
      }
      let rightShift = stage.rightShifts.withUnsafeBufferPointer {
        UnsafeRawPointer($0.baseAddress! + channel).loadUnaligned(as: SIMD16<Int32>.self)
      }
      down = 0 &- rightShift
      offset = SIMD16(repeating: Int16(truncatingIfNeeded: stage.outputOffset))
      minimum = SIMD16(repeating: Int16(truncatingIfNeeded: stage.minimum))
      maximum = SIMD16(repeating: Int16(truncatingIfNeeded: stage.maximum))
    }

    @_transparent
    @_optimize(speed)
    func apply(_ accumulator: SIMD16<Int32>) -> SIMD16<Int8> {
      /// One quarter: `sqrdmulh`, `ssra` (lowering negative products by one), `srshl`.
      @inline(__always)
      @_optimize(speed)
      func quarter(_ x: SIMD4<Int32>, _ m: SIMD4<Int32>, _ down: SIMD4<Int32>) -> SIMD4<Int32> {
        var high = SIMD4<Int32>()
        high._storage._value = Builtin.int_aarch64_neon_sqrdmulh_Vec4xInt32(x._storage._value, m._storage._value)
        let fixed = high &+ (high &>> 31)
        var shifted = SIMD4<Int32>()
        shifted._storage._value = Builtin.int_aarch64_neon_srshl_Vec4xInt32(
          fixed._storage._value, down._storage._value)
        return shifted
      }
      let a = accumulator
      let scaled = SIMD16(
        lowHalf: SIMD8(
          lowHalf: quarter(a.lowHalf.lowHalf, significand.lowHalf.lowHalf, down.lowHalf.lowHalf),
          highHalf: quarter(a.lowHalf.highHalf, significand.lowHalf.highHalf, down.lowHalf.highHalf)),
        highHalf: SIMD8(
          lowHalf: quarter(a.highHalf.lowHalf, significand.highHalf.lowHalf, down.highHalf.lowHalf),
          highHalf: quarter(a.highHalf.highHalf, significand.highHalf.highHalf, down.highHalf.highHalf)))
      let narrowed = saturated(scaled)
      var low = SIMD8<Int16>()
      low._storage._value = Builtin.int_aarch64_neon_sqadd_Vec8xInt16(
        narrowed.lowHalf._storage._value, offset.lowHalf._storage._value)
      var high = SIMD8<Int16>()
      high._storage._value = Builtin.int_aarch64_neon_sqadd_Vec8xInt16(
        narrowed.highHalf._storage._value, offset.highHalf._storage._value)
      let shifted = SIMD16(lowHalf: low, highHalf: high)
      var r = SIMD16<Int8>()
      for i in 0..<16 { r[i] = Int8(truncatingIfNeeded: min(max(shifted[i], minimum[i]), maximum[i])) }
      return r
    }
  }
#endif
