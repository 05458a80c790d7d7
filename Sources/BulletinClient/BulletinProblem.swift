import BulletinOpenAPI

/// A problem the server answered with (RFC 9457), thrown by ``BulletinClient``'s conveniences.
public struct BulletinProblem: Error, Sendable, CustomStringConvertible {
    /// The HTTP status.
    public let status: Int
    /// The problem document; `nil` when the answer carried none (an undocumented status).
    public let document: Components.Schemas.Problem?

    /// The problem's stable type without the documentation prefix, such as `not-found`.
    public var type: String? {
        document.map { $0._type.split(separator: "/").last.map(String.init) ?? $0._type }
    }

    public var description: String {
        guard let document else { return "The server refused the request without a problem document." }
        return "\(status) \(document.title)" + (document.detail.map { ": \($0)" } ?? "") + " (request \(document.requestId))"
    }

    init(status: Int, _ response: Components.Responses.Problem) {
        self.status = status
        self.document = try? response.body.applicationProblemJson
    }

    /// The problem an operation's refusal carries. Every refusal of the document is an RFC 9457
    /// problem (`Components.Responses.Problem`), but each operation has its own output enum;
    /// this finds the problem in whichever case it is, so one initialiser serves them all.
    init(refusal output: some Sendable) {
        var pending: [Any] = [output]
        while !pending.isEmpty {
            let value = pending.removeFirst()
            if let response = value as? Components.Responses.Problem {
                let document = try? response.body.applicationProblemJson
                self.init(status: document?.status ?? 0, document: document)
                return
            }
            pending += Mirror(reflecting: value).children.map(\.value)
        }
        self.init(status: 0, document: nil)
    }

    private init(status: Int, document: Components.Schemas.Problem?) {
        self.status = status
        self.document = document
    }
}

/// A conditional write refused because the appointment changed since it was read (409
/// `appointment-version-conflict`): ``current`` is the appointment as it is now, so the
/// caller can show it or decide again without another read.
public struct AppointmentVersionConflict: Error, Sendable, CustomStringConvertible {
    /// The refusal as the server sent it.
    public let problem: BulletinProblem
    /// The appointment as it is now.
    public let current: Components.Schemas.Appointment

    public var description: String {
        "The appointment changed meanwhile: it is at version \(current.version), in \(current.status.rawValue)."
    }

    /// The conflict a 409 describes, or the plain problem when it is another refusal.
    static func refusal(_ response: Components.Responses.Problem) -> any Error {
        let problem = BulletinProblem(status: 409, response)
        guard problem.type == "appointment-version-conflict", let current = problem.document?.current else { return problem }
        return AppointmentVersionConflict(problem: problem, current: current)
    }
}
