import Foundation

/// Runs python3 with python-docx, to make templates as another tool writes them and to check that
/// rendered documents open in an independent reader.
enum PythonDocx {
    /// Runs `script` with `arguments` in `sys.argv[1:]` by the `python3` on the PATH (where
    /// `scripts/test` installs python-docx); its standard output, or an error if it fails.
    @discardableResult
    static func run(_ script: String, arguments: [String] = []) async throws -> String {
        try await ExternalTool.onPath("python3", package: "python3 with python-docx").run(["-c", script] + arguments)
    }

    /// A fresh temporary file path ending in `.docx`.
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appending(path: "template-\(UUID().uuidString).docx").path
    }

    /// What python-docx reads from a .docx: body paragraphs, table cells, header and footer
    /// paragraphs, and the content types of the parts the main document relates to.
    struct Reading: Decodable {
        var paragraphs: [String]
        var cells: [[String]]
        var headers: [String]
        var footers: [String]
        var relatedContentTypes: [String]
    }

    static let readScript = """
        import docx, json, sys
        d = docx.Document(sys.argv[1])
        s = d.sections[0]
        print(json.dumps({
            "paragraphs": [p.text for p in d.paragraphs],
            "cells": [[c.text for c in r.cells] for t in d.tables for r in t.rows],
            "headers": [p.text for p in s.header.paragraphs],
            "footers": [p.text for p in s.footer.paragraphs],
            "relatedContentTypes": sorted(r.target_part.content_type for r in d.part.rels.values() if not r.is_external),
        }))
        """

    /// Opens `docx` with python-docx and reads it back.
    static func read(_ docx: Data) async throws -> Reading {
        let path = temporaryPath()
        try docx.write(to: URL(filePath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try JSONDecoder().decode(Reading.self, from: Data(try await run(readScript, arguments: [path]).utf8))
    }
}
