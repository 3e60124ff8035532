// The C library surface that Platform wraps. Embedded Swift has no Glibc overlay, so both build modes
// import libc through this one header.
// No _GNU_SOURCE here: hosted builds also see these headers through Foundation's modules, and clang rejects
// two definitions of one struct that differ by feature macros. GNU-only calls get a wrapper in CPlatform.c.
#pragma once
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/// The calling thread's errno (a macro in C, so not importable as a variable).
int cplatform_errno(void);
/// Sets the calling thread's errno.
void cplatform_set_errno(int value);
/// open(2) without the variadic mode argument, which Swift cannot pass.
int cplatform_open(const char *path, int flags, mode_t mode);
/// openat(2), likewise.
int cplatform_openat(int directory, const char *path, int flags, mode_t mode);
/// The process's argument count and vector, captured before main (Embedded Swift has no CommandLine).
int cplatform_argc(void);
char **cplatform_argv(void);
/// The calling thread's kernel id (gettid(2) is GNU-only).
pid_t cplatform_gettid(void);
/// Names the calling thread (pthread_setname_np is GNU-only); at most 15 bytes are kept by the kernel.
int cplatform_set_current_thread_name(const char *name);
/// Copies the calling thread's name into buffer (at least 16 bytes); returns 0 or an error number.
int cplatform_current_thread_name(char *buffer, size_t size);
/// The processors this process may run on: its affinity mask (CPU_COUNT is a GNU macro), else those online.
int cplatform_available_processors(void);
