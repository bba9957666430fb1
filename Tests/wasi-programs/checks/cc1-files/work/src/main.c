#include "crc.h"
#include <stdbool.h>
#include <limits.h>
volatile uint8_t port;
static const char message[] = "the quick brown fox";
_Static_assert(CHAR_BIT == 8, "bytes");
int main(void) {
  uint16_t c = CRC_INIT;
  for (const char *p = message; *p; p++) c = crc16_step(c, (uint8_t)*p);
  bool odd = c & 1;
  port = (uint8_t)c; port = (uint8_t)(c >> 8); port = odd;
  for (;;) ;
}
