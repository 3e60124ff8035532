/// The order of a model input tensor's axes, batch first: how `quantize` lays an image's bytes out.
public enum TensorLayout: Sendable, Equatable {
  /// [1, height, width, channels]: the image's own interleaved order (TensorFlow, Keras).
  case nhwc
  /// [1, channels, height, width]: one plane per channel (PyTorch).
  case nchw
}
