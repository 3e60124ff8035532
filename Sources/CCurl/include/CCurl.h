// libcurl, loaded on first use with dlopen, so that a device that does not forward findings never maps libcurl
// and its TLS stack (about 5 MB of resident memory). Every call goes through these wrappers; curl_easy_setopt
// and curl_easy_getinfo are variadic, which Swift cannot call, so they get one typed wrapper per argument type.
#pragma once
#include <curl/curl.h>

typedef size_t (*ccurl_write_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*ccurl_xferinfo_callback)(void *context, curl_off_t download_total, curl_off_t downloaded,
                                       curl_off_t upload_total, curl_off_t uploaded);

// Loads libcurl.so.4, resolves the functions below and runs curl_global_init. Returns NULL on success, else
// why it failed. Call it once, before any other function here and before other threads use libcurl.
const char *ccurl_load(void);

CURL *ccurl_easy_init(void);
void ccurl_easy_cleanup(CURL *handle);
CURLcode ccurl_easy_perform(CURL *handle);
const char *ccurl_easy_strerror(CURLcode code);
struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *line);
void ccurl_slist_free_all(struct curl_slist *list);

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode ccurl_setopt_write_function(CURL *handle, CURLoption option, ccurl_write_callback value);
CURLcode ccurl_setopt_xferinfo_function(CURL *handle, CURLoption option, ccurl_xferinfo_callback value);
CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);
