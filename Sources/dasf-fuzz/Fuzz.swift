import DASFEngine
import DASFImport
import DASFStore
import Foundation

/// Feeds arbitrary bytes to the decoders that read files from elsewhere: the save file (and, when
/// it reads, an encode and decode round trip that must give the same assessment), the catalog
/// (JSON and YAML), and the compendium importers (a delimited sheet, an .xlsx workbook).
/// Any trap is a finding. Built two ways (scripts/fuzz): with `-sanitize=fuzzer -D FUZZING` as a
/// libFuzzer target, and as a plain program that replays a corpus, which the tests run.
enum FuzzTarget {
    static func run(_ data: Data) {
        if let file = try? SaveFileFormat.decodeFile(data, path: "fuzz") {
            let again = SaveFileFormat.encode(file.assessment, journal: file.journal)
            guard let reread = try? SaveFileFormat.decodeFile(again, path: "fuzz") else {
                fatalError("a file that read could not be read back after writing it")
            }
            if reread.assessment != file.assessment || reread.journal != file.journal {
                fatalError("a save file changed on its way through a write")
            }
            if let catalog = try? BuiltinCatalogs.load(file.assessment.catalog.id) {
                let card = Scorecard(catalog: catalog, assessment: file.assessment, today: "2026-11-24")
                _ = card.overall
            }
        }
        _ = try? Catalog.load(data: data, origin: "fuzz")
        _ = try? CatalogYAML.load(data, origin: "fuzz")
        if let sheet = try? Sheet.delimited(String(decoding: data, as: UTF8.self), separator: data.contains(9) ? "\t" : ",", name: "fuzz") {
            _ = try? CompendiumImport.run(risks: sheet, controls: sheet)
        }
        if let sheets = try? Workbook.sheets(data, name: "fuzz"), let pair = try? Workbook.compendium(sheets, name: "fuzz") {
            _ = try? CompendiumImport.run(risks: pair.risks, controls: pair.controls)
        }
    }
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM names an executable's entry point after its target; here it hands over to libFuzzer.
@_cdecl("dasf_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var values = argv
    return runDriver(&count, &values) { bytes, size in
        FuzzTarget.run(bytes.map { Data(bytes: $0, count: size) } ?? Data())
        return 0
    }
}
#else
/// `dasf-fuzz FILE…`: runs every file (or every file in a folder) through the decoders once.
@main
struct Replay {
    static func main() {
        var files: [String] = []
        for argument in CommandLine.arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
                files += names.sorted().map { argument + "/" + $0 }
            } else {
                files.append(argument)
            }
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            FuzzTarget.run(data)
        }
        print("\(files.count) inputs, no crash")
    }
}
#endif
