#include "CPlatform.h"

int cplatform_errno(void) { return errno; }
void cplatform_set_errno(int value) { errno = value; }
int cplatform_open(const char *path, int flags, mode_t mode) { return open(path, flags, mode); }
int cplatform_openat(int directory, const char *path, int flags, mode_t mode) {
  return openat(directory, path, flags, mode);
}
