//go:build wasip1

package guestabi

// Descriptor words of wasm-bindgen 0.2.83 (wasm-bindgen's src/describe.rs, in order).
const (
	I8 uint32 = iota
	U8
	I16
	U16
	I32
	U32
	I64
	U64
	F32
	F64
	Boolean
	Function
	Closure
	CachedString
	String
	Ref
	RefMut
	Slice
	Vector
	Externref
	NamedExternref
	Enum
	RustStruct
	Char
	Option
	Result
	Unit
	Clamped
)

// Describe reports descriptor words to the host, as a describe export must.
func Describe(words ...uint32) {
	for _, word := range words {
		describe(word)
	}
}

// DescribeName reports a name (a class name): its length, then one word per character.
func DescribeName(name string) {
	runes := []rune(name)
	describe(uint32(len(runes)))
	for _, r := range runes {
		describe(uint32(r))
	}
}

//go:wasmimport __wbindgen_placeholder__ __wbindgen_describe
func describe(word uint32)
