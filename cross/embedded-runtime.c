// Runtime hooks that the Embedded Swift standard library calls but does not define, supplied for the device
// build only (the hosted build gets them from libswiftCore). Float(String) and Double(String) parse through
// these; Swift needs them locale-independent, hence strto*_l with the "C" locale.
#define _GNU_SOURCE 1
#include <locale.h>
#include <stdlib.h>

static locale_t c_locale;

__attribute__((constructor)) static void make_c_locale(void) { c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0); }

const char *_swift_stdlib_strtod_clocale(const char *text, double *result) {
  char *end;
  *result = strtod_l(text, &end, c_locale);
  return end;
}

const char *_swift_stdlib_strtof_clocale(const char *text, float *result) {
  char *end;
  *result = strtof_l(text, &end, c_locale);
  return end;
}
