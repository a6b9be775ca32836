import Foundation
import HTTPTypes
import Hummingbird
import MizBus
import MizPersian
import MizSchema

/// The officials' JSON API under `/api/v1` (documented in `Resources/openapi.json`):
///
/// - `GET /api/v1/inbox`: the inbox (کارتابل) with filters, due-date order, paging and counts
///   per status (`InboxQueryParameters`);
/// - `GET /api/v1/inbox/{requestId}`: one request in full, with notes;
/// - `GET /api/v1/inbox/{requestId}/documents/{documentId}`: one stored file;
/// - `POST …/claim`, `…/notes`, `…/fix`, `…/approve` (multipart, the result in `result`),
///   `…/reject`: the official's actions;
/// - `GET /api/v1/holidays`, `POST /api/v1/holidays`, `POST /api/v1/holidays/remove`.
///
/// The gateway only asks for a session (401 without one); who may read or change what is
/// decided by the requests service from the envelope's caller (403 for another province's
/// request or for a citizen). Each action carries an idempotency key: the client's
/// `Idempotency-Key` header, or one made for this HTTP request so a retry on the bus is safe.
package struct InboxAPIRoutes: Sendable {
    let client: BusClient
    /// How long a requests call may take (an approval carries up to 20 MB).
    static let timeout: Duration = .seconds(15)
    /// `Idempotency-Key`.
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    package init(client: BusClient) {
        self.client = client
    }

    /// Adds the routes to a router.
    package func add(to router: Router<GatewayRequestContext>) {
        let api = router.group("api/v1")
        api.get("inbox") { request, context in
            try Self.requireSession(context)
            let query = try InboxQueryParameters(APIQueryParameters(query: request.uri.query)).query
            return try AuthAPIRoutes.json(try await call(Routes.Requests.inbox, query, context))
        }
        api.get("inbox/{requestId}") { _, context in
            try Self.requireSession(context)
            let reference = RequestReference(requestId: try Self.requestId(context))
            return try AuthAPIRoutes.json(try await call(Routes.Requests.detail, reference, context))
        }
        api.get("inbox/{requestId}/documents/{documentId}") { _, context in
            try Self.requireSession(context)
            let query = RequestDocumentQuery(
                requestId: try Self.requestId(context), documentId: context.parameters.get("documentId") ?? "")
            let (document, files) = try await client.callWithAttachments(
                Routes.Requests.document, query, timeout: Self.timeout, caller: context.caller,
                traceId: context.traceId)
            guard let content = files.first else { throw BusError(.internal) }
            return DocumentDownload.response(document, content: content)
        }
        api.post("inbox/{requestId}/claim") { request, context in
            try Self.requireSession(context)
            let reference = RequestReference(requestId: try Self.requestId(context))
            return try AuthAPIRoutes.json(
                try await call(Routes.Requests.claim, reference, context, key: Self.key(request)))
        }
        api.post("inbox/{requestId}/notes") { request, context in
            try Self.requireSession(context)
            struct Body: Decodable { var text: String }
            let body = try await request.decode(as: Body.self, context: context)
            let note = InternalNoteSubmission(requestId: try Self.requestId(context), text: body.text)
            return try AuthAPIRoutes.json(try await call(Routes.Requests.note, note, context, key: Self.key(request)))
        }
        api.post("inbox/{requestId}/fix") { request, context in
            try Self.requireSession(context)
            struct Body: Decodable {
                var fields: [String]?
                var documents: [String]?
                var message: String
            }
            let body = try await request.decode(as: Body.self, context: context)
            let fix = FixRequestSubmission(
                requestId: try Self.requestId(context), fields: body.fields ?? [], documents: body.documents ?? [],
                message: body.message)
            return try AuthAPIRoutes.json(
                try await call(Routes.Requests.askForFix, fix, context, key: Self.key(request)))
        }
        api.post("inbox/{requestId}/approve") { request, context in
            try Self.requireSession(context)
            let form = try await MultipartForm.read(request)
            guard let result = form.file("result") else {
                throw BusError.invalidInput([FieldError(field: "result", message: "فایل نتیجه را پیوست کنید.")])
            }
            let approval = ApprovalSubmission(
                requestId: try Self.requestId(context), resultFileName: result.fileName, note: form["note"])
            return try AuthAPIRoutes.json(
                try await call(
                    Routes.Requests.approve, approval, context, key: Self.key(request), attachments: [result.data]))
        }
        api.post("inbox/{requestId}/reject") { request, context in
            try Self.requireSession(context)
            struct Body: Decodable { var reasons: String }
            let body = try await request.decode(as: Body.self, context: context)
            let rejection = RejectionSubmission(requestId: try Self.requestId(context), reasons: body.reasons)
            return try AuthAPIRoutes.json(
                try await call(Routes.Requests.reject, rejection, context, key: Self.key(request)))
        }
        api.get("holidays") { request, context in
            try Self.requireSession(context)
            let parameters = APIQueryParameters(query: request.uri.query)
            var year: Int?
            if let text = InboxQueryParameters.value(parameters, "year") {
                guard let number = Int(PersianDigits.latin(text)), (1300...1500).contains(number) else {
                    throw BusError.invalidInput([
                        FieldError(field: "year", message: "سال باید سالی خورشیدی مانند ۱۴۰۵ باشد.")
                    ])
                }
                year = number
            }
            return try AuthAPIRoutes.json(
                try await call(Routes.Requests.holidays, HolidayListQuery(year: year), context))
        }
        api.post("holidays") { request, context in
            try Self.requireSession(context)
            let holiday = try await request.decode(as: Holiday.self, context: context)
            return try AuthAPIRoutes.json(try await call(Routes.Requests.addHoliday, holiday, context))
        }
        api.post("holidays/remove") { request, context in
            try Self.requireSession(context)
            struct Body: Decodable { var date: String }
            let body = try await request.decode(as: Body.self, context: context)
            return try AuthAPIRoutes.json(
                try await call(Routes.Requests.removeHoliday, Holiday(date: body.date, title: ""), context))
        }
    }

    /// Refuses an anonymous request before it reaches the bus.
    static func requireSession(_ context: GatewayRequestContext) throws {
        guard context.session != nil else { throw BusError(.unauthorized) }
    }

    /// The request id of the path.
    static func requestId(_ context: GatewayRequestContext) throws -> String {
        guard let id = context.parameters.get("requestId"), !id.isEmpty, id.count <= 64 else {
            throw BusError(.notFound, message: "درخواست یافت نشد.")
        }
        return id
    }

    /// The client's idempotency key, or a new one for this HTTP request.
    static func key(_ request: Request) -> String {
        guard let sent = request.headers[idempotencyKey]?.trimmingCharacters(in: .whitespaces), !sent.isEmpty,
            sent.count <= 128
        else { return UUID().uuidString }
        return sent
    }

    func call<Request: Encodable & Sendable, Reply: Decodable & Sendable>(
        _ route: Route<Request, Reply>, _ request: Request, _ context: GatewayRequestContext, key: String? = nil,
        attachments: [Data] = []
    ) async throws -> Reply {
        try await client.call(
            route, request, timeout: Self.timeout, caller: context.caller, idempotencyKey: key,
            traceId: context.traceId, attachments: attachments)
    }
}
