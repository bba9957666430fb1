// Command hearth-bindgen makes a Go package callable by Hearth as a wasm-bindgen 0.2.83
// module. It reads the package's `//hearth:` declarations and
//
//	hearth-bindgen DIR             writes DIR/hearth_bindings.go: a //go:wasmexport wrapper and
//	                               a __wbindgen_describe_* export for each declaration;
//	hearth-bindgen -append DIR M   appends the __wasm_bindgen_unstable custom section the
//	                               declarations give to the built module M (Go's linker cannot
//	                               emit custom sections).
//
// Declarations, in a comment directly above the Go declaration:
//
//	//hearth:export NAME           a function, or a method of a class (NAME defaults to the Go
//	                               name with a lower-case first letter)
//	//hearth:export NAME consume   a method that uses its receiver up (Rust's `self`): the
//	                               handle is forgotten and the host's object marked used
//	//hearth:static CLASS NAME     a function that is a static method of CLASS
//	//hearth:class                 a struct type whose instances live behind handles
//	//hearth:constructor           a function returning *T for a class T (the class's `new`)
//
// Parameters: int32 uint32 int64 uint64 float32 float64 bool string []byte *T (a class).
// Results: nothing, one of those, error, or (one of those, error): an error reaches the
// host as a Result's error with err.Error() as its message.
package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

const outputName = "hearth_bindings.go"

func main() {
	var err error
	switch {
	case len(os.Args) == 2:
		err = generate(os.Args[1])
	case len(os.Args) == 4 && os.Args[1] == "-append":
		err = appendSection(os.Args[2], os.Args[3])
	default:
		err = fmt.Errorf("usage: hearth-bindgen DIR | hearth-bindgen -append DIR MODULE.wasm")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "hearth-bindgen:", err)
		os.Exit(1)
	}
}

// goType is one Go type the bindings carry, with how it crosses the boundary.
type goType struct {
	name  string // Go spelling
	class string // for *T: the class T
}

type param struct {
	name string
	typ  goType
}

// export is one declared function, method or constructor.
type export struct {
	goName   string
	jsName   string
	class    string // "" for a free function
	isCtor   bool
	isStatic bool
	consumes bool
	params   []param
	result   *goType // nil for none
	hasError bool
}

func (e export) wasmName() string {
	if e.class == "" {
		return e.jsName
	}
	return strings.ToLower(e.class) + "_" + e.jsName
}

type bindings struct {
	pkg     string
	crate   string // the section's unique_crate_identifier: the directory's name
	classes []string
	exports []export
}

// parse reads the package in dir (without the generated file) and collects its declarations.
func parse(dir string) (*bindings, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	absolute, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	b := &bindings{crate: filepath.Base(absolute) + "-go"}
	fset := token.NewFileSet()
	for _, path := range files {
		if filepath.Base(path) == outputName || strings.HasSuffix(path, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		b.pkg = file.Name.Name
		for _, decl := range file.Decls {
			switch d := decl.(type) {
			case *ast.GenDecl:
				if _, ok := directive(d.Doc, "class"); ok {
					for _, spec := range d.Specs {
						b.classes = append(b.classes, spec.(*ast.TypeSpec).Name.Name)
					}
				}
			case *ast.FuncDecl:
				e, ok, err := b.function(fset, d)
				if err != nil {
					return nil, err
				}
				if ok {
					b.exports = append(b.exports, e)
				}
			}
		}
	}
	for _, e := range b.exports {
		if e.class != "" && !b.isClass(e.class) {
			return nil, fmt.Errorf("%s: %s is not declared //hearth:class", e.goName, e.class)
		}
	}
	return b, nil
}

func (b *bindings) isClass(name string) bool {
	for _, c := range b.classes {
		if c == name {
			return true
		}
	}
	return false
}

// directive finds `//hearth:NAME args` in a comment group.
func directive(doc *ast.CommentGroup, name string) (string, bool) {
	if doc == nil {
		return "", false
	}
	for _, c := range doc.List {
		text, ok := strings.CutPrefix(c.Text, "//hearth:"+name)
		if ok && (text == "" || text[0] == ' ') {
			return strings.TrimSpace(text), true
		}
	}
	return "", false
}

func (b *bindings) function(fset *token.FileSet, d *ast.FuncDecl) (export, bool, error) {
	where := fset.Position(d.Pos()).String()
	e := export{goName: d.Name.Name}
	if text, ok := directive(d.Doc, "export"); ok {
		words := strings.Fields(text)
		if len(words) > 0 {
			e.jsName = words[0]
		}
		if len(words) == 2 && words[1] == "consume" && d.Recv != nil {
			e.consumes = true
		} else if len(words) > 1 {
			return e, false, fmt.Errorf("%s: expected //hearth:export [NAME [consume]] (consume only on a method)", where)
		}
	} else if text, ok := directive(d.Doc, "static"); ok {
		words := strings.Fields(text)
		if len(words) != 2 || d.Recv != nil {
			return e, false, fmt.Errorf("%s: expected //hearth:static CLASS NAME on a function", where)
		}
		e.class, e.jsName, e.isStatic = words[0], words[1], true
	} else if _, ok := directive(d.Doc, "constructor"); ok {
		e.isCtor, e.jsName = true, "new"
	} else {
		return e, false, nil
	}
	if e.jsName == "" {
		e.jsName = strings.ToLower(e.goName[:1]) + e.goName[1:]
	}
	if d.Recv != nil {
		star, ok := d.Recv.List[0].Type.(*ast.StarExpr)
		if !ok {
			return e, false, fmt.Errorf("%s: a method needs a pointer receiver", where)
		}
		e.class = star.X.(*ast.Ident).Name
		e.goName = "(*" + e.class + ")." + d.Name.Name
	}
	for _, field := range d.Type.Params.List {
		t, err := typeOf(field.Type)
		if err != nil {
			return e, false, fmt.Errorf("%s: %v", where, err)
		}
		for _, name := range field.Names {
			e.params = append(e.params, param{name.Name, t})
		}
	}
	var results []*ast.Field
	if d.Type.Results != nil {
		results = d.Type.Results.List
	}
	if n := len(results); n > 0 {
		if ident, ok := results[n-1].Type.(*ast.Ident); ok && ident.Name == "error" {
			e.hasError, results = true, results[:n-1]
		}
	}
	if len(results) > 1 || (len(results) == 1 && len(results[0].Names) > 1) {
		return e, false, fmt.Errorf("%s: at most one result besides error", where)
	}
	if len(results) == 1 {
		t, err := typeOf(results[0].Type)
		if err != nil {
			return e, false, fmt.Errorf("%s: %v", where, err)
		}
		e.result = &t
	}
	if e.isCtor {
		if e.result == nil || e.result.class == "" || e.hasError {
			return e, false, fmt.Errorf("%s: a constructor returns *T for its class T", where)
		}
		e.class = e.result.class
	}
	return e, true, nil
}

func typeOf(expr ast.Expr) (goType, error) {
	switch t := expr.(type) {
	case *ast.Ident:
		switch t.Name {
		case "int32", "uint32", "int64", "uint64", "float32", "float64", "bool", "string":
			return goType{name: t.Name}, nil
		}
	case *ast.ArrayType:
		if ident, ok := t.Elt.(*ast.Ident); ok && t.Len == nil && ident.Name == "byte" {
			return goType{name: "[]byte"}, nil
		}
	case *ast.StarExpr:
		if ident, ok := t.X.(*ast.Ident); ok {
			return goType{name: "*" + ident.Name, class: ident.Name}, nil
		}
	}
	return goType{}, fmt.Errorf("type %s is not supported", types(expr))
}

func types(expr ast.Expr) string {
	var buffer bytes.Buffer
	format.Node(&buffer, token.NewFileSet(), expr)
	return buffer.String()
}

// MARK: - Descriptors

// descriptor is the Go expression list for guestabi.Describe of one type.
func descriptor(t goType, isParam bool) string {
	switch t.name {
	case "int32":
		return "guestabi.I32"
	case "uint32":
		return "guestabi.U32"
	case "int64":
		return "guestabi.I64"
	case "uint64":
		return "guestabi.U64"
	case "float32":
		return "guestabi.F32"
	case "float64":
		return "guestabi.F64"
	case "bool":
		return "guestabi.Boolean"
	case "string":
		if isParam {
			return "guestabi.Ref, guestabi.String"
		}
		return "guestabi.String"
	case "[]byte":
		if isParam {
			return "guestabi.Ref, guestabi.Slice, guestabi.U8"
		}
		return "guestabi.Vector, guestabi.U8"
	}
	return "" // classes: described by name, see describeLines
}

// describeLines is the body of one describe export.
func describeLines(e export) []string {
	lines := []string{fmt.Sprintf("guestabi.Describe(guestabi.Function, 0, %d)", len(e.params))}
	add := func(t *goType, isParam bool) {
		switch {
		case t == nil:
			lines = append(lines, "guestabi.Describe(guestabi.Unit)")
		case t.class != "":
			if isParam {
				lines = append(lines, "guestabi.Describe(guestabi.Ref)")
			}
			lines = append(lines, "guestabi.Describe(guestabi.RustStruct)", fmt.Sprintf("guestabi.DescribeName(%q)", t.class))
		default:
			lines = append(lines, "guestabi.Describe("+descriptor(*t, isParam)+")")
		}
	}
	for _, p := range e.params {
		add(&p.typ, true)
	}
	for range 2 { // the result, then the inner result (the same unless async)
		if e.hasError {
			lines = append(lines, "guestabi.Describe(guestabi.Result)")
		}
		add(e.result, false)
	}
	return lines
}

// MARK: - Wrappers

func handles(class string) string { return strings.ToLower(class[:1]) + class[1:] + "Handles" }

// wrapper writes one //go:wasmexport function: wasm values in, the Go function called, the
// result written back (through the return pointer for buffers and Results).
func wrapper(w *bytes.Buffer, e export) {
	var wasmParams, args []string
	usesRet := e.hasError || (e.result != nil && (e.result.name == "string" || e.result.name == "[]byte"))
	if usesRet {
		wasmParams = append(wasmParams, "ret uint32")
	}
	hasSelf := e.class != "" && !e.isCtor && !e.isStatic
	if hasSelf {
		wasmParams = append(wasmParams, "self uint32")
	}
	for _, p := range e.params {
		switch {
		case p.typ.class != "":
			wasmParams = append(wasmParams, p.name+" uint32")
			args = append(args, handles(p.typ.class)+".Get("+p.name+")")
		case p.typ.name == "string":
			wasmParams = append(wasmParams, p.name+"Ptr, "+p.name+"Len uint32")
			args = append(args, fmt.Sprintf("guestabi.TakeString(%sPtr, %sLen)", p.name, p.name))
		case p.typ.name == "[]byte":
			wasmParams = append(wasmParams, p.name+"Ptr, "+p.name+"Len uint32")
			args = append(args, fmt.Sprintf("guestabi.TakeBytes(%sPtr, %sLen)", p.name, p.name))
		case p.typ.name == "bool":
			wasmParams = append(wasmParams, p.name+" uint32")
			args = append(args, p.name+" != 0")
		default:
			wasmParams = append(wasmParams, p.name+" "+p.typ.name)
			args = append(args, p.name)
		}
	}
	callee := e.goName
	if hasSelf {
		receiver := ".Get(self)."
		if e.consumes {
			receiver = ".Take(self)."
		}
		callee = handles(e.class) + receiver + strings.TrimPrefix(e.goName, "(*"+e.class+").")
	}
	call := callee + "(" + strings.Join(args, ", ") + ")"
	wasmResult := ""
	var body string
	switch {
	case e.hasError && e.result == nil:
		body = "guestabi.ReturnUnitResult(ret, " + call + ")"
	case e.hasError:
		body = "value, err := " + call + "\n" + resultWriter(*e.result, "value")
	case e.result == nil:
		body = call
	case e.result.name == "string":
		body = "guestabi.ReturnString(ret, " + call + ")"
	case e.result.name == "[]byte":
		body = "guestabi.ReturnBytes(ret, " + call + ")"
	case e.result.class != "":
		wasmResult = " uint32"
		body = "return " + handles(e.result.class) + ".Add(" + call + ")"
	case e.result.name == "bool":
		wasmResult = " uint32"
		body = "return guestabi.Bool(" + call + ")"
	default:
		wasmResult = " " + e.result.name
		body = "return " + call
	}
	name := e.wasmName()
	fmt.Fprintf(w, "//go:wasmexport %s\nfunc hearth_%s(%s)%s {\n%s\n}\n\n", name, name, strings.Join(wasmParams, ", "), wasmResult, body)
	fmt.Fprintf(w, "//go:wasmexport __wbindgen_describe_%s\nfunc hearth_describe_%s() {\n%s\n}\n\n", name, name, strings.Join(describeLines(e), "\n"))
}

func resultWriter(t goType, value string) string {
	switch {
	case t.name == "string":
		return "guestabi.ReturnStringResult(ret, " + value + ", err)"
	case t.name == "[]byte":
		return "guestabi.ReturnBytesResult(ret, " + value + ", err)"
	case t.class != "":
		return "var handle uint32\nif err == nil {\nhandle = " + handles(t.class) + ".Add(" + value + ")\n}\nguestabi.ReturnWordResult(ret, handle, err)"
	case t.name == "bool":
		return "guestabi.ReturnWordResult(ret, guestabi.Bool(" + value + "), err)"
	case t.name == "float32":
		return "guestabi.ReturnWordResult(ret, guestabi.Float32Bits(" + value + "), err)"
	case t.name == "float64":
		return "guestabi.ReturnDoubleResult(ret, guestabi.Float64Bits(" + value + "), err)"
	case t.name == "int64", t.name == "uint64":
		return "guestabi.ReturnDoubleResult(ret, uint64(" + value + "), err)"
	default:
		return "guestabi.ReturnWordResult(ret, uint32(" + value + "), err)"
	}
}

func generate(dir string) error {
	b, err := parse(dir)
	if err != nil {
		return err
	}
	var w bytes.Buffer
	fmt.Fprintf(&w, "// Code generated by hearth-bindgen; DO NOT EDIT.\n\n//go:build wasip1\n\npackage %s\n\nimport \"hearth/guestabi\"\n\n", b.pkg)
	for _, class := range b.classes {
		fmt.Fprintf(&w, "var %s guestabi.Handles[%s]\n\n", handles(class), class)
		fmt.Fprintf(&w, "//go:wasmexport __wbg_%s_free\nfunc hearth_free_%s(self uint32) { %s.Remove(self) }\n\n", strings.ToLower(class), class, handles(class))
	}
	for _, e := range b.exports {
		wrapper(&w, e)
	}
	source, err := format.Source(w.Bytes())
	if err != nil {
		return fmt.Errorf("generated code does not parse: %v\n%s", err, w.String())
	}
	return os.WriteFile(filepath.Join(dir, outputName), source, 0o644)
}

// MARK: - The custom section (wasm-bindgen-shared 0.2.83's encoding)

type encoder struct{ bytes.Buffer }

func (e *encoder) u32(v uint32) { e.Write(binary.AppendUvarint(nil, uint64(v))) }
func (e *encoder) boolean(v bool) {
	if v {
		e.WriteByte(1)
	} else {
		e.WriteByte(0)
	}
}
func (e *encoder) str(s string) { e.u32(uint32(len(s))); e.WriteString(s) }
func (e *encoder) strs(list []string) {
	e.u32(uint32(len(list)))
	for _, s := range list {
		e.str(s)
	}
}

// section is the __wasm_bindgen_unstable payload: one record, a JSON header and a Program.
func section(b *bindings) []byte {
	var p encoder
	p.u32(uint32(len(b.exports)))
	for _, e := range b.exports {
		p.boolean(e.class != "")
		if e.class != "" {
			p.str(e.class)
		}
		p.strs(nil)           // comments
		p.boolean(e.consumes) // consumes self
		var names []string    // the function: argument names, async, name, typescript, variadic
		for _, param := range e.params {
			names = append(names, param.name)
		}
		p.strs(names)
		p.boolean(false)
		p.str(e.jsName)
		p.boolean(true)
		p.boolean(false)
		switch {
		case e.isCtor:
			p.WriteByte(0) // MethodKind::Constructor
		default:
			p.WriteByte(1)                         // MethodKind::Operation
			p.boolean(e.class == "" || e.isStatic) // is_static
			p.WriteByte(0)                         // OperationKind::Regular
		}
		p.boolean(false) // start
	}
	p.u32(0) // enums
	p.u32(0) // imports
	p.u32(uint32(len(b.classes)))
	for _, class := range b.classes {
		p.str(class)
		p.u32(0)         // public fields
		p.strs(nil)      // comments
		p.boolean(false) // is_inspectable
		p.boolean(true)  // generate_typescript
	}
	p.u32(0) // typescript_custom_sections
	p.u32(0) // local_modules
	p.u32(0) // inline_js
	p.str(b.crate)
	p.boolean(false) // package_json
	header := []byte(`{"schema_version":"0.2.83","version":"0.2.83"}`)
	var out bytes.Buffer
	binary.Write(&out, binary.LittleEndian, uint32(len(header)))
	out.Write(header)
	binary.Write(&out, binary.LittleEndian, uint32(p.Len()))
	out.Write(p.Bytes())
	return out.Bytes()
}

const sectionName = "__wasm_bindgen_unstable"

func appendSection(dir, module string) error {
	b, err := parse(dir)
	if err != nil {
		return err
	}
	wasm, err := os.ReadFile(module)
	if err != nil {
		return err
	}
	if bytes.Contains(wasm, []byte(sectionName)) {
		return fmt.Errorf("%s already has a %s section", module, sectionName)
	}
	var content encoder
	content.str(sectionName)
	content.Write(section(b))
	var custom encoder
	custom.WriteByte(0) // custom section id
	custom.u32(uint32(content.Len()))
	custom.Write(content.Bytes())
	return os.WriteFile(module, append(wasm, custom.Bytes()...), 0o644)
}
