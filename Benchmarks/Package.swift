// swift-tools-version:6.1
// Kernel benchmarks, kept in their own package so that neither CI nor a build of the main package ever
// compiles or runs them. They reach the kernels through the main package's library products, so a
// build here compiles only the kernel under test and the benchmark, never the server stack.
//
//   scripts/bench/grading.sh        builds grading-bench in release and runs it
import PackageDescription

let package = Package(
    name: "nemis-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "nemis", path: ".."),
    ],
    targets: [
        // Timed with ContinuousClock rather than ordo-one/benchmark: that package (and its malloc
        // interposer) adds minutes to a cold build on a two-core machine, and one wall-clock figure per
        // path, min and median of a few runs at national scale, is all the year-results goal asks for.
        .executableTarget(
            name: "grading-bench",
            dependencies: [.product(name: "Grading", package: "nemis")],
            swiftSettings: [
                .swiftLanguageMode(.v6),
                .enableUpcomingFeature("ExistentialAny"),
            ]
        ),
    ]
)
