#ifndef QUIRE_ZSTD_SHIM_H
#define QUIRE_ZSTD_SHIM_H
#include <zstd.h>
#endif
