/// The C library's float functions that TFLite's reference kernels and table builders call through `std::exp`,
/// `std::tanh`, `std::log` and `std::erfc` (float overloads). Results match the reference where both use the same libm (glibc
/// on the device and on the machine that made the goldens); `Inference` imports no module, so they are declared
/// here by their C names.
@_silgen_name("expf")
@_optimize(speed)
func floatExp(_ x: Float) -> Float

@_silgen_name("tanhf")
@_optimize(speed)
func floatTanh(_ x: Float) -> Float

@_silgen_name("logf")
@_optimize(speed)
func floatLog(_ x: Float) -> Float

@_silgen_name("erfcf")
@_optimize(speed)
func floatErfc(_ x: Float) -> Float
