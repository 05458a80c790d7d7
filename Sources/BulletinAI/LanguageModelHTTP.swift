import AsyncHTTPClient
import NIOCore
import NIOPosix

extension HTTPClient {
    /// The client language-model calls go through by default. A provider that cannot be
    /// reached fails the call at once (after at most 10 s to connect) instead of AsyncHTTPClient
    /// trying to connect again until the call's deadline: the fallback chain does its own
    /// retrying, with backoff, and must move on to the next provider without waiting minutes.
    /// Every call streams for seconds and all go to the same few hosts: the pool keeps up to
    /// 128 HTTP/1.1 connections per host (the default of 8 would queue the ninth call behind
    /// another's whole answer; HTTPS providers multiplex over HTTP/2 anyway).
    public static let languageModels: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(10)
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 128
        return HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: configuration)
    }()
}
