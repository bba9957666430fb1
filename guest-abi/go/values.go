//go:build wasip1

package guestabi

import (
	"math"
	"unsafe"
)

// TakeString copies a string argument the host lent in an Alloc'd buffer and frees that
// buffer: the guest owns argument buffers, as a Rust guest does.
func TakeString(address, size uint32) string {
	text := string(Bytes(address, size))
	Free(address)
	return text
}

// TakeBytes copies a byte-slice argument and frees its buffer.
func TakeBytes(address, size uint32) []byte {
	data := append([]byte(nil), Bytes(address, size)...)
	Free(address)
	return data
}

// lend copies data into a fresh pinned buffer the host will read and free.
func lend(data []byte) (uint32, uint32) {
	address := Alloc(uint32(len(data)))
	copy(Bytes(address, uint32(len(data))), data)
	return address, uint32(len(data))
}

// ReturnString writes a string result as (ptr, len) at the return pointer ret.
func ReturnString(ret uint32, text string) {
	address, size := lend(unsafe.Slice(unsafe.StringData(text), len(text)))
	putWord(ret, address)
	putWord(ret+4, size)
}

// ReturnBytes writes a []byte result (a Vec<u8>) as (ptr, len) at ret.
func ReturnBytes(ret uint32, data []byte) {
	address, size := lend(data)
	putWord(ret, address)
	putWord(ret+4, size)
}

// errorIndex turns err into a JsValue error on the host's heap (`JsError::new`).
func errorIndex(err error) uint32 {
	message := err.Error()
	address, size := lend([]byte(message))
	index := errorNew(address, size)
	Free(address)
	return index
}

// ReturnError writes Result's error half: the JsValue index at ret+offset and is_err at
// ret+offset+4, where offset is the size of the Ok value (0, 4 or 8 bytes).
func returnError(ret, offset uint32, err error) bool {
	if err == nil {
		putWord(ret+offset+4, 0)
		return false
	}
	putWord(ret+offset, errorIndex(err))
	putWord(ret+offset+4, 1)
	return true
}

// ReturnStringResult writes a Result<String, JsError>.
func ReturnStringResult(ret uint32, text string, err error) {
	if !returnError(ret, 8, err) {
		ReturnString(ret, text)
	}
}

// ReturnBytesResult writes a Result<Vec<u8>, JsError>.
func ReturnBytesResult(ret uint32, data []byte, err error) {
	if !returnError(ret, 8, err) {
		ReturnBytes(ret, data)
	}
}

// ReturnUnitResult writes a Result<(), JsError>.
func ReturnUnitResult(ret uint32, err error) { returnError(ret, 0, err) }

// ReturnWordResult writes a Result of a 4-byte value (i32, u32, f32 bits, bool, handle).
func ReturnWordResult(ret uint32, word uint32, err error) {
	if !returnError(ret, 4, err) {
		putWord(ret, word)
	}
}

// ReturnDoubleResult writes a Result of an 8-byte value (i64, u64, f64 bits).
func ReturnDoubleResult(ret uint32, bits uint64, err error) {
	if !returnError(ret, 8, err) {
		putWord(ret, uint32(bits))
		putWord(ret+4, uint32(bits>>32))
	}
}

// Bool is a wasm boolean: 1 or 0.
func Bool(value bool) uint32 {
	if value {
		return 1
	}
	return 0
}

// Float32Bits and Float64Bits give the bit patterns ReturnWordResult and ReturnDoubleResult take.
func Float32Bits(value float32) uint32 { return math.Float32bits(value) }
func Float64Bits(value float64) uint64 { return math.Float64bits(value) }

//go:wasmimport __wbindgen_placeholder__ __wbindgen_error_new
func errorNew(address, size uint32) uint32
