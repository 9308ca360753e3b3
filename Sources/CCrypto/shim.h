#ifndef ORGPROFILE_CCRYPTO_SHIM_H
#define ORGPROFILE_CCRYPTO_SHIM_H

/* Only SHA-256 from OpenSSL's libcrypto, which libcurl already links. */
#include <stddef.h>
#include <openssl/evp.h>

/* The SHA-256 implementation, fetched once: OpenSSL 3's one-shot SHA256() looks the algorithm up
   in the provider tables on every call, which cost more than hashing a small input. */
static inline const EVP_MD *ccrypto_sha256_fetch(void) {
    return EVP_MD_fetch(NULL, "SHA256", NULL);
}

/* Writes the 32-byte SHA-256 digest of `length` bytes at `bytes` to `digest` with `algorithm`
   (from ccrypto_sha256_fetch); returns 1 on success. */
static inline int ccrypto_sha256(const EVP_MD *algorithm, const void *bytes, size_t length, unsigned char digest[32]) {
    return EVP_Digest(bytes, length, digest, NULL, algorithm, NULL);
}

#endif
