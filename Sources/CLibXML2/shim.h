// libxml2's HTML parser (htmlReadMemory), which recovers from broken markup the way browsers
// do; Debian's libxml2-dev provides it (FoundationXML on Linux offers only the XML parser).
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, whose headers clash with Foundation's copy of them; nothing
// here uses libxml2's ICU converters, so leave them out.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

// xmlFree is a global function pointer, which Swift 6 treats as shared mutable state.
static inline void bulletin_xml_free(void *pointer) { xmlFree(pointer); }
