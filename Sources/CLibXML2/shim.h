#ifndef ORGPROFILE_CLIBXML2_SHIM_H
#define ORGPROFILE_CLIBXML2_SHIM_H

/* libxml2's headers pull in ICU, which clashes with Foundation's own ICU module. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlmemory.h>

/* xmlFree is a global function pointer, which Swift 6 rejects as shared mutable state. */
static inline void clibxml2_free(void *p) { xmlFree(p); }

#endif
