// libsystemd: readiness/watchdog notification and the native journal protocol. Neither needs a wrapper:
// sd_notify and sd_journal_sendv are not variadic.
#pragma once
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
