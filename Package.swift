// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "nemis",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "nemis", targets: ["nemis"]),
        .library(name: "Grading", targets: ["Grading"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // Kernels: pure algorithms, no I/O.
        .target(name: "SplitMix", swiftSettings: strict),
        .target(name: "CitizenID", swiftSettings: strict),
        .target(name: "VietnameseText", swiftSettings: strict),
        .target(name: "Grading", swiftSettings: strict),
        .target(name: "Clearing", swiftSettings: strict),
        .target(name: "ExamRules", swiftSettings: strict),
        .target(name: "PersonMatching", dependencies: ["VietnameseText", "CitizenID", "SplitMix"], swiftSettings: strict),
        .target(name: "Compression", swiftSettings: strict),
        .target(
            name: "DataIntegrity",
            dependencies: ["Compression", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),

        // Shared plumbing: database, migrations, access control, errors, paging, audit.
        .target(
            name: "Platform",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                "VietnameseText",
                "Compression",
                "DataIntegrity",
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Registry",
            dependencies: [
                "Platform", "CitizenID", "VietnameseText", "ExamRules", "SplitMix",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        .target(
            name: "Records",
            dependencies: [
                "Platform", "Registry", "Grading", "VietnameseText",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        .target(
            name: "Credentials",
            dependencies: [
                "Platform", "Registry", "Records", "DataIntegrity", "SplitMix",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Admissions",
            dependencies: ["Platform", "Clearing"],
            swiftSettings: strict
        ),
        .target(
            name: "Payments",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(
            name: "Fees",
            dependencies: [
                "Platform", "Payments",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Web",
            dependencies: [
                "Platform", "Registry", "Records", "Credentials", "DataIntegrity", "Grading", "Compression", "BulkData", "IdentityVerification", "PersonMatching", "Exams",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Exams",
            dependencies: [
                "Platform", "Registry", "Records", "ExamRules", "Clearing", "CitizenID", "Fees",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "App",
            dependencies: [
                "Platform", "Registry", "Records", "Credentials", "Exams", "Web", "Fees", "BulkData", "OneRoster", "IdentityVerification", "Identity", "CitizenID",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Identity",
            dependencies: [
                "Platform", "CitizenID", "VietnameseText", "SplitMix",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "IdentityVerification",
            dependencies: [
                "Platform", "Registry", "Identity", "PersonMatching", "CitizenID", "VietnameseText",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "OneRoster",
            dependencies: [
                "Platform", "Registry", "BulkData",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BulkData",
            dependencies: [
                "Platform", "Registry", "Records", "CitizenID", "VietnameseText", "SplitMix",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "nemis",
            dependencies: [
                "App", "Admissions", "Credentials", "BulkData", "Fees", "Identity", "IdentityVerification", "OneRoster", "PersonMatching",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        .testTarget(name: "SplitMixTests", dependencies: ["SplitMix"], swiftSettings: strict),
        .testTarget(name: "CitizenIDTests", dependencies: ["CitizenID", "SplitMix"], swiftSettings: strict),
        .testTarget(name: "VietnameseTextTests", dependencies: ["VietnameseText", "SplitMix"], swiftSettings: strict),
        .testTarget(name: "GradingTests", dependencies: ["Grading", "SplitMix"], swiftSettings: strict),
        .testTarget(
            name: "CredentialsTests",
            dependencies: ["Credentials", "DataIntegrity", "Platform", "SplitMix", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .testTarget(name: "ClearingTests", dependencies: ["Clearing", "Admissions", "SplitMix"], swiftSettings: strict),
        .testTarget(name: "ExamRulesTests", dependencies: ["ExamRules"], swiftSettings: strict),
        .testTarget(name: "PersonMatchingTests", dependencies: ["PersonMatching", "VietnameseText", "CitizenID", "SplitMix"], swiftSettings: strict),
        .testTarget(name: "CompressionTests", dependencies: ["Compression"], swiftSettings: strict),
        .testTarget(name: "PaymentsTests", dependencies: ["Payments", "SplitMix"], swiftSettings: strict),
        .testTarget(
            name: "SpreadsheetTests",
            dependencies: ["Platform", "Compression", "SplitMix"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DataIntegrityTests",
            dependencies: ["DataIntegrity", "SplitMix", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Vectors")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BulkDataTests",
            dependencies: ["BulkData", "Platform", "Registry", "CitizenID", "VietnameseText", "SplitMix"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "IdentityTests",
            dependencies: [
                "Identity", "BulkData", "CitizenID", "Platform",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App", "Platform", "Registry", "Fees", "Payments", "BulkData", "OneRoster", "IdentityVerification", "Identity", "SplitMix",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
    ]
)
