#if arch(arm64)
  import Builtin
#endif

extension LookupTablePlan {
  @_optimize(speed)
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    table.withUnsafeBufferPointer { table in lookUpBytes(table.baseAddress!, input, output, count: count) }
  }
}

/// `output[i] = table[UInt8(bitPattern: input[i])]` for a 256-entry table. On aarch64, 16 bytes at a time with
/// four `tbl` lookups over the table's four 64-byte quarters (an index outside a quarter's range gives 0, so
/// the four results OR together); x86 has no 256-byte shuffle below AVX-512 VBMI, so it loops bytewise, as
/// LiteRT's own kernel does there.
@_optimize(speed)
func lookUpBytes(
  _ table: UnsafePointer<Int8>, _ input: UnsafePointer<Int8>, _ output: UnsafeMutablePointer<Int8>, count: Int
) {
  var i = 0
  #if arch(arm64)
    @_optimize(speed)
    func quarter(_ q: Int) -> TableQuarter {
      let row = UnsafeRawPointer(table + 64 * q)
      return TableQuarter(
        row.loadUnaligned(as: SIMD16<Int8>.self), row.loadUnaligned(fromByteOffset: 16, as: SIMD16<Int8>.self),
        row.loadUnaligned(fromByteOffset: 32, as: SIMD16<Int8>.self),
        row.loadUnaligned(fromByteOffset: 48, as: SIMD16<Int8>.self))
    }
    let quarters = (quarter(0), quarter(1), quarter(2), quarter(3))
    let vectorized = count / 16 * 16
    while i < vectorized {
      let x = UnsafeRawPointer(input + i).loadUnaligned(as: SIMD16<Int8>.self)
      let y =
        quarters.0.lookUp(x) | quarters.1.lookUp(x ^ SIMD16(repeating: 0x40))
        | quarters.2.lookUp(x ^ SIMD16(repeating: -0x80)) | quarters.3.lookUp(x ^ SIMD16(repeating: -0x40))
      UnsafeMutableRawPointer(output + i).storeBytes(of: y, as: SIMD16<Int8>.self)
      i += 16
    }
  #endif
  while i < count {
    output[i] = table[Int(UInt8(bitPattern: input[i]))]
    i += 1
  }
}

#if arch(arm64)
  /// 64 consecutive table bytes, for one `tbl` with four registers.
  struct TableQuarter {
    var a, b, c, d: SIMD16<Int8>

    @_optimize(speed)
    init(_ a: SIMD16<Int8>, _ b: SIMD16<Int8>, _ c: SIMD16<Int8>, _ d: SIMD16<Int8>) {
      (self.a, self.b, self.c, self.d) = (a, b, c, d)
    }

    /// Per lane: the byte at `index` (as unsigned) if it is below 64, else 0.
    @_transparent
    @_optimize(speed)
    func lookUp(_ index: SIMD16<Int8>) -> SIMD16<Int8> {
      var result = SIMD16<Int8>()
      result._storage._value = Builtin.int_aarch64_neon_tbl4_Vec16xInt8(
        a._storage._value, b._storage._value, c._storage._value, d._storage._value, index._storage._value)
      return result
    }
  }
#endif
