// swift-tools-version: 6.2
import PackageDescription

/// The gRPC peer of the bus benchmark (deploy/BENCHMARKS.md): a unary echo server and a load
/// client over grpc-swift-2 and its NIO HTTP/2 transport. It is a package of its own so that
/// the main build of Miz never carries gRPC; messages are raw bytes with a hand-written
/// serializer, so no protobuf build plugin runs.
let package = Package(
    name: "miz-bench-grpc",
    platforms: [.macOS(.v15)],
    products: [.executable(name: "grpc-echo-bench", targets: ["GRPCEchoBench"])],
    dependencies: [
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .executableTarget(
            name: "GRPCEchoBench",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [
                .swiftLanguageMode(.v6),
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
            ]
        )
    ]
)
