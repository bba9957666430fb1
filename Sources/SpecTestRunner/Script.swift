/// The JSON command scripts, as wasm-tools writes them. (Decodable keeps strings intact;
/// Foundation's JSONSerialization drops U+FEFF, which names.wast uses as an export name.)
struct Script: Decodable {
    var commands: [Command]
}

struct Command: Decodable {
    var type: String
    var line: Int?
    var name: String?
    var filename: String?
    var binary_filename: String?
    var module_type: String?
    var text: String?
    var `as`: String?
    /// `module_instance`'s instance name and the module definition it instantiates.
    var instance: String?
    var module: String?
    var action: Action?
    var expected: [Argument]?
}

struct Action: Decodable {
    var type: String
    var module: String?
    var field: String
    var args: [Argument]?
}

struct Argument: Decodable {
    var type: String
    /// A scalar's text, or nil for lane lists (v128) and value-less references.
    var value: String?
    /// A v128's lanes (lane 0 first) and their shape: i8, i16, i32, i64, f32 or f64.
    var lanes: [String]?
    var laneType: String?

    enum CodingKeys: String, CodingKey { case type, value, lane_type }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        value = try? container.decodeIfPresent(String.self, forKey: .value)
        lanes = try? container.decodeIfPresent([String].self, forKey: .value)
        laneType = try container.decodeIfPresent(String.self, forKey: .lane_type)
    }
}
