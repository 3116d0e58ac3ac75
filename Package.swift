// swift-tools-version: 6.1
// The internships batch processor: stages over a durable queue, see docs/architecture.md.
import PackageDescription

let package = Package(
    name: "internships",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "internships", targets: ["internships"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // libcurl, with typed wrappers for its variadic setopt/getinfo.
        .systemLibrary(
            name: "CCurl",
            path: "Sources/CCurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // OpenSSL's libcrypto (linked through libcurl anyway): SHA-256 of inbound mail.
        .systemLibrary(
            name: "CCrypto",
            path: "Sources/CCrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // Edge: IMAP and SMTP over libcurl. Facts out, no decisions.
        .target(
            name: "MailTransport",
            dependencies: [
                "CCurl",
                "CCrypto",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Pure: RFC 5322 / MIME model, parser, generator, classification.
        .target(name: "MailMessage"),
        // Pure: finding, reading and checking the programme's forms.
        .target(
            name: "Forms",
            dependencies: [
                "MailMessage",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Pure: the programme's rules (experts, ranking, eligibility, selection, invitations).
        .target(name: "Programme", dependencies: ["Forms", "MailMessage"]),
        // Pure: Mustache templates -> outgoing messages (text + HTML, .ics).
        .target(
            name: "Rendering",
            dependencies: [
                "MailMessage",
                "Forms",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // Pure: exported tables (CSV, XLSX via ZIPFoundation) and the grant report's figures.
        .target(
            name: "Reports",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Edge: the configuration file (TOMLKit), validated; secrets read by the shell.
        .target(
            name: "Settings",
            dependencies: [
                "MailTransport",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // Edge: the SQLite database (GRDB): migrations, records, transactions.
        .target(
            name: "Store",
            dependencies: [
                "MailMessage",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Shell: the stages (pickup, parse, apply, plan, deliver, ack) over small protocols.
        .target(
            name: "Pipeline",
            dependencies: [
                "MailMessage", "Forms", "Programme", "Rendering", "Store", "Settings", "MailTransport", "Reports",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Composition root.
        .executableTarget(
            name: "internships",
            dependencies: [
                "MailTransport",
                "MailMessage",
                "Forms",
                "Programme",
                "Rendering",
                "Settings",
                "Store",
                "Pipeline",
                "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Benchmark only (scripts/bench): the real stages against the local servers, not shipped.
        .executableTarget(
            name: "pipeline-bench",
            dependencies: ["Pipeline", "Store", "MailTransport", "Forms", "MailMessage", .product(name: "Logging", package: "swift-log")]
        ),
        // Benchmark only (scripts/bench-parse): times MailMessage on a corpus, not shipped.
        .executableTarget(name: "parse-bench", dependencies: ["MailMessage"]),
        // Test-only helpers shared by the test targets (loopback listeners, the fault proxy, the
        // mail servers' env file, form texts, a seeded generator); only test targets use it.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "MailTransportTests", dependencies: ["MailTransport", "MailMessage", "TestSupport"]),
        .testTarget(
            name: "MailMessageTests",
            dependencies: ["MailMessage", "TestSupport"],
            exclude: ["make_corpus.py"],
            resources: [.copy("Corpus")]
        ),
        .testTarget(
            name: "FormsTests",
            dependencies: ["Forms", "MailMessage", "TestSupport"],
            exclude: ["make_corpus.py"],
            resources: [.copy("Corpus")]
        ),
        .testTarget(name: "ProgrammeTests", dependencies: ["Programme", "Forms"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "MailMessage", "Forms"], exclude: ["Golden"]),
        .testTarget(name: "SettingsTests", dependencies: ["Settings"]),
        // The libFuzzer harnesses without their entry symbol, replaying Tests/Fuzz/regressions.
        .testTarget(
            name: "FuzzReplayTests",
            dependencies: ["Forms", "MailMessage", "Settings"],
            path: "Tests/Fuzz",
            exclude: ["README.md", "config.dict", "forms.dict", "mime.dict", "regressions"],
            swiftSettings: [.define("FUZZ_REPLAY")]
        ),
        .testTarget(name: "StoreTests", dependencies: ["Store", "MailMessage"]),
        // Runs the built `internships` binary against the real local servers.
        .testTarget(name: "CLITests", dependencies: ["Pipeline", "MailTransport", "TestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Store", "MailMessage", "Forms", "Rendering", "Settings", "MailTransport", "Programme", "TestSupport"]),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "Pipeline", "Store", "Rendering", "MailMessage", "Settings"],
            exclude: ["Golden"]
        ),
    ]
)
