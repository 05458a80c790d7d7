// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Bulletin",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bulletin", targets: ["bulletin"]),
        .library(name: "BulletinClient", targets: ["BulletinClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(
            name: "BulletinCore",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BulletinStore",
            dependencies: [
                "BulletinCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BulletinJobs",
            dependencies: [
                "BulletinCore",
                "BulletinStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BulletinFlags",
            dependencies: [
                "BulletinCore",
                "BulletinStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Documents (PDF, DOCX, LaTeX) from one model, with no I/O but reading fonts.
        .target(
            name: "BulletinDocuments",
            dependencies: [
                .product(name: "ZIPFoundation", package: "ZIPFoundation")
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BulletinReports",
            dependencies: [
                "BulletinAI",
                "BulletinCore",
                "BulletinDocuments",
                "BulletinForms",
                "BulletinJobs",
                "BulletinStore",
                "CLibXML2",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        // The status board: services, appointments in status columns, moves and the day's figures.
        // Language-model providers over AsyncHTTPClient, each in its own streaming wire format.
        .target(
            name: "BulletinAI",
            dependencies: [
                "BulletinCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // A local server speaking the providers' wire formats, with faults on request: for
        // tests and benchmarks, since no provider can be reached from here.
        .target(
            name: "BulletinAIFakes",
            dependencies: [
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Forms: definitions, the JSON Logic rule engine, JSON Schema 2020-12 validation. Pure.
        .target(
            name: "BulletinForms",
            dependencies: ["BulletinCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BulletinBoard",
            dependencies: ["BulletinCore", "BulletinStore"],
            swiftSettings: swiftSettings
        ),
        // What `serve` and `worker` are both made of, without HTTP: the settings, the log
        // format, and the product's jobs with their worker.
        .target(
            name: "BulletinApp",
            dependencies: [
                "BulletinAI",
                "BulletinCore",
                "BulletinFlags",
                "BulletinJobs",
                "BulletinReports",
                "BulletinStore",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The API's types and a client, generated from the OpenAPI document: shared by the
        // server's handlers and the client library, so compiled once.
        .target(
            name: "BulletinOpenAPI",
            dependencies: [
                "BulletinCore",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ],
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // The typed client for Swift programs: the generated client with retries, correlation
        // IDs and typed refusals.
        .target(
            name: "BulletinClient",
            dependencies: [
                "BulletinCore",
                "BulletinOpenAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BulletinServer",
            dependencies: [
                "BulletinAI",
                "BulletinApp",
                "BulletinBoard",
                "BulletinCore",
                "BulletinDocuments",
                "BulletinFlags",
                "BulletinForms",
                "BulletinJobs",
                "BulletinOpenAPI",
                "BulletinReports",
                "BulletinStore",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The web UI's TypeScript declarations, for its JSDoc types: read by editors and tsc, not served.
            exclude: ["Web/bulletin-api.d.ts"],
            resources: [
                .embedInCode("openapi.json"),
                .embedInCode("Web/index.html"), .embedInCode("Web/app.css"), .embedInCode("Web/app.js"),
                .embedInCode("Web/api.js"), .embedInCode("Web/dom.js"), .embedInCode("Web/projects.js"),
                .embedInCode("Web/project.js"), .embedInCode("Web/setup.js"), .embedInCode("Web/run.js"),
                .embedInCode("Web/fields.js"), .embedInCode("Web/wizard.js"), .embedInCode("Web/jobs.js"),
                .embedInCode("Web/exports.js"), .embedInCode("Web/schedule.js"), .embedInCode("Web/cards.js"),
                .embedInCode("Web/board.js"), .embedInCode("Web/services.js"), .embedInCode("Web/display.js"),
                .embedInCode("Web/usage.js"), .embedInCode("Web/json-logic.js"), .embedInCode("Web/form-engine.js"),
                .embedInCode("Web/form-render.js"), .embedInCode("Web/form-fields.js"), .embedInCode("Web/forms.js"),
                .embedInCode("Web/form-builder.js"), .embedInCode("Web/form-properties.js"), .embedInCode("Web/form-rules.js"),
                .embedInCode("Web/respond.js"), .embedInCode("Web/respond.html"),
                .embedInCode("Web/display.html"), .embedInCode("Web/favicon.svg"),
            ],
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .executableTarget(
            name: "bulletin",
            dependencies: [
                "BulletinAIFakes",
                "BulletinApp",
                "BulletinCore",
                "BulletinDocuments",
                "BulletinForms",
                "BulletinJobs",
                "BulletinReports",
                "BulletinServer",
                "BulletinStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "hummingbird-baseline",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Benchmarks/HummingbirdBaseline",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "realtime-load",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/RealtimeLoad",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BulletinTestSupport",
            dependencies: [
                "BulletinCore",
                "BulletinStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // Child processes of the tests start through swift-subprocess (see ChildProcess).
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings
        ),
        // What tests of the HTTP side share: the application on a test client, and clients of
        // its event streams and WebSockets. Apart from the kit above so that the Core, Store,
        // Jobs and Reports tests build without the server.
        .target(
            name: "BulletinServerTestSupport",
            dependencies: [
                "BulletinApp",
                "BulletinCore",
                "BulletinServer",
                "BulletinStore",
                "BulletinTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BulletinCoreTests",
            dependencies: ["BulletinCore", "BulletinTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BulletinAITests",
            dependencies: [
                "BulletinAI",
                "BulletinAIFakes",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BulletinFormsTests",
            dependencies: ["BulletinCore", "BulletinForms", "BulletinTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BulletinBoardTests",
            dependencies: ["BulletinBoard", "BulletinCore", "BulletinStore", "BulletinTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BulletinAppTests",
            dependencies: [
                "BulletinApp",
                "BulletinStore",
                "BulletinTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BulletinStoreTests",
            dependencies: ["BulletinCore", "BulletinStore", "BulletinTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BulletinJobsTests",
            dependencies: [
                "BulletinCore",
                "BulletinJobs",
                "BulletinStore",
                "BulletinTestSupport",
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BulletinServerTests",
            dependencies: [
                "BulletinAI",
                "BulletinAIFakes",
                "BulletinApp",
                "BulletinClient",
                "BulletinCore",
                "BulletinFlags",
                "BulletinJobs",
                "BulletinOpenAPI",
                "BulletinReports",
                "BulletinServer",
                "BulletinServerTestSupport",
                "BulletinStore",
                "BulletinTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BulletinDocumentsTests",
            dependencies: [
                "BulletinDocuments",
                "BulletinTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BulletinReportsTests",
            dependencies: [
                "BulletinAI",
                "BulletinCore",
                "BulletinDocuments",
                "BulletinReports",
                "BulletinTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "bulletin", "BulletinApp", "BulletinCore", "BulletinServer", "BulletinServerTestSupport", "BulletinStore",
                "BulletinTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
