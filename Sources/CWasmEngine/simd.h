// The 128-bit value of SIMD handlers: one union, viewed as any lane shape. Members are clang
// vector types, so whole-vector operations compile to single SSE instructions and lane
// loops over them vectorise.
#include <stdint.h>

typedef int8_t v_i8 __attribute__((vector_size(16)));
typedef uint8_t v_u8 __attribute__((vector_size(16)));
typedef int16_t v_i16 __attribute__((vector_size(16)));
typedef uint16_t v_u16 __attribute__((vector_size(16)));
typedef int32_t v_i32 __attribute__((vector_size(16)));
typedef uint32_t v_u32 __attribute__((vector_size(16)));
typedef int64_t v_i64 __attribute__((vector_size(16)));
typedef uint64_t v_u64 __attribute__((vector_size(16)));
typedef float v_f32 __attribute__((vector_size(16)));
typedef double v_f64 __attribute__((vector_size(16)));

typedef union V128 {
    v_i8 i8; v_u8 u8; v_i16 i16; v_u16 u16; v_i32 i32; v_u32 u32; v_i64 i64; v_u64 u64;
    v_f32 f32; v_f64 f64;
} V128;
