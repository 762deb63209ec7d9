#ifndef QUIRE_GUMBO_SHIM_H
#define QUIRE_GUMBO_SHIM_H
/* Gumbo: HTML5 tree construction as the WHATWG spec gives it (the parser browsers implement),
   so that post HTML is read into the tree a browser would show. */
#include <gumbo.h>
#endif
