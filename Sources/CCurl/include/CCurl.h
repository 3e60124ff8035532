// libcurl with typed wrappers: curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call.
#pragma once
#include <curl/curl.h>

typedef size_t (*ccurl_write_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*ccurl_xferinfo_callback)(void *context, curl_off_t download_total, curl_off_t downloaded,
                                       curl_off_t upload_total, curl_off_t uploaded);

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode ccurl_setopt_write_function(CURL *handle, CURLoption option, ccurl_write_callback value);
CURLcode ccurl_setopt_xferinfo_function(CURL *handle, CURLoption option, ccurl_xferinfo_callback value);
CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);
