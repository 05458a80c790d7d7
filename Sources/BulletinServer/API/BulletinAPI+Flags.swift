import BulletinCore
import BulletinFlags
import BulletinOpenAPI
import BulletinStore
import Foundation

/// Feature flags: admins define them (or import them from Unleash); anyone in the workspace
/// asks which are on.
extension BulletinAPI {
    /// Names the flag routes use as path segments, so no flag may take them.
    static let reservedFlagNames: Set<String> = ["import", "export", "evaluate"]

    func listFlags(_ input: Operations.ListFlags.Input) async throws -> Operations.ListFlags.Output {
        let principal = try RequestScope.principal()
        let now = services.clock.now()
        let flags = try await FlagRepository(database: services.database).list(workspaceID: principal.workspaceID)
        return .ok(.init(body: .json(.init(items: try flags.map { try .init($0, now: now) }, nextCursor: ListCursor(nil)))))
    }

    func getFlag(_ input: Operations.GetFlag.Input) async throws -> Operations.GetFlag.Output {
        let principal = try RequestScope.principal()
        guard
            let flag = try await FlagRepository(database: services.database).flag(
                named: input.path.name, workspaceID: principal.workspaceID)
        else { throw APIError(.notFound, detail: "No such flag.") }
        return .ok(.init(body: .json(try .init(flag, now: services.clock.now()))))
    }

    func createFlag(_ input: Operations.CreateFlag.Input) async throws -> Operations.CreateFlag.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let definition = try await validatedDefinition(body.definition)
        let flag = try await changeFlag { repository, audit, now in
            try await repository.create(definition, staleAfter: body.staleAfter, audit: audit, now: now)
        }
        return .created(.init(body: .json(try .init(flag, now: services.clock.now()))))
    }

    func updateFlag(_ input: Operations.UpdateFlag.Input) async throws -> Operations.UpdateFlag.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        guard body.definition.name == input.path.name else {
            throw APIError.validation([FieldError(pointer: "/definition/name", message: "Use the name in the path; flags are not renamed.")]
            )
        }
        let definition = try await validatedDefinition(body.definition)
        let flag = try await changeFlag { repository, audit, now in
            try await repository.update(definition, staleAfter: body.staleAfter, expectedVersion: body.version, audit: audit, now: now)
        }
        return .ok(.init(body: .json(try .init(flag, now: services.clock.now()))))
    }

    func enableFlag(_ input: Operations.EnableFlag.Input) async throws -> Operations.EnableFlag.Output {
        let flag = try await changeFlag { repository, audit, now in
            try await repository.setEnabled(true, name: input.path.name, audit: audit, now: now)
        }
        return .ok(.init(body: .json(try .init(flag, now: services.clock.now()))))
    }

    func disableFlag(_ input: Operations.DisableFlag.Input) async throws -> Operations.DisableFlag.Output {
        let flag = try await changeFlag { repository, audit, now in
            try await repository.setEnabled(false, name: input.path.name, audit: audit, now: now)
        }
        return .ok(.init(body: .json(try .init(flag, now: services.clock.now()))))
    }

    func deleteFlag(_ input: Operations.DeleteFlag.Input) async throws -> Operations.DeleteFlag.Output {
        try await changeFlag { repository, audit, now in
            try await repository.delete(name: input.path.name, audit: audit, now: now)
        }
        return .noContent(.init())
    }

    /// Imports as Unleash would accept: what cannot be evaluated is kept as written and
    /// answered as a warning; anything else wrong refuses the whole import.
    func importFlags(_ input: Operations.ImportFlags.Input) async throws -> Operations.ImportFlags.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let principal = try RequestScope.principal()
        var collection: FlagCollection = try SchemaJSON.convert(body)
        let repository = FlagRepository(database: services.database)
        let storedSegments = try await repository.segmentIDs(workspaceID: principal.workspaceID)
        var review = FlagValidator.review(collection, storedSegmentIDs: storedSegments)
        for (index, flag) in collection.features.enumerated() where Self.reservedFlagNames.contains(flag.name) {
            review.errors.append(FieldError(pointer: "/features/\(index)/name", message: "This name is reserved."))
        }
        guard review.errors.isEmpty else { throw APIError.validation(review.errors) }
        collection.features = collection.features.map(FlagValidator.settled)
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        let summary = try await repository.importCollection(
            collection, audit: audit, now: services.clock.now())
        services.flags.invalidate(workspaceID: principal.workspaceID)
        return .ok(
            .init(
                body: .json(
                    .init(
                        created: summary.created, updated: summary.updated, segments: summary.segments,
                        warnings: review.warnings.map { .init(pointer: $0.pointer, message: $0.message) }))))
    }

    func exportFlags(_ input: Operations.ExportFlags.Input) async throws -> Operations.ExportFlags.Output {
        let principal = try RequestScope.principal()
        let collection = try await FlagRepository(database: services.database).collection(workspaceID: principal.workspaceID)
        return .ok(.init(body: .json(try SchemaJSON.convert(collection))))
    }

    func evaluateFlags(_ input: Operations.EvaluateFlags.Input) async throws -> Operations.EvaluateFlags.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let problems = Self.evaluationProblems(body)
        guard problems.isEmpty else { throw APIError.validation(problems) }
        return .ok(.init(body: .json(try await evaluation(FlagContext(body.context), names: body.flags))))
    }

    /// At most 200 names, as the document says. Evaluation is otherwise lenient, as Unleash's
    /// is: a context value of any length is compared as it is, and an unknown name is off.
    static func evaluationProblems(_ body: Components.Schemas.FlagEvaluationRequest) -> [FieldError] {
        guard let names = body.flags, names.count > 200 else { return [] }
        return [FieldError(pointer: "/flags", message: "Name at most 200 flags.")]
    }

    func evaluateOwnFlags(_ input: Operations.EvaluateOwnFlags.Input) async throws -> Operations.EvaluateOwnFlags.Output {
        return .ok(.init(body: .json(try await evaluation(try Self.callerFlagContext(), names: nil))))
    }

    /// The caller as flags see them: user, session, address and role.
    static func callerFlagContext() throws -> FlagContext {
        let principal = try RequestScope.principal()
        return FlagContext(
            userId: principal.userID, sessionId: principal.sessionID, remoteAddress: RequestScope.current?.clientAddress,
            properties: ["role": principal.role.rawValue])
    }

    private func evaluation(_ context: FlagContext, names: [String]?) async throws -> Components.Schemas.FlagEvaluation {
        let principal = try RequestScope.principal()
        let results = try await services.flags.evaluateAll(workspaceID: principal.workspaceID, context: context, names: names)
        return .init(results: try results.sorted { $0.key < $1.key }.map { try .init(name: $0.key, result: $0.value) })
    }

    /// The body's definition in Core's form, with variant weights settled, or a 422 naming
    /// every problem.
    private func validatedDefinition(_ body: Components.Schemas.FlagDefinition) async throws -> FlagDefinition {
        let principal = try RequestScope.principal()
        let definition: FlagDefinition = try SchemaJSON.convert(body)
        let segmentIDs = try await FlagRepository(database: services.database).segmentIDs(workspaceID: principal.workspaceID)
        var errors = FlagValidator.problems(in: definition, at: "/definition", segmentIDs: segmentIDs)
        if Self.reservedFlagNames.contains(definition.name) {
            errors.append(FieldError(pointer: "/definition/name", message: "This name is reserved."))
        }
        guard errors.isEmpty else { throw APIError.validation(errors) }
        return FlagValidator.settled(definition)
    }

    /// Runs a change to a flag of the caller's workspace, maps the store's refusals to
    /// problems, and makes this node's next evaluation see the change.
    private func changeFlag<Result>(
        _ change: (FlagRepository, AuditScope, Date) async throws -> Result
    ) async throws -> Result {
        let principal = try RequestScope.principal()
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        let now = services.clock.now()
        do {
            let result = try await change(FlagRepository(database: services.database), audit, now)
            services.flags.invalidate(workspaceID: principal.workspaceID)
            return result
        } catch let error as FlagStoreError {
            switch error {
            case .notFound: throw APIError(.notFound, detail: "No such flag.")
            case .nameTaken: throw APIError(.flagNameTaken, detail: "Choose another name, or change the existing flag.")
            case .versionMismatch(let current):
                throw APIError(.flagVersionConflict, detail: "The flag is at version \(current); read it again and reapply the change.")
            }
        }
    }
}
