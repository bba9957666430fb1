#ifndef CRC_H
#define CRC_H
#include <stdint.h>
#define CRC_INIT 0xffffu
static inline uint16_t crc16_step(uint16_t c, uint8_t byte) {
  c ^= byte;
  for (uint8_t i = 0; i < 8; i++) c = (c & 1) ? (uint16_t)((c >> 1) ^ 0xa001u) : (uint16_t)(c >> 1);
  return c;
}
#endif
