@_exported import Diagnostics
@_exported import WasmBinary
@_exported import WasmEngine
@_exported import HearthWASI
@_exported import Bridge
@_exported import JSON
@_exported import HearthPlugin
