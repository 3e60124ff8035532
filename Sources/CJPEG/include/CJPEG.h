// libjpeg-turbo. libjpeg reports errors by calling error_exit, which must not return: the shim turns that
// into setjmp/longjmp inside C, so Swift only ever sees return codes.
#pragma once
#include <stddef.h>
#include <stdio.h>
#include <jpeglib.h>

/// What went wrong, in the categories the Swift error enum distinguishes.
typedef enum cjpeg_status {
  CJPEG_OK = 0,
  CJPEG_NOT_JPEG,        // no SOI marker, or empty input
  CJPEG_TRUNCATED,       // data ends before the image does (libjpeg's "Premature end of JPEG file")
  CJPEG_CORRUPT,         // any other libjpeg error, and every libjpeg warning (corrupt data is never decoded)
  CJPEG_TOO_MANY_SCANS,  // more scans than cjpeg_limits.max_scans
  CJPEG_OUT_OF_MEMORY,   // over cjpeg_limits.max_memory (libjpeg has no backing store), or malloc failed
  CJPEG_UNSUPPORTED,     // valid JPEG that this build cannot decode (e.g. 12-bit samples)
} cjpeg_status;

/// An error's category, libjpeg's message code and its formatted text.
typedef struct cjpeg_error {
  cjpeg_status status;
  int code;
  char message[JMSG_LENGTH_MAX];
} cjpeg_error;

/// Limits enforced inside libjpeg while decoding.
typedef struct cjpeg_limits {
  /// libjpeg's `max_memory_to_use` in bytes: bounds the whole-image coefficient buffer of progressive files.
  long max_memory;
  /// The largest accepted scan count; a "progressive bomb" has thousands of tiny scans.
  int max_scans;
} cjpeg_limits;

/// The frame header, as read by `jpeg_read_header`.
typedef struct cjpeg_header {
  unsigned int width;
  unsigned int height;
  int components;
  J_COLOR_SPACE color_space;
  int progressive;
} cjpeg_header;

typedef struct cjpeg_decoder cjpeg_decoder;

/// Reads the headers of the JPEG in `data` (which must outlive the decoder), keeping APP1 markers for EXIF.
/// Returns NULL and fills `err` on failure.
cjpeg_decoder *cjpeg_open(const unsigned char *data, size_t size, const cjpeg_limits *limits, cjpeg_error *err);
/// The frame header of an opened decoder.
cjpeg_header cjpeg_get_header(const cjpeg_decoder *dec);
/// The saved APP1 markers, a list linked by `next` (NULL when there are none), owned by the decoder.
jpeg_saved_marker_ptr cjpeg_markers(const cjpeg_decoder *dec);
/// Starts decompression at the DCT-domain scale `scale_num`/8 (1…16) into `out_color` (JCS_GRAYSCALE or
/// JCS_RGB), and reports the output size. Returns 0, or -1 and fills `err`.
int cjpeg_start(
  cjpeg_decoder *dec, int scale_num, J_COLOR_SPACE out_color, unsigned int *out_width, unsigned int *out_height,
  int *out_components, cjpeg_error *err);
/// Reads every output row into `pixels`, which holds out_height rows of `row_bytes` (at least out_width *
/// out_components), and finishes decompression. Returns 0, or -1 and fills `err`.
int cjpeg_read_image(cjpeg_decoder *dec, unsigned char *pixels, size_t row_bytes, cjpeg_error *err);
/// Frees the decoder. The corresponding libjpeg function is `jpeg_destroy_decompress`.
void cjpeg_close(cjpeg_decoder *dec);

/// Encoder settings: quality 1…100, and the scan layout (baseline when `progressive` is 0 and there is no
/// script; libjpeg's simple progression when `progressive` is 1; `scans[0..<scan_count]` when given).
typedef struct cjpeg_encode_options {
  int quality;
  int progressive;
  const jpeg_scan_info *scans;
  int scan_count;
} cjpeg_encode_options;

/// Encodes `height` rows of `width` pixels with `components` (1 grey, 3 RGB) interleaved bytes each.
/// On success returns 0 and a malloc'd buffer in `out` (free it with `cjpeg_free`); else -1 and fills `err`.
int cjpeg_encode(
  const unsigned char *pixels, unsigned int width, unsigned int height, int components,
  const cjpeg_encode_options *options, unsigned char **out, size_t *out_size, cjpeg_error *err);
/// Frees a buffer returned by `cjpeg_encode`.
void cjpeg_free(unsigned char *buffer);
