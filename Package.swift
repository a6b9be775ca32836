// swift-tools-version: 6.2
import PackageDescription

/// Strict settings for every target of Miz: Swift 6 mode, explicit existentials, and imports
/// that say which module a member comes from.
let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let prometheus = Target.Dependency.product(name: "Prometheus", package: "swift-prometheus")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let unixSignals = Target.Dependency.product(name: "UnixSignals", package: "swift-service-lifecycle")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let hummingbirdTesting = Target.Dependency.product(name: "HummingbirdTesting", package: "hummingbird")
let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let httpTypes = Target.Dependency.product(name: "HTTPTypes", package: "swift-http-types")
let mustache = Target.Dependency.product(name: "Mustache", package: "swift-mustache")
let subprocess = Target.Dependency.product(name: "Subprocess", package: "swift-subprocess")
let bcrypt = Target.Dependency.product(name: "HummingbirdBcrypt", package: "hummingbird-auth")
let postgres = Target.Dependency.product(name: "PostgresNIO", package: "postgres-nio")

/// One Miz service: a library target with its logic under `Services/<folder>/Library` and a
/// thin executable under `Services/<folder>/Main` whose product carries the operator's name.
func service(
    _ folder: String,
    executable: String,
    dependencies: [Target.Dependency],
    mainDependencies: [Target.Dependency] = [],
    resources: [Resource]? = nil
) -> (targets: [Target], product: Product) {
    let library = Target.target(
        name: folder,
        dependencies: dependencies,
        path: "Services/\(folder)/Library",
        resources: resources,
        swiftSettings: strictSettings
    )
    let main = Target.executableTarget(
        name: "\(folder)Main",
        dependencies: [.target(name: folder), "MizRuntime", argumentParser] + mainDependencies,
        path: "Services/\(folder)/Main",
        swiftSettings: strictSettings
    )
    return ([library, main], .executable(name: executable, targets: ["\(folder)Main"]))
}

let serviceRuntime: [Target.Dependency] = ["MizSchema", "MizBus", "MizRuntime", logging, metrics]

let services = [
    service(
        "Broker", executable: "broker",
        dependencies: [
            "ZeroMQ", "CZeroMQ", "Majordomo", "MizSchema", "MizRuntime", logging, metrics, argumentParser,
            serviceLifecycle, unixSignals,
        ]
    ),
    service(
        "Gateway", executable: "gateway",
        dependencies: serviceRuntime + [
            hummingbird, httpTypes, serviceLifecycle, unixSignals, argumentParser, mustache, "MizPersian",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "MultipartKit", package: "multipart-kit"),
        ],
        resources: [.copy("Resources")]
    ),
    service(
        "Catalog", executable: "catalog", dependencies: serviceRuntime + ["MizPersian", "MizPostgres", grdb, postgres],
        mainDependencies: ["MizPostgres"], resources: [.copy("Resources/seed-catalog.json")]),
    service(
        "Requests", executable: "requests",
        dependencies: serviceRuntime + [
            "MizPersian", "MizPostgres", grdb, postgres, crypto, serviceLifecycle, argumentParser,
        ],
        mainDependencies: ["MizPostgres"]),
    service(
        "IdentityVerifier", executable: "identity-verifier",
        dependencies: serviceRuntime + [
            "MizPersian", "MizPostgres", grdb, postgres, argumentParser, serviceLifecycle, crypto, bcrypt,
        ],
        mainDependencies: ["MizPostgres"]),
    service(
        "Feedback", executable: "feedback",
        dependencies: serviceRuntime + [
            "MizPersian", "MizPostgres", grdb, postgres, crypto, serviceLifecycle, argumentParser,
        ],
        mainDependencies: ["MizPostgres"]),
    service(
        "Notifier", executable: "notifier",
        dependencies: serviceRuntime + ["MizPersian", "MizPostgres", grdb, postgres, argumentParser, serviceLifecycle],
        mainDependencies: ["MizPostgres"]),
    service(
        "Desk", executable: "desk",
        dependencies: serviceRuntime + [
            "Broker", subprocess, argumentParser, hummingbird, httpTypes, serviceLifecycle,
            .product(name: "SystemPackage", package: "swift-system"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOFoundationCompat", package: "swift-nio"),
        ]
    ),
]

let package = Package(
    name: "miz",
    platforms: [.macOS(.v15)],
    products: services.map(\.product) + [
        .executable(name: "bus-benchmark", targets: ["BusBenchmark"]),
        .executable(name: "catalog-benchmark", targets: ["CatalogBenchmark"]),
        .executable(name: "requests-benchmark", targets: ["RequestsBenchmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/vapor/multipart-kit", exact: "4.7.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .executableTarget(
            name: "BusBenchmark",
            dependencies: [
                "ZeroMQ", "CZeroMQ", "Majordomo", "MizSchema", "MizBus", "IdentityVerifier", argumentParser, logging,
                hummingbird,
            ],
            path: "deploy/bench/BusBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "CatalogBenchmark",
            dependencies: ["Catalog", "MizSchema", "MizPersian", argumentParser, hummingbird, logging],
            path: "deploy/bench/CatalogBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "RequestsBenchmark",
            dependencies: ["Requests", "Catalog", "IdentityVerifier", "MizSchema", "MizPersian", argumentParser],
            path: "deploy/bench/RequestsBenchmark",
            swiftSettings: strictSettings
        ),
        .systemLibrary(
            name: "CZeroMQ",
            path: "Shared/CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"], path: "Shared/ZeroMQ", swiftSettings: strictSettings),
        .target(name: "Majordomo", path: "Shared/Majordomo", swiftSettings: strictSettings),
        .target(
            name: "MizSchema",
            path: "Shared/MizSchema",
            exclude: ["WIRE-FORMAT.md"],
            swiftSettings: strictSettings
        ),
        .target(name: "MizPersian", path: "Shared/MizPersian", swiftSettings: strictSettings),
        .target(
            name: "MizBus",
            dependencies: ["ZeroMQ", "Majordomo", "MizSchema", logging, metrics],
            path: "Shared/MizBus",
            swiftSettings: strictSettings
        ),
        .target(
            name: "MizRuntime",
            dependencies: [
                "MizBus", "MizSchema", "ZeroMQ", argumentParser, logging, metrics, prometheus,
                serviceLifecycle, unixSignals, hummingbird, grdb,
            ],
            path: "Shared/MizRuntime",
            swiftSettings: strictSettings
        ),
        .target(
            name: "MizPostgres",
            dependencies: [
                "MizRuntime", postgres, argumentParser, logging, .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Shared/MizPostgres",
            swiftSettings: strictSettings
        ),
        .target(
            name: "MizStorageTesting",
            dependencies: ["MizPostgres", "MizSchema", logging],
            path: "Tests/StorageTesting",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MizPostgresTests",
            dependencies: ["MizPostgres", "MizStorageTesting", "MizRuntime", postgres, logging],
            path: "Tests/MizPostgresTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ZeroMQTests", dependencies: ["ZeroMQ", "CZeroMQ"], path: "Tests/ZeroMQTests",
            swiftSettings: strictSettings),
        .testTarget(
            name: "MizSchemaTests",
            dependencies: ["MizSchema"],
            path: "Tests/MizSchemaTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MizPersianTests",
            dependencies: ["MizPersian", .product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/MizPersianTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BrokerTests",
            dependencies: ["Broker", "ZeroMQ", "CZeroMQ", "Majordomo", "MizSchema", "MizRuntime", logging, metrics],
            path: "Tests/BrokerTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MizRuntimeTests",
            dependencies: ["MizRuntime", "ZeroMQ", logging],
            path: "Tests/MizRuntimeTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CatalogTests",
            dependencies: [
                "Catalog", "MizSchema", "MizPersian", "MizBus", "MizRuntime", "MizPostgres", "MizStorageTesting", grdb,
                postgres,
            ],
            path: "Tests/CatalogTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "IdentityTests",
            dependencies: [
                "IdentityVerifier", "MizSchema", "MizPersian", "MizBus", "MizRuntime", "MizPostgres", "MizStorageTesting",
                grdb, postgres, hummingbird, logging, crypto, argumentParser,
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/IdentityTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "NotifierTests",
            dependencies: [
                "Notifier", "MizSchema", "MizPersian", "MizBus", "MizRuntime", "MizPostgres", "MizStorageTesting", grdb,
                postgres,
                hummingbird, logging, .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/NotifierTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RequestsTests",
            dependencies: [
                "Requests", "Catalog", "IdentityVerifier", "Notifier", "MizSchema", "MizPersian", "MizBus",
                "MizRuntime", "MizPostgres", "MizStorageTesting", grdb, postgres, logging, crypto,
            ],
            path: "Tests/RequestsTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FeedbackTests",
            dependencies: [
                "Feedback", "Notifier", "Broker", "MizSchema", "MizPersian", "MizBus", "MizRuntime", "MizPostgres",
                "MizStorageTesting", grdb, postgres, logging,
            ],
            path: "Tests/FeedbackTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BusTests",
            dependencies: ["Broker", "MizBus", "MizSchema", "ZeroMQ", "Majordomo", logging, crypto],
            path: "Tests/BusTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "Broker", "Catalog", "IdentityVerifier", "Requests", "Notifier", "Feedback", "MizBus", "MizSchema",
                "MizPersian", "MizRuntime", "MizStorageTesting", crypto,
                hummingbird,
                hummingbirdTesting, httpTypes, logging, grdb, .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            path: "Tests/GatewayTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "DeskTests",
            dependencies: [
                "Desk", argumentParser, hummingbird, logging, .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/DeskTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SystemTests",
            dependencies: [
                "MizBus", "MizSchema", "MizRuntime", "MizPostgres", "MizStorageTesting", "ZeroMQ", "Majordomo", logging,
                subprocess, crypto,
            ],
            path: "Tests/SystemTests",
            swiftSettings: strictSettings
        ),
    ] + services.flatMap(\.targets)
)
