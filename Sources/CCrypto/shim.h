#ifndef INTERNSHIPS_CCRYPTO_SHIM_H
#define INTERNSHIPS_CCRYPTO_SHIM_H
/* OpenSSL's libcrypto, already in the process through libcurl: only the one-shot SHA-256
   (pickup's content hash of every inbound message). */
#include <openssl/sha.h>
#endif
