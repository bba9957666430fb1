@_exported import WasmBinary
@_exported import WasmEngine
