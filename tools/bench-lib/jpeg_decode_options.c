// CPU time per JPEG of libjpeg-turbo's decode at 1/8 scale (the DCT scale edgediag picks for a 1024x768 capture
// and a 96x96 model) with each of its speed options: the accurate (ISLOW) or fast (IFAST) integer IDCT, fancy or
// plain upsampling. Reads the files named on the command line into memory first; prints the best of three
// passes per option. Built and run by tools/bench-decode-options.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <jpeglib.h>

static double cpu_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  int count = argc - 1;
  unsigned char **data = calloc((size_t)count, sizeof *data);
  long *sizes = calloc((size_t)count, sizeof *sizes);
  for (int i = 0; i < count; i++) {
    FILE *file = fopen(argv[i + 1], "rb");
    if (file == NULL) { perror(argv[i + 1]); return 1; }
    fseek(file, 0, SEEK_END);
    sizes[i] = ftell(file);
    fseek(file, 0, SEEK_SET);
    data[i] = malloc((size_t)sizes[i]);
    if (fread(data[i], 1, (size_t)sizes[i], file) != (size_t)sizes[i]) { perror(argv[i + 1]); return 1; }
    fclose(file);
  }
  for (int option = 0; option < 4; option++) {
    int fast_idct = option & 2, plain_upsampling = option & 1;
    double best = 1e9;
    for (int pass = 0; pass < 3; pass++) {
      double start = cpu_seconds();
      for (int i = 0; i < count; i++) {
        struct jpeg_decompress_struct cinfo;
        struct jpeg_error_mgr error;
        cinfo.err = jpeg_std_error(&error);
        jpeg_create_decompress(&cinfo);
        jpeg_mem_src(&cinfo, data[i], (unsigned long)sizes[i]);
        jpeg_read_header(&cinfo, TRUE);
        cinfo.scale_num = 1;
        cinfo.scale_denom = 8;
        cinfo.dct_method = fast_idct ? JDCT_IFAST : JDCT_ISLOW;
        cinfo.do_fancy_upsampling = plain_upsampling ? FALSE : TRUE;
        jpeg_start_decompress(&cinfo);
        unsigned char *row = malloc((size_t)cinfo.output_width * (size_t)cinfo.output_components);
        while (cinfo.output_scanline < cinfo.output_height) jpeg_read_scanlines(&cinfo, &row, 1);
        jpeg_finish_decompress(&cinfo);
        jpeg_destroy_decompress(&cinfo);
        free(row);
      }
      double seconds = (cpu_seconds() - start) / count;
      if (seconds < best) best = seconds;
    }
    printf("  libjpeg-turbo 1/8, %s IDCT, %s upsampling: %.3f ms\n", fast_idct ? "IFAST" : "ISLOW",
           plain_upsampling ? "plain" : "fancy", best * 1e3);
  }
  return 0;
}
