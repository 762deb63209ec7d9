// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Quire",
    products: [
        .executable(name: "quire", targets: ["quire"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // `quire serve`: the SSH server.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssh", exact: "0.15.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // System libraries, each behind a small module map.
        .systemLibrary(name: "CNCursesW", path: "Sources/CNCursesW"),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0"),
        .systemLibrary(name: "CCmarkGFM", path: "Sources/CCmarkGFM"),
        .systemLibrary(name: "CGumbo", path: "Sources/CGumbo", pkgConfig: "gumbo"),

        // What the layers share that is not a value type: the import's worker threads and
        // the byte tables and string helpers of its scans.
        .target(name: "QuireSupport"),
        // Value types shared by every layer.
        .target(name: "QuireModel", dependencies: ["QuireSupport"]),
        // The TOML reader of front matter and of the configuration file.
        .target(name: "QuireTOML"),
        // One reader per export format, producing QuireModel values.
        .target(name: "QuireImport", dependencies: [
            "QuireModel", "QuireSupport", "QuireTOML", "CLibXML2", "CCmarkGFM", "CGumbo",
            .product(name: "Yams", package: "Yams"),
        ]),
        // C: the stored-post format (packing and unpacking, for Swift and SQL alike) and the
        // SQL functions: the search ranking (bm25 with row lengths kept in memory), the plain
        // text of a stored post, the prefix-keeping tokenizer.
        .target(name: "CQuireSQL", linkerSettings: [.linkedLibrary("sqlite3"), .linkedLibrary("m"),
                                                   .linkedLibrary("z"), .linkedLibrary("zstd")]),
        // The SQLite store: migrations, imports, queries.
        .target(name: "QuireStore", dependencies: [
            "QuireModel", "QuireSupport", "CQuireSQL", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // A synthetic blog of any size, for benchmarks.
        .target(name: "QuireCorpus", dependencies: ["QuireModel"]),
        // The pure terminal UI: cells, layout, state, update, render.
        .target(name: "QuireUI", dependencies: ["QuireModel"]),
        // The ncurses backend that draws a QuireUI canvas.
        .target(name: "QuireTerminal", dependencies: ["QuireUI", "QuireModel", "CNCursesW"]),
        // The reader's state file per store: read posts, positions, bookmarks, last place.
        .target(name: "QuireState", dependencies: ["QuireUI", "QuireModel"]),
        // The reader's configuration file (TOML): keys, colours, layout, mouse.
        .target(name: "QuireConfig", dependencies: ["QuireUI", "QuireTOML"]),
        // Pseudo-terminals and the start of a reader process on one (fork, setsid, limits), in C.
        .target(name: "CQuirePty"),
        // `quire serve`: the SSH server that gives each session a reader on a pseudo-terminal.
        .target(name: "QuireServe", dependencies: [
            "CQuirePty",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOSSH", package: "swift-nio-ssh"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The command line.
        .executableTarget(name: "quire", dependencies: [
            "QuireServe",
            "QuireModel", "QuireImport", "QuireStore", "QuireUI", "QuireTerminal", "QuireState", "QuireConfig",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Benchmarks: `make bench`.
        .executableTarget(name: "quire-bench", dependencies: [
            "QuireModel", "QuireCorpus", "QuireStore", "QuireUI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // libFuzzer targets (`make fuzz`, which builds them with -sanitize=fuzzer and
        // QUIRE_FUZZING); a plain build makes small programs that run each file given once.
        .systemLibrary(name: "CLibFuzzer", path: "Sources/CLibFuzzer"),
        .executableTarget(name: "FuzzPlainText", dependencies: ["CLibFuzzer", "QuireImport", "QuireModel"]),
        .executableTarget(name: "FuzzHTML", dependencies: ["CLibFuzzer", "QuireImport"]),
        .executableTarget(name: "FuzzFrontMatter", dependencies: ["CLibFuzzer", "QuireImport"]),
        .executableTarget(name: "FuzzMarkdown", dependencies: ["CLibFuzzer", "QuireImport", "QuireModel"]),
        .executableTarget(name: "FuzzSearchQuery", dependencies: ["CLibFuzzer", "QuireModel", "QuireStore"]),

        .testTarget(name: "QuireImportTests", dependencies: ["QuireImport", "QuireModel", "QuireSupport", "QuireTOML"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "QuireStoreTests", dependencies: ["QuireStore", "QuireImport", "QuireModel", "CQuireSQL", "QuireCorpus",
                                                            .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "QuireModelTests", dependencies: ["QuireModel"]),
        .testTarget(name: "QuireTOMLTests", dependencies: ["QuireTOML"]),
        .testTarget(name: "QuireUITests", dependencies: ["QuireUI", "QuireModel", "QuireCorpus"]),
        .testTarget(name: "QuireStateTests", dependencies: ["QuireState", "QuireUI", "QuireModel"]),
        .testTarget(name: "QuireConfigTests", dependencies: ["QuireConfig", "QuireUI", "QuireTOML", "QuireCorpus"]),
        .testTarget(name: "QuireServeTests", dependencies: [
            "QuireServe", .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Runs the built `quire` binary (and, for the end-to-end tests, tmux); the large-export
        // test also streams the export through QuireImport in process.
        .testTarget(name: "QuireCLITests", dependencies: ["quire", "quire-bench", "QuireImport", "QuireModel", "QuireStore", "QuireUI"],
                    exclude: ["Fixtures"]),
    ]
)
