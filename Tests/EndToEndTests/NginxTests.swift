import BulletinServerTestSupport
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

/// `deploy/nginx.conf` in front of the built binary, in Debian's nginx (scripts/test installs it).
@Suite("nginx in front of Bulletin")
struct NginxTests {
    /// A port nothing listens on now.
    static func freePort() throws -> Int {
        let socket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The repository's `deploy/nginx.conf`, pointed at `upstream` and listening on `port`,
    /// inside a main configuration that keeps nginx's files in `folder`.
    static func configuration(upstream: URL, port: Int, folder: String) throws -> String {
        let deploy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("deploy/nginx.conf")
        var site = try String(contentsOf: deploy, encoding: .utf8)
        site = site.replacingOccurrences(of: "server 127.0.0.1:8080;", with: "server \(upstream.host!):\(upstream.port!);")
        site = site.replacingOccurrences(of: "listen 80;", with: "listen 127.0.0.1:\(port);")
        try site.write(toFile: folder + "/site.conf", atomically: true, encoding: .utf8)
        return """
            worker_processes 1;
            pid \(folder)/nginx.pid;
            error_log \(folder)/error.log;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path \(folder)/body; proxy_temp_path \(folder)/proxy;
                fastcgi_temp_path \(folder)/fastcgi; uwsgi_temp_path \(folder)/uwsgi; scgi_temp_path \(folder)/scgi;
                include \(folder)/site.conf;
            }
            """
    }

    @Test("the API, server-sent events and WebSockets pass through deploy/nginx.conf, events unbuffered")
    func eventsThroughNginx() async throws {
        let nginxPath = "/usr/sbin/nginx"
        try #require(FileManager.default.isExecutableFile(atPath: nginxPath), "nginx is not installed; scripts/test installs it")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let created = try BulletinProcess(
            ["user", "create", "--email", "ada@example.com", "--workspace", "Acme", "--role", "owner", "--password-stdin"],
            in: folder.path, input: "correct horse battery\n")
        #expect(try await created.waitForExit() == 0)
        let server = try BulletinProcess(["serve", "--port", "0", "--trust-forwarded-for", "true"], in: folder.path)
        let upstream = try await server.waitUntilListening()

        let nginxFolder = folder.path + "/nginx"
        try FileManager.default.createDirectory(atPath: nginxFolder, withIntermediateDirectories: true)
        // nginx's workers run as an unprivileged user when started as root.
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: nginxFolder)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        let port = try Self.freePort()
        try Self.configuration(upstream: upstream, port: port, folder: nginxFolder)
            .write(toFile: nginxFolder + "/nginx.conf", atomically: true, encoding: .utf8)
        let nginx = Process()
        nginx.executableURL = URL(fileURLWithPath: nginxPath)
        nginx.arguments = ["-c", nginxFolder + "/nginx.conf", "-g", "daemon off;"]
        try nginx.run()
        defer {
            nginx.terminate()
            nginx.waitUntilExit()
        }
        let base = URL(string: "http://127.0.0.1:\(port)")!
        try await waitUntil("nginx answers") { (try? await fetch(base.appending(path: "healthz")))?.status == 200 }

        let login = try await fetch(
            base.appending(path: "v1/auth/login"), method: "POST", headers: ["Content-Type": "application/json"],
            body: Data(#"{"email":"ada@example.com","password":"correct horse battery"}"#.utf8))
        #expect(login.status == 200)
        let token = try #require((try JSONSerialization.jsonObject(with: login.body) as? [String: Any])?["accessToken"] as? String)
        let me = try await fetch(base.appending(path: "v1/me"), headers: ["Authorization": "Bearer \(token)", "X-Request-ID": "via-nginx"])
        #expect(me.headers["x-request-id"] == "via-nginx")
        let workspace = try #require(
            ((try JSONSerialization.jsonObject(with: me.body) as? [String: Any])?["workspace"] as? [String: Any])?["id"] as? String)

        let stream = try await EventStreamClient.connect(
            base.absoluteString + "/v1/events?topic=workspace:\(workspace)", headers: [("Authorization", "Bearer \(token)")])
        #expect(stream.status == 200)
        #expect(stream.contentType == "text/event-stream")
        // One small event, with the connection still open: a buffering proxy would hold it back.
        let invited = try await fetch(
            base.appending(path: "v1/invitations"), method: "POST",
            headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"],
            body: Data(#"{"email":"grace@example.com","role":"viewer"}"#.utf8))
        #expect(invited.status == 201)
        let events = try await stream.next(1, only: ["invitation.create"], limit: .seconds(10))
        #expect(events.first?.type == "invitation.create")
        stream.close()
        // The WebSocket upgrade passes through, and so does the next event.
        let socket = WebSocketTestClient(
            "ws://127.0.0.1:\(port)/v1/ws", headers: [.authorization: "Bearer \(token)"])
        #expect(try await socket.next(1, limit: .seconds(10)).first?.type == "ready")
        try socket.send(["type": "subscribe", "id": "w", "topics": ["workspace:\(workspace)"]])
        #expect(try await socket.next(1, only: ["subscribed", "error"], limit: .seconds(10)).first?.type == "subscribed")
        let again = try await fetch(
            base.appending(path: "v1/invitations"), method: "POST",
            headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"],
            body: Data(#"{"email":"alan@example.com","role":"viewer"}"#.utf8))
        #expect(again.status == 201)
        var sawInvitation = false
        while !sawInvitation {
            let message = try #require(try await socket.next(1, only: ["event"], limit: .seconds(10)).first)
            sawInvitation = (message.json["event"] as? [String: Any])?["type"] as? String == "invitation.create"
        }
        // Shutting the node down closes the open WebSocket cleanly, through nginx.
        server.send(SIGTERM)
        try await socket.waitUntilClosed()
        #expect(socket.closed?.code == 1000)
        #expect(try await server.waitForExit() == 0)
    }
}
