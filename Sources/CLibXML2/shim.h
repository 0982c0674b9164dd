#ifndef TRIALDATA_CLIBXML2_SHIM_H
#define TRIALDATA_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* libxml2's encoding.h pulls in the system ICU headers when built with ICU; they clash with
   Foundation's bundled ICU (_FoundationICU) in the same Swift module. We use no ICU API. */
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#endif
