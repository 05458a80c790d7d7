import Hummingbird

/// Refuses a request whose query breaks what the OpenAPI document declares for its
/// parameters (``QueryParameterRules``) with a 400 naming each one, before the handler runs:
/// a `tag` longer than its `maxLength`, a `limit` out of range, a `cursor` that is not one
/// the server gives. Requests that match no route pass untouched.
struct QueryValidationMiddleware: RouterMiddleware {
    typealias Context = BulletinRequestContext
    let rules: QueryParameterRules

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        guard let template = context.endpointPath else { return try await next(request, context) }
        let problems = rules.problems(method: request.method, path: template, query: request.uri.query)
        guard problems.isEmpty else {
            throw APIError(
                .badRequest,
                detail: problems.count == 1 ? "1 query parameter is invalid." : "\(problems.count) query parameters are invalid.",
                fieldErrors: problems)
        }
        return try await next(request, context)
    }
}
