import BulletinOpenAPI

/// The status board's calls, answering the success's body and throwing the refusals
/// (``BulletinProblem``, ``AppointmentVersionConflict``).
extension BulletinClient {
    /// The board of a day (`YYYY-MM-DD` in the workspace's time zone): every column in order
    /// with its cards.
    public func board(date: String) async throws -> Components.Schemas.Board {
        let output = try await api.getBoard(query: .init(date: date))
        if case .ok(let answer) = output { return try answer.body.json }
        throw BulletinProblem(refusal: output)
    }

    /// The figures of a day.
    public func boardStats(date: String) async throws -> Components.Schemas.BoardStats {
        let output = try await api.getBoardStats(query: .init(date: date))
        if case .ok(let answer) = output { return try answer.body.json }
        throw BulletinProblem(refusal: output)
    }

    /// Books an appointment. With an `idempotencyKey` the request is retried like a read
    /// (the server answers a repeat with the first answer), so a lost answer books it once.
    public func createAppointment(
        _ appointment: Components.Schemas.AppointmentInput, idempotencyKey: String? = nil
    ) async throws -> Components.Schemas.Appointment {
        let output = try await api.createAppointment(headers: .init(idempotencyKey: idempotencyKey), body: .json(appointment))
        if case .created(let answer) = output { return try answer.body.json }
        throw BulletinProblem(refusal: output)
    }

    /// Moves a card to a column (and between two of its cards), if it is still at `version`.
    /// - Throws: ``AppointmentVersionConflict`` when it changed meanwhile (with the card as
    ///   it is now); ``BulletinProblem`` for another refusal, such as a full column.
    public func moveAppointment(
        _ id: String, to status: Components.Schemas.BoardStatus, version: Int, before: String? = nil, after: String? = nil
    ) async throws -> Components.Schemas.Appointment {
        let output = try await api.moveAppointment(
            path: .init(appointmentId: id), headers: .init(ifMatch: "\"\(version)\""),
            body: .json(.init(status: status, beforeId: before, afterId: after)))
        switch output {
        case .ok(let answer): return try answer.body.json
        case .conflict(let refusal): throw AppointmentVersionConflict.refusal(refusal)
        default: throw BulletinProblem(refusal: output)
        }
    }
}
