import BulletinCore
import BulletinOpenAPI
import BulletinStore

extension BulletinAPI {
    func completeSetup(_ input: Operations.CompleteSetup.Input) async throws -> Operations.CompleteSetup.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let request = try SetupRequest(validating: body)
        let identity = IdentityRepository(database: services.database)
        do {
            // The token is checked before the password is hashed, so that only its holder
            // can make the server spend a bcrypt's worth of CPU.
            try await identity.checkSetupToken(request.token)
            let passwordHash = try await services.passwordHasher.hash(request.password)
            let membership = try await identity.completeSetup(
                token: request.token, workspaceName: request.workspaceName, email: request.email,
                passwordHash: passwordHash, context: RequestScope.auditContext(), now: services.clock.now())
            if services.demoSites.enabled {
                try await DemoProject.seed(workspaceID: membership.workspace.id, ownerID: membership.user.id, services: services)
            }
            return .created(.init(body: .json(Components.Schemas.SetupResult(membership))))
        } catch let error as IdentityError {
            throw APIError(identity: error)
        }
    }
}

/// A setup request whose every field has been checked.
struct SetupRequest {
    let token: SecretToken
    let workspaceName: String
    let email: EmailAddress
    let password: String

    /// Checks every field and reports all problems at once.
    init(validating body: Components.Schemas.SetupRequest) throws {
        var problems: [FieldError] = []
        if body.token.isEmpty || body.token.count > 256 {
            problems.append(FieldError(pointer: "/token", message: "Paste the setup token from the server's log."))
        }
        let name = DisplayName.problem(with: body.workspaceName, naming: "the workspace")
        if let name { problems.append(FieldError(pointer: "/workspaceName", message: name)) }
        let email = EmailAddress(body.email)
        if email == nil {
            problems.append(FieldError(pointer: "/email", message: "Enter an e-mail address such as ada@example.com."))
        }
        if let password = PasswordPolicy.problem(with: body.password) {
            problems.append(FieldError(pointer: "/password", message: password))
        }
        guard problems.isEmpty, let email else { throw APIError.validation(problems) }
        self.token = SecretToken(value: body.token)
        self.workspaceName = DisplayName.normalised(body.workspaceName)
        self.email = email
        self.password = body.password
    }
}

extension APIError {
    /// The problem for a refused identity change.
    init(identity error: IdentityError) {
        switch error {
        case .invalidSetupToken: self.init(.invalidSetupToken, detail: "Use the newest token from the server's log; each is used once.")
        case .alreadySetUp: self.init(.alreadySetUp, detail: "Sign in instead, or ask an admin for an invitation.")
        case .emailTaken: self.init(.emailTaken, detail: "Sign in with this address, or use another.")
        case .workspaceNotFound, .ambiguousWorkspace, .notMember: self.init(.notFound, detail: "No such workspace.")
        case .notFound: self.init(.notFound)
        case .lastOwner: self.init(.lastOwner, detail: "Make another member an owner first.")
        case .roleAboveCaller: self.init(.roleAboveCaller)
        case .invalidRefreshToken: self.init(.invalidRefreshToken, detail: "Sign in again.")
        case .refreshTokenReused:
            self.init(.refreshTokenReused, detail: "Every token of this session is revoked; sign in again.")
        case .invalidInvitation: self.init(.invalidInvitation, detail: "Ask for a new invitation.")
        case .alreadyMember: self.init(.alreadyMember)
        }
    }
}
