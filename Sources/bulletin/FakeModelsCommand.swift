import ArgumentParser
import BulletinAIFakes
import Foundation

/// `bulletin fake-models`: a local stand-in for OpenAI, Anthropic and Gemini, to try the AI
/// report writer (or test a deployment's settings) without a provider account.
struct FakeModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fake-models",
        abstract: "Serve a local fake of the OpenAI, Anthropic and Gemini streaming APIs, for trying the AI report writer.",
        discussion: """
            Point a provider at it: BULLETIN_OPENAI_BASE_URL=<printed URL> BULLETIN_OPENAI_API_KEY=\(FakeLanguageModels.key). \
            It answers a report writer's request with its draft; a model named throttled, overloaded, failing, cut, \
            malformed, silent, endless, inventive or careless fails that way (docs/ai-writer.md). Runs until interrupted.
            """)

    @Option(help: "The loopback port to listen on (0 picks a free one).") var port = 0
    @Flag(help: "Stream as a provider does: 300 ms to the first token, then 50 tokens a second.") var realistic = false

    func run() async throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        try await FakeLanguageModels.run(port: port, pace: realistic ? .realistic : .instant) { base, _ in
            // Written unbuffered: a caller reads the URL while the fake runs.
            FileHandle.standardOutput.write(Data("fake language models: \(base) (key \(FakeLanguageModels.key))\n".utf8))
            while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
        }
    }
}
