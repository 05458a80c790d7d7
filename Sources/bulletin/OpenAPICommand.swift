import ArgumentParser
import BulletinServer
import Foundation

/// `bulletin openapi`: the API's contract in other forms.
struct OpenAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi", abstract: "Write the API's contract in other forms.", subcommands: [TypeScriptCommand.self])
}

/// `bulletin openapi typescript`: TypeScript declarations of every schema and operation of
/// the OpenAPI document this binary serves.
struct TypeScriptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "typescript",
        abstract: "Print TypeScript declarations of every schema and operation of the API.",
        discussion: """
            One interface or type per schema (components.schemas), and an Operations interface: \
            per operationId its method, path, parameters, request body and answers by status. \
            The web UI's JSDoc types read the same declarations (Web/bulletin-api.d.ts).
            """)

    @Option(help: "Write to this file instead of standard output.") var output: String?

    func run() throws {
        let declarations = try TypeScriptDeclarations.render()
        guard let output else { return print(declarations, terminator: "") }
        do {
            try Data(declarations.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw ValidationError("cannot write \(output): \(error.localizedDescription)")
        }
    }
}
