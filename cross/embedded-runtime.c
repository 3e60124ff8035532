// Runtime functions that Embedded Swift's standard library calls but does not define; the hosted runtime
// defines them in Stubs.cpp. Linked into device builds only (by cross/build).
#include <errno.h>
#include <math.h>
#include <stdlib.h>

// Float(String) and Double(String) call these and accept the text only if the returned end points at its NUL.
// As in the hosted runtime, an out-of-range value is no number (NULL). strtof reads the C locale's format here
// because edgediag never calls setlocale.
const char *_swift_stdlib_strtof_clocale(const char *text, float *result) {
  char *end;
  errno = 0;
  *result = strtof(text, &end);
  if (errno == ERANGE && (*result == 0 || isinf(*result))) return NULL;
  return end;
}

const char *_swift_stdlib_strtod_clocale(const char *text, double *result) {
  char *end;
  errno = 0;
  *result = strtod(text, &end);
  if (errno == ERANGE && (*result == 0 || isinf(*result))) return NULL;
  return end;
}
