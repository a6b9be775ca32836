import Foundation
import HTTPTypes
import Hummingbird
import MizBus
import MizSchema
import NIOCore

/// The JSON API of surveys, complaints and messages under `/api/v1/feedback` (documented in
/// `Resources/openapi.json`). Every call carries the request's caller and client address; the
/// feedback service decides who may read or change what (ownership of a request through the
/// requests service, staff by their provinces).
///
/// - surveys: `POST surveys`, `POST surveys/edit`, `GET surveys/{processNumber}` (the tracking
///   code, when not logged in, in the `X-Tracking-Code` header, never in the address);
/// - complaints: `POST complaints` (JSON, or `multipart/form-data` with an optional
///   `attachment` file), `GET complaints`, `GET complaints/{trackingNumber}`,
///   `GET complaints/{trackingNumber}/attachment`, and for staff `POST …/review`,
///   `POST …/answer`, `POST …/close`;
/// - messages: `POST messages/challenge`, `POST messages`, and for staff `GET messages`,
///   `POST messages/{messageNumber}/close`;
/// - `GET statistics` for staff.
///
/// A submission may carry an `Idempotency-Key` header so a retry stores nothing twice.
package struct FeedbackAPIRoutes: Sendable {
    let client: BusClient
    /// How long a feedback call may take (it may call the requests service in turn).
    static let timeout: Duration = .seconds(8)
    /// The largest complaint attachment accepted: the feedback service's default limit, so a
    /// larger file is refused before it is held whole or sent over the bus.
    static let maximumAttachmentBytes = 5 * 1024 * 1024
    /// Room in a complaint body for its text fields and part headers.
    static let maximumFieldsBytes = 1024 * 1024
    /// `Idempotency-Key`.
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    /// `X-Tracking-Code`.
    static let trackingCodeHeader = HTTPField.Name("X-Tracking-Code")!

    package init(client: BusClient) {
        self.client = client
    }

    /// Adds the routes to a router.
    package func add(to router: Router<GatewayRequestContext>) {
        let api = router.group("api/v1/feedback")
        api.post("surveys") { request, context in
            let body = try await request.decode(as: SurveySubmitRequest.self, context: context)
            let survey = try await call(Routes.Feedback.surveySubmit, body, context, request: request)
            return try AuthAPIRoutes.json(survey, status: .created)
        }
        api.post("surveys/edit") { request, context in
            let body = try await request.decode(as: SurveySubmitRequest.self, context: context)
            return try AuthAPIRoutes.json(try await call(Routes.Feedback.surveyEdit, body, context, request: request))
        }
        api.get("surveys/{processNumber}") { request, context in
            let query = SurveyQuery(
                processNumber: context.parameters.get("processNumber") ?? "",
                trackingCode: request.headers[Self.trackingCodeHeader])
            return try AuthAPIRoutes.json(try await call(Routes.Feedback.survey, query, context, request: request))
        }
        api.post("complaints") { request, context in
            let (body, attachments) = try await complaintSubmission(request, context: context)
            let complaint = try await call(
                Routes.Feedback.complaintSubmit, body, context, request: request, attachments: attachments)
            return try AuthAPIRoutes.json(complaint, status: .created)
        }
        api.get("complaints") { request, context in
            let query = try Self.complaintListQuery(APIQueryParameters(query: request.uri.query))
            return try AuthAPIRoutes.json(try await call(Routes.Feedback.complaints, query, context, request: request))
        }
        api.get("complaints/{trackingNumber}") { request, context in
            try AuthAPIRoutes.json(
                try await call(Routes.Feedback.complaint, complaintQuery(context), context, request: request))
        }
        api.get("complaints/{trackingNumber}/attachment") { request, context in
            let (reply, files) = try await client.callWithAttachments(
                Routes.Feedback.complaintAttachment, complaintQuery(context), timeout: Self.timeout,
                caller: context.caller, traceId: context.traceId)
            guard let file = files.first else { throw BusError(.notFound, message: "این شکایت پیوستی ندارد.") }
            return Self.file(file, type: reply.fileType)
        }
        api.post("complaints/{trackingNumber}/review") { request, context in
            try AuthAPIRoutes.json(
                try await call(Routes.Feedback.complaintReview, complaintQuery(context), context, request: request))
        }
        api.post("complaints/{trackingNumber}/answer") { request, context in
            struct Answer: Decodable { var answer: String }
            let body = try await request.decode(as: Answer.self, context: context)
            let answer = ComplaintAnswerRequest(
                trackingNumber: context.parameters.get("trackingNumber") ?? "", answer: body.answer)
            return try AuthAPIRoutes.json(
                try await call(Routes.Feedback.complaintAnswer, answer, context, request: request))
        }
        api.post("complaints/{trackingNumber}/close") { request, context in
            try AuthAPIRoutes.json(
                try await call(Routes.Feedback.complaintClose, complaintQuery(context), context, request: request))
        }
        api.post("messages/challenge") { request, context in
            try AuthAPIRoutes.json(
                try await call(Routes.Feedback.messageChallenge, MessageChallengeRequest(), context, request: request))
        }
        api.post("messages") { request, context in
            let body = try await request.decode(as: MessageSubmitRequest.self, context: context)
            let message = try await call(Routes.Feedback.messageSubmit, body, context, request: request)
            return try AuthAPIRoutes.json(message, status: .created)
        }
        api.get("messages") { request, context in
            let query = try Self.messageListQuery(APIQueryParameters(query: request.uri.query))
            return try AuthAPIRoutes.json(try await call(Routes.Feedback.messages, query, context, request: request))
        }
        api.post("messages/{messageNumber}/close") { request, context in
            let query = MessageQuery(messageNumber: context.parameters.get("messageNumber") ?? "")
            return try AuthAPIRoutes.json(
                try await call(Routes.Feedback.messageClose, query, context, request: request))
        }
        api.get("statistics") { request, context in
            let parameters = APIQueryParameters(query: request.uri.query)
            let query = FeedbackStatisticsQuery(
                serviceCode: try Self.text(parameters, "serviceCode"), province: try Self.text(parameters, "province"))
            return try AuthAPIRoutes.json(
                try await call(Routes.Feedback.statistics, query, context, request: request))
        }
    }

    // MARK: - Complaint bodies

    /// A complaint from JSON, or from multipart form data with its optional file.
    func complaintSubmission(_ request: Request, context: GatewayRequestContext) async throws
        -> (ComplaintSubmitRequest, [Data])
    {
        guard MultipartForm.isMultipart(request) else {
            return (try await request.decode(as: ComplaintSubmitRequest.self, context: context), [])
        }
        let form = try await Self.readUpload(request)
        let complaint = ComplaintSubmitRequest(
            processNumber: form["processNumber"] ?? "", trackingCode: form["trackingCode"], text: form["text"] ?? "")
        return (complaint, form.file("attachment").map { [$0.data] } ?? [])
    }

    /// A complaint's multipart body, within the attachment limit and room for the text fields.
    static func readUpload(_ request: Request) async throws -> MultipartForm {
        try await MultipartForm.read(
            request, maximumBodySize: maximumAttachmentBytes + maximumFieldsBytes,
            maximumPartSize: maximumAttachmentBytes)
    }

    func complaintQuery(_ context: GatewayRequestContext) -> ComplaintQuery {
        ComplaintQuery(trackingNumber: context.parameters.get("trackingNumber") ?? "")
    }

    // MARK: - Query parameters

    /// `province`, `status`, `escalatedOnly`, `page`, `pageSize` of a complaint list.
    static func complaintListQuery(_ parameters: APIQueryParameters) throws -> ComplaintListQuery {
        var query = ComplaintListQuery()
        query.province = try Self.text(parameters, "province")
        if let status = try Self.text(parameters, "status") {
            guard let value = ComplaintStatus(rawValue: status) else {
                throw invalid("status", "وضعیت شکایت معتبر نیست.")
            }
            query.status = value
        }
        query.escalatedOnly = try Self.text(parameters, "escalatedOnly") == "true"
        query.page = try number(parameters, "page", default: 1, range: 1...100_000)
        query.pageSize = try number(parameters, "pageSize", default: 20, range: 1...100)
        return query
    }

    /// `province`, `status`, `kind`, `page`, `pageSize` of a message list.
    static func messageListQuery(_ parameters: APIQueryParameters) throws -> MessageListQuery {
        var query = MessageListQuery()
        query.province = try Self.text(parameters, "province")
        if let status = try Self.text(parameters, "status") {
            guard let value = MessageStatus(rawValue: status) else { throw invalid("status", "وضعیت پیام معتبر نیست.") }
            query.status = value
        }
        if let kind = try Self.text(parameters, "kind") {
            guard let value = MessageKind(rawValue: kind) else { throw invalid("kind", "نوع پیام معتبر نیست.") }
            query.kind = value
        }
        query.page = try number(parameters, "page", default: 1, range: 1...100_000)
        query.pageSize = try number(parameters, "pageSize", default: 20, range: 1...100)
        return query
    }

    /// A parameter's value, trimmed; nil when absent or blank.
    static func text(_ parameters: APIQueryParameters, _ name: String) throws -> String? {
        if parameters.isMalformed(name) { throw invalid(name, APIMessages.malformedParameter) }
        let value = parameters[name]?.trimmingCharacters(in: .whitespaces) ?? ""
        return value.isEmpty ? nil : value
    }

    static func number(_ parameters: APIQueryParameters, _ name: String, default value: Int, range: ClosedRange<Int>)
        throws -> Int
    {
        guard let text = try Self.text(parameters, name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw invalid(name, name == "page" ? APIMessages.badPage : "تعداد موارد هر صفحه باید بین ۱ تا ۱۰۰ باشد.")
        }
        return number
    }

    static func invalid(_ field: String, _ message: String) -> BusError {
        BusError(.invalidInput, fields: [FieldError(field: field, message: message)])
    }

    /// A stored file as a download that never runs in the desk's origin.
    static func file(_ data: Data, type: DocumentFileType) -> Response {
        let mime =
            switch type {
            case .pdf: "application/pdf"
            case .jpeg: "image/jpeg"
            case .png: "image/png"
            default: "application/octet-stream"
            }
        return Response(
            status: .ok,
            headers: [
                .contentType: mime, .cacheControl: "private, no-store", .contentDisposition: "attachment",
                WebResponse.contentTypeOptions: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: - Bus

    func call<Body: Encodable & Sendable, Reply: Decodable & Sendable>(
        _ route: Route<Body, Reply>, _ body: Body, _ context: GatewayRequestContext, request: Request,
        attachments: [Data] = []
    ) async throws -> Reply {
        try await client.call(
            route, body, timeout: Self.timeout, caller: context.caller,
            idempotencyKey: request.headers[Self.idempotencyKey], traceId: context.traceId, attachments: attachments)
    }
}
