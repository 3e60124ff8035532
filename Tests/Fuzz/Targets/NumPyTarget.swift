import Inference

/// A `.npy` file that reads must write back to a file that reads as the same array.
enum NumPyTarget {
  static func run(_ bytes: [UInt8]) {
    guard let array = try? NumPyArray(npy: bytes) else { return }
    let again: NumPyArray
    do { again = try NumPyArray(npy: array.npy) } catch {
      fatalError("a written .npy does not read back: \(error)")
    }
    precondition(again == array, "a .npy round trip changed the array")
  }
}
