import BulletinBoard
import BulletinCore
import BulletinOpenAPI
import BulletinStore
import Foundation

/// Appointments, the board's cards: booked, changed and moved by editors under `If-Match`.
extension BulletinAPI {
    func createAppointment(_ input: Operations.CreateAppointment.Input) async throws -> Operations.CreateAppointment.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let draft = try Self.validatedDraft(body)
        let appointment = try await changeAppointment { audit, now in
            try await services.board.book(
                draft, status: body.status?.status ?? .scheduled, id: RandomID.make(), audit: audit, now: now)
        }
        return .created(
            .init(headers: .init(eTag: Components.Schemas.Appointment.etag(appointment)), body: .json(.init(appointment))))
    }

    func getAppointment(_ input: Operations.GetAppointment.Input) async throws -> Operations.GetAppointment.Output {
        let principal = try RequestScope.principal()
        guard
            let appointment = try await AppointmentRepository(database: services.database).appointment(
                id: input.path.appointmentId, workspaceID: principal.workspaceID)
        else { throw APIError(.notFound, detail: "No such appointment.") }
        return .ok(.init(headers: .init(eTag: Components.Schemas.Appointment.etag(appointment)), body: .json(.init(appointment))))
    }

    func updateAppointment(_ input: Operations.UpdateAppointment.Input) async throws -> Operations.UpdateAppointment.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let version = try Self.requiredVersion(input.headers.ifMatch)
        let draft = try Self.validatedDraft(body)
        let appointment = try await changeAppointment { audit, now in
            try await services.board.change(id: input.path.appointmentId, to: draft, expectedVersion: version, audit: audit, now: now)
        }
        return .ok(.init(headers: .init(eTag: Components.Schemas.Appointment.etag(appointment)), body: .json(.init(appointment))))
    }

    func deleteAppointment(_ input: Operations.DeleteAppointment.Input) async throws -> Operations.DeleteAppointment.Output {
        let version = input.headers.ifMatch.map(Self.version)
        try await changeAppointment { audit, now in
            try await AppointmentRepository(database: services.database).delete(
                id: input.path.appointmentId, expectedVersion: version, audit: audit, now: now)
        }
        return .noContent(.init())
    }

    func moveAppointment(_ input: Operations.MoveAppointment.Input) async throws -> Operations.MoveAppointment.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let version = try Self.requiredVersion(input.headers.ifMatch)
        let placement = BoardPlacement(status: body.status.status, beforeID: body.beforeId, afterID: body.afterId)
        let appointment = try await changeAppointment { audit, now in
            try await AppointmentRepository(database: services.database).move(
                id: input.path.appointmentId, to: placement, expectedVersion: version, audit: audit, now: now)
        }
        return .ok(.init(headers: .init(eTag: Components.Schemas.Appointment.etag(appointment)), body: .json(.init(appointment))))
    }

    /// The version an `If-Match` names, which a change must have: 428 without one.
    private static func requiredVersion(_ ifMatch: String?) throws -> Int {
        guard let ifMatch else {
            throw APIError(
                .preconditionRequired, detail: "Send If-Match with the appointment's ETag, such as If-Match: \"3\", from your last read.")
        }
        return version(ifMatch)
    }

    /// The version in an `If-Match` value: `"3"` (also `W/"3"` or a bare `3`). A value that
    /// names no version matches none: the change is refused as stale (409, with the card now).
    private static func version(_ ifMatch: String) -> Int {
        var text = ifMatch.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("W/") { text.removeFirst(2) }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = String(text.dropFirst().dropLast()) }
        guard let version = Int(text), version > 0 else { return 0 }
        return version
    }

    /// The body as a tidied draft, or a 422 naming every broken rule.
    private static func validatedDraft(_ body: Components.Schemas.AppointmentInput) throws -> AppointmentDraft {
        let draft = AppointmentValidator.tidied(
            AppointmentDraft(
                customer: Customer(name: body.customer.name, phone: body.customer.phone ?? "", email: body.customer.email ?? ""),
                vehicle: Vehicle(make: body.vehicle.make, model: body.vehicle.model, year: body.vehicle.year, plate: body.vehicle.plate),
                serviceCodes: body.serviceCodes, scheduledStart: body.scheduledStart, expectedEnd: body.expectedEnd,
                location: body.location == .site ? .site : .shop, address: body.address ?? "", technicianID: body.technicianId,
                notes: body.notes ?? ""))
        let problems = AppointmentValidator.problems(in: draft)
        guard problems.isEmpty else { throw APIError.validation(problems) }
        return draft
    }

    /// Runs a change to an appointment of the caller's workspace, audited as the caller's, and
    /// maps the store's refusals to problems.
    private func changeAppointment<Result>(_ change: (AuditScope, Date) async throws -> Result) async throws -> Result {
        let principal = try RequestScope.principal()
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        do {
            return try await change(audit, services.clock.now())
        } catch let error as AppointmentStoreError {
            switch error {
            case .notFound: throw APIError(.notFound, detail: "No such appointment.")
            case .versionMismatch(let current):
                var problem = APIError(
                    .appointmentVersionConflict,
                    detail: "Someone changed this appointment: it is at version \(current.version), in \(current.status.rawValue).")
                problem.current = Components.Schemas.Appointment(current)
                throw problem
            case .wipLimitReached(let status, let limit):
                var problem = APIError(
                    .wipLimitReached, detail: "The \(status.rawValue) column holds at most \(limit) cards a day; it is full.")
                problem.wipLimit = limit
                problem.column = status.rawValue
                throw problem
            case .invalid(let problems): throw APIError.validation(problems)
            }
        }
    }
}
