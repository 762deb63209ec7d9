#ifndef QUIRE_LIBXML2_SHIM_H
#define QUIRE_LIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, whose headers clash with the copy of ICU inside Foundation.
   Quire never touches the encoding handler's ICU fields (only pointers to handlers), so the
   ICU part of libxml/encoding.h is left out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>
#include <libxml/tree.h>
#endif
