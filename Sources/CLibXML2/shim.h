#ifndef QUIRE_LIBXML2_SHIM_H
#define QUIRE_LIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>
#include <libxml/tree.h>
#endif
