#define _GNU_SOURCE 1
#include "CPlatform.h"

int cplatform_errno(void) { return errno; }
void cplatform_set_errno(int value) { errno = value; }
int cplatform_open(const char *path, int flags, mode_t mode) { return open(path, flags, mode); }
int cplatform_openat(int directory, const char *path, int flags, mode_t mode) {
  return openat(directory, path, flags, mode);
}

// glibc passes (argc, argv, envp) to .init_array functions; keeping them here gives both build modes the
// same view of the command line.
static int saved_argc;
static char **saved_argv;
static void save_arguments(int argc, char **argv, char **envp) {
  (void)envp;
  saved_argc = argc;
  saved_argv = argv;
}
__attribute__((section(".init_array"), used)) static void (*save_arguments_entry)(int, char **, char **) =
  save_arguments;
int cplatform_argc(void) { return saved_argc; }
char **cplatform_argv(void) { return saved_argv; }
pid_t cplatform_gettid(void) { return gettid(); }

int cplatform_set_current_thread_name(const char *name) {
  char truncated[16];
  strncpy(truncated, name, sizeof truncated - 1);
  truncated[sizeof truncated - 1] = 0;
  return pthread_setname_np(pthread_self(), truncated);
}
int cplatform_current_thread_name(char *buffer, size_t size) { return pthread_getname_np(pthread_self(), buffer, size); }

int cplatform_available_processors(void) {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return CPU_COUNT(&set);
  long online = sysconf(_SC_NPROCESSORS_ONLN);
  return online > 0 ? (int)online : 1;
}
