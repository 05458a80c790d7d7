import AsyncHTTPClient
import NIOCore
import NIOPosix

extension HTTPClient {
    /// The client language-model calls go through by default. A provider that cannot be
    /// reached fails the call at once (after at most 10 s to connect) instead of AsyncHTTPClient
    /// trying to connect again until the call's deadline: the fallback chain does its own
    /// retrying, with backoff, and must move on to the next provider without waiting minutes.
    public static let languageModels: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(10)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: configuration)
    }()
}
