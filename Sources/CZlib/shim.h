#ifndef QUIRE_ZLIB_SHIM_H
#define QUIRE_ZLIB_SHIM_H
#include <zlib.h>
#endif
