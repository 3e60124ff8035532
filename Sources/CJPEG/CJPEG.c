#include "CJPEG.h"

#include <jerror.h>
#include <setjmp.h>
#include <stdlib.h>

// libjpeg's error_exit must not return, and its warnings (corrupt entropy data, premature end of file) would
// otherwise let it fill the rest of the image with grey and report success. Both end here: the message is
// formatted into the caller's cjpeg_error and control jumps back to the entry point that set `jump`.
struct guard {
  struct jpeg_error_mgr pub;  // first, so libjpeg's cinfo->err is also a struct guard *
  jmp_buf jump;
  cjpeg_error *err;
};

static cjpeg_status status_for(int code) {
  switch (code) {
  case JERR_NO_SOI:
  case JERR_INPUT_EMPTY:
    return CJPEG_NOT_JPEG;
  case JERR_INPUT_EOF:
  case JWRN_JPEG_EOF:
    return CJPEG_TRUNCATED;
  case JERR_OUT_OF_MEMORY:
  case JERR_NO_BACKING_STORE:
    return CJPEG_OUT_OF_MEMORY;
  case JERR_BAD_PRECISION:
  case JERR_CONVERSION_NOTIMPL:
  case JERR_NOT_COMPILED:
  case JERR_SOF_UNSUPPORTED:  // lossless (SOF3) and hierarchical (SOF5-7) processes: valid, just not decoded here
    return CJPEG_UNSUPPORTED;
  default:
    return CJPEG_CORRUPT;
  }
}

static void fail(j_common_ptr cinfo) {
  struct guard *guard = (struct guard *)cinfo->err;
  guard->err->status = status_for(cinfo->err->msg_code);
  guard->err->code = cinfo->err->msg_code;
  cinfo->err->format_message(cinfo, guard->err->message);
  longjmp(guard->jump, 1);
}

// Level -1 is a warning; levels 0 and up are trace messages, which are dropped.
static void emit_message(j_common_ptr cinfo, int level) {
  if (level < 0) fail(cinfo);
}

static void output_message(j_common_ptr cinfo) { (void)cinfo; }

static void guard_init(struct guard *guard, cjpeg_error *err) {
  jpeg_std_error(&guard->pub);
  guard->pub.error_exit = fail;
  guard->pub.emit_message = emit_message;
  guard->pub.output_message = output_message;
  guard->err = err;
}

struct cjpeg_decoder {
  struct jpeg_decompress_struct cinfo;
  struct guard guard;
  struct jpeg_progress_mgr progress;
  int max_scans;
};

// Called between input steps while libjpeg absorbs a multi-scan file, so a file with too many scans is
// stopped after at most one scan beyond the limit.
static void progress_monitor(j_common_ptr cinfo) {
  cjpeg_decoder *dec = cinfo->client_data;
  if (dec->cinfo.input_scan_number <= dec->max_scans) return;
  cjpeg_error *err = dec->guard.err;
  err->status = CJPEG_TOO_MANY_SCANS;
  err->code = 0;
  snprintf(err->message, sizeof err->message, "more than %d scans", dec->max_scans);
  longjmp(dec->guard.jump, 1);
}

static void set_status(cjpeg_error *err, cjpeg_status status, const char *message) {
  err->status = status;
  err->code = 0;
  snprintf(err->message, sizeof err->message, "%s", message);
}

cjpeg_decoder *cjpeg_open(const unsigned char *data, size_t size, const cjpeg_limits *limits, cjpeg_error *err) {
  cjpeg_decoder *dec = calloc(1, sizeof *dec);
  if (dec == NULL) {
    set_status(err, CJPEG_OUT_OF_MEMORY, "no memory for the decoder");
    return NULL;
  }
  guard_init(&dec->guard, err);
  dec->cinfo.err = &dec->guard.pub;
  dec->cinfo.client_data = dec;
  dec->max_scans = limits->max_scans;
  if (setjmp(dec->guard.jump)) {
    cjpeg_close(dec);
    return NULL;
  }
  jpeg_create_decompress(&dec->cinfo);
  dec->cinfo.mem->max_memory_to_use = limits->max_memory;
  dec->progress.progress_monitor = progress_monitor;
  dec->cinfo.progress = &dec->progress;
  jpeg_mem_src(&dec->cinfo, data, (unsigned long)size);
  jpeg_save_markers(&dec->cinfo, JPEG_APP0 + 1, 0xFFFF);
  jpeg_read_header(&dec->cinfo, TRUE);
  err->status = CJPEG_OK;
  return dec;
}

cjpeg_header cjpeg_get_header(const cjpeg_decoder *dec) {
  cjpeg_header header = {
    .width = dec->cinfo.image_width,
    .height = dec->cinfo.image_height,
    .components = dec->cinfo.num_components,
    .color_space = dec->cinfo.jpeg_color_space,
    .progressive = dec->cinfo.progressive_mode,
  };
  return header;
}

jpeg_saved_marker_ptr cjpeg_markers(const cjpeg_decoder *dec) { return dec->cinfo.marker_list; }

int cjpeg_start(
  cjpeg_decoder *dec, int scale_num, J_COLOR_SPACE out_color, unsigned int *out_width, unsigned int *out_height,
  int *out_components, cjpeg_error *err) {
  dec->guard.err = err;
  if (setjmp(dec->guard.jump)) return -1;
  dec->cinfo.scale_num = scale_num;
  dec->cinfo.scale_denom = 8;
  dec->cinfo.out_color_space = out_color;
  dec->cinfo.dct_method = JDCT_ISLOW;  // the accurate integer IDCT: same pixels on x86_64 and aarch64
  jpeg_start_decompress(&dec->cinfo);
  *out_width = dec->cinfo.output_width;
  *out_height = dec->cinfo.output_height;
  *out_components = dec->cinfo.output_components;
  err->status = CJPEG_OK;
  return 0;
}

int cjpeg_read_image(cjpeg_decoder *dec, unsigned char *pixels, size_t row_bytes, cjpeg_error *err) {
  dec->guard.err = err;
  if (setjmp(dec->guard.jump)) return -1;
  while (dec->cinfo.output_scanline < dec->cinfo.output_height) {
    JSAMPROW row = pixels + (size_t)dec->cinfo.output_scanline * row_bytes;
    // A memory source never suspends; zero rows would mean libjpeg's state is not what we think.
    if (jpeg_read_scanlines(&dec->cinfo, &row, 1) != 1) {
      set_status(err, CJPEG_TRUNCATED, "no scanline returned");
      return -1;
    }
  }
  // Reads up to EOI, so corrupt or missing data after the last row is reported too.
  jpeg_finish_decompress(&dec->cinfo);
  err->status = CJPEG_OK;
  return 0;
}

void cjpeg_close(cjpeg_decoder *dec) {
  if (dec == NULL) return;
  jpeg_destroy_decompress(&dec->cinfo);
  free(dec);
}

// Heap state of one encode: everything libjpeg writes through pointers stays valid across longjmp.
struct encoder {
  struct jpeg_compress_struct cinfo;
  struct guard guard;
  unsigned char *buffer;
  unsigned long size;
};

int cjpeg_encode(
  const unsigned char *pixels, unsigned int width, unsigned int height, int components,
  const cjpeg_encode_options *options, unsigned char **out, size_t *out_size, cjpeg_error *err) {
  if (components != 1 && components != 3) {
    set_status(err, CJPEG_UNSUPPORTED, "only 1 or 3 components can be encoded");
    return -1;
  }
  struct encoder *enc = calloc(1, sizeof *enc);
  if (enc == NULL) {
    set_status(err, CJPEG_OUT_OF_MEMORY, "no memory for the encoder");
    return -1;
  }
  guard_init(&enc->guard, err);
  enc->cinfo.err = &enc->guard.pub;
  if (setjmp(enc->guard.jump)) {
    jpeg_destroy_compress(&enc->cinfo);
    free(enc->buffer);
    free(enc);
    return -1;
  }
  jpeg_create_compress(&enc->cinfo);
  jpeg_mem_dest(&enc->cinfo, &enc->buffer, &enc->size);
  enc->cinfo.image_width = width;
  enc->cinfo.image_height = height;
  enc->cinfo.input_components = components;
  enc->cinfo.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&enc->cinfo);
  jpeg_set_quality(&enc->cinfo, options->quality, TRUE);
  if (options->scan_count > 0) {
    enc->cinfo.scan_info = options->scans;
    enc->cinfo.num_scans = options->scan_count;
  } else if (options->progressive) {
    jpeg_simple_progression(&enc->cinfo);
  }
  jpeg_start_compress(&enc->cinfo, TRUE);
  size_t row_bytes = (size_t)width * (size_t)components;
  while (enc->cinfo.next_scanline < height) {
    JSAMPROW row = (JSAMPROW)(pixels + (size_t)enc->cinfo.next_scanline * row_bytes);
    jpeg_write_scanlines(&enc->cinfo, &row, 1);
  }
  jpeg_finish_compress(&enc->cinfo);
  *out = enc->buffer;
  *out_size = enc->size;
  jpeg_destroy_compress(&enc->cinfo);
  free(enc);
  err->status = CJPEG_OK;
  return 0;
}

void cjpeg_free(unsigned char *buffer) { free(buffer); }
