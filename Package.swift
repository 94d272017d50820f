// swift-tools-version:6.2
// dasf: assess the security of an AI system against the Databricks AI Security Framework.
import PackageDescription

let package = Package(
    name: "dasf",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dasf", targets: ["dasf"]),
        .library(name: "DASFEngine", targets: ["DASFEngine"]),
        .library(name: "DASFStore", targets: ["DASFStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // FilePath: Foundation's NSString path methods trap on one-character paths on Linux.
        .package(url: "https://github.com/apple/swift-system", from: "1.4.0"),
        // The config file is YAML: comments for people who edit it by hand, a line and column for
        // every node so a mistake is named where it is, and libyaml builds in seconds (TOMLKit's
        // toml++ is a large C++ build; JSON has no comments).
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The compendium is an .xlsx workbook: a zip of XML parts. ZIPFoundation reads the zip;
        // Foundation's XMLParser the parts.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Catalog, assessment and scoring. Foundation only: no terminal, no file format.
        .target(name: "DASFEngine"),
        // Save files: format, schema checks, atomic writes, conflict detection. Foundation only.
        .target(name: "DASFStore", dependencies: ["DASFEngine", .product(name: "SystemPackage", package: "swift-system")]),
        // Reports (Markdown, HTML, CSV, JSON) and their escaping. Pure: strings from values.
        .target(name: "DASFReport", dependencies: ["DASFEngine"]),
        // The interactive map, pure: state, actions, reducer, layout, renderer into a cell grid.
        // No ncurses: every screen is testable as text.
        .target(name: "DASFUI", dependencies: ["DASFEngine"]),
        // Reading the DASF compendium as Databricks publishes it into a catalog of ours.
        .target(name: "DASFImport", dependencies: ["DASFEngine", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                                                   .product(name: "Yams", package: "Yams")]),
        // The config file ($XDG_CONFIG_HOME/dasf/config.yaml): read, checked, problems named by line.
        .target(name: "DASFConfig", dependencies: ["DASFEngine", "DASFUI", .product(name: "Yams", package: "Yams")]),
        // ncursesw for Swift: a module map and a small C shim (docs/architecture.md).
        // No pkgConfig: the only flags ncursesw's pkg-config adds are -D defines SwiftPM drops (with
        // a warning); shim.h sets what the wide API needs itself.
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        // The thin terminal backend: blits the grid, reads keys and resizes. The only code that
        // imports CNcurses.
        .target(name: "DASFTerminal", dependencies: ["DASFUI", "CNcurses"]),
        // Starting a thread on another core (affinity masks are GNU C): the map's start uses it.
        .target(name: "CThread"),
        // The command line and the interactive map's wiring.
        .executableTarget(
            name: "dasf",
            dependencies: [
                "DASFEngine", "DASFStore", "DASFUI", "DASFTerminal", "DASFReport", "DASFConfig", "DASFImport", "CThread",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Timings for docs/performance.md: `swift run -c release dasf-bench`.
        .executableTarget(name: "dasf-bench", dependencies: ["DASFEngine", "DASFStore", "DASFUI", "DASFReport"]),
        // The decoders under libFuzzer (scripts/fuzz), or replaying a corpus without it.
        .executableTarget(name: "dasf-fuzz", dependencies: ["DASFEngine", "DASFStore", "DASFImport"]),
        // Fixtures shared by test targets (never linked into dasf).
        .target(name: "DASFTestSupport", dependencies: ["DASFEngine"], path: "Tests/DASFTestSupport"),
        .testTarget(name: "DASFEngineTests", dependencies: ["DASFEngine", "DASFTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "DASFStoreTests", dependencies: ["DASFStore"]),
        .testTarget(name: "DASFImportTests", dependencies: ["DASFImport", "DASFEngine", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                                                            .product(name: "Yams", package: "Yams")],
                    exclude: ["Fixtures"]),
        .testTarget(name: "DASFConfigTests", dependencies: ["DASFConfig", "DASFUI", "DASFEngine"]),
        .testTarget(name: "DASFUITests", dependencies: ["DASFUI", "DASFEngine", "DASFTestSupport"], exclude: ["__Screens__"]),
        .testTarget(name: "DASFReportTests", dependencies: ["DASFReport", "DASFEngine", "DASFTestSupport"], exclude: ["__Reports__"]),
        // The real binary in tmux: keys typed, the pane read, the save file checked.
        .testTarget(name: "DASFEndToEndTests", dependencies: ["dasf"]),
        .testTarget(name: "DASFCommandTests", dependencies: ["dasf", "dasf-fuzz", "DASFEngine", "DASFStore"]),
    ]
)

// Zero warnings in our own targets, kept that way: a new warning fails the build (and so CI).
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.treatAllWarnings(as: .error)]
}
