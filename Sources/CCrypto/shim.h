#ifndef ORGPROFILE_CCRYPTO_SHIM_H
#define ORGPROFILE_CCRYPTO_SHIM_H

/* Only the one-shot SHA-256 of OpenSSL's libcrypto, which libcurl already links. */
#include <stddef.h>
#include <openssl/sha.h>

/* Writes the 32-byte SHA-256 digest of `length` bytes at `bytes` to `digest`. */
static inline void ccrypto_sha256(const void *bytes, size_t length, unsigned char digest[32]) {
    SHA256((const unsigned char *)bytes, length, digest);
}

#endif
