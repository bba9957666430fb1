// greet(name) -> "Hello, <name>!": a string in, a string out.
#include "hearth_abi.h"

HEARTH_FUNCTION(greet, STRING, (STR, name)) {
    return hearth_concat3(HEARTH_STR("Hello, "), name, HEARTH_STR("!"));
}
