// libjpeg-turbo. libjpeg reports errors by calling error_exit, which must not return: the shim turns that
// into setjmp/longjmp inside C, so Swift only ever sees return codes.
#pragma once
#include <stddef.h>
#include <stdio.h>
#include <jpeglib.h>
