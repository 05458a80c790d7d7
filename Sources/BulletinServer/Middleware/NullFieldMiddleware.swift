import Foundation
import Hummingbird

/// Refuses a JSON body that sends `null` where the OpenAPI document does not allow it
/// (``NullFieldRules``), with a 422 naming each field, before the handler runs; any other
/// body passes on unchanged (one that does not parse is left to the decoder's problem).
struct NullFieldMiddleware: RouterMiddleware {
    typealias Context = BulletinRequestContext
    let rules: NullFieldRules
    let maximumSize: Int

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        guard let template = context.endpointPath, RequestBodyMiddleware.isJSON(request.headers[.contentType]) else {
            return try await next(request, context)
        }
        var request = request
        let body = try await request.collectBody(upTo: maximumSize)
        if let json = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView), options: [.fragmentsAllowed]) {
            let problems = rules.problems(method: request.method.rawValue, path: template, body: json)
            guard problems.isEmpty else { throw APIError.validation(problems) }
        }
        return try await next(request, context)
    }
}
