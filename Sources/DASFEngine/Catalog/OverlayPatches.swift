/// What an overlay says about one item, read field by field: a field left out keeps the
/// catalog's; a list of controls or risks adds pairs. New items need what a catalog needs.
struct StagePatch: Sendable, Hashable {
    let id: String
    let name: String?, short: String?, summary: String?
    let talkingPoints: [String]?, questions: [String]?

    init(_ o: JSONObject) throws(JSONObject.Problem) {
        id = try o.string("id")
        name = try o.optionalString("name")
        short = try o.optionalString("short")
        summary = try o.optionalString("summary")
        talkingPoints = o.has("talkingPoints") ? try o.strings("talkingPoints") : nil
        questions = o.has("questions") ? try o.strings("questions") : nil
    }
}

struct ComponentPatch: Sendable, Hashable {
    let id: Int
    let name: String?, short: String?, stage: String?, summary: String?
    let talkingPoints: [String]?, questions: [String]?
    /// Sub-components added (or renamed, by id).
    let parts: [ComponentPart]

    init(_ o: JSONObject) throws(JSONObject.Problem) {
        id = try o.int("id")
        name = try o.optionalString("name")
        short = try o.optionalString("short")
        stage = try o.optionalString("stage")
        summary = try o.optionalString("summary")
        talkingPoints = o.has("talkingPoints") ? try o.strings("talkingPoints") : nil
        questions = o.has("questions") ? try o.strings("questions") : nil
        parts = try o.optionalObjects("parts").map { p throws(JSONObject.Problem) in
            ComponentPart(id: try p.string("id"), name: try p.string("name"), short: try p.optionalString("short"))
        }
    }
}

struct RiskPatch: Sendable, Hashable {
    let id: String
    let title: String?, description: String?, component: Int?, part: String?, category: String?
    /// Controls that mitigate it, added to the catalog's.
    let controls: [String]
    /// For a new risk: where it applies (all the catalog's deployment models when left out).
    let deploymentModels: [String]?
    let frameworks: [String: [String]]

    init(_ o: JSONObject) throws(JSONObject.Problem) {
        id = try o.string("id")
        title = try o.optionalString("title")
        description = try o.optionalString("description")
        component = o.has("component") ? try o.int("component") : nil
        part = try o.optionalString("part")
        category = try o.optionalString("category")
        controls = try o.optionalStrings("controls")
        deploymentModels = o.has("deploymentModels") ? try o.strings("deploymentModels") : nil
        frameworks = try o.stringLists("frameworks")
    }
}

struct ControlPatch: Sendable, Hashable {
    let id: String
    let title: String?, description: String?, type: String?, responsibility: String?
    /// Risks it mitigates, added to the catalog's pairs.
    let mitigates: [String]
    let frameworks: [String: [String]]

    init(_ o: JSONObject) throws(JSONObject.Problem) {
        id = try o.string("id")
        title = try o.optionalString("title")
        description = try o.optionalString("description")
        type = try o.optionalString("type")
        responsibility = try o.optionalString("responsibility")
        mitigates = try o.optionalStrings("mitigates")
        frameworks = try o.stringLists("frameworks")
    }
}
