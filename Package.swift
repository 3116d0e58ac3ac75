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
    ],
    targets: [
        // libcurl, with typed wrappers for its variadic setopt/getinfo.
        .systemLibrary(
            name: "CCurl",
            path: "Sources/CCurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // Edge: IMAP and SMTP over libcurl. Facts out, no decisions.
        .target(
            name: "MailTransport",
            dependencies: [
                "CCurl",
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
        // Composition root.
        .executableTarget(
            name: "internships",
            dependencies: [
                "MailTransport",
                "MailMessage",
                "Forms",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Benchmark only (scripts/bench-parse): times MailMessage on a corpus, not shipped.
        .executableTarget(name: "parse-bench", dependencies: ["MailMessage"]),
        .testTarget(name: "MailTransportTests", dependencies: ["MailTransport", "MailMessage"]),
        .testTarget(
            name: "MailMessageTests",
            dependencies: ["MailMessage"],
            resources: [.copy("Corpus")]
        ),
        .testTarget(
            name: "FormsTests",
            dependencies: ["Forms", "MailMessage"],
            resources: [.copy("Corpus")]
        ),
    ]
)
