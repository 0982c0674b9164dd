#ifndef TRIALDATA_COPENSSL_SHIM_H
#define TRIALDATA_COPENSSL_SHIM_H
/* Only the message-digest API (EVP) of libcrypto, for the manifest's SHA-256: it uses the
   CPU's SHA extensions where present (≈ 2 GB/s), which a portable Swift loop cannot. */
#include <openssl/evp.h>
#endif
