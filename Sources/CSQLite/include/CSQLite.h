// sqlite3, with the one call Swift cannot make directly: SQLITE_TRANSIENT is a cast of -1 to a function
// pointer, which Swift does not import.
#pragma once
#include <sqlite3.h>

/// sqlite3_bind_text with SQLITE_TRANSIENT (SQLite copies the bytes before returning).
int csqlite_bind_text(sqlite3_stmt *statement, int index, const char *text, int length);
/// sqlite3_bind_blob with SQLITE_TRANSIENT.
int csqlite_bind_blob(sqlite3_stmt *statement, int index, const void *bytes, int length);
