// SwiftPM needs a translation unit per C target; libsystemd is used directly through the header.
#include "CSystemd.h"
