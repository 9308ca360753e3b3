#ifndef ORGPROFILE_CCURL_SHIM_H
#define ORGPROFILE_CCURL_SHIM_H

#include <curl/curl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <locale.h>
#include <sys/syscall.h>
#include <unistd.h>

/* curl_easy_setopt, curl_multi_setopt and curl_easy_getinfo are variadic, which Swift
   cannot call: one typed wrapper per argument kind. */

static inline CURLcode ccurl_easy_setopt_long(CURL *h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_string(CURL *h, CURLoption o, const char *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_pointer(CURL *h, CURLoption o, void *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_write_function(CURL *h, CURLoption o, curl_write_callback f) {
    return curl_easy_setopt(h, o, f);
}
static inline CURLcode ccurl_easy_setopt_opensocket_function(CURL *h, curl_opensocket_callback f) {
    return curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, f);
}
static inline CURLcode ccurl_easy_getinfo_long(CURL *h, CURLINFO i, long *v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode ccurl_easy_getinfo_string(CURL *h, CURLINFO i, char **v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode ccurl_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode ccurl_easy_getinfo_double(CURL *h, CURLINFO i, double *v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLMcode ccurl_multi_setopt_long(CURLM *m, CURLMoption o, long v) {
    return curl_multi_setopt(m, o, v);
}

/* The sockaddr that curl is about to connect to, reduced to what the address guard needs. */
static inline int ccurl_sockaddr_family(const struct curl_sockaddr *a) { return a->family; }
static inline const struct sockaddr *ccurl_sockaddr_address(const struct curl_sockaddr *a) {
    return &a->addr;
}
static inline unsigned int ccurl_sockaddr_length(const struct curl_sockaddr *a) { return a->addrlen; }
static inline curl_socket_t ccurl_socket_bad(void) { return CURL_SOCKET_BAD; }

/* The kernel's id of the calling thread (gettid(2), which Swift's Glibc module does not export);
   tests use it to see a client's transfer thread end in /proc/self/task. */
static inline pid_t ccurl_thread_id(void) {
    return (pid_t)syscall(SYS_gettid);
}

/* The ASCII (punycode) form of a host name given in UTF-8, from libcurl's URL API. libcurl 7.88
   hands the name to libidn2 as text in the current locale's character set, and a process that
   never called setlocale is in the "C" locale, where every non-ASCII name fails: the call runs
   under C.UTF-8 set for this thread only. On CURLUE_OK, *ascii is a string to curl_free. */
static inline CURLUcode ccurl_punycode_host(const char *host, char **ascii) {
    *ascii = NULL;
    locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (utf8 == (locale_t)0) return CURLUE_OUT_OF_MEMORY;
    locale_t previous = uselocale(utf8);
    CURLU *url = curl_url();
    CURLUcode result = url ? curl_url_set(url, CURLUPART_HOST, host, 0) : CURLUE_OUT_OF_MEMORY;
    if (result == CURLUE_OK) result = curl_url_get(url, CURLUPART_HOST, ascii, CURLU_PUNYCODE);
    curl_url_cleanup(url);
    uselocale(previous);
    freelocale(utf8);
    return result;
}

#endif
