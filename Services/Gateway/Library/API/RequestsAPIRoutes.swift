import Foundation
import HTTPTypes
import Hummingbird
import MizBus
import MizPersian
import MizSchema

/// The JSON API of citizens' requests under `/api/v1` (documented in `Resources/openapi.json`):
///
/// - `POST /api/v1/requests`: apply; `multipart/form-data` with a `submission` part (JSON:
///   service code, province, applicant, fields) and one file part per document, named by the
///   document's key; `Idempotency-Key` makes a repeat return the first receipt;
/// - `GET /api/v1/requests`, `GET /api/v1/requests/{requestId}`: the caller's requests;
/// - `GET /api/v1/requests/{requestId}/documents/{documentId}`, `GET …/result`: files;
/// - `POST /api/v1/requests/{requestId}/fix` (multipart, a `fix` part with the fields and one
///   file part per document asked for), `POST …/withdraw`;
/// - `POST /api/v1/tracking`: status by process number and tracking code, no login, no
///   personal data (a POST, so the code stays out of addresses and logs).
package struct RequestsAPIRoutes: Sendable {
    let requests: RequestsClient

    package init(client: BusClient) {
        requests = RequestsClient(client: client)
    }

    /// `Idempotency-Key`.
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    /// The JSON part of an application: everything but the files.
    struct SubmissionPart: Decodable {
        var serviceCode: String
        var province: String
        var applicant: IdentityVerifyRequest
        var fields: [String: String]?
    }

    /// The JSON part of a fix: the corrected answers.
    struct FixPart: Decodable {
        var fields: [String: String]?
    }

    /// The body of a withdrawal.
    struct WithdrawalBody: Decodable {
        var reason: String?
    }

    /// Adds the routes to a router.
    package func add(to router: Router<GatewayRequestContext>) {
        let api = router.group("api/v1")
        api.post("requests") { request, context in
            try Self.requireSession(context)
            let form = try await MultipartForm.read(request)
            let part: SubmissionPart = try Self.json(form, part: "submission")
            let (documents, files) = Self.uploads(form)
            let submission = RequestSubmission(
                serviceCode: part.serviceCode, province: part.province, applicant: part.applicant,
                fields: part.fields ?? [:], documents: documents)
            let receipt = try await requests.submit(
                submission, files: files, idempotencyKey: request.headers[Self.idempotencyKey], context: context)
            return try AuthAPIRoutes.json(receipt, status: .created)
        }
        api.get("requests") { request, context in
            let query = WebQuery(request.uri.query)
            let page = try Self.integer(query["page"], name: "page") ?? 1
            let pageSize = try Self.integer(query["pageSize"], name: "pageSize") ?? 20
            let list = try await requests.call(
                Routes.Requests.mine, RequestListQuery(page: page, pageSize: pageSize), context)
            return try AuthAPIRoutes.json(list)
        }
        api.get("requests/{requestId}") { _, context in
            let reference = RequestReference(requestId: try Self.requestId(context))
            return try AuthAPIRoutes.json(try await requests.call(Routes.Requests.detail, reference, context))
        }
        api.get("requests/{requestId}/documents/{documentId}") { _, context in
            try await requests.document(
                requestId: try Self.requestId(context), documentId: context.parameters.get("documentId") ?? "",
                context: context)
        }
        api.get("requests/{requestId}/result") { _, context in
            try await requests.result(requestId: try Self.requestId(context), context: context)
        }
        api.post("requests/{requestId}/fix") { request, context in
            try Self.requireSession(context)
            let form = try await MultipartForm.read(request)
            let part: FixPart = try Self.json(form, part: "fix")
            let (documents, files) = Self.uploads(form)
            let fix = FixSubmission(
                requestId: try Self.requestId(context), fields: part.fields ?? [:], documents: documents)
            let detail = try await requests.submitFix(
                fix, files: files, idempotencyKey: request.headers[Self.idempotencyKey], context: context)
            return try AuthAPIRoutes.json(detail)
        }
        api.post("requests/{requestId}/withdraw") { request, context in
            let body = try await request.decode(as: WithdrawalBody.self, context: context)
            let detail = try await requests.call(
                Routes.Requests.withdraw,
                WithdrawalSubmission(requestId: try Self.requestId(context), reason: body.reason), context,
                idempotencyKey: request.headers[Self.idempotencyKey])
            return try AuthAPIRoutes.json(detail)
        }
        api.post("tracking") { request, context in
            let query = try await request.decode(as: RequestTrackingQuery.self, context: context)
            return try AuthAPIRoutes.json(try await requests.call(Routes.Requests.track, query, context))
        }
    }

    /// Refuses an upload without a session before its body is read; who may submit what is
    /// still the requests service's decision.
    static func requireSession(_ context: GatewayRequestContext) throws {
        guard context.session != nil else { throw BusError(.unauthorized) }
    }

    /// The files of a form as the wire's uploads: attachment frame `i` is the `i`th file.
    static func uploads(_ form: MultipartForm) -> ([DocumentUpload], [Data]) {
        let documents = form.files.enumerated().map {
            DocumentUpload(key: $0.element.field, fileName: $0.element.fileName, attachment: $0.offset)
        }
        return (documents, form.files.map(\.data))
    }

    /// A JSON part of a form, decoded.
    static func json<T: Decodable>(_ form: MultipartForm, part name: String) throws -> T {
        guard let text = form.raw(name) else {
            throw BusError.invalidInput(
                [FieldError(field: name, message: "بخش «\(name)» با داده‌های JSON در فرم نیست.")])
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw BusError.invalidInput([FieldError(field: name, message: "بخش «\(name)» JSON معتبری نیست.")])
        }
    }

    /// The `requestId` path parameter.
    static func requestId(_ context: GatewayRequestContext) throws -> String {
        guard let id = context.parameters.get("requestId"), !id.isEmpty, id.count <= 64 else {
            throw BusError(.notFound, message: "درخواست مورد نظر یافت نشد.")
        }
        return id
    }

    /// A whole-number query parameter, in any digits.
    static func integer(_ text: String?, name: String) throws -> Int? {
        guard let text else { return nil }
        guard let value = PersianDigits.parseInteger(text) else {
            throw BusError.invalidInput([FieldError(field: name, message: "«\(name)» باید عددی صحیح باشد.")])
        }
        return value
    }
}
