import Foundation

extension FakeLanguageModels {
    /// How each provider frames a streamed answer, and where its request holds the prompt.
    enum Formats {
        /// The frames of an answer: the model's name, the text's pieces, and the usage to report
        /// (`nil`: none, as a provider that leaves it out).
        typealias Frames = @Sendable (_ model: String, _ pieces: [String], _ usage: (input: Int, output: Int)?) -> [String]

        /// The system and user text of a request in any of the three formats.
        static func promptText(of request: [String: Any]) -> String {
            var texts: [String] = []
            if let system = request["system"] as? String { texts.append(system) }
            for message in request["messages"] as? [[String: Any]] ?? [] {
                if let content = message["content"] as? String { texts.append(content) }
            }
            let geminiParts =
                [request["systemInstruction"] as? [String: Any]] + (request["contents"] as? [[String: Any]] ?? []).map { $0 }
            for content in geminiParts.compactMap({ $0 }) {
                for part in content["parts"] as? [[String: Any]] ?? [] {
                    if let text = part["text"] as? String { texts.append(text) }
                }
            }
            return texts.joined(separator: "\n")
        }

        static let openAI: Frames = { model, pieces, usage in
            var frames = pieces.map { piece in
                "data: " + json(["model": "\(model)-2026", "choices": [["index": 0, "delta": ["content": piece]]]]) + "\n\n"
            }
            if let usage {
                frames.append(
                    "data: "
                        + json([
                            "model": "\(model)-2026", "choices": [],
                            "usage": ["prompt_tokens": usage.input, "completion_tokens": usage.output],
                        ]) + "\n\n")
            }
            return frames + ["data: [DONE]\n\n"]
        }

        static let anthropic: Frames = { model, pieces, usage in
            let start: [String: Any] = [
                "type": "message_start",
                "message": ["model": model, "usage": usage.map { ["input_tokens": $0.input, "output_tokens": 1] } ?? [:]],
            ]
            var frames = ["event: message_start\r\ndata: \(json(start))\r\n\r\n", "event: ping\r\ndata: {\"type\": \"ping\"}\r\n\r\n"]
            frames += pieces.map { piece in
                "event: content_block_delta\r\ndata: "
                    + json(["type": "content_block_delta", "index": 0, "delta": ["type": "text_delta", "text": piece]]) + "\r\n\r\n"
            }
            var delta: [String: Any] = ["type": "message_delta", "delta": ["stop_reason": "end_turn"]]
            if let usage { delta["usage"] = ["output_tokens": usage.output] }
            return frames + [
                "event: message_delta\r\ndata: \(json(delta))\r\n\r\n", "event: message_stop\r\ndata: {\"type\":\"message_stop\"}\r\n\r\n",
            ]
        }

        /// Gemini reports the usage so far with each chunk; the last one's counts are the call's.
        static let gemini: Frames = { model, pieces, usage in
            pieces.enumerated().map { index, piece in
                var candidate: [String: Any] = ["content": ["role": "model", "parts": [["text": piece]]]]
                if index == pieces.count - 1 { candidate["finishReason"] = "STOP" }
                var chunk: [String: Any] = ["candidates": [candidate], "modelVersion": model]
                if let usage {
                    let soFar = index == pieces.count - 1 ? usage.output : usage.output * (index + 1) / pieces.count
                    chunk["usageMetadata"] = ["promptTokenCount": usage.input, "candidatesTokenCount": soFar]
                }
                return "data: \(json(chunk))\n\n"
            }
        }

        private static func json(_ object: [String: Any]) -> String {
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
            return String(decoding: data, as: UTF8.self)
        }
    }
}
