#ifndef INTERNSHIPS_CCURL_SHIM_H
#define INTERNSHIPS_CCURL_SHIM_H
#include <curl/curl.h>
#endif
