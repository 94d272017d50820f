/// Fields a save file held that this dasf does not know: written by a newer dasf, or added by
/// another tool. They are kept, in their order, through every edit and merge, and written back
/// where they were found, so a file is never poorer for having been opened here.
public struct UnknownFields: Sendable, Hashable {
    /// One field: its key and its value as compact JSON text (the store reads and writes it).
    public struct Field: Sendable, Hashable {
        public var key: String
        public var json: String

        public init(key: String, json: String) {
            self.key = key
            self.json = json
        }
    }

    public var fields: [Field]

    public init(_ fields: [Field] = []) { self.fields = fields }

    public var isEmpty: Bool { fields.isEmpty }
    public var keys: [String] { fields.map(\.key) }

    public subscript(key: String) -> String? {
        get { fields.first { $0.key == key }?.json }
        set {
            if let index = fields.firstIndex(where: { $0.key == key }) {
                if let newValue { fields[index].json = newValue } else { fields.remove(at: index) }
            } else if let newValue {
                fields.append(Field(key: key, json: newValue))
            }
        }
    }
}
